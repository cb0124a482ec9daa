"""A TinyDB storage for one meeting file that keeps it parsed and encoded between writes.

Committing a note to a meeting of thousands of records must not parse the
whole file and serialise it again (some ten milliseconds holding the
interpreter lock, during which the UI's thread stalls). :class:`MeetingFile`
is the TinyDB :class:`~tinydb.storages.Storage` of one meeting file that makes
the work proportional to the change, while TinyDB itself does the table work
(document ids, inserts, updates, removals):

* **No re-parse when the file is ours.** The store reads the file's bytes
  under the meeting's lock and compares them with the bytes this storage last
  read or wrote. Equal bytes mean equal content, so the parsed tables are
  reused; any difference (another process wrote, the file was replaced or
  damaged) means a full read and check. Comparing bytes rather than the
  file's status (inode, size, mtime) costs a read but cannot be fooled by a
  reused inode or a coarse clock.
* **No re-serialising of what did not change.** The JSON of every document is
  kept with a shallow copy of the document it encodes; a write re-encodes
  only the documents that differ from their copy (TinyDB updates documents in
  place) and re-joins their tables. The bytes are exactly those of
  :func:`~meetui.store.atomic.dump_json` on the whole tables.
* **Every write is durable and atomic**: :func:`~meetui.store.atomic.write_atomic`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from . import migrations
from .atomic import dump_json, write_atomic
from .files import Tables

#: Tables whose change can change the meeting's index summary (see :func:`meetui.store.index.entry_of`).
SUMMARY_TABLES = frozenset({"meeting", "actions"})


class MeetingFile(Storage):
    """The checked tables of one meeting file, the bytes they came from, and their JSON piece by piece."""

    def __init__(self, path: Path, raw: bytes, data: Tables) -> None:
        self.path = path
        self.raw = raw
        self.data = data
        #: The schema the tables were checked against (a newer meetui in this process re-reads).
        self.schema = migrations.SCHEMA_VERSION
        #: Whether the index entry was brought up to date with these tables.
        self.indexed = False
        #: Tables changed by the last write.
        self.touched: set[str] = set()
        self._pieces: dict[str, dict[str, tuple[dict[str, Any], bytes]]] = {}
        self._tables: dict[str, tuple[dict[str, Any], bytes]] = {}
        self._ids: dict[str, dict[str, int]] = {}

    def holds(self, raw: bytes) -> bool:
        """Whether ``raw``, just read from the file, is what these tables came from."""
        return raw == self.raw and self.schema == migrations.SCHEMA_VERSION

    # -- TinyDB's storage interface --------------------------------------------------

    def read(self) -> Tables:
        return self.data

    def write(self, data: Tables) -> None:
        """Write the tables TinyDB hands over, atomically and durably."""
        raw = self.serialise(data)
        write_atomic(self.path, raw)
        self.data, self.raw = data, raw

    def close(self) -> None:
        pass

    # -- looking documents up by record id ---------------------------------------------

    def doc_id(self, table_name: str, record_id: str) -> int | None:
        """The TinyDB document id of the record with this id (the first, as a scan would find)."""
        ids = self._ids.get(table_name)
        if ids is None:
            ids = {}
            for key, doc in self.data.get(table_name, {}).items():
                ids.setdefault(doc.get("id"), int(key))
            self._ids[table_name] = ids
        return ids.get(record_id)

    def remember(self, table_name: str, record_id: str, doc_id: int) -> None:
        """Note the document id TinyDB gave a newly inserted record."""
        if table_name in self._ids:
            self._ids[table_name].setdefault(record_id, doc_id)

    def forget(self, table_name: str) -> None:
        """Drop the id lookup of a table after removals."""
        self._ids.pop(table_name, None)

    # -- serialising ------------------------------------------------------------------

    def serialise(self, data: Tables) -> bytes:
        """The whole file's bytes, re-encoding only the documents that changed."""
        self.touched = set()
        parts = [dump_json(name) + b":" + self._table_bytes(name, table) for name, table in data.items()]
        return b"{" + b",".join(parts) + b"}"

    def _table_bytes(self, name: str, table: dict[str, Any]) -> bytes:
        cached = self._tables.get(name)
        if cached is not None and cached[0] is table:  # TinyDB rebuilds every table it changes
            return cached[1]
        old = self._pieces.get(name, {})
        pieces: dict[str, tuple[dict[str, Any], bytes]] = {}
        changed = len(old) != len(table)
        for key, doc in table.items():
            known = old.get(key)
            if known is not None and known[0] == doc:
                pieces[key] = known
            else:
                pieces[key] = (dict(doc), b'"' + key.encode("utf-8") + b'":' + dump_json(doc))
                changed = True
        if changed:
            self.touched.add(name)
        self._pieces[name] = pieces
        encoded = b"{" + b",".join(piece for _, piece in pieces.values()) + b"}"
        self._tables[name] = (table, encoded)
        return encoded
