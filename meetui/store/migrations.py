"""Schema versions of store files and the steps that upgrade old ones.

A file records the schema it was written with (``_meta`` → ``schema``).
Reading an older file runs each step from its version up to
:data:`SCHEMA_VERSION` in memory; the next write of that meeting stores the
upgraded content, so the file on disk is never rewritten by a mere read. A
newer file is refused.

To change the format: bump :data:`SCHEMA_VERSION` and register the step from
the previous version in :data:`MIGRATIONS`. A step receives the whole file as
TinyDB tables (``{"table": {"doc id": {...}}}``) and returns the upgraded tables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 3  # 3: materials are name + link

Data = dict[str, Any]


def _co_owners(data: Data) -> Data:
    """Schema 1 → 2: action items gain ``co_owners`` (协助人), empty for every existing item."""
    for doc in data.get("actions", {}).values():
        if isinstance(doc, dict):
            doc.setdefault("co_owners", [])
    return data


def _materials(data: Data) -> Data:
    """Schema 2 → 3: a meeting's materials, plain names before, become ``{"name", "link"}`` records."""
    for doc in data.get("meeting", {}).values():
        if isinstance(doc, dict) and isinstance(doc.get("materials"), list):
            doc["materials"] = [{"name": m, "link": ""} if isinstance(m, str) else m for m in doc["materials"]]
    return data


#: ``MIGRATIONS[n]`` turns a schema-``n`` file into a schema-``n + 1`` file.
MIGRATIONS: dict[int, Callable[[Data], Data]] = {1: _co_owners, 2: _materials}


class MigrationError(Exception):
    """A file that no registered step can bring to the current schema."""


def migrate(data: Data, schema: int) -> Data:
    """Upgrade ``data`` from ``schema`` to the current schema version (read at call time)."""
    for version in range(schema, SCHEMA_VERSION):
        step = MIGRATIONS.get(version)
        if step is None:
            raise MigrationError(f"no upgrade from schema {version} to {version + 1}")
        try:
            data = step(data)
            data["_meta"]["1"]["schema"] = version + 1
        except Exception as exc:
            raise MigrationError(f"the upgrade from schema {version} failed ({exc})") from exc
    return data
