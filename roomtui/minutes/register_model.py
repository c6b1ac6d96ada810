"""The register as rows of text, ready for every renderer (CSV, HTML), public or internal.

One place decides what a public register leaves out (progress notes, references) and how a
grade, a date or a history reads, so the CSV and the printed register cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from roomtui.domain.copies import Copies
from roomtui.domain.followup import (
    DepartmentCounts,
    FollowUpEntry,
    RegisterEntry,
    department_counts,
)
from roomtui.domain.room_tally import RoomShare, RoomTally
from roomtui.minutes.labels import enum_label
from roomtui.minutes.register_labels import register_labels


@dataclass(frozen=True)
class RegisterRow:
    meeting_date: str
    meeting: str
    series: str
    issue_number: str
    issue: str
    lead_unit: str
    co_units: str
    deliverable: str
    deadline: str
    grade: str
    graded_on: str
    overdue: bool
    latest_note: str  # empty in the public register
    history: tuple[str, ...]  # empty in the public register
    ref: str  # empty in the public register
    # the room's rating of the answer, public too: counts only, never who voted how
    room: str = ""  # in words, with "still open" or "mostly dissatisfied"; empty when not rated
    room_counts: tuple[int, int, int] | None = None  # satisfied, basically, dissatisfied
    room_closed: bool = False
    room_dissatisfied: bool = False  # most votes 不满意: a county office follows it up first


@dataclass(frozen=True)
class RegisterDocument:
    labels: dict[str, str]
    language: str
    public: bool
    today: date
    rows: tuple[RegisterRow, ...]
    sections: tuple[tuple[DepartmentCounts, tuple[RegisterRow, ...]], ...]  # per lead unit
    damaged: tuple[tuple[str, str], ...]
    copies: tuple[Copies, ...] = ()  # meetings the folder holds more than once, counted once


def _grade(entry: RegisterEntry | FollowUpEntry, language: str, t: dict[str, str]) -> str:
    return enum_label(entry.grade, language) if entry.grade else t["not_graded"]


def history_line(entry: FollowUpEntry, language: str, t: dict[str, str]) -> str:
    parts = [entry.at.strftime("%Y-%m-%d")]
    if entry.grade is not None:
        parts.append(enum_label(entry.grade, language))
    if entry.note:
        parts.append(entry.note)
    return " ".join(parts)


def room_words(tally: RoomTally | None, t: dict[str, str]) -> str:
    """The room's tally in the register's words: the minutes' counts, then whether it is open or
    mostly dissatisfied (what the office acts on)."""
    if tally is None:
        return ""
    counts = t["room_rating_counts"].format(satisfied=tally.satisfied, basically=tally.basically,
                                            dissatisfied=tally.dissatisfied, total=tally.votes)
    verdicts = [t["room_rating_open"]] if not tally.closed else []
    if tally.mostly_dissatisfied:
        verdicts.append(t["room_follow_first_note"])
    for verdict in verdicts:
        counts = t["room_rating_and"].format(counts=counts, verdict=verdict)
    return counts


def share_words(share: RoomShare, t: dict[str, str], key: str = "room_share_line") -> str:
    """A department's share of 满意 votes ('' when the room rated none of its answers)."""
    if share.percent_satisfied is None:
        return ""
    return t[key].format(percent=share.percent_satisfied, satisfied=share.satisfied, votes=share.votes,
                         answers=share.dissatisfied_answers)


def _row(entry: RegisterEntry, today: date, language: str, public: bool, t: dict[str, str]) -> RegisterRow:
    graded = next((e for e in reversed(entry.history) if e.grade is not None), None)
    note = entry.latest_note
    return RegisterRow(
        meeting_date=entry.meeting_date.isoformat() if entry.meeting_date else "", meeting=entry.meeting_title,
        series=entry.series or t["no_series"], issue_number=str(entry.issue_number), issue=entry.issue_title,
        lead_unit=entry.lead_unit, co_units=t["list_separator"].join(entry.co_units), deliverable=entry.deliverable,
        deadline=entry.deadline.isoformat() if entry.deadline else "", grade=_grade(entry, language, t),
        graded_on=graded.at.date().isoformat() if graded else "", overdue=entry.overdue(today),
        latest_note="" if public or note is None else f"{note.at:%Y-%m-%d} {note.note}",
        history=() if public else tuple(history_line(e, language, t) for e in entry.history),
        ref="" if public else entry.ref, room=room_words(entry.room, t),
        room_counts=(entry.room.satisfied, entry.room.basically, entry.room.dissatisfied) if entry.room else None,
        room_closed=bool(entry.room and entry.room.closed),
        room_dissatisfied=bool(entry.room and entry.room.mostly_dissatisfied))


def build_register_document(entries: list[RegisterEntry], today: date, *, language: str = "en", public: bool = True,
                            damaged: list[tuple[str, str]] = (), copies: list[Copies] = ()) -> RegisterDocument:
    """``entries`` in register order (overdue first, then by deadline)."""
    t = register_labels(language)
    rows = tuple(_row(e, today, language, public, t) for e in entries)
    sections = []
    for counts in department_counts(entries, today):
        sections.append((counts, tuple(r for e, r in zip(entries, rows) if e.lead_unit == counts.department)))
    return RegisterDocument(t, language, public, today, rows, tuple(sections), tuple(damaged), tuple(copies))
