"""The minutes of one meeting as one frozen value, built once and rendered many ways.

Every renderer (Markdown, HTML, CSV, ICS) reads this model instead of the meeting, so the
decisions that matter for the record are taken in one place: what is public, the order of
things, how time is counted, which commitments are still open. Text here is clean (no escape
or control characters) but not escaped: escaping belongs to each target format.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from types import MappingProxyType

from roomtui.domain.model import (
    Disposition,
    Grade,
    Meeting,
    MeetingStatus,
    Raiser,
    Role,
    Satisfaction,
    SpeakerEntry,
)
from roomtui.domain.stats import format_seconds, speaking_stats
from roomtui.domain.text import clean_text
from roomtui.domain.timeline import held_times
from roomtui.minutes.labels import DISPOSITION_FIELDS, enum_label, labels_for, minutes_language
from roomtui.minutes.model_rows import (
    AgendaRow,
    Attendee,
    CommitmentRow,
    Filing,
    Header,
    IssueRef,
    OpenCommitment,
    PendingIssue,
    ResponseRow,
    RoleGroup,
    RoleTime,
    Speech,
)

# Grades after which a commitment needs no more follow-up: solved, or explained as impossible.
SETTLED_GRADES = (Grade.A, Grade.D)


def line(value: object) -> str:
    """One line of clean text: defensive, because imported or old data may not be clean yet."""
    return clean_text(value, limit=sys.maxsize)


def block(value: object) -> str:
    """Clean text that keeps its line breaks."""
    return clean_text(value, multiline=True, limit=sys.maxsize)


def iso(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def hhmm(value: datetime | time | None) -> str:
    return value.strftime("%H:%M") if value is not None else ""


@dataclass(frozen=True)
class Minutes:
    meeting_id: str
    language: str
    public: bool
    labels: Mapping[str, str]  # read-only view of the language's table
    header: Header
    present: tuple[RoleGroup, ...]
    absent: tuple[Attendee, ...]
    theme: str
    background: str
    speeches: tuple[Speech, ...]
    responses: tuple[ResponseRow, ...]
    statistics: tuple[RoleTime, ...]
    total_time: RoleTime
    leader_summary: str
    closing_remarks: str
    agreed_items: tuple[str, ...]
    open_commitments: tuple[OpenCommitment, ...]
    unanswered: tuple[PendingIssue, ...]
    review_date: str
    next_theme: str
    stamp: datetime | None  # the moment the record refers to: closing time, or the last recorded event
    agenda: tuple[AgendaRow, ...] = ()  # planned against actual times (the Word minutes list it)
    filing: Filing | None = None  # how the office files the minutes (the Word minutes set it)


def record_moment(meeting: Meeting) -> datetime | None:
    """The latest moment the record itself knows about; "now" for minutes built without a clock.

    Using this instead of the wall clock keeps the minutes of a meeting identical byte for byte
    however often and whenever they are exported.
    """
    if meeting.closed_at is not None:
        return meeting.closed_at
    moments: list[datetime] = [m for m in (meeting.created_at,) if m is not None]
    for item in meeting.agenda:
        moments += [m for m in (item.started_at, item.ended_at) if m is not None]
    for entry in meeting.speakers:
        moments += [m for m in (entry.requested_at, entry.started_at, entry.ended_at) if m is not None]
        for pause in entry.pauses:
            moments += [m for m in (pause.started_at, pause.ended_at) if m is not None]
    for issue in meeting.issues:
        moments += [issue.raised_at] if issue.raised_at is not None else []
    for response in meeting.responses:
        moments += [m for m in (response.recorded_at, response.confirmed_at) if m is not None]
    return max(moments, default=None)


def build_minutes(meeting: Meeting, *, public: bool, now: datetime | None = None) -> Minutes:
    """The minutes of ``meeting``; ``public`` leaves out contacts and internal notes.

    ``now`` only matters while a speech is still running; by default it is the meeting's own
    latest recorded moment, so the result never depends on when it is built.
    """
    language = minutes_language(meeting.language)
    labels = labels_for(language)
    stamp = record_moment(meeting)
    now = now or stamp or datetime.combine(meeting.date or date(1970, 1, 1), meeting.start_time or time(0, 0))
    private = (lambda text: "") if public else (lambda text: text)
    statistics, total_time = _statistics(meeting, language, now)
    return Minutes(
        meeting_id=line(meeting.id),
        language=language,
        public=public,
        labels=MappingProxyType(labels),
        header=_header(meeting),
        present=_present(meeting, language, private),
        absent=tuple(_attendee(p, language, private) for p in _by_role(meeting) if not p.present),
        theme=block(meeting.theme),
        background=block(meeting.background),
        speeches=_speeches(meeting, language, now),
        responses=tuple(_response(meeting, r, language, labels, private) for r in meeting.responses),
        statistics=statistics,
        total_time=total_time,
        leader_summary=block(meeting.leader_summary),
        closing_remarks=block(meeting.closing_remarks),
        agreed_items=tuple(text for text in (block(i) for i in meeting.agreed_items) if text),
        open_commitments=_open_commitments(meeting, language),
        unanswered=tuple(
            PendingIssue(i.id, line(i.title), line(i.location), line(i.expected_department), private(block(i.note)))
            for i in meeting.issues if meeting.issue_open(i.id)
        ),
        review_date=iso(meeting.review_date),
        next_theme=block(meeting.next_theme),
        stamp=stamp,
        agenda=_agenda(meeting, language, labels, now),
        filing=Filing(line(meeting.document_number), line(meeting.issuing_office), iso(meeting.issue_date),
                      block(meeting.copy_to)),
    )


def _header(meeting: Meeting) -> Header:
    """The time line of the record: the day held and the actual start and end, never the plan's
    start with the actual end; the plan only where it differs."""
    held = held_times(meeting)
    start = hhmm(held.start) if held.start is not None else hhmm(meeting.start_time)
    end = ""
    if held.end is not None:
        end = hhmm(held.end)
        if held.day is not None and held.end.date() != held.day:
            end = f"{held.end.date().isoformat()} {end}"
    planned_date = planned_time = ""
    if held.differs_from_plan:
        planned_date, planned_time = iso(held.planned_day), hhmm(held.planned_start)
    return Header(
        title=line(meeting.title), date=iso(held.day), start_time=start, end_time=end,
        planned_date=planned_date, planned_time=planned_time, venue=line(meeting.venue), host=line(meeting.host),
        recorder=line(meeting.recorder), series=line(meeting.series),
        closed=meeting.status is MeetingStatus.CLOSED,
    )


def _by_role(meeting: Meeting) -> list:
    order = list(Role)
    return sorted(meeting.participants, key=lambda p: order.index(p.role) if p.role in order else len(order))


def _attendee(person, language: str, private) -> Attendee:
    return Attendee(name=line(person.name), role=enum_label(person.role, language),
                    affiliation=line(person.affiliation), contact=private(line(person.contact)),
                    note=private(block(person.note)))


def _present(meeting: Meeting, language: str, private) -> tuple[RoleGroup, ...]:
    groups: dict[str, list[Attendee]] = {}
    for person in _by_role(meeting):
        if person.present:
            groups.setdefault(enum_label(person.role, language), []).append(_attendee(person, language, private))
    return tuple(RoleGroup(role, tuple(people)) for role, people in groups.items())


def _agenda(meeting: Meeting, language: str, labels: dict[str, str], now: datetime) -> tuple[AgendaRow, ...]:
    """Every agenda item with its parts right after it, numbered 1, 2, 2.1 ..."""
    top = [item for item in meeting.agenda if item.parent_id is None]
    rows = []
    for n, item in enumerate(top, 1):
        parts = [p for p in meeting.agenda if p.parent_id == item.id]
        for number, entry in [(str(n), item)] + [(f"{n}.{k}", p) for k, p in enumerate(parts, 1)]:
            held = None if entry.started_at is None else \
                int(max(0.0, ((entry.ended_at or now) - entry.started_at).total_seconds()))
            rows.append(AgendaRow(
                number=number, title=line(entry.title), kind=enum_label(entry.kind, language),
                planned=labels["minutes_planned"].format(n=entry.planned_minutes) if entry.planned_minutes else "",
                start=hhmm(entry.started_at), end=hhmm(entry.ended_at),
                actual="" if held is None else format_seconds(held), actual_seconds=held,
            ))
    return tuple(rows)


def _issue_ref(meeting: Meeting, issue_id: int | None) -> IssueRef | None:
    issue = meeting.issue(issue_id)
    return IssueRef(issue.id, line(issue.title)) if issue is not None else None


def _speeches(meeting: Meeting, language: str, now: datetime) -> tuple[Speech, ...]:
    """Every turn that was actually held, in the order it was held.

    An issue raised by a person is attributed to that person's latest turn that had started
    when the issue was raised (their first turn if the time is unknown). Only a raiser the
    secretary confirmed is credited: a guess (Raiser.UNCONFIRMED) never enters the record.
    """
    held = sorted((s for s in meeting.speakers if s.started_at is not None), key=lambda s: (s.started_at, s.id))
    raised: dict[int, list[IssueRef]] = {}
    for issue in sorted(meeting.issues, key=lambda i: i.id):
        if issue.raiser is not Raiser.PERSON or issue.raised_by is None:
            continue
        turns = [s for s in held if s.participant_id == issue.raised_by]
        if not turns:
            continue
        earlier = [s for s in turns if issue.raised_at is None or s.started_at <= issue.raised_at]
        turn = earlier[-1] if earlier and issue.raised_at is not None else turns[0]
        raised.setdefault(turn.id, []).append(IssueRef(issue.id, line(issue.title)))
    return tuple(_speech(meeting, n, entry, language, now, raised.get(entry.id, []))
                 for n, entry in enumerate(held, 1))


def _speech(meeting: Meeting, number: int, entry: SpeakerEntry, language: str, now: datetime,
            raised: list[IssueRef]) -> Speech:
    person = meeting.participant(entry.participant_id)
    item = meeting.agenda_item(entry.agenda_item_id)
    seconds = entry.elapsed_seconds(now)
    return Speech(
        number=number,
        speaker=line(person.name) if person else f"#{entry.participant_id}",
        role=enum_label(person.role, language) if person else "",
        affiliation=line(person.affiliation) if person else "",
        kind=enum_label(entry.kind, language),
        agenda_item=line(item.title) if item else "",
        start=hhmm(entry.started_at),
        time_used=format_seconds(seconds),
        over_by=format_seconds(seconds - entry.limit_seconds) if seconds > entry.limit_seconds else "",
        key_points=block(entry.summary),
        issues_raised=tuple(raised),
        answers=_issue_ref(meeting, entry.issue_id),
        used_seconds=int(seconds),
        over_seconds=int(seconds - entry.limit_seconds) if seconds > entry.limit_seconds else 0,
    )


def _detail_value(value: object) -> str:
    return iso(value) if isinstance(value, date) else block(value)


def _commitment_open(grade: Grade | None) -> bool:
    return grade not in SETTLED_GRADES


def _response(meeting: Meeting, response, language: str, labels: dict[str, str], private) -> ResponseRow:
    issue = meeting.issue(response.issue_id)
    fields = DISPOSITION_FIELDS.get(response.disposition, ())
    return ResponseRow(
        response_id=response.id,
        issue_number=response.issue_id,
        issue_title=line(issue.title) if issue else "",
        location=line(issue.location) if issue else "",
        department=line(response.department),
        responder=line(response.responder),
        text=block(response.text),
        disposition=enum_label(response.disposition, language),
        disposition_key=response.disposition.value if isinstance(response.disposition, Disposition) else "",
        details=tuple((labels[name], _detail_value(getattr(response, name))) for name in fields),
        commitments=tuple(
            CommitmentRow(number=n, lead_unit=line(c.lead_unit), co_units=tuple(line(u) for u in c.co_units if line(u)),
                          deliverable=block(c.deliverable), deadline=iso(c.deadline),
                          grade=enum_label(c.grade, language) if c.grade else "", grade_key=str(c.grade or ""),
                          open=_commitment_open(c.grade),
                          history=tuple(filter(None, (private(_history_line(e, language)) for e in c.history))))
            for n, c in enumerate(response.commitments, 1)
        ),
        confirmed=response.confirmed_at is not None,
        satisfaction=enum_label(response.satisfaction, language) if response.satisfaction else "",
        issue_note=private(block(issue.note)) if issue else "",
        note=private(block(response.note)),
        room_rating=room_rating(meeting, response.id, labels),
    )


def room_rating(meeting: Meeting, response_id: int, labels: dict[str, str]) -> str:
    """The room's verdict on a response in the minutes' words: counts, and what they decided."""
    rating = next((r for r in meeting.ratings if r.response_id == response_id), None)
    if rating is None:
        return ""
    counts = meeting.tally(rating)
    text = labels["room_rating_counts"].format(
        satisfied=counts[Satisfaction.SATISFIED], basically=counts[Satisfaction.BASICALLY],
        dissatisfied=counts[Satisfaction.DISSATISFIED], total=sum(counts.values()))
    if rating.closed_at is None:
        return labels["room_rating_and"].format(counts=text, verdict=labels["room_rating_open"])
    if meeting.room_rejected(rating):
        return labels["room_rating_and"].format(counts=text, verdict=labels["room_rating_rejected"])
    return text


def _statistics(meeting: Meeting, language: str, now: datetime) -> tuple[tuple[RoleTime, ...], RoleTime]:
    _, by_role = speaking_stats(meeting, now)
    total_seconds = sum(t.seconds for t in by_role.values())
    total_turns = sum(t.turns for t in by_role.values())

    def share(seconds: float) -> str:
        return f"{round(100 * seconds / total_seconds)}%" if total_seconds else "0%"

    rows = tuple(
        RoleTime(enum_label(role, language), by_role[role].turns, format_seconds(by_role[role].seconds),
                 share(by_role[role].seconds), int(by_role[role].seconds))
        for role in Role if role in by_role
    )
    return rows, RoleTime(labels_for(language)["total"], total_turns, format_seconds(total_seconds),
                          "100%" if total_seconds else "0%", int(total_seconds))


def _open_commitments(meeting: Meeting, language: str) -> tuple[OpenCommitment, ...]:
    """Commitments not yet settled, soonest deadline first; those without a deadline last."""
    rows = []
    for response in meeting.responses:
        issue = meeting.issue(response.issue_id)
        for commitment in response.commitments:
            if not _commitment_open(commitment.grade):
                continue
            rows.append(OpenCommitment(
                deadline=iso(commitment.deadline), issue_number=response.issue_id,
                issue_title=line(issue.title) if issue else "", department=line(response.department),
                lead_unit=line(commitment.lead_unit),
                co_units=tuple(line(u) for u in commitment.co_units if line(u)),
                deliverable=block(commitment.deliverable),
                grade=enum_label(commitment.grade, language) if commitment.grade else "",
            ))
    return tuple(sorted(rows, key=lambda r: (r.deadline == "", r.deadline, r.issue_number)))


def _history_line(entry, language: str) -> str:
    """One follow-up entry: its date, the grade it gave and the progress note."""
    parts = [entry.at.strftime("%Y-%m-%d")]
    if entry.grade is not None:
        parts.append(enum_label(entry.grade, language))
    if entry.note:
        parts.append(line(entry.note))
    return " ".join(parts)
