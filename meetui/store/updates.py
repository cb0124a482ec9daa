"""One action item update, made durable whoever runs its meeting: applied here, or queued for the live process.

Shared by ``meetui action`` and the home screen. Updates of one meeting from
the shell take turns on ``locks/<id>.shell.lock`` (a bounded wait, instead of
refusing each other); the meeting's live lock then tells whether another
process runs it live, in which case the update is queued for it
(:mod:`meetui.store.queue`) after being checked against the meeting as stored.
Updates a dead live process left queued are applied first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ..core.errors import MeetuiError
from ..core.lifecycle import ActionUpdate, apply_update
from ..core.models import ActionItem
from .locks import MeetingBusy

if TYPE_CHECKING:
    from .store import Store

__all__ = ["SHELL_WAIT_SECONDS", "Submitted", "meeting_to_write", "submit_update"]

#: How long an update waits for another one on the same meeting, in seconds.
SHELL_WAIT_SECONDS = 15.0


@dataclass
class Submitted:
    """What became of an update: ``item`` as saved (applied here), or ``queued`` (its file) for the live process.

    ``warnings``: earlier queued updates that were refused when applied here.
    """

    item: ActionItem | None = None
    queued: Path | None = None
    warnings: list[str] = field(default_factory=list)


def meeting_to_write(store: Store, doc: dict[str, Any]) -> str:
    """Which meeting an update of the action item ``doc`` (an index object) is made in.

    An item carried into a follow-up meeting has a copy in each meeting that holds it (``in_meetings``, see
    :func:`meetui.core.planning.latest_copies`); the update is made where no other process runs the meeting
    live, so that it is on disk at once, and the store gives the other copies the same state (queued for the
    live process; see :mod:`meetui.store.copies`).
    """
    first: str = doc["meeting_id"]
    holders: list[str] = doc.get("in_meetings") or [first]
    ordered = [first, *(m for m in holders if m != first)]
    return next((m for m in ordered if not store.locks.live_held(m)), first)


def submit_update(
    store: Store, meeting_id: str, update: ActionUpdate, *, wait: float = SHELL_WAIT_SECONDS
) -> Submitted:
    """Apply ``update`` to meeting ``meeting_id`` and save it, or queue it if another process runs the meeting live.

    Raises :class:`MeetuiError` (nothing saved nor queued) when the lifecycle refuses it.
    """
    from ..core.meeting import Change

    with store.locks.writing(f"{meeting_id}.shell", timeout=wait):
        try:
            live_lock = store.hold_live(meeting_id)
        except MeetingBusy:
            apply_update(store.load(meeting_id), update.model_copy(deep=True))  # refused here and now, if at all
            return Submitted(queued=store.queue.put(meeting_id, update.model_dump(mode="json")))
        try:
            meeting = store.load(meeting_id)
            result = Submitted()
            changed, taken = [], []
            for path, doc in store.queue.pending(meeting_id):  # left by a live process that died
                try:
                    changed.append(apply_update(meeting, ActionUpdate.model_validate(doc)))
                except (MeetuiError, ValidationError) as error:
                    result.warnings.append(f"a queued update ({path.name}) was refused: {str(error).splitlines()[0]}")
                taken.append(path)
            result.item = apply_update(meeting, update)
            store.commit(meeting, Change([*changed, result.item]))
            store.queue.remove(taken)
        finally:
            live_lock.release()
    return result
