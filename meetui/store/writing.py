"""Changes reduced to plain data (:class:`PendingWrite`) and applied to a meeting file's TinyDB tables."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tinydb import TinyDB, where

from ..core.models import RECORD_TABLES, Meeting, Record
from .meeting_file import MeetingFile

if TYPE_CHECKING:
    from ..core.meeting import Change

__all__ = ["PendingWrite", "apply", "prepare"]


@dataclass
class PendingWrite:
    """A change reduced to plain data, ready to be written by :meth:`Store.write`."""

    meeting_id: str
    header: dict[str, Any] | None = None
    upserts: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    deletes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.header is None and not self.upserts and not self.deletes


def prepare(meeting: Meeting, change: Change) -> PendingWrite:
    """Snapshot what a change must write, as plain data (cheap: done where the change happened)."""
    return PendingWrite(
        meeting_id=meeting.id,
        header=meeting.header() if change.meeting else None,
        upserts=[(RECORD_TABLES[type(r)], r.model_dump(mode="json")) for r in _unique(change.records)],
        deletes=[(RECORD_TABLES[type(r)], r.id) for r in change.deleted],
    )


def apply(db: TinyDB, current: MeetingFile, pending: PendingWrite) -> None:
    """Make one prepared change to the meeting's TinyDB tables (upserts by record id)."""
    if pending.header is not None:
        db.table("meeting").update(pending.header, doc_ids=[1])
    for table_name, doc in pending.upserts:
        table = db.table(table_name)
        doc_id = current.doc_id(table_name, doc["id"])
        if doc_id is None:
            current.remember(table_name, doc["id"], table.insert(doc))
        else:
            table.update(doc, doc_ids=[doc_id])
    for table_name, record_id in pending.deletes:
        db.table(table_name).remove(where("id") == record_id)
        current.forget(table_name)


def _unique(records: Iterable[Record]) -> Iterator[Record]:
    seen: set[int] = set()
    for record in records:
        if id(record) not in seen:
            seen.add(id(record))
            yield record
