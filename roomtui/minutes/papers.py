"""The papers a secretary prints before the council: the agenda and the sign-in sheet (签到表).

One frozen model built from the prepared meeting, rendered as Word (papers_docx.py) and as a
printable HTML page (papers_html.py), in the meeting's language like the minutes. The sign-in
sheet lists the invited in the order offices seat and call them: county leaders, the host,
department heads, members, resident representatives, observers, the secretary; within a role
in the order of the invitation list (the plan). Free lines at the end take the residents who
come without an invitation (they are written in by hand at the door).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import MappingProxyType

from roomtui.domain.model import Meeting, Role
from roomtui.domain.text import clean_text
from roomtui.minutes.labels import enum_label, labels_for, minutes_language

PAPERS = ("agenda", "signin")
# The order a sign-in sheet lists the invited in.
SIGN_IN_ORDER = (Role.LEADER, Role.CHAIR, Role.DEPARTMENT, Role.MEMBER, Role.RESIDENT, Role.OBSERVER, Role.SECRETARY)
FREE_LINES = 6


def _line(value: object) -> str:
    return clean_text(value, limit=sys.maxsize)


@dataclass(frozen=True)
class AgendaLine:
    number: str  # "3", or "3.1" for a part of item 3
    title: str
    planned: str  # "5 min" / "5分钟"; empty when not planned
    slot: str  # "09:00–09:05" from the planned start and lengths; empty without a start time


@dataclass(frozen=True)
class SignInLine:
    number: int
    name: str
    affiliation: str
    role: str


@dataclass(frozen=True)
class Papers:
    language: str
    labels: Mapping[str, str]
    title: str
    date: str  # ISO; each renderer writes it in its official form
    start_time: str
    venue: str
    host: str
    theme: str
    office: str  # the issuing office, or the organiser: the author of the files
    agenda: tuple[AgendaLine, ...]
    sign_in: tuple[SignInLine, ...]
    stamp: datetime | None  # the meeting's creation: the same papers give the same bytes


def build_papers(meeting: Meeting) -> Papers:
    language = minutes_language(meeting.language)
    labels = labels_for(language)
    return Papers(
        language=language, labels=MappingProxyType(labels), title=_line(meeting.title),
        date=meeting.date.isoformat() if meeting.date else "",
        start_time=meeting.start_time.strftime("%H:%M") if meeting.start_time else "",
        venue=_line(meeting.venue), host=_line(meeting.host), theme=_line(meeting.theme),
        office=_line(meeting.issuing_office) or _line(meeting.series),
        agenda=_agenda(meeting, labels), sign_in=_sign_in(meeting, language), stamp=meeting.created_at,
    )


def _agenda(meeting: Meeting, labels: Mapping[str, str]) -> tuple[AgendaLine, ...]:
    """Items, each with its parts after it; the time slots run from the planned start."""
    start = datetime.combine(meeting.date or datetime(2000, 1, 1).date(), meeting.start_time) \
        if meeting.start_time else None
    lines = []
    top = [item for item in meeting.agenda if item.parent_id is None]
    for n, item in enumerate(top, 1):
        parts = [p for p in meeting.agenda if p.parent_id == item.id]
        slot = ""
        if start is not None and item.planned_minutes:
            end = start + timedelta(minutes=item.planned_minutes)
            slot, start = f"{start:%H:%M}–{end:%H:%M}", end
        elif start is not None:
            start = None  # an item without a length: later times would be guesses
        lines.append(AgendaLine(str(n), _line(item.title), _planned(item.planned_minutes, labels), slot))
        lines += [AgendaLine(f"{n}.{k}", _line(part.title), _planned(part.planned_minutes, labels), "")
                  for k, part in enumerate(parts, 1)]
    return tuple(lines)


def _planned(minutes: int, labels: Mapping[str, str]) -> str:
    return labels["minutes_planned"].format(n=minutes) if minutes else ""


def _sign_in(meeting: Meeting, language: str) -> tuple[SignInLine, ...]:
    def rank(person) -> int:
        return SIGN_IN_ORDER.index(person.role) if person.role in SIGN_IN_ORDER else len(SIGN_IN_ORDER)

    people = sorted(meeting.participants, key=rank)  # stable: the invitation list's order within a role
    return tuple(SignInLine(n, _line(p.name), _line(p.affiliation), enum_label(p.role, language))
                 for n, p in enumerate(people, 1))


def paper_title(papers: Papers, paper: str) -> str:
    return papers.labels["agenda_document" if paper == "agenda" else "signin_document"].format(title=papers.title)
