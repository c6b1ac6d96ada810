"""How one meeting sits in its TinyDB file: a table per kind of record, plus a meta table.

Layout (schema 1):
  meta          one document: {"schema": 1, "format": "roomtui-meeting", "meeting_id": ...}
  meeting       one document: the meeting's own fields (details, limits, remarks, status)
  participants, agenda, speakers, issues, responses: one document per record, doc_id = record id,
                with "_seq" keeping the list order (the agenda's order is meaningful).
Only the tables an action changed are rewritten in TinyDB, and the whole action is one write.
"""

from __future__ import annotations

from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from roomtui.domain.codec import DecodeError, checked_meeting, meeting_to_data
from roomtui.domain.model import Meeting
from roomtui.domain.text import shown

SCHEMA = 1
FORMAT = "roomtui-meeting"
LISTS = ("participants", "agenda", "speakers", "issues", "responses")


class SchemaError(ValueError):
    """The file is a roomtui file we cannot use as is (newer schema, another program's JSON)."""


def split(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Meeting data -> rows per table."""
    header = {k: v for k, v in data.items() if k not in LISTS}
    tables = {"meeting": [header]}
    for name in LISTS:
        tables[name] = [dict(row, _seq=index) for index, row in enumerate(data[name])]
    return tables


def write_tables(db: TinyDB, tables: dict[str, list[dict[str, Any]]], previous: dict | None, meeting_id: str) -> None:
    """Rewrite the tables whose rows differ from ``previous`` (call inside storage.batch())."""
    if previous is None:
        db.table("meta").truncate()
        db.table("meta").insert(Document({"schema": SCHEMA, "format": FORMAT, "meeting_id": meeting_id}, doc_id=1))
    for name, rows in tables.items():
        if previous is not None and previous.get(name) == rows:
            continue
        table = db.table(name)
        table.truncate()
        if name == "meeting":
            table.insert(Document(rows[0], doc_id=1))
        elif rows:
            table.insert_multiple(Document(row, doc_id=row["id"]) for row in rows)


def read_meeting(db: TinyDB) -> Meeting:
    """Rebuild the meeting from its tables, checking the schema first."""
    try:
        return _read_meeting(db)
    except (TypeError, ValueError, AttributeError, KeyError) as error:  # a table of the wrong shape
        if isinstance(error, SchemaError):
            raise
        raise SchemaError(f"the file's tables are damaged ({type(error).__name__})") from None


def _read_meeting(db: TinyDB) -> Meeting:
    meta = db.table("meta").get(doc_id=1)
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise SchemaError("this is not a roomtui meeting file (no roomtui header)")
    schema = meta.get("schema")
    if not isinstance(schema, int) or schema < 1:
        raise SchemaError(f"unknown schema version {shown(repr(schema))}")
    if schema > SCHEMA:
        raise SchemaError(f"written by a newer roomtui (schema {schema}; this one reads up to {SCHEMA})")
    header = db.table("meeting").get(doc_id=1)
    if not isinstance(header, dict):
        raise SchemaError("the meeting details are missing")
    data = dict(header)
    for name in LISTS:
        rows = db.table(name).all()
        if not all(isinstance(row, dict) and isinstance(row.get("_seq", 0), int) for row in rows):
            raise SchemaError(f"the {name} table is damaged")
        rows.sort(key=lambda row: row.get("_seq", 0))
        data[name] = [{k: v for k, v in row.items() if k != "_seq"} for row in rows]
    try:  # the same checks as an import: a hand-edited or damaged file is refused, never half-used
        return checked_meeting(data, stored=True)
    except DecodeError as error:
        listed = [str(p) for p in error.problems[:5]] + ([f"... (+{len(error.problems) - 5})"] if len(error.problems) > 5 else [])
        raise SchemaError("the meeting does not fit the record: " + "; ".join(listed)) from None


def tables_of(meeting: Meeting) -> dict[str, list[dict[str, Any]]]:
    return split(meeting_to_data(meeting))
