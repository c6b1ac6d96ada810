"""Writing a meeting's plan back as TOML (the reading side is toml_plan.py): what is prepared
before the meeting, never its live records, so that export then import gives the same meeting."""

from __future__ import annotations

from typing import Any

from roomtui.domain.model import IssueSource, Meeting
from roomtui.domain.validation import seconds_text
from roomtui.plan.toml_write import toml_value

PLAN_VERSION = 1
LIMIT_KEYS = ("booked", "impromptu", "resident", "answer", "point_of_order", "one_entry_per_person")


def dump_plan(meeting: Meeting) -> str:
    """The meeting's plan as TOML: details, limits, agenda, participants, issues.

    Live records (speeches, responses, status, summaries) are not part of a plan. The meeting
    id is left out too, so importing an exported plan makes a new meeting rather than
    overwriting the original; pass ``meeting_id`` to ``load_plan`` to keep it.
    """
    out = ["# roomtui meeting plan: import with `roomtui import FILE`. Format: README, 'Plan files'.",
           f"plan_version = {PLAN_VERSION}", "", "[meeting]"]
    out += _pairs([("title", meeting.title), ("language", meeting.language), ("theme", meeting.theme),
                   ("series", meeting.series), ("date", meeting.date), ("start_time", meeting.start_time),
                   ("planned_minutes", meeting.planned_minutes), ("venue", meeting.venue), ("host", meeting.host),
                   ("recorder", meeting.recorder), ("background", meeting.background),
                   ("next_theme", meeting.next_theme), ("review_date", meeting.review_date),
                   ("document_number", meeting.document_number), ("issuing_office", meeting.issuing_office),
                   ("issue_date", meeting.issue_date), ("copy_to", meeting.copy_to),
                   ("created_at", meeting.created_at), ("origin", meeting.origin)])
    limits = meeting.limits
    out += ["", "[limits]"]
    out += _pairs([(name, seconds_text(getattr(limits, name))) for name in LIMIT_KEYS[:-1]])
    out += _pairs([("one_entry_per_person", limits.one_entry_per_person)], keep_false=True)
    known = {item.id for item in meeting.agenda}
    for item in meeting.agenda:
        if item.parent_id is None or item.parent_id not in known:
            out += ["", "[[agenda]]"] + _agenda_pairs(item)
            for part in meeting.agenda:
                if part.parent_id == item.id:
                    out += ["", "[[agenda.parts]]"] + _agenda_pairs(part)
    for person in meeting.participants:
        out += ["", "[[participants]]"]
        out += _pairs([("name", person.name), ("role", person.role.value), ("affiliation", person.affiliation),
                       ("contact", person.contact), ("present", person.present), ("note", person.note)])
    for issue in meeting.issues:
        out += ["", "[[issues]]"]
        out += _pairs([("title", issue.title),
                       ("source", "" if issue.source is IssueSource.REPORT else issue.source.value),
                       ("description", issue.description), ("category", issue.category),
                       ("location", issue.location), ("proposer", issue.proposer),
                       ("expected_department", issue.expected_department), ("suggestion", issue.suggestion),
                       ("note", issue.note)])
    return "\n".join(out) + "\n"


def _agenda_pairs(item) -> list[str]:
    return _pairs([("title", item.title), ("kind", item.kind.value), ("planned_minutes", item.planned_minutes)])


def _pairs(pairs: list[tuple[str, Any]], keep_false: bool = False) -> list[str]:
    """``key = value`` lines, leaving out what is empty or default (present = true, 0 minutes)."""
    lines = []
    for key, value in pairs:
        if value is None or value == "" or (value is True and key == "present"):
            continue
        if value is False and not keep_false and key != "present":
            continue
        if isinstance(value, int) and not isinstance(value, bool) and value == 0:
            continue
        lines.append(f"{key} = {toml_value(value)}")
    return lines


