"""The parts the minutes are made of: one frozen row per person, speech, response, commitment...

Clean text, not escaped (escaping belongs to each target format); built by model.py.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Header:
    title: str
    date: str  # the day the meeting was held (the planned day until it starts)
    start_time: str  # actual start (the planned one until it starts)
    end_time: str  # when it was closed; with its date when that is another day
    planned_date: str  # the plan, only where it differs from what happened; else empty
    planned_time: str
    venue: str
    host: str
    recorder: str
    series: str
    closed: bool


@dataclass(frozen=True)
class Attendee:
    name: str
    role: str
    affiliation: str
    contact: str  # empty in the public variant
    note: str  # empty in the public variant


@dataclass(frozen=True)
class RoleGroup:
    role: str
    attendees: tuple[Attendee, ...]


@dataclass(frozen=True)
class AgendaRow:
    number: str  # "3", or "3.1" for a part of item 3
    title: str
    kind: str
    planned: str  # "40 min"
    start: str
    end: str
    actual: str  # time the item was held, empty when it never started
    actual_seconds: int | None = None  # the same as a number, for documents that write "12 min"


@dataclass(frozen=True)
class IssueRef:
    number: int
    title: str


@dataclass(frozen=True)
class Speech:
    number: int
    speaker: str
    role: str
    affiliation: str
    kind: str
    agenda_item: str
    start: str
    time_used: str
    over_by: str  # time beyond the limit, empty when within it
    key_points: str
    issues_raised: tuple[IssueRef, ...]
    answers: IssueRef | None
    used_seconds: int = 0  # time_used and over_by as numbers, for documents that write "4 min"
    over_seconds: int = 0


@dataclass(frozen=True)
class CommitmentRow:
    number: int
    lead_unit: str
    co_units: tuple[str, ...]
    deliverable: str
    deadline: str
    grade: str
    grade_key: str  # "A".."D", or empty when not graded yet
    open: bool
    history: tuple[str, ...] = ()  # dated follow-up entries; empty in the public variant


@dataclass(frozen=True)
class ResponseRow:
    response_id: int
    issue_number: int
    issue_title: str
    location: str
    department: str
    responder: str
    text: str
    disposition: str
    disposition_key: str
    details: tuple[tuple[str, str], ...]  # (label, value) of the disposition's own fields
    commitments: tuple[CommitmentRow, ...]
    confirmed: bool
    satisfaction: str
    issue_note: str  # empty in the public variant
    note: str  # empty in the public variant
    room_rating: str = ""  # the room's tally (counts only, never who voted how); empty when not rated


@dataclass(frozen=True)
class RoleTime:
    role: str
    turns: int
    time_used: str
    share: str
    seconds: int = 0


@dataclass(frozen=True)
class OpenCommitment:
    deadline: str
    issue_number: int
    issue_title: str
    department: str
    lead_unit: str
    co_units: tuple[str, ...]
    deliverable: str
    grade: str


@dataclass(frozen=True)
class PendingIssue:
    number: int
    title: str
    location: str
    expected_department: str
    note: str  # empty in the public variant


@dataclass(frozen=True)
class Filing:
    document_number: str  # 文号
    issuing_office: str
    issue_date: str  # ISO; empty when not set
    copy_to: str


__all__ = ["Header", "Attendee", "RoleGroup", "AgendaRow", "IssueRef", "Speech", "CommitmentRow", "ResponseRow", "RoleTime", "OpenCommitment", "PendingIssue", "Filing"]
