"""The whole meeting as JSON: a complete, versioned record that imports back unchanged.

The document is ``{"format": "roomtui-meeting", "schema": 2, "meeting": {...}}`` with the
meeting encoded by the same codec the store uses (older schemas are migrated on the way in,
see domain/migrations.py), so "what is saved" and "what is exported"
cannot drift apart. Export -> import -> export gives identical bytes: text is cleaned on the
way out and on the way in, and cleaning is idempotent.

The public variant blanks the private fields (contacts and internal notes) rather than
dropping them, so it still imports as an ordinary meeting, and marks itself ``"public": true``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from roomtui.domain.codec import (
    DecodeError,
    checked_meeting,
    clean_data,
    meeting_to_data,
)
from roomtui.domain.migrations import SCHEMA, migrate
from roomtui.domain.model import Meeting
from roomtui.domain.text import clean_text, visible
from roomtui.i18n import _

FORMAT = "roomtui-meeting"

# Private fields, by the collection that holds them: never in a public output.
PRIVATE_FIELDS: dict[str, tuple[str, ...]] = {
    "participants": ("contact", "note"),
    "issues": ("note",),
    "responses": ("note",),
}


class MinutesImportError(ValueError):
    """A meeting file that cannot be imported; the message says what is wrong and where."""

    def __init__(self, message: str) -> None:
        super().__init__(visible(message))


def blank_private(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of encoded meeting ``data`` with every private field emptied."""
    data = dict(data)
    for collection, names in PRIVATE_FIELDS.items():
        data[collection] = [{**row, **{n: "" for n in names if n in row}} for row in data.get(collection, [])]
    data["responses"] = [{**row, "commitments": [_blank_progress_notes(c) for c in row.get("commitments", [])]}
                         for row in data.get("responses", [])]
    # who signed in from which phone, asked to speak and voted how: never public (the minutes give counts)
    data.update(sign_ins=[], floor_requests=[], votes=[])
    return data


def _blank_progress_notes(commitment: dict[str, Any]) -> dict[str, Any]:
    """Follow-up progress notes are working notes: the public record keeps dates and grades only."""
    if not commitment.get("history"):
        return commitment
    return {**commitment, "history": [{**entry, "note": ""} for entry in commitment["history"]]}


def meeting_document(meeting: Meeting, *, public: bool) -> dict[str, Any]:
    data = clean_data(meeting_to_data(meeting))
    document: dict[str, Any] = {"format": FORMAT, "schema": SCHEMA, "meeting": blank_private(data) if public else data}
    if public:
        document["public"] = True
    return document


def render_json(meeting: Meeting, *, public: bool) -> str:
    return json.dumps(meeting_document(meeting, public=public), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def meeting_from_json(text: str | bytes) -> Meeting:
    """Read a meeting exported by ``render_json``; raises MinutesImportError naming the problem."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as error:
            raise MinutesImportError(_("not UTF-8 text: bad byte at offset {offset}", offset=error.start)) from None
    text = text.removeprefix("\ufeff")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise MinutesImportError(_("not valid JSON: {problem} at line {line}, column {column}",
                                   problem=error.msg, line=error.lineno, column=error.colno)) from None
    except RecursionError:
        raise MinutesImportError(_("the file is nested too deeply to be a meeting")) from None
    if not isinstance(document, dict):
        raise MinutesImportError(_("not a roomtui meeting file: the top level is not an object"))
    marker = document.get("format")
    if marker != FORMAT:
        raise MinutesImportError(_("not a roomtui meeting file: format is {found}, expected {wanted}",
                                   found=json.dumps(marker, ensure_ascii=False)[:60], wanted=json.dumps(FORMAT)))
    schema = document.get("schema")
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise MinutesImportError(_("schema must be a whole number from 1 up, found {found}",
                                   found=json.dumps(schema, ensure_ascii=False)[:60]))
    if schema > SCHEMA:
        raise MinutesImportError(_("this file was written by a newer roomtui (schema {found}); "
                                   "this version reads schema {supported} or older", found=schema, supported=SCHEMA))
    data = document.get("meeting")
    if not isinstance(data, dict):
        raise MinutesImportError(_("meeting: missing, or not an object"))
    for name in ("id", "title"):
        if not isinstance(data.get(name), str) or not clean_text(data[name], limit=sys.maxsize):
            raise MinutesImportError(_("meeting.{field}: required text is missing", field=name))
    try:
        return checked_meeting(migrate(data, schema))
    except DecodeError as error:
        raise MinutesImportError("; ".join(map(str, error.problems))) from None
