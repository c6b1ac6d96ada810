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

from roomtui.domain.codec import DecodeError, meeting_from_data, meeting_to_data
from roomtui.domain.model import Meeting

SCHEMA = 1
FORMAT = "roomtui-meeting"
LISTS = ("participants", "agenda", "speakers", "issues", "responses")


class SchemaError(Exception):
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
    meta = db.table("meta").get(doc_id=1)
    if meta is None or meta.get("format") != FORMAT:
        raise SchemaError("this is not a roomtui meeting file (no roomtui header)")
    schema = meta.get("schema")
    if not isinstance(schema, int) or schema < 1:
        raise SchemaError(f"unknown schema version {schema!r}")
    if schema > SCHEMA:
        raise SchemaError(f"written by a newer roomtui (schema {schema}; this one reads up to {SCHEMA})")
    header = db.table("meeting").get(doc_id=1)
    if header is None:
        raise SchemaError("the meeting details are missing")
    data = dict(header)
    for name in LISTS:
        rows = sorted(db.table(name).all(), key=lambda row: row.get("_seq", 0))
        data[name] = [{k: v for k, v in row.items() if k != "_seq"} for row in rows]
    try:
        return meeting_from_data(data)
    except DecodeError as error:
        raise SchemaError(f"the meeting does not fit the record: {error}") from None


def tables_of(meeting: Meeting) -> dict[str, list[dict[str, Any]]]:
    return split(meeting_to_data(meeting))
