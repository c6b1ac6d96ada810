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
        ref="" if public else entry.ref)


def build_register_document(entries: list[RegisterEntry], today: date, *, language: str = "en", public: bool = True,
                            damaged: list[tuple[str, str]] = (), copies: list[Copies] = ()) -> RegisterDocument:
    """``entries`` in register order (overdue first, then by deadline)."""
    t = register_labels(language)
    rows = tuple(_row(e, today, language, public, t) for e in entries)
    sections = []
    for counts in department_counts(entries, today):
        sections.append((counts, tuple(r for e, r in zip(entries, rows) if e.lead_unit == counts.department)))
    return RegisterDocument(t, language, public, today, rows, tuple(sections), tuple(damaged), tuple(copies))
