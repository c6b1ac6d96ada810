"""Rules that say what a record needs, with messages that name the missing or wrong field.

Every door a meeting comes in by (typing, a plan, a CSV file, a JSON export, a file opened from
the data folder) ends in these rules: the Council applies them one action at a time, and
``record_problems`` applies them to a whole meeting at once, in time linear in its size.
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date, datetime, time
from typing import Any, Iterable

from roomtui.domain.choices import role_choices, role_of
from roomtui.domain.model import AgendaItem, Disposition, Meeting, Response, Role, SignInState
from roomtui.domain.problems import FieldName, Problem, as_problem, problem
from roomtui.domain.text import (
    LINE_LIMIT,
    TEXT_LIMIT,
    TextTooLong,
    clean_text,
    compare_key,
    shown,
)
from roomtui.i18n import LANGUAGES, N_, _

MAX_MEETING_MINUTES = 24 * 60
MAX_ITEM_MINUTES = 12 * 60
MAX_SPEAKING_SECONDS = 2 * 60 * 60
MAX_ENTRY_SECONDS = 24 * 60 * 60  # one turn with every "+1 minute" it got: never more than a day
MAX_RECORD_ID = 10**9
EARLIEST_YEAR, LATEST_YEAR = 1990, 2100

# The size of one meeting, as its compact JSON encoding (what the store writes, give or take its
# small header). Every file roomtui reads is limited by this, never by a figure of its own: an
# export or a plan of a meeting is at most IMPORT_SIZE_FACTOR times its stored size (indenting and
# escaping; tests/test_import_rules.py checks the worst shapes), so whatever roomtui writes, it
# reads back.
MAX_MEETING_BYTES = 8 * 1024 * 1024
IMPORT_SIZE_FACTOR = 4
MAX_FILE_BYTES = IMPORT_SIZE_FACTOR * MAX_MEETING_BYTES
MAX_NESTING = 12  # a meeting file is at most ~6 levels deep (meeting.speakers[i].pauses[j].x)

# What a meeting id may be: it names the meeting's file, so the store and the plan share the rule.
# \Z, not $: "$" also matches before a trailing newline ("abc\n" would name the file "abc\n.json").
MEETING_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,80}\Z")


def is_meeting_id(value: object) -> bool:
    """The one id rule, for every door (command line, plans, JSON imports, forms, report-back links)."""
    return isinstance(value, str) and MEETING_ID.fullmatch(value) is not None

# Text fields that keep their line breaks (and get the long limit); the rest is one line.
MULTILINE_FIELDS = frozenset({"background", "description", "suggestion", "text", "plan", "milestones", "reason",
                              "next_step", "interim_measure", "action", "note", "leader_summary", "closing_remarks",
                              "summary", "agreed_items"})


class ValidationError(ValueError):
    """One or more problems with what was entered (see problems.py): ``problems`` are Problem objects,
    each with the field it is about; ``messages`` are the same put into words (control characters
    always made visible)."""

    def __init__(self, problems: Iterable[Problem | str]) -> None:
        self.problems: list[Problem] = [as_problem(p) for p in problems]
        super().__init__("; ".join(self.messages))

    @property
    def messages(self) -> list[str]:
        return [str(p) for p in self.problems]

    def at(self, name: str) -> ValidationError:
        """The same problems, about field ``name`` where they name none."""
        return ValidationError([p.at(name) for p in self.problems])


# The fields each disposition requires (docs/architecture.md, "The meeting, in the code"), with the label the form shows.
REQUIRED_FIELDS: dict[Disposition, tuple[tuple[str, str], ...]] = {
    Disposition.RESOLVE_NOW: (("action", N_("action")), ("lead_unit", N_("lead unit")), ("deadline", N_("deadline"))),
    Disposition.STEP_BY_STEP: (("plan", N_("plan")), ("milestones", N_("milestones")), ("target_date", N_("target date"))),
    Disposition.HIGHER_LEVEL: (
        ("reason", N_("reason")),
        ("body_asked", N_("body asked")),
        ("next_step", N_("next step")),
        ("interim_measure", N_("interim measure")),
    ),
}


def response_problems(response: Response) -> list[Problem]:
    """What a response still lacks for its disposition, each problem naming its field."""
    problems = []
    if not response.department.strip():
        problems.append(problem("department is required", "department"))
    for name, label in REQUIRED_FIELDS[response.disposition]:
        value = getattr(response, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(problem("{field} is required for '{disposition}'", name, field=FieldName(name, label),
                                    disposition=response.disposition.label))
    for number, commitment in enumerate(response.commitments, 1):
        if not commitment.lead_unit.strip():
            problems.append(problem("commitment {n}: lead unit is required", "lead_unit", n=number))
        if not commitment.deliverable.strip():
            problems.append(problem("commitment {n}: deliverable is required", "deliverable", n=number))
    return problems


def validate_response(response: Response) -> None:
    problems = response_problems(response)
    if problems:
        raise ValidationError(problems)


def parse_date(value: object, field: str) -> date | None:
    """Accept a date or an ISO 'YYYY-MM-DD' string; empty means none."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        text = str(value).strip()
        try:
            value = date.fromisoformat(text)
        except ValueError:
            raise ValidationError([problem("{field} '{value}' is not a date (use YYYY-MM-DD)", field, value=shown(text))])
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            [problem("{field} {value} is outside {a}-{b}", field, value=value.isoformat(), a=EARLIEST_YEAR, b=LATEST_YEAR)]
        )
    return value


def parse_time(value: object, field: str) -> time | None:
    """Accept 'HH:MM' (or a time); empty means none."""
    if value is None or value == "":
        return None
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    text = str(value).strip()
    try:
        parsed = time.fromisoformat(text if len(text) != 4 else "0" + text)
    except ValueError:
        raise ValidationError([problem("{field} '{value}' is not a time (use HH:MM)", field, value=shown(text))])
    return parsed.replace(second=0, microsecond=0)


def parse_minutes(value: object, field: str, maximum: int = MAX_ITEM_MINUTES) -> int:
    """A planned duration in whole minutes, 0 to ``maximum``."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        raise ValidationError([problem("{field} must be a number of minutes", field)])
    try:
        minutes = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise ValidationError([problem("{field} '{value}' is not a number of minutes", field, value=shown(value))])
    if not 0 <= minutes <= maximum:
        raise ValidationError([problem("{field} must be between 0 and {maximum} minutes", field, maximum=maximum)])
    return minutes


def seconds_text(seconds: int) -> str:
    """A speaking limit as people type it and parse_seconds reads it back: "8:00", "120:00"."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def parse_seconds(value: object, field: str) -> int:
    """A speaking limit: 'M:SS', whole minutes, or an int of seconds."""
    if isinstance(value, int) and not isinstance(value, bool):
        seconds = value
    else:
        text = str(value or "").strip()
        try:
            if ":" in text:
                minutes, secs = text.split(":", 1)
                seconds = int(minutes) * 60 + int(secs)
            else:
                seconds = int(text) * 60
        except ValueError:
            raise ValidationError([problem("{field} '{value}' is not a duration (use M:SS)", field, value=shown(text))])
    if not 10 <= seconds <= MAX_SPEAKING_SECONDS:
        raise ValidationError([problem("{field} must be between 0:10 and 120:00", field)])
    return seconds


def text_field(value: object, name: str, *, required: bool = False, multiline: bool = False,
               label: str | None = None) -> str:
    """Clean a typed or imported text and name the field when it is missing or too long.

    ``name`` is the stored field name; ``label`` an English (N_-marked) label when its own does not fit.
    """
    shown_as = FieldName(name, label)
    try:
        text = clean_text(value, multiline=multiline)
    except TextTooLong as error:
        raise ValidationError([problem("{field} {reason}", name, field=shown_as, reason=str(error))]) from None
    if required and not text:
        raise ValidationError([problem("{field} is required", name, field=shown_as)])
    return text


def meeting_problems(meeting: Meeting) -> list[str]:
    """Whole-meeting consistency: agenda durations against the meeting and their parents."""
    problems = []
    top_total = sum(a.planned_minutes for a in meeting.agenda if a.parent_id is None)
    if meeting.planned_minutes and top_total > meeting.planned_minutes:
        problems.append(
            _("the agenda plans {total} min but the meeting lasts {length} min", total=top_total, length=meeting.planned_minutes)
        )
    problems += [problem for _item, problem in parts_problems(meeting.agenda)]
    return problems


# -- shared rules: one copy each -----------------------------------------------------------------
def parse_role(value: object) -> Role:
    """A Role from its value or any word people use for it (English or Chinese)."""
    role = role_of(value) if isinstance(value, (str, Role)) else None
    if role is None:
        raise ValidationError([unknown_role(value)])
    return role


def unknown_role(value: object) -> str:
    return _("unknown role '{value}' (one of: {choices})", value=shown(value), choices=role_choices())


def person_key(name: str, affiliation: str) -> tuple[str, str]:
    """Two participants are the same person when these agree (invisible characters, width and
    case ignored): the duplicate rule of typing, plans, CSV files and imports alike."""
    return compare_key(name), compare_key(affiliation)


def meeting_id_problem(value: object) -> str | None:
    if is_meeting_id(value):
        return None
    return _("id '{value}' may hold only letters, digits, '-' and '_', starting with a letter or digit "
             "(at most 81)", value=shown(value))


def parts_problems(agenda: list[AgendaItem]) -> list[tuple[AgendaItem, str]]:
    """Parents whose parts plan more time than they do, in one pass (a plan may hold thousands)."""
    totals: dict[int, int] = {}
    for item in agenda:
        if item.parent_id is not None:
            totals[item.parent_id] = totals.get(item.parent_id, 0) + item.planned_minutes
    problems = []
    for parent in agenda:
        total = totals.get(parent.id, 0)
        if total and parent.planned_minutes and total > parent.planned_minutes:
            problems.append((parent, _("the parts of '{title}' add up to more than its {minutes} min",
                                       title=parent.title, minutes=parent.planned_minutes)))
    return problems


def encoded_size(data: Any) -> int:
    """Bytes of the compact UTF-8 JSON of ``data`` (a meeting as the codec gives it)."""
    return len(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def size_problem(size: int) -> str | None:
    if size <= MAX_MEETING_BYTES:
        return None
    return _("the meeting would take {size:.1f} MB; a meeting holds at most {limit} MB",
             size=size / 1024 / 1024, limit=MAX_MEETING_BYTES // 1024 // 1024)


def nesting_problem(data: Any, limit: int = MAX_NESTING) -> str | None:
    """Refuse structures deeper than any meeting, without recursion (a hostile file may nest
    100,000 levels)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return _("the file is nested {limit}+ levels deep; a meeting file never is", limit=limit)
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return None


# -- a whole meeting at once ---------------------------------------------------------------------
_LISTS = ("participants", "agenda", "speakers", "issues", "responses", "sign_ins", "floor_requests", "ratings",
          "votes")


def record_problems(meeting: Meeting, *, stored: bool = False) -> list[str]:
    """Everything wrong with a whole meeting as it comes in, each naming its field
    ('meeting.agenda[3].parent_id: ...'). Linear in the meeting's size.

    ``stored``: a file from the data folder, written by roomtui. Rules added after it was
    written (duplicate names compared without invisible characters) are not held against it,
    so a meeting that opened yesterday still opens.
    """
    problems: list[str] = []
    _walk(meeting, "meeting", problems, multiline=False)
    if meeting.language not in LANGUAGES:
        problems.append(_("{where}: '{value}' is not one of: {choices}", where="meeting.language",
                          value=shown(meeting.language), choices=", ".join(LANGUAGES)))
    _number(problems, "meeting.planned_minutes", meeting.planned_minutes, 0, MAX_MEETING_MINUTES)
    for f in dataclasses.fields(meeting.limits):
        if f.name != "one_entry_per_person":
            _number(problems, f"meeting.limits.{f.name}", getattr(meeting.limits, f.name), 10, MAX_SPEAKING_SECONDS)
    ids: dict[str, set[int]] = {}
    for name in _LISTS:
        seen = ids[name] = set()
        for index, row in enumerate(getattr(meeting, name)):
            where = f"meeting.{name}[{index}].id"
            if _number(problems, where, row.id, 0, MAX_RECORD_ID) and row.id in seen:
                problems.append(_("{where}: {id} is used twice", where=where, id=row.id))
            seen.add(row.id)

    def check(where: str, value: int | None, table: str) -> None:
        if value is not None and value not in ids[table]:
            problems.append(_("{where}: no such id {id}", where=where, id=shown(value)))

    parents = {item.id: item.parent_id for item in meeting.agenda}
    for i, item in enumerate(meeting.agenda):
        where = f"meeting.agenda[{i}]"
        _number(problems, f"{where}.planned_minutes", item.planned_minutes, 0, MAX_MEETING_MINUTES)
        if item.parent_id is None:
            continue
        if item.parent_id not in parents:
            check(f"{where}.parent_id", item.parent_id, "agenda")
        elif item.parent_id == item.id or parents[item.parent_id] is not None:
            problems.append(_("{where}: agenda items nest one level only", where=f"{where}.parent_id"))
    problems += [_("{where}: {problem}", where="meeting.agenda", problem=p) for _item, p in parts_problems(meeting.agenda)]
    for i, entry in enumerate(meeting.speakers):
        where = f"meeting.speakers[{i}]"
        check(f"{where}.participant_id", entry.participant_id, "participants")
        check(f"{where}.agenda_item_id", entry.agenda_item_id, "agenda")
        check(f"{where}.issue_id", entry.issue_id, "issues")
        _number(problems, f"{where}.limit_seconds", entry.limit_seconds, 10, MAX_ENTRY_SECONDS)
        _number(problems, f"{where}.position", entry.position, 0, MAX_RECORD_ID)
    for i, issue in enumerate(meeting.issues):
        check(f"meeting.issues[{i}].raised_by", issue.raised_by, "participants")
    for i, response in enumerate(meeting.responses):
        check(f"meeting.responses[{i}].issue_id", response.issue_id, "issues")
    check("meeting.current_item_id", meeting.current_item_id, "agenda")
    for i, entry in enumerate(meeting.sign_ins):
        check(f"meeting.sign_ins[{i}].participant_id", entry.participant_id, "participants")
    for i, request in enumerate(meeting.floor_requests):
        check(f"meeting.floor_requests[{i}].sign_in_id", request.sign_in_id, "sign_ins")
    for i, rating in enumerate(meeting.ratings):
        check(f"meeting.ratings[{i}].response_id", rating.response_id, "responses")
    for i, vote in enumerate(meeting.votes):
        check(f"meeting.votes[{i}].rating_id", vote.rating_id, "ratings")
        check(f"meeting.votes[{i}].sign_in_id", vote.sign_in_id, "sign_ins")
    # one rating per response, one vote per name and rating: a file saying otherwise would count twice
    rated: set[int] = set()
    for i, rating in enumerate(meeting.ratings):
        if rating.response_id in rated:
            problems.append(_("{where}: a second rating of response #{response}", where=f"meeting.ratings[{i}].response_id",
                              response=rating.response_id))
        rated.add(rating.response_id)
    claimed: dict[object, int] = {}
    for i, entry in enumerate(meeting.sign_ins):
        if entry.state is SignInState.RELEASED:
            continue
        who = entry.participant_id if entry.participant_id is not None else person_key(entry.name, entry.affiliation)
        if who in claimed:
            problems.append(_("{where}: the same name signed in twice (sign-ins #{first} and #{second}, neither released)",
                              where=f"meeting.sign_ins[{i}]", first=meeting.sign_ins[claimed[who]].id, second=entry.id))
        claimed.setdefault(who, i)
    voted: set[tuple[int, int]] = set()
    for i, vote in enumerate(meeting.votes):
        if (vote.rating_id, vote.sign_in_id) in voted:
            problems.append(_("{where}: a second vote of sign-in #{sign_in} on rating #{rating}",
                              where=f"meeting.votes[{i}].sign_in_id", sign_in=vote.sign_in_id, rating=vote.rating_id))
        voted.add((vote.rating_id, vote.sign_in_id))
    if not stored:
        people: dict[tuple[str, str], int] = {}
        for i, person in enumerate(meeting.participants):
            key = person_key(person.name, person.affiliation)
            if key in people:
                problems.append(_("{where}: {name} ({affiliation}) is listed twice: participants {first} and {second}",
                                  where=f"meeting.participants[{i}].name", name=shown(person.name),
                                  affiliation=shown(person.affiliation) or "-", first=people[key] + 1,
                                  second=i + 1))
            else:
                people[key] = i
    return problems


def _number(problems: list[str], where: str, value: object, low: int, high: int) -> bool:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        problems.append(_("{where}: {value} is outside {a}-{b}", where=where, value=shown(value), a=low, b=high))
        return False
    return True


_FIELDS: dict[type, tuple[tuple[str, bool], ...]] = {}


def _walk(record: Any, where: str, problems: list[str], multiline: bool) -> None:
    """Text lengths, dates in range and times without a time zone, in every field of ``record``."""
    kind = type(record)
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple((f.name, f.name in MULTILINE_FIELDS) for f in dataclasses.fields(kind))
    for name, long_text in names:
        value = getattr(record, name)
        if value is None or value.__class__ in (int, bool):
            continue
        if value.__class__ is str:
            if len(value) > LINE_LIMIT and len(value) > (TEXT_LIMIT if long_text else LINE_LIMIT):
                _value(value, f"{where}.{name}", problems, long_text)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                _value(item, f"{where}.{name}[{index}]", problems, long_text)
        else:
            _value(value, f"{where}.{name}", problems, long_text)


def _value(value: Any, path: str, problems: list[str], multiline: bool) -> None:
    if isinstance(value, str):
        limit = TEXT_LIMIT if multiline else LINE_LIMIT
        if len(value) > limit:
            problems.append(_("{where} is {length:,} characters long; the limit is {limit:,}", where=path,
                              length=len(value), limit=limit))
    elif isinstance(value, (date, datetime)):
        if isinstance(value, datetime) and value.tzinfo is not None:
            problems.append(_("{where}: {value} gives a time zone; roomtui records the room's local time "
                              "without one", where=path, value=value.isoformat()))
        elif not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            problems.append(_("{where}: {value} is outside {a}-{b}", where=path, value=value.isoformat(),
                              a=EARLIEST_YEAR, b=LATEST_YEAR))
    elif isinstance(value, time):
        if value.tzinfo is not None:
            problems.append(_("{where}: {value} gives a time zone; roomtui records the room's local time "
                              "without one", where=path, value=value.isoformat()))
    elif dataclasses.is_dataclass(value):
        _walk(value, path, problems, multiline)
