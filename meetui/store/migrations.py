"""Schema versions of store files and the steps that upgrade old ones.

A file records the schema it was written with. Reading an older file runs
each step from its version up to :data:`SCHEMA_VERSION` in memory; the file
itself is rewritten only by the next write. A newer file is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 1

Data = dict[str, Any]

#: ``MIGRATIONS[n]`` turns a schema-``n`` file into a schema-``n + 1`` file.
MIGRATIONS: dict[int, Callable[[Data], Data]] = {}


def migrate(data: Data, schema: int) -> Data:
    """Upgrade ``data`` from ``schema`` to the current schema version."""
    for version in range(schema, SCHEMA_VERSION):
        data = MIGRATIONS[version](data)
        data["_meta"]["1"]["schema"] = version + 1
    return data
