"""The next council of a series opens with a report on the commitments of the last: one agenda
item, "Report on earlier commitments", with one issue per open commitment, expected from its
lead unit and linked to it (the register's answers then reach the earlier meeting: followup.py)."""

from __future__ import annotations

from typing import Any

from roomtui.domain.followup import RegisterEntry
from roomtui.domain.model import AgendaKind, IssueSource, Meeting
from roomtui.domain.problems import problem
from roomtui.domain.validation import ValidationError

REPORT_BACK_TITLE = {"en": "Report on earlier commitments", "zh": "前次协商议定事项办理情况通报"}
MINUTES_PER_REPORT = 2  # a department answer per question (docs/architecture.md, "The meeting, in the code")

ISSUE_TITLE_SHOWN = 24  # characters of the original issue's title kept in a report-back issue's title
TITLE_LIMIT = 200


def report_back_title(entry: RegisterEntry) -> str:
    """"#4 老旧小区消防通道… — 每月巡查一次": the original issue and the deliverable, so the
    pickers and the issues table tell the report-back issues apart and say what each answers."""
    issue = " ".join(entry.issue_title.split())
    if len(issue) > ISSUE_TITLE_SHOWN:
        issue = issue[:ISSUE_TITLE_SHOWN - 1].rstrip() + "…"
    head = f"#{entry.issue_number} {issue}".strip()
    deliverable = " ".join(entry.deliverable.split())
    title = f"{head} — {deliverable}" if deliverable else head
    return title if len(title) <= TITLE_LIMIT else title[:TITLE_LIMIT - 1] + "…"


def add_report_back(council: Any, items: list[RegisterEntry], language: str = "en") -> int:
    """The "Report on earlier commitments" agenda item, with one issue per open commitment.

    Each issue is expected from the commitment's lead unit and linked to it by ref; it goes
    after the opening, since the council opens with the report on what became of its promises.
    Returns the agenda item id.
    """
    meeting: Meeting = council.meeting
    if not items:
        raise ValidationError([problem("no open commitments in this series to report on")])
    already = {issue.followup_of for issue in meeting.issues if issue.followup_of}
    items = [item for item in items if item.ref not in already]
    if not items:
        raise ValidationError([problem("the report on earlier commitments is already on the agenda")])
    position = 1 if meeting.agenda and meeting.agenda[0].kind is AgendaKind.OPENING else 0
    title = REPORT_BACK_TITLE.get(language, REPORT_BACK_TITLE["en"])
    try:
        item = council.add_agenda_item(title, AgendaKind.ANSWERS, min(60, MINUTES_PER_REPORT * len(items)),
                                       position=position)
    except ValidationError:  # the meeting's planned length is full: add it without planned time
        item = council.add_agenda_item(title, AgendaKind.ANSWERS, 0, position=position)
    for entry in items:
        day = entry.meeting_date.isoformat() if entry.meeting_date else ""
        council.add_issue(report_back_title(entry), IssueSource.REPORT,
                          description=f"{entry.meeting_title} {day} #{entry.issue_number} {entry.issue_title}".strip(),
                          proposer=entry.meeting_title[:200], expected_department=entry.lead_unit,
                          suggestion=(entry.deadline.isoformat() if entry.deadline else ""))
        meeting.issues[-1].followup_of = entry.ref
    return item.id
