"""Rules that say what a record needs, with messages that name the missing or wrong field."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Iterable

from roomtui.domain.model import Disposition, Meeting, Response
from roomtui.domain.text import TextTooLong, clean_text
from roomtui.i18n import N_, _

MAX_MEETING_MINUTES = 24 * 60
MAX_ITEM_MINUTES = 12 * 60
MAX_SPEAKING_SECONDS = 2 * 60 * 60
EARLIEST_YEAR, LATEST_YEAR = 1990, 2100


class ValidationError(ValueError):
    """One or more problems with what was entered; ``problems`` are whole sentences."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


# The fields each disposition requires (DOMAIN.md), with the label the form shows.
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


def response_problems(response: Response) -> list[str]:
    """What a response still lacks for its disposition, as sentences naming each field."""
    problems = []
    if not response.department.strip():
        problems.append(_("department is required"))
    for name, label in REQUIRED_FIELDS[response.disposition]:
        value = getattr(response, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(
                _("{field} is required for '{disposition}'", field=_(label), disposition=response.disposition.label)
            )
    for number, commitment in enumerate(response.commitments, 1):
        if not commitment.lead_unit.strip():
            problems.append(_("commitment {n}: lead unit is required", n=number))
        if not commitment.deliverable.strip():
            problems.append(_("commitment {n}: deliverable is required", n=number))
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
            raise ValidationError([_("{field} '{value}' is not a date (use YYYY-MM-DD)", field=field, value=text[:40])])
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            [_("{field} {value} is outside {a}-{b}", field=field, value=value.isoformat(), a=EARLIEST_YEAR, b=LATEST_YEAR)]
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
        raise ValidationError([_("{field} '{value}' is not a time (use HH:MM)", field=field, value=text[:40])])
    return parsed.replace(second=0, microsecond=0)


def parse_minutes(value: object, field: str, maximum: int = MAX_ITEM_MINUTES) -> int:
    """A planned duration in whole minutes, 0 to ``maximum``."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        raise ValidationError([_("{field} must be a number of minutes", field=field)])
    try:
        minutes = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise ValidationError([_("{field} '{value}' is not a number of minutes", field=field, value=str(value)[:40])])
    if not 0 <= minutes <= maximum:
        raise ValidationError([_("{field} must be between 0 and {maximum} minutes", field=field, maximum=maximum)])
    return minutes


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
            raise ValidationError([_("{field} '{value}' is not a duration (use M:SS)", field=field, value=text[:40])])
    if not 10 <= seconds <= MAX_SPEAKING_SECONDS:
        raise ValidationError([_("{field} must be between 0:10 and 120:00", field=field)])
    return seconds


def text_field(value: object, field: str, *, required: bool = False, multiline: bool = False) -> str:
    """Clean a typed or imported text and name the field when it is missing or too long."""
    try:
        text = clean_text(value, multiline=multiline)
    except TextTooLong as error:
        raise ValidationError([f"{field} {error}"]) from None
    if required and not text:
        raise ValidationError([_("{field} is required", field=field)])
    return text


def meeting_problems(meeting: Meeting) -> list[str]:
    """Whole-meeting consistency: agenda durations against the meeting and their parents."""
    problems = []
    top_total = sum(a.planned_minutes for a in meeting.agenda if a.parent_id is None)
    if meeting.planned_minutes and top_total > meeting.planned_minutes:
        problems.append(
            _("the agenda plans {total} min but the meeting lasts {length} min", total=top_total, length=meeting.planned_minutes)
        )
    for parent in meeting.agenda:
        children = [a for a in meeting.agenda if a.parent_id == parent.id]
        if children and parent.planned_minutes and sum(c.planned_minutes for c in children) > parent.planned_minutes:
            problems.append(
                _("the parts of '{title}' add up to more than its {minutes} min", title=parent.title, minutes=parent.planned_minutes)
            )
    return problems
