"""The whole meeting as JSON: a complete, versioned record that imports back unchanged.

The document is ``{"format": "roomtui-meeting", "schema": 1, "meeting": {...}}`` with the
meeting encoded by the same codec the store uses, so "what is saved" and "what is exported"
cannot drift apart. Export -> import -> export gives identical bytes: text is cleaned on the
way out and on the way in, and cleaning is idempotent.

The public variant blanks the private fields (contacts and internal notes) rather than
dropping them, so it still imports as an ordinary meeting, and marks itself ``"public": true``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from roomtui.domain.codec import DecodeError, meeting_from_data, meeting_to_data
from roomtui.domain.council import MULTILINE_FIELDS
from roomtui.domain.model import Meeting
from roomtui.domain.text import clean_text
from roomtui.i18n import _

FORMAT = "roomtui-meeting"
SCHEMA = 1

# Private fields, by the collection that holds them: never in a public output.
PRIVATE_FIELDS: dict[str, tuple[str, ...]] = {
    "participants": ("contact", "note"),
    "issues": ("note",),
    "responses": ("note",),
}
# Keys whose text keeps its line breaks (the rest is one line), as the Council cleans them.
_MULTILINE = frozenset(MULTILINE_FIELDS) | {"agreed_items"}


class MinutesImportError(ValueError):
    """A meeting file that cannot be imported; the message says what is wrong and where."""


def clean_data(value: Any, key: str = "") -> Any:
    """Clean every string of an encoded meeting the way the Council would have cleaned it."""
    if isinstance(value, dict):
        return {k: clean_data(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_data(v, key) for v in value]
    if isinstance(value, str):
        return clean_text(value, multiline=key in _MULTILINE, limit=sys.maxsize)
    return value


def blank_private(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of encoded meeting ``data`` with every private field emptied."""
    data = dict(data)
    for collection, names in PRIVATE_FIELDS.items():
        data[collection] = [{**row, **{n: "" for n in names if n in row}} for row in data.get(collection, [])]
    data["responses"] = [{**row, "commitments": [_blank_progress_notes(c) for c in row.get("commitments", [])]}
                         for row in data.get("responses", [])]
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
        meeting = meeting_from_data(clean_data(data))
    except DecodeError as error:
        raise MinutesImportError(str(error)) from None
    problems = reference_problems(meeting)
    if problems:
        raise MinutesImportError("; ".join(problems))
    return meeting


def reference_problems(meeting: Meeting) -> list[str]:
    """Duplicate ids and links to things that do not exist: the minutes would misreport them."""
    problems = []
    for name in ("participants", "agenda", "speakers", "issues", "responses"):
        seen: set[int] = set()
        for index, row in enumerate(getattr(meeting, name)):
            if row.id in seen:
                problems.append(_("meeting.{where}[{index}].id: {id} is used twice",
                                  where=name, index=index, id=row.id))
            seen.add(row.id)

    def check(where: str, value: int | None, found: object) -> None:
        if value is not None and found is None:
            problems.append(_("{where}: no such id {id}", where=where, id=value))

    for i, item in enumerate(meeting.agenda):
        check(f"meeting.agenda[{i}].parent_id", item.parent_id, meeting.agenda_item(item.parent_id))
    for i, entry in enumerate(meeting.speakers):
        check(f"meeting.speakers[{i}].participant_id", entry.participant_id, meeting.participant(entry.participant_id))
        check(f"meeting.speakers[{i}].agenda_item_id", entry.agenda_item_id, meeting.agenda_item(entry.agenda_item_id))
        check(f"meeting.speakers[{i}].issue_id", entry.issue_id, meeting.issue(entry.issue_id))
    for i, issue in enumerate(meeting.issues):
        check(f"meeting.issues[{i}].raised_by", issue.raised_by, meeting.participant(issue.raised_by))
    for i, response in enumerate(meeting.responses):
        check(f"meeting.responses[{i}].issue_id", response.issue_id, meeting.issue(response.issue_id))
    check("meeting.current_item_id", meeting.current_item_id, meeting.agenda_item(meeting.current_item_id))
    return problems
