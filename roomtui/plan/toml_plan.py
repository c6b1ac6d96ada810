"""The plan file: a whole prepared meeting as one human-writable TOML document.

Python reads TOML without a dependency (tomllib, or tomli on 3.10), and TOML is pleasant to
type: comments, dates as dates, Chinese as it is. ``load_plan`` builds a NEW meeting through
the Council's own methods, so an imported plan is cleaned and validated exactly as if the
secretary had typed it; it reports every problem at once, each with its line, and returns
nothing unless the whole plan is good. ``dump_plan`` writes a meeting's plan back (only what
is prepared beforehand, never live records; toml_dump.py), so export then import gives the
same meeting.

Layout (README and assets/example-plan.toml show it in full)::

    plan_version = 1
    [meeting]            title, theme, series, date, start_time, venue, host, recorder,
                         planned_minutes, language, background, next_theme, review_date,
                         document_number, issuing_office, issue_date, copy_to (how the
                         office files the minutes), created_at, id, origin (optional)
    [limits]             booked, impromptu, resident, answer, point_of_order ("8:00" or
                         minutes), one_entry_per_person
    [[agenda]]           title, kind, planned_minutes
      [[agenda.parts]]   the parts of the [[agenda]] item above (one level of nesting)
    [[participants]]     name, role, affiliation, contact, present, note
    [[issues]]           title, description, category, location, proposer,
                         expected_department, suggestion, note, source
"""

from __future__ import annotations

import os
import re
import sys
from datetime import date, datetime
from typing import Any

from roomtui.domain.cleaning import clean_fields
from roomtui.domain.council import Council
from roomtui.domain.model import (
    AgendaItem,
    Issue,
    IssueSource,
    Meeting,
    Participant,
    Role,
)
from roomtui.domain.problems import problem
from roomtui.domain.text import shown
from roomtui.domain.validation import (
    ValidationError,
    meeting_id_problem,
    person_key,
    record_problems,
    unknown_role,
)
from roomtui.i18n import LANGUAGES, _
from roomtui.domain.choices import kind_of, role_of, source_of, yes_no
from roomtui.plan.errors import ImportProblem, PlanImportError
from roomtui.plan.sources import decode, read_bytes, refuse
from roomtui.plan.toml_dump import LIMIT_KEYS, PLAN_VERSION, dump_plan
from roomtui.plan.toml_locate import TomlLocator

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ORIGIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,80}\Z")  # Meeting.origin: as strict as an id
DEFAULT_NAME = "plan.toml"

MEETING_TEXT = ("title", "theme", "series", "venue", "host", "recorder", "background", "next_theme",
                "document_number", "issuing_office", "copy_to")
MEETING_KEYS = ("id", "origin", "language", "date", "start_time", "planned_minutes", "review_date", "issue_date",
                "created_at") + MEETING_TEXT
AGENDA_KEYS = ("title", "kind", "planned_minutes", "parts")
PARTICIPANT_KEYS = ("name", "role", "affiliation", "contact", "present", "note")
PARTICIPANT_TEXT = ("affiliation", "contact", "note")
ISSUE_TEXT = ("description", "category", "location", "proposer", "expected_department", "suggestion", "note")
ISSUE_KEYS = ("title", "source") + ISSUE_TEXT
ROOT_KEYS = ("plan_version", "meeting", "limits", "agenda", "participants", "issues")

_TOML_ERROR = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")
_DATE_LIKE = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=\s*(\d{4}-\d{1,2}-\d{1,2})\b")


def load_plan(path_or_text: str | os.PathLike | bytes, *, source_name: str | None = None,
              meeting_id: str | None = None) -> Meeting:
    """Build a new draft Meeting from a plan; raise PlanImportError listing every problem.

    ``path_or_text``: a path (``os.PathLike``, or a one-line ``str`` ending in ``.toml``) is
    read from disk; bytes are the file's content; any other ``str`` is the TOML text itself.
    The meeting id is ``meeting_id`` if given, else the plan's ``[meeting] id``, else empty (the
    store gives a fresh one; an import never reuses the id of a meeting it would replace). Ids
    of records are numbered in file order. ``created_at`` stays None unless the plan gives it.
    Every check is linear in the plan's size: a 5,000-item agenda imports in about a second.
    """
    name, text = _read(path_or_text, source_name)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PlanImportError([_syntax_problem(name, text, error)]) from None
    except RecursionError:
        raise refuse(name, _("the plan is nested too deeply to be a plan")) from None
    return _PlanBuilder(name, text, meeting_id).build(data)


def _read(source: str | os.PathLike | bytes, source_name: str | None) -> tuple[str, str]:
    if isinstance(source, str) and not _names_a_file(source):
        return source_name or DEFAULT_NAME, source
    name, data = read_bytes(source, source_name, DEFAULT_NAME)
    return name, decode(name, data)


def _names_a_file(text: str) -> bool:
    """A one-line str ending in .toml is a file name (a TOML document cannot end that way)."""
    return "\n" not in text and text.strip().lower().endswith(".toml")


def _syntax_problem(name: str, text: str, error: Exception) -> ImportProblem:
    """tomllib's message, with its position turned into our line; bad dates said plainly."""
    message = str(error)
    found = _TOML_ERROR.search(message)
    line = int(found.group(1)) if found and found.group(1) else None
    reason = _TOML_ERROR.sub("", message)
    if line is not None:
        source_line = (text.splitlines() or [""])[min(line, len(text.splitlines())) - 1]
        dated = _DATE_LIKE.match(source_line)
        if dated:
            try:
                date.fromisoformat(dated.group(2))
            except ValueError:
                return ImportProblem(name, line, dated.group(1), _(
                    "{field} '{value}' is not a date (use YYYY-MM-DD)", field=dated.group(1), value=dated.group(2)))
        column = int(found.group(2))
        return ImportProblem(name, line, None, _("not valid TOML: {reason} (column {column})", reason=reason,
                                                 column=column))
    return ImportProblem(name, line, None, _("not valid TOML: {reason}", reason=reason))


class _PlanBuilder:
    """Walks the parsed plan, feeding a new meeting through Council and noting every problem."""

    def __init__(self, name: str, text: str, meeting_id: str | None) -> None:
        self.name = name
        self.source_text = text
        self._locator: TomlLocator | None = None
        self.meeting_id = meeting_id
        self.problems: list[ImportProblem] = []

    @property
    def locator(self) -> TomlLocator:
        """Line numbers, found only once a problem needs one (a good plan never scans for them)."""
        if self._locator is None:
            self._locator = TomlLocator(self.source_text)
        return self._locator

    # -- problems --------------------------------------------------------------------------
    def problem(self, path: tuple, key: str | None, message: str, where: str | None = None) -> None:
        self.problems.append(ImportProblem(self.name, self.locator.line(path, key), key, message, where))

    def refused(self, path: tuple, error: ValidationError, keys: tuple[str, ...], where: str | None) -> None:
        """Council's problems, each placed on the line of the field it is about."""
        for found in error.problems:
            self.problem(path, found.field if found.field in keys else None, str(found), where)

    def unknown_keys(self, table: dict, path: tuple, allowed: tuple[str, ...], where: str | None) -> None:
        for key in table:
            if key not in allowed:
                self.problem(path, key, _("unknown field '{name}' (known: {known})", name=shown(key),
                                          known=", ".join(allowed)), where)

    def table(self, data: dict, key: str) -> dict:
        value = data.get(key, {})
        if not isinstance(value, dict):
            self.problem((), key, _("'{name}' must be a table: [{name}]", name=key))
            return {}
        return value

    def array(self, data: dict, key: str) -> list[dict]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem((), key, _("'{name}' must be a list of tables: [[{name}]]", name=key))
            return []
        return value

    def text(self, table: dict, path: tuple, key: str, where: str | None = None) -> str | None:
        """A text value as typed; numbers are taken as text (a phone number unquoted)."""
        value = table.get(key)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        self.problem(path, key, _("{field} must be text in quotes", field=key), where)
        return None

    # -- the plan --------------------------------------------------------------------------
    def build(self, data: dict) -> Meeting:
        self.unknown_keys(data, (), ROOT_KEYS, None)
        version = data.get("plan_version", PLAN_VERSION)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.problem((), "plan_version", _("plan_version must be a whole number"))
        elif version > PLAN_VERSION:
            self.problem((), "plan_version", _("plan_version {version} was written by a newer roomtui; "
                                               "this one reads up to {known}", version=version, known=PLAN_VERSION))
        details = self.table(data, "meeting")
        meeting = self.meeting(details)
        council = Council(meeting)
        self.limits(council, self.table(data, "limits"))
        self.agenda(meeting, self.array(data, "agenda"))
        self.participants(meeting, self.array(data, "participants"))
        self.issues(meeting, self.array(data, "issues"))
        if not self.problems:  # the rules every door shares (ranges, time zones, size), on the whole
            for message in record_problems(meeting):
                self.problem((), None, message)
        if self.problems:
            # in file order, as the secretary will fix them; problems without a line last
            raise PlanImportError(sorted(self.problems, key=lambda p: (p.line is None, p.line or 0)))
        return meeting

    def meeting(self, details: dict) -> Meeting:
        path = ("meeting",)
        self.unknown_keys(details, path, MEETING_KEYS, None)
        meeting = Meeting(id="", title="")
        council = Council(meeting)
        if "title" not in details:
            self.problem(path, None, str(problem("{field} is required", "title")), "[meeting]")
        for key in MEETING_KEYS:
            if key not in details or key in ("id", "origin", "language", "created_at"):
                continue
            value = details[key]
            if key in MEETING_TEXT:
                value = self.text(details, path, key)
                if value is None:
                    continue
            elif isinstance(value, (list, dict)):
                self.problem(path, key, _("{field} must be a single value", field=key))
                continue
            try:
                council.set_details(**{key: value})
            except ValidationError as error:
                self.refused(path, error, (key,), None)
        meeting.language = self.language(details.get("language", "en"))
        meeting.created_at = self.created_at(details.get("created_at"))
        meeting.origin = self.origin(details.get("origin"))
        meeting.id = self.meeting_id or self.plan_id(details.get("id"))
        return meeting

    def language(self, value: Any) -> str:
        if value not in LANGUAGES:
            self.problem(("meeting",), "language", _("language '{value}' is not one of: {choices}",
                                                     value=shown(value), choices=", ".join(LANGUAGES)))
            return "en"
        return value

    def origin(self, value: Any) -> str:
        """The identity of the meeting the plan was exported from (see Meeting.origin)."""
        if value is None:
            return ""
        if not isinstance(value, str) or not ORIGIN.match(value):
            self.problem(("meeting",), "origin", _("{field} '{value}' is not an origin id (letters, digits, '-')",
                                                   field="origin", value=shown(value)))
            return ""
        return value

    def created_at(self, value: Any) -> datetime | None:
        if value is None or isinstance(value, datetime):
            return value
        if isinstance(value, date):
            return datetime.combine(value, datetime.min.time())
        try:
            return datetime.fromisoformat(str(value).strip())
        except ValueError:
            self.problem(("meeting",), "created_at", _("{field} '{value}' is not a date and time",
                                                       field="created_at", value=shown(value)))
            return None

    def plan_id(self, value: Any) -> str:
        """The plan's own id, checked by the store's rule; none: the store gives a fresh one."""
        if value is None:
            return ""
        problem = meeting_id_problem(value)
        if problem:
            self.problem(("meeting",), "id", problem)
            return ""
        return value

    def limits(self, council: Council, limits: dict) -> None:
        path = ("limits",)
        self.unknown_keys(limits, path, LIMIT_KEYS, None)
        for key in LIMIT_KEYS:
            if key not in limits:
                continue
            value = limits[key]
            if key == "one_entry_per_person":
                flag = yes_no(value) if isinstance(value, (bool, str)) else None
                if flag is None:
                    self.problem(path, key, _("{field} must be true or false", field=key))
                else:
                    council.set_limits(one_entry_per_person=flag)
                continue
            if isinstance(value, bool) or not isinstance(value, (int, str)):
                self.problem(path, key, _("{field} must be \"M:SS\" or whole minutes", field=key))
                continue
            try:  # a bare number in a plan means minutes, as in "booked = 8"
                council.set_limits(**{key: str(value)})
            except ValidationError as error:
                self.refused(path, error, (key,), None)

    def agenda(self, meeting: Meeting, items: list[dict]) -> None:
        """Items and their parts, in file order, each cleaned by the Council's rules; the parts'
        minutes are summed as they come, so the check costs one pass, not one per item."""
        for number, entry in enumerate(items):
            path = ("agenda", number)
            where = f"[[agenda]] #{number + 1}"
            parent = self.agenda_item(meeting, entry, path, where, None)
            parts = entry.get("parts", [])
            if not isinstance(parts, list) or not all(isinstance(p, dict) for p in parts):
                self.problem(path, "parts", _("'parts' must be a list of tables: [[agenda.parts]]"), where)
                continue
            total, told = 0, False
            for part_number, part in enumerate(parts):
                part_path = path + ("parts", part_number)
                part_where = f"[[agenda.parts]] #{part_number + 1} of [[agenda]] #{number + 1}"
                if "parts" in part:
                    self.problem(part_path, "parts", _("agenda items nest one level only"), part_where)
                # with its parent refused, a part is still checked (the plan is refused anyway)
                item = self.agenda_item(meeting, part, part_path, part_where, parent.id if parent else None)
                if item is None or parent is None:
                    continue
                total += item.planned_minutes
                if parent.planned_minutes and total > parent.planned_minutes and not told:
                    told = True
                    self.problem(part_path, None, _("the parts of '{title}' add up to more than its {minutes} min",
                                                    title=parent.title, minutes=parent.planned_minutes),
                                 part_where)

    def agenda_item(self, meeting: Meeting, entry: dict, path: tuple, where: str, parent_id: int | None):
        self.unknown_keys(entry, path, AGENDA_KEYS, where)
        title = self.text(entry, path, "title", where)
        kind = kind_of(entry.get("kind", "other"))
        if kind is None:
            self.problem(path, "kind", _("unknown agenda kind '{value}' (one of: {choices})",
                                         value=shown(entry.get("kind")),
                                         choices="opening, briefing, speeches, answers, questions, summary, "
                                                 "closing, other"), where)
            return None
        minutes = entry.get("planned_minutes", 0)
        if isinstance(minutes, (list, dict)):
            self.problem(path, "planned_minutes", _("{field} must be a single value", field="planned_minutes"), where)
            return None
        if "title" not in entry:
            self.problem(path, None, str(problem("{field} is required", "title")), where)
            return None
        if title is None:
            return None
        try:
            cleaned = clean_fields({"title": title, "planned_minutes": minutes}, required=("title",))
        except ValidationError as error:
            self.refused(path, error, ("title", "planned_minutes"), where)
            return None
        item = AgendaItem(id=len(meeting.agenda) + 1, kind=kind, parent_id=parent_id, **cleaned)
        meeting.agenda.append(item)
        return item

    def participants(self, meeting: Meeting, people: list[dict]) -> None:
        seen: dict[tuple[str, str], tuple] = {}
        for number, entry in enumerate(people):
            path = ("participants", number)
            where = f"[[participants]] #{number + 1}"
            self.unknown_keys(entry, path, PARTICIPANT_KEYS, where)
            if "name" not in entry:
                self.problem(path, None, str(problem("{field} is required", "name")), where)
                continue
            name = self.text(entry, path, "name", where)
            values = {k: self.text(entry, path, k, where) for k in PARTICIPANT_TEXT if k in entry}
            role = role_of(entry.get("role", Role.MEMBER.value))
            if role is None:
                self.problem(path, "role", unknown_role(entry.get("role")), where)
            present = yes_no(entry.get("present", True)) if isinstance(entry.get("present", True), (bool, str)) else None
            if present is None:
                self.problem(path, "present", _("{field} must be true or false", field="present"), where)
            if name is None or role is None or present is None or None in values.values():
                continue
            try:
                cleaned = clean_fields({"name": name, **values}, required=("name",))
            except ValidationError as error:
                self.refused(path, error, PARTICIPANT_KEYS, where)
                continue
            key = person_key(cleaned["name"], cleaned.get("affiliation", ""))
            if key in seen:
                self.problem(path, "name", _("{name} ({affiliation}) is listed twice: lines {first} and {second}",
                                             name=cleaned["name"], affiliation=cleaned.get("affiliation") or "-",
                                             first=self.locator.line(seen[key], "name"),
                                             second=self.locator.line(path, "name")), where)
                continue
            seen[key] = path
            meeting.participants.append(Participant(id=len(meeting.participants) + 1, role=role, present=present,
                                                    **cleaned))

    def issues(self, meeting: Meeting, issues: list[dict]) -> None:
        for number, entry in enumerate(issues):
            path = ("issues", number)
            where = f"[[issues]] #{number + 1}"
            self.unknown_keys(entry, path, ISSUE_KEYS, where)
            if "title" not in entry:
                self.problem(path, None, str(problem("{field} is required", "title")), where)
                continue
            title = self.text(entry, path, "title", where)
            values = {k: self.text(entry, path, k, where) for k in ISSUE_TEXT if k in entry}
            source = source_of(entry.get("source", IssueSource.REPORT.value))
            if source is None:
                self.problem(path, "source", _("source '{value}' is not one of: report, floor",
                                               value=shown(entry.get("source"))), where)
            if title is None or source is None or None in values.values():
                continue
            try:
                cleaned = clean_fields({"title": title, **values}, required=("title",))
            except ValidationError as error:
                self.refused(path, error, ISSUE_KEYS, where)
                continue
            meeting.issues.append(Issue(id=len(meeting.issues) + 1, source=source, **cleaned))


__all__ = ["DEFAULT_NAME", "LIMIT_KEYS", "PLAN_VERSION", "dump_plan", "load_plan"]
