"""How one meeting sits in its TinyDB file: a table per kind of record, plus a meta table.

Layout (schema 3; older files are migrated when read, see domain/migrations.py):
  meta          one document: {"schema": 3, "format": "roomtui-meeting", "meeting_id": ...}
  meeting       one document: the meeting's own fields (details, limits, remarks, status)
  participants, agenda, speakers, issues, responses, and (schema 3) sign_ins, floor_requests,
  ratings, votes: one document per record, doc_id = record id, with "_seq" keeping the list
                order (the agenda's order is meaningful). An older file has no tables of schema 3
                (they are not read from it): migrations.py gives it none of those records.
TinyDB reads the file (read_meeting); a session writes it through FileEncoder, one write per action.
"""

from __future__ import annotations

import json
from typing import Any

from tinydb import TinyDB

from roomtui.caches import enabled
from roomtui.domain.codec import DecodeError, checked_meeting
from roomtui.domain.migrations import PHONE_LISTS, SCHEMA, migrate
from roomtui.domain.model import Meeting
from roomtui.domain.text import shown
from roomtui.store.storage import encode

FORMAT = "roomtui-meeting"
LISTS = ("participants", "agenda", "speakers", "issues", "responses", *PHONE_LISTS)


class SchemaError(ValueError):
    """The file is a roomtui file we cannot use as is (newer schema, another program's JSON)."""


class FileEncoder:
    """The meeting file's bytes, encoding again only the records that changed since the last call.

    The bytes are the JSON of the TinyDB tables above, as TinyDB's Table API would leave them.
    Profiled with 500 speakers and 300 issues, handing every row of a changed table back to
    TinyDB (a Document per row, the whole table re-encoded) was two thirds of a saved action's
    own work; an action changes a record or two, so the rest of each table is reused as text.
    """

    def __init__(self, meeting_id: str) -> None:
        meta = {"schema": SCHEMA, "format": FORMAT, "meeting_id": meeting_id}
        self._meta = b'"meta":{"1":' + encode(meta) + b"}"  # the same for every write of this meeting
        # table -> (its records as last encoded, its bytes in the file, record id -> (position,
        # record, its bytes)): an unchanged table is one comparison, an unchanged record another
        self._tables: dict[str, tuple[list[dict[str, Any]], bytes, dict[Any, tuple[int, dict[str, Any], bytes]]]] = {}

    def file_bytes(self, data: dict[str, Any]) -> bytes:
        """``data`` (meeting_to_data's) as the file; ValueError when two records share an id."""
        header = {k: v for k, v in data.items() if k not in LISTS}
        parts = [self._meta, b'"meeting":{"1":' + encode(header) + b"}"]
        tables = {}
        spliced = enabled("file-splice")
        for name in LISTS:
            records = data[name]
            last = self._tables.get(name) if spliced else None
            if last is not None and last[0] == records:
                tables[name] = last
            else:
                tables[name] = self._table(name, records, last[2] if last is not None else {})
            parts.append(tables[name][1])
        self._tables = tables  # a text depends on (position, record) only: valid whether or not it is written
        return b"{" + b",".join(parts) + b"}"

    @staticmethod
    def _table(name: str, records: list[dict[str, Any]], before: dict) -> tuple:
        rows: dict[Any, tuple[int, dict[str, Any], bytes]] = {}
        for seq, row in enumerate(records):
            key = row["id"]
            if key in rows:
                raise ValueError(f"two {name} records have the id {key}")
            old = before.get(key)
            if old is not None and old[0] == seq and (old[1] is row or old[1] == row):
                rows[key] = old
            else:
                rows[key] = (seq, row, encode(str(key)) + b":" + encode({**row, "_seq": seq}))
        return records, encode(name) + b":{" + b",".join(text for _, _, text in rows.values()) + b"}", rows


def data_of_file(payload: bytes) -> dict[str, Any]:
    """Meeting data back from bytes FileEncoder made (an undo step: roomtui's own, not checked)."""
    tables = json.loads(payload)
    data = dict(tables["meeting"]["1"])
    for name in LISTS:
        data[name] = in_file_order(list(tables[name].values()))
    return data


def in_file_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A table's documents as the meeting's list: in "_seq" order, without "_seq"."""
    rows.sort(key=lambda row: row.get("_seq", 0))
    return [{k: v for k, v in row.items() if k != "_seq"} for row in rows]


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
    for name in LISTS if schema >= 3 else tuple(n for n in LISTS if n not in PHONE_LISTS):
        rows = db.table(name).all()
        if not all(isinstance(row, dict) and isinstance(row.get("_seq", 0), int) for row in rows):
            raise SchemaError(f"the {name} table is damaged")
        data[name] = in_file_order(rows)
    try:  # the same checks as an import: a hand-edited or damaged file is refused, never half-used
        return checked_meeting(migrate(data, schema), stored=True)
    except DecodeError as error:
        listed = [str(p) for p in error.problems[:5]] + ([f"... (+{len(error.problems) - 5})"] if len(error.problems) > 5 else [])
        raise SchemaError("the meeting does not fit the record: " + "; ".join(listed)) from None
