"""CSV import of participants and of issues, as secretaries keep them in a spreadsheet.

Two steps, so a UI can show what will be imported before it is:

* ``read_participants_csv`` / ``read_issues_csv`` read and check a file and return its rows
  as dicts of clean values (``file`` and ``line`` included), or raise PlanImportError naming
  file, line and field of every problem, duplicates in the file among them.
* ``apply_participants`` / ``apply_issues`` add rows to a meeting ALL OR NOTHING: they work
  on a deep copy through the Council's methods and, only when every row went in, move the
  copy's state into the given Meeting object (the same object, so a Council or screen holding
  it sees the result). On any problem they raise and the meeting is untouched.

``import_participants_csv`` / ``import_issues_csv`` do both.
"""

from __future__ import annotations

import copy
import dataclasses
import os
from typing import Any, Callable

from roomtui.domain.cleaning import clean_fields
from roomtui.domain.council import Council
from roomtui.domain.fields import field_label
from roomtui.domain.model import Issue, IssueSource, Meeting, Participant, Role
from roomtui.domain.text import shown
from roomtui.domain.validation import (
    MULTILINE_FIELDS,
    ValidationError,
    parse_role,
    person_key,
    text_field,
    unknown_role,
)
from roomtui.i18n import _
from roomtui.domain.choices import role_of, yes_no
from roomtui.plan.csv_table import Table, read_table
from roomtui.plan.errors import ImportProblem, PlanImportError

Source = str | os.PathLike | bytes

# field -> the other header names accepted for it (matching ignores case, spaces, "_", "-")
PARTICIPANT_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "full name"),
    "role": ("身份", "角色", "type"),
    "affiliation": ("单位", "工作单位", "organisation", "organization", "unit", "community"),
    "contact": ("联系方式", "电话", "手机", "联系电话", "phone", "e-mail", "email"),
    "present": ("出席", "是否出席", "attending", "attends"),
    "note": ("备注", "notes", "remark", "remarks"),
}
ISSUE_COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("问题", "标题", "问题名称", "issue"),
    "description": ("描述", "问题描述", "details"),
    "category": ("类别", "分类", "type"),
    "location": ("地点", "社区", "community", "place"),
    "proposer": ("提出人", "提出者", "raised by", "调研组"),
    "expected_department": ("责任部门", "答复部门", "department", "承办部门"),
    "suggestion": ("建议", "suggestions", "proposal"),
    "note": ("备注", "notes", "remark", "remarks"),
}


def _label(name: str) -> str:
    return field_label(name)


def _texts(table: Table, line: int, values: dict[str, str], names: tuple[str, ...], required: str) -> dict:
    """Clean each text cell as the Council would, noting problems against line and field."""
    cleaned = {}
    for name in names:
        try:
            cleaned[name] = text_field(values.get(name, ""), name, required=name == required,
                                       multiline=name in MULTILINE_FIELDS)
        except ValidationError as error:
            for message in error.messages:
                table.problem(line, name, message)
    return cleaned


# -- participants --------------------------------------------------------------------------------
def read_participants_csv(source: Source, *, source_name: str | None = None) -> list[dict[str, Any]]:
    """Rows {file, line, name, role (Role), affiliation, contact, present (bool), note}.

    Required column: name. An empty role means member; an empty 'present' means yes.
    """
    table = read_table(source, source_name, "participants.csv", PARTICIPANT_COLUMNS, ("name",))
    rows: list[dict[str, Any]] = []
    seen: dict[tuple[str, str], int] = {}
    for line, values in table.rows:
        row = _texts(table, line, values, ("name", "affiliation", "contact", "note"), "name")
        raw_role = values.get("role", "").strip()
        role = role_of(raw_role) if raw_role else Role.MEMBER
        if role is None:
            table.problem(line, "role", unknown_role(raw_role))
        raw_present = values.get("present", "").strip()
        present = yes_no(raw_present) if raw_present else True
        if present is None:
            table.problem(line, "present", _("present '{value}' is not yes or no", value=shown(raw_present)))
        if len(row) < 4 or role is None or present is None:
            continue
        key = person_key(row["name"], row["affiliation"])
        if key in seen:
            table.problem(line, "name", _("{name} ({affiliation}) is listed twice: lines {first} and {second}",
                                          name=row["name"], affiliation=row["affiliation"] or "-", first=seen[key],
                                          second=line))
            continue
        seen[key] = line
        rows.append({"file": table.file, "line": line, **row, "role": role, "present": present})
    _raise_if(table.problems)
    return rows


def apply_participants(meeting: Meeting, rows: list[dict[str, Any]]) -> list[Participant]:
    """Add every row to ``meeting`` or none; return the added participants.

    A person already in the meeting (same name and affiliation) is an error that names both
    the file's line and the participant already there.
    """

    # the Council's rules for adding a person, with the duplicate look-up kept in a dict, so a
    # roster of thousands is checked in one pass rather than one pass per row
    people = {person_key(p.name, p.affiliation): p for p in meeting.participants}
    next_id = [meeting.next_id(meeting.participants)]

    def add(council: Council, row: dict[str, Any]) -> Participant:
        values = {k: row[k] for k in ("affiliation", "contact", "note") if k in row}
        cleaned = clean_fields({"name": row.get("name", ""), **values}, required=("name",))
        key = person_key(cleaned["name"], cleaned.get("affiliation", ""))
        existing = people.get(key)
        if existing is not None:
            raise ValidationError([_("{name} ({affiliation}) is already participant #{id} of this meeting",
                                     name=cleaned["name"], affiliation=cleaned.get("affiliation") or "-",
                                     id=existing.id)])
        role = parse_role(row.get("role") or Role.MEMBER)
        present = yes_no(row.get("present", True))
        person = Participant(id=next_id[0], role=role, present=True if present is None else present, **cleaned)
        council.meeting.participants.append(person)
        people[key] = person
        next_id[0] += 1
        return person

    return _apply(meeting, rows, add, "participants.csv")


def import_participants_csv(meeting: Meeting, source: Source, *, source_name: str | None = None) -> list[Participant]:
    return apply_participants(meeting, read_participants_csv(source, source_name=source_name))


# -- issues --------------------------------------------------------------------------------------
ISSUE_TEXT = ("title", "description", "category", "location", "proposer", "expected_department", "suggestion", "note")


def read_issues_csv(source: Source, *, source_name: str | None = None) -> list[dict[str, Any]]:
    """Rows {file, line, title, description, category, location, proposer, expected_department,
    suggestion, note}. Required column: title. Imported issues come from the research report."""
    table = read_table(source, source_name, "issues.csv", ISSUE_COLUMNS, ("title",))
    rows = []
    for line, values in table.rows:
        row = _texts(table, line, values, ISSUE_TEXT, "title")
        if len(row) == len(ISSUE_TEXT):
            rows.append({"file": table.file, "line": line, **row})
    _raise_if(table.problems)
    return rows


def apply_issues(meeting: Meeting, rows: list[dict[str, Any]]) -> list[Issue]:
    """Add every row to ``meeting`` as an issue from the research report, or none."""

    def add(council: Council, row: dict[str, Any]) -> Issue:
        values = {k: row[k] for k in ISSUE_TEXT[1:] if k in row}
        return council.add_issue(row.get("title", ""), IssueSource.REPORT, **values)

    return _apply(meeting, rows, add, "issues.csv")


def import_issues_csv(meeting: Meeting, source: Source, *, source_name: str | None = None) -> list[Issue]:
    return apply_issues(meeting, read_issues_csv(source, source_name=source_name))


# -- all or nothing ------------------------------------------------------------------------------
def _apply(meeting: Meeting, rows: list[dict[str, Any]], add: Callable[[Council, dict], Any], default: str) -> list:
    work = copy.deepcopy(meeting)
    council = Council(work)
    added, problems = [], []
    for row in rows:
        try:
            added.append(add(council, row))
        except ValidationError as error:
            problems += [ImportProblem(str(row.get("file", default)), row.get("line"), found.field, str(found))
                         for found in error.problems]
    _raise_if(problems)
    for f in dataclasses.fields(Meeting):  # nothing below can fail: the swap is all or nothing
        setattr(meeting, f.name, getattr(work, f.name))
    return added


def _raise_if(problems: list[ImportProblem]) -> None:
    if problems:
        raise PlanImportError(sorted(problems, key=lambda p: (p.line is None, p.line or 0)))
