"""The JSON minutes: the :class:`~meetui.export.minutes_model.Minutes` model dumped as is.

The format is language-neutral data (``--lang`` does not change it) with the
stable keys documented by :func:`json_schema`, a JSON Schema generated from
the pydantic model. ``Minutes.from_json(render_json(m)) == m`` always holds.
"""

from __future__ import annotations

import json

from .minutes_model import SCHEMA, Minutes


def render_json(minutes: Minutes) -> str:
    """The minutes as indented UTF-8 JSON."""
    return minutes.to_json()


def read_json(text: str | bytes) -> Minutes:
    """Validate JSON minutes (as written by :func:`render_json`) back into the model."""
    return Minutes.from_json(text)


def json_schema() -> dict:
    """The JSON Schema of the minutes format, with its identifier."""
    schema = Minutes.model_json_schema(by_alias=True, mode="serialization")
    schema["$id"] = f"https://meetui.invalid/schema/{SCHEMA}.json"
    schema["title"] = f"meetui minutes ({SCHEMA})"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
