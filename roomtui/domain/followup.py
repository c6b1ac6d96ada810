"""Follow-up across meetings: the commitments register (督办台账) and the report-back (回头看).

A council is only worth its follow-up. Each commitment a department made keeps a short dated
history (grade changes and progress notes); the register lists every commitment of every
meeting, overdue first; and the next council of the same series opens with a report on what
became of the open ones.

Links between meetings are plain strings, so that they survive export and import:
a commitment is ``"<meeting id>#r<response id>.<n>"`` (n counts from 1 within the response),
and a report-back answer that changed one is ``"<meeting id>#r<response id>"``.

How one report-back answer touching two meeting files stays durable and undoable: the answer
is recorded (and undone) in the later meeting only, one write as every action. That meeting is
the authority for the entries it makes. The earlier meeting holds a *copy* of them in the
commitment's history, so that its own minutes are complete; ``merge_answers`` brings the copy
in line with what the later meeting says, idempotently. It is run right after the answer is
saved or undone and again whenever the register is built, so a crash between the two writes
(or an earlier meeting that another roomtui had locked) is repaired the next time anyone looks,
and the register itself always shows the merged truth.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from roomtui.domain.copies import Copies, one_copy_each
from roomtui.domain.model import (
    Commitment,
    Disposition,
    FollowUpEntry,
    Grade,
    Meeting,
    MeetingStatus,
    Response,
)
from roomtui.domain.room_tally import RoomShare, RoomTally, room_share, room_tally
from roomtui.i18n import _

# Grades after which a commitment needs no more follow-up: solved, or explained as impossible.
SETTLED = (Grade.A, Grade.D)
_REF = re.compile(r"(?P<meeting>[A-Za-z0-9][A-Za-z0-9_-]{0,80})#r(?P<response>[0-9]{1,9})\.(?P<n>[0-9]{1,9})")


# -- references ---------------------------------------------------------------------------
def commitment_ref(meeting_id: str, response_id: int, number: int) -> str:
    return f"{meeting_id}#r{response_id}.{number}"


def parse_ref(ref: str) -> tuple[str, int, int] | None:
    found = _REF.fullmatch(ref) if isinstance(ref, str) else None  # fullmatch: no trailing newline
    if found is None:
        return None
    return found["meeting"], int(found["response"]), int(found["n"])


def answer_source(meeting_id: str, response_id: int) -> str:
    return f"{meeting_id}#r{response_id}"


def find_commitment(meeting: Meeting, ref: str) -> Commitment | None:
    parsed = parse_ref(ref)
    if parsed is None or parsed[0] != meeting.id:
        return None
    response = meeting.response(parsed[1])
    if response is None or not 1 <= parsed[2] <= len(response.commitments):
        return None
    return response.commitments[parsed[2] - 1]


# -- recording progress: Council.record_progress (issue_verbs.py), the one grading verb ------------------


# -- the report-back at the next council -------------------------------------------------------
def answer_grade(response: Response) -> Grade:
    """The grade a report-back answer gives the earlier commitment, from its disposition.

    Done with nothing left to deliver: A. Done but still delivering, or being studied and done
    step by step: B. Needs support from above, explained to the proposer: D.
    """
    if response.disposition is Disposition.HIGHER_LEVEL:
        return Grade.D
    if response.disposition is Disposition.STEP_BY_STEP or response.commitments:
        return Grade.B
    return Grade.A


def _answer_note(response: Response) -> str:
    said = (response.text or response.action or response.plan or response.reason or "").strip()
    return _("{department}: {said}", department=response.department, said=said) if said else response.department


def report_back_answers(meeting: Meeting) -> dict[str, list[FollowUpEntry]]:
    """What this meeting says about earlier commitments: entries per commitment ref."""
    answers: dict[str, list[FollowUpEntry]] = {}
    for issue in meeting.issues:
        if not issue.followup_of:
            continue
        for response in meeting.responses_to(issue.id):
            answers.setdefault(issue.followup_of, []).append(FollowUpEntry(
                at=response.recorded_at or datetime.combine(meeting.date or date.today(), datetime.min.time()),
                grade=answer_grade(response), note=_answer_note(response),
                source=answer_source(meeting.id, response.id)))
    return answers


def _key(entry: FollowUpEntry) -> tuple:
    return entry.source, entry.at, entry.grade, entry.note


def merge_history(history: list[FollowUpEntry], grade: Grade | None, source_meeting: str,
                  desired: list[FollowUpEntry]) -> tuple[list[FollowUpEntry], Grade | None] | None:
    """The history and grade once the entries from ``source_meeting`` are exactly ``desired``.

    None when nothing changes. Grades are replayed from the grade before the first entry, so
    taking an answer back (undo) restores the grade it replaced.
    """
    prefix = source_meeting + "#"
    current = [e for e in history if e.source.startswith(prefix)]
    if [_key(e) for e in current] == [_key(e) for e in desired]:
        return None
    base = history[0].previous if history else grade
    kept = [e for e in history if not e.source.startswith(prefix)]
    merged = sorted([*kept, *desired], key=lambda e: e.at)  # stable: own entries keep their order
    result: list[FollowUpEntry] = []
    running = base
    for entry in merged:
        result.append(FollowUpEntry(at=entry.at, grade=entry.grade, previous=running, note=entry.note,
                                    source=entry.source))
        if entry.grade is not None:
            running = entry.grade
    return result, running


def merge_answers(meeting: Meeting, source_meeting: str, answers: dict[str, list[FollowUpEntry]],
                  targets: Iterable[str]) -> bool:
    """Bring the copies of ``source_meeting``'s answers in ``meeting`` in line; True if changed.

    ``targets`` are the refs the source meeting reports on (an answer taken back still names
    its target, so its copy is removed).
    """
    changed = False
    for ref in targets:
        commitment = find_commitment(meeting, ref)
        if commitment is None:
            continue
        merged = merge_history(commitment.history, commitment.grade, source_meeting, answers.get(ref, []))
        if merged is not None:
            commitment.history, commitment.grade = merged
            changed = True
    return changed


# -- the register ---------------------------------------------------------------------------
@dataclass(frozen=True)
class RegisterEntry:
    """One commitment as the register shows it, with the meeting it was made at."""

    ref: str
    meeting_id: str
    meeting_title: str
    meeting_date: date | None
    series: str
    language: str
    meeting_closed: bool
    issue_number: int
    issue_title: str
    department: str
    response_id: int
    index: int  # 0-based within the response
    lead_unit: str
    co_units: tuple[str, ...]
    deliverable: str
    deadline: date | None
    grade: Grade | None
    history: tuple[FollowUpEntry, ...] = ()
    room: RoomTally | None = None  # the room's rating of the response (counts only), None if not rated

    @property
    def open(self) -> bool:
        return self.grade not in SETTLED

    def overdue(self, today: date) -> bool:
        return self.open and self.deadline is not None and self.deadline < today

    @property
    def solved_at(self) -> datetime | None:
        if self.grade is not Grade.A:
            return None
        return next((e.at for e in reversed(self.history) if e.grade is Grade.A), None)

    @property
    def solved_on_time(self) -> bool:
        if self.grade is not Grade.A:
            return False
        if self.deadline is None:
            return True
        at = self.solved_at
        return at is None or at.date() <= self.deadline  # graded A before history was kept: trust it

    @property
    def latest_note(self) -> FollowUpEntry | None:
        return next((e for e in reversed(self.history) if e.note), None)

    def departments(self) -> tuple[str, ...]:
        return (self.lead_unit, *self.co_units)


def register_entries(meeting: Meeting) -> list[RegisterEntry]:
    entries = []
    for response in meeting.responses:
        issue = meeting.issue(response.issue_id)
        for index, c in enumerate(response.commitments):
            entries.append(RegisterEntry(
                ref=commitment_ref(meeting.id, response.id, index + 1), meeting_id=meeting.id,
                meeting_title=meeting.title, meeting_date=meeting.date, series=meeting.series,
                language=meeting.language, meeting_closed=meeting.status is MeetingStatus.CLOSED,
                issue_number=response.issue_id, issue_title=issue.title if issue else "",
                department=response.department, response_id=response.id, index=index, lead_unit=c.lead_unit,
                co_units=tuple(c.co_units), deliverable=c.deliverable, deadline=c.deadline, grade=c.grade,
                history=tuple(c.history), room=room_tally(meeting, response.id)))
    return entries


@dataclass(frozen=True)
class MeetingFollowUp:
    """What the register needs of one meeting: its commitments and the answers it reports."""

    meeting_id: str
    entries: tuple[RegisterEntry, ...]
    answers: dict[str, tuple[FollowUpEntry, ...]] = field(default_factory=dict)
    targets: tuple[str, ...] = ()  # every ref its report-back issues name
    claims: tuple[tuple[int, str, str], ...] = ()  # (issue id, title, ref) of links imported, not yet confirmed
    origin: str = ""  # Meeting.origin: the copies of one meeting share it
    title: str = ""
    date: date | None = None
    changed_at: datetime | None = None  # the latest moment its record shows (closing, follow-up)

    @classmethod
    def of(cls, meeting: Meeting) -> MeetingFollowUp:
        answers = report_back_answers(meeting)
        entries = tuple(register_entries(meeting))
        moments = [m for m in (meeting.closed_at, meeting.created_at) if m is not None]
        moments += [h.at for e in entries for h in e.history]
        return cls(meeting.id, entries, {k: tuple(v) for k, v in answers.items()},
                   tuple(i.followup_of for i in meeting.issues if i.followup_of),
                   claims=tuple((i.id, i.title, i.followup_claim) for i in meeting.issues if i.followup_claim),
                   origin=meeting.origin or meeting.id, title=meeting.title, date=meeting.date,
                   changed_at=max(moments, default=None))

    @property
    def identity(self) -> str:
        return self.origin or self.meeting_id


def _aliased(ref: str, alias: dict[str, str]) -> str:
    parsed = parse_ref(ref)
    if parsed is None or parsed[0] not in alias:
        return ref
    return commitment_ref(alias[parsed[0]], parsed[1], parsed[2])


@dataclass(frozen=True)
class Filter:
    department: str = ""
    series: str | None = None  # None: every series; "" the meetings with no series
    grade: str | None = None  # "A".."D", "none" for not graded, None for any
    open_only: bool = False
    room_dissatisfied: bool = False  # only answers most of the room rated 不满意: followed up first

    def keeps(self, entry: RegisterEntry) -> bool:
        if self.department:
            wanted = self.department.strip().casefold()
            if not any(wanted == d.strip().casefold() for d in entry.departments()):
                return False
        if self.series is not None and entry.series != self.series:
            return False
        if self.grade is not None:
            if (entry.grade.value if entry.grade else "none") != self.grade:
                return False
        if self.room_dissatisfied and not (entry.room and entry.room.mostly_dissatisfied):
            return False
        return not (self.open_only and not entry.open)


@dataclass(frozen=True)
class DepartmentCounts:
    department: str
    promised: int = 0
    solved: int = 0
    solved_on_time: int = 0
    overdue: int = 0
    room: RoomShare = RoomShare()  # the room's votes on this unit's answers


@dataclass
class Register:
    """Every commitment of a data folder, with the report-back answers merged in."""

    entries: list[RegisterEntry]
    today: date
    damaged: list[tuple[str, str]] = field(default_factory=list)  # (meeting id or file, why)
    out_of_step: set[str] = field(default_factory=set)  # meetings whose copies of answers lag
    unlinked: list[tuple[str, int, str, str]] = field(default_factory=list)  # (meeting, issue id, title, ref)
    linked: dict[str, str] = field(default_factory=dict)  # ref -> the meeting whose report-back answers it
    copies: list[Copies] = field(default_factory=list)  # meetings found more than once, counted once
    meetings: dict[str, tuple[str, date | None]] = field(default_factory=dict)  # id -> (title, date)

    @classmethod
    def build(cls, meetings: Iterable[MeetingFollowUp], today: date,
              damaged: Iterable[tuple[str, str]] = ()) -> Register:
        everything = list(meetings)
        names = {m.meeting_id: (m.title, m.date) for m in everything}
        meetings, copies, alias = one_copy_each(everything)
        damaged = list(damaged)
        readable = set(names)  # a left-out copy's answers are taken back: its kept copy gives them
        by_target: dict[str, list[tuple[str, tuple[FollowUpEntry, ...]]]] = {}
        for source in meetings:
            for ref in source.targets:
                by_target.setdefault(_aliased(ref, alias), []).append((source.meeting_id, source.answers.get(ref, ())))
        entries: list[RegisterEntry] = []
        out_of_step: set[str] = set()
        for m in meetings:
            for entry in m.entries:
                history, grade = list(entry.history), entry.grade
                for source_id, answers in by_target.get(entry.ref, ()):
                    merged = merge_history(history, grade, source_id, list(answers))
                    if merged is not None:
                        history, grade = merged
                        out_of_step.add(m.meeting_id)
                # copies from a report-back meeting that no longer names this commitment
                sources = {e.source.split("#")[0] for e in history if e.source}
                for source_id in sources - {s for s, _a in by_target.get(entry.ref, ())}:
                    if source_id in readable:
                        merged = merge_history(history, grade, source_id, [])
                        if merged is not None:
                            history, grade = merged
                            out_of_step.add(m.meeting_id)
                if history != list(entry.history) or grade is not entry.grade:
                    entry = _replace_entry(entry, history, grade)
                entries.append(entry)
        unlinked = [(m.meeting_id, issue_id, title, ref) for m in meetings for issue_id, title, ref in m.claims]
        linked = {ref: sources[0][0] for ref, sources in by_target.items()}
        for m in everything:  # a left-out copy answers too: linking another copy's claim would answer twice
            for ref in m.targets:
                linked.setdefault(_aliased(ref, alias), m.meeting_id)
        return cls(sort_entries(entries, today), today, damaged, out_of_step, unlinked, linked, copies, names)

    def source_name(self, source: str) -> str:
        """A report-back answer's source ("<meeting id>#r<response>") as people name it:
        the meeting's title and date, never its internal id."""
        meeting_id = source.split("#")[0]
        title, day = self.meetings.get(meeting_id, ("", None))
        if not title:
            return _("another meeting (not in this folder)")
        return f"{title} {day.isoformat()}" if day else title

    def select(self, wanted: Filter = Filter()) -> list[RegisterEntry]:
        return [e for e in self.entries if wanted.keeps(e)]

    def departments(self) -> list[str]:
        return sorted({e.lead_unit for e in self.entries if e.lead_unit})

    def series(self) -> list[str]:
        return sorted({e.series for e in self.entries})

    def counts(self, entries: Iterable[RegisterEntry] | None = None) -> list[DepartmentCounts]:
        return department_counts(self.entries if entries is None else entries, self.today)

    def open_in_series(self, series: str, before: date | None = None, exclude: str = "") -> list[RegisterEntry]:
        """The open commitments of ``series`` made before ``before``: what the next council hears.
        ``exclude`` leaves out a meeting and its copies (a copy does not report back on itself)."""
        excluded = self.copies_of(exclude) if exclude else set()
        return [e for e in self.entries if e.series == series and e.open and e.meeting_id not in excluded
                and (before is None or e.meeting_date is None or e.meeting_date <= before)]

    def copies_of(self, meeting_id: str) -> set[str]:
        """The ids of ``meeting_id`` and every copy of it the register found."""
        for found in self.copies:
            ids = {found.kept, *found.others}
            if meeting_id in ids:
                return ids
        return {meeting_id}


def _replace_entry(entry: RegisterEntry, history: list[FollowUpEntry], grade: Grade | None) -> RegisterEntry:
    from dataclasses import replace

    return replace(entry, history=tuple(history), grade=grade)


def sort_entries(entries: Iterable[RegisterEntry], today: date) -> list[RegisterEntry]:
    """Overdue first, then by deadline (none last), then by meeting and commitment."""
    def key(e: RegisterEntry) -> tuple:
        return (not e.overdue(today), e.deadline is None, e.deadline or date.max, e.meeting_date or date.max,
                e.meeting_id, e.response_id, e.index)

    return sorted(entries, key=key)


def department_counts(entries: Iterable[RegisterEntry], today: date) -> list[DepartmentCounts]:
    """Per lead unit: how many promised, solved, solved on time, overdue; the room's votes."""
    totals: dict[str, list[int]] = {}
    rated: dict[str, list[tuple[tuple[str, int], RoomTally | None]]] = {}
    for e in entries:
        rated.setdefault(e.lead_unit, []).append(((e.meeting_id, e.response_id), e.room))
        row = totals.setdefault(e.lead_unit, [0, 0, 0, 0])
        row[0] += 1
        row[1] += e.grade is Grade.A
        row[2] += e.solved_on_time
        row[3] += e.overdue(today)
    return [DepartmentCounts(name, *row, room=room_share(rated[name])) for name, row in sorted(totals.items())]
