"""One action item, one state: the copies a follow-up meeting carries are kept the same as the item.

A follow-up meeting carries copies of the earlier meeting's open action items
(same id, ``carried_from`` the meeting each was first recorded in; see
:func:`meetui.core.planning.follow_up_fields`), so one item may live in several
meeting files. Whichever copy is written (``meetui action``, the home screen,
the live screen during the review, an update queued for a live meeting), the
store writes the item's new state (:data:`~meetui.core.planning.SHARED_FIELDS`)
to every other copy: through the normal locked write of that meeting, or, when
another process runs that meeting live, as an update queued for it
(:mod:`meetui.store.queue`), which its live screen applies.

Finding the other copies costs one read of the ``meeting`` pack, and one of the
``actions`` pack only when a copy can exist: when an item written was carried,
or some meeting follows up the one written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.planning import copy_key, shared

if TYPE_CHECKING:
    from .store import Store
    from .writing import PendingWrite

__all__ = ["copies_to_write", "queued_update"]

Doc = dict[str, Any]


def written_items(pendings: list[PendingWrite]) -> dict[tuple[str, str], tuple[str, Doc]]:
    """The action items the writes upserted, by :func:`~meetui.core.planning.copy_key`: ``(meeting id, doc)``."""
    found: dict[tuple[str, str], tuple[str, Doc]] = {}
    for pending in pendings:
        for table, doc in pending.upserts:
            if table == "actions":
                found[copy_key({**doc, "meeting_id": pending.meeting_id})] = (pending.meeting_id, doc)
    return found


def copies_to_write(store: Store, pendings: list[PendingWrite]) -> dict[str, list[tuple[Doc, Doc]]]:
    """The other copies of the items ``pendings`` wrote that differ from them, by meeting id: ``(copy, new doc)``
    pairs, the new doc being the copy with the item's state. Reads the index (see the module's docstring)."""
    written = written_items(pendings)
    if not written:
        return {}
    if not any(doc.get("carried_from") for _, doc in written.values()):
        sources = {meeting_id for meeting_id, _ in written.values()}
        rows = store.entries("meeting")
        if not any(row.parts["meeting"].get("follow_up_of") in sources for row in rows):
            return {}
    found: dict[str, list[tuple[Doc, Doc]]] = {}
    for row in store.entries("actions"):
        for doc in row.parts["actions"]:
            hit = written.get(copy_key(doc))
            if hit is None or doc["meeting_id"] == hit[0]:
                continue
            state = shared(hit[1])
            if shared(doc) != state:
                found.setdefault(doc["meeting_id"], []).append((doc, {**doc, **state}))
    return found


def queued_update(copy: Doc, new: Doc) -> Doc:
    """The update (:class:`~meetui.core.lifecycle.ActionUpdate` as JSON) that takes ``copy`` to ``new``'s state,
    for a meeting another process runs live: the status and fields that differ, with the last progress note."""
    progress = new.get("progress") or []
    last = progress[-1] if progress else {}
    update: Doc = {
        "action_id": new["id"],
        "at": last.get("at") or new["created_at"],
        "note": last.get("note", "") if len(progress) > len(copy.get("progress") or []) else "",
        "by": last.get("by", ""),
    }
    if new["status"] != copy["status"]:
        update["status"] = new["status"]
        if new["status"] == "done":
            update["accepted_by"] = new.get("accepted_by", "")
            update["deliverable"] = new.get("deliverable", "")
    for name in ("due", "task", "owner", "co_owners", "priority", "deliverable"):
        if new.get(name) != copy.get(name):
            update[name] = new.get(name)
    return update
