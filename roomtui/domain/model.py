"""The meeting record: what a council is made of, as plain dataclasses.

Nothing here knows about Textual or TinyDB. Everything is keyed by small integer ids that are
unique within one meeting, so that the store can use them as document ids and the minutes can
refer to "issue #4" the way the room does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

# The closed lists (kinds.py) and the phones' records (phone_records.py) are part of the record:
# imported here under their usual address, so ``from roomtui.domain.model import Role`` keeps working.
from roomtui.domain.kinds import (
    AgendaKind,
    Disposition,
    Grade,
    IssueSource,
    MeetingStatus,
    Raiser,
    RequestState,
    Role,
    Satisfaction,
    SignInState,
    SpeakerKind,
)
from roomtui.domain.phone_records import FloorRequest, Rating, SignIn, Vote

__all__ = [
    "AgendaItem", "AgendaKind", "Commitment", "Disposition", "FloorRequest", "FollowUpEntry", "Grade", "Issue",
    "IssueSource", "Meeting", "MeetingStatus", "Participant", "Pause", "Raiser", "Rating", "RequestState",
    "Response", "Role", "Satisfaction", "SignIn", "SignInState", "SpeakerEntry", "SpeakerKind", "SpeakingLimits",
    "Vote",
]


@dataclass
class Participant:
    id: int
    name: str
    role: Role = Role.MEMBER
    affiliation: str = ""
    contact: str = ""  # private: phone or e-mail, never in a public output
    present: bool = True
    note: str = ""  # private internal note


@dataclass
class AgendaItem:
    id: int
    title: str
    kind: AgendaKind = AgendaKind.OTHER
    planned_minutes: int = 0
    parent_id: int | None = None  # nested one level at most
    started_at: datetime | None = None
    ended_at: datetime | None = None
    speakers_closed: bool = False


@dataclass
class Pause:
    started_at: datetime
    ended_at: datetime | None = None
    # A point of order interrupted the turn: the id of that point of order's turn. While such a
    # pause is open the turn is suspended, not ended, and resumes with the time it had left.
    interrupted_by: int | None = None


@dataclass
class SpeakerEntry:
    """One turn on the floor: requested, then (perhaps) started, paused, resumed and ended.

    Kept as timestamps, never as a ticking counter, so a restart mid-speech still knows
    exactly how much time is left.
    """

    id: int
    participant_id: int
    agenda_item_id: int
    kind: SpeakerKind = SpeakerKind.IMPROMPTU
    limit_seconds: int = 300
    requested_at: datetime | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    pauses: list[Pause] = field(default_factory=list)
    issue_id: int | None = None  # an answer entry is linked to the issue it answers
    position: int = 0  # order among waiting entries of the same item
    withdrawn: bool = False
    summary: str = ""  # key points, typed by the secretary

    @property
    def waiting(self) -> bool:
        return self.started_at is None and not self.withdrawn

    @property
    def running(self) -> bool:
        return self.started_at is not None and self.ended_at is None and not self.interrupted

    @property
    def interrupted(self) -> bool:
        """Suspended by a point of order: neither speaking nor finished, owed the rest of its time."""
        return (self.started_at is not None and self.ended_at is None and bool(self.pauses)
                and self.pauses[-1].ended_at is None and self.pauses[-1].interrupted_by is not None)

    @property
    def paused(self) -> bool:
        return self.running and bool(self.pauses) and self.pauses[-1].ended_at is None

    @property
    def done(self) -> bool:
        return self.ended_at is not None

    def elapsed_seconds(self, now: datetime) -> float:
        """Speaking time so far, pauses excluded."""
        if self.started_at is None:
            return 0.0
        end = self.ended_at or now
        total = (end - self.started_at).total_seconds()
        for pause in self.pauses:
            pause_end = pause.ended_at or end
            total -= max(0.0, (min(pause_end, end) - pause.started_at).total_seconds())
        return max(0.0, total)

    def remaining_seconds(self, now: datetime) -> float:
        """Negative once the speaker is over time."""
        return self.limit_seconds - self.elapsed_seconds(now)


@dataclass
class Issue:
    id: int
    title: str
    description: str = ""
    category: str = ""
    location: str = ""
    source: IssueSource = IssueSource.REPORT
    proposer: str = ""  # who raised it: a name, a group, "investigation group 3"
    raised_by: int | None = None  # participant id when raised in the room
    raiser: Raiser = Raiser.NOBODY  # whether raised_by is confirmed (see Raiser); minutes credit PERSON only
    expected_department: str = ""
    suggestion: str = ""
    raised_at: datetime | None = None
    note: str = ""  # private internal note
    followup_of: str = ""  # report-back: the earlier commitment, "<meeting id>#r<response id>.<n>"
    followup_claim: str = ""  # a report-back link that came in through an import: text until confirmed


@dataclass
class FollowUpEntry:
    """One dated step of a commitment's follow-up: a grade change, a progress note, or both.

    ``source`` names the report-back answer at a later council that made the entry
    (``"<meeting id>#r<response id>"``); it is empty for entries typed in the register.
    ``previous`` is the grade before the entry, so an entry can be taken back exactly.
    """

    at: datetime
    grade: Grade | None = None
    previous: Grade | None = None
    note: str = ""
    source: str = ""


@dataclass
class Commitment:
    lead_unit: str
    deliverable: str
    deadline: date | None = None
    co_units: list[str] = field(default_factory=list)
    grade: Grade | None = None
    history: list[FollowUpEntry] = field(default_factory=list)  # follow-up, oldest first


@dataclass
class Response:
    """A department's answer to an issue, with the disposition declared in the room."""

    id: int
    issue_id: int
    department: str
    responder: str = ""
    text: str = ""
    disposition: Disposition = Disposition.RESOLVE_NOW
    # resolve now
    action: str = ""
    lead_unit: str = ""
    deadline: date | None = None
    # study, then resolve step by step
    plan: str = ""
    milestones: str = ""
    target_date: date | None = None
    # needs higher-level support
    reason: str = ""
    body_asked: str = ""
    next_step: str = ""
    interim_measure: str = ""
    commitments: list[Commitment] = field(default_factory=list)
    recorded_at: datetime | None = None
    confirmed_at: datetime | None = None  # read back to the room and agreed
    satisfaction: Satisfaction | None = None
    note: str = ""  # private internal note

    @property
    def reopened(self) -> bool:
        """The proposer was dissatisfied: the issue is open again (docs/architecture.md, "The meeting, in the code")."""
        return self.satisfaction is Satisfaction.DISSATISFIED


@dataclass
class SpeakingLimits:
    """Default limits in seconds, per speaker kind and, for residents, per role (docs/architecture.md, "The meeting, in the code")."""

    booked: int = 8 * 60
    impromptu: int = 5 * 60
    resident: int = 3 * 60
    answer: int = 2 * 60
    point_of_order: int = 60
    one_entry_per_person: bool = False


@dataclass
class Meeting:
    id: str
    title: str
    # The meeting's identity across copies: given once when it is first stored and kept by every
    # export and import, so the register counts a meeting imported three times once.
    origin: str = ""
    theme: str = ""
    series: str = ""  # organiser or series, e.g. "Tongjiang CPPCC consultation councils"
    date: date | None = None
    start_time: time | None = None
    venue: str = ""
    host: str = ""
    recorder: str = ""
    planned_minutes: int = 0
    status: MeetingStatus = MeetingStatus.DRAFT
    language: str = "en"
    background: str = ""  # the research summary
    participants: list[Participant] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)
    speakers: list[SpeakerEntry] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    limits: SpeakingLimits = field(default_factory=SpeakingLimits)
    current_item_id: int | None = None
    leader_summary: str = ""
    closing_remarks: str = ""
    agreed_items: list[str] = field(default_factory=list)
    next_theme: str = ""
    review_date: date | None = None
    # how the office files the minutes (GB/T 9704): 文号, the office that issues them, 成文日期, 抄送
    document_number: str = ""
    issuing_office: str = ""
    issue_date: date | None = None
    copy_to: str = ""
    created_at: datetime | None = None
    closed_at: datetime | None = None
    # the room taking part from phones (roomtui.domain.room_verbs)
    sign_ins: list[SignIn] = field(default_factory=list)
    floor_requests: list[FloorRequest] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    rating_roles: list[Role] = field(default_factory=lambda: [Role.RESIDENT, Role.MEMBER])

    # -- lookups the UI, the minutes and the rules all need --------------------------------
    def next_id(self, items: list) -> int:
        return max((item.id for item in items), default=0) + 1

    def participant(self, participant_id: int | None) -> Participant | None:
        return next((p for p in self.participants if p.id == participant_id), None)

    def agenda_item(self, item_id: int | None) -> AgendaItem | None:
        return next((a for a in self.agenda if a.id == item_id), None)

    def issue(self, issue_id: int | None) -> Issue | None:
        return next((i for i in self.issues if i.id == issue_id), None)

    def response(self, response_id: int | None) -> Response | None:
        return next((r for r in self.responses if r.id == response_id), None)

    def speaker(self, entry_id: int | None) -> SpeakerEntry | None:
        return next((s for s in self.speakers if s.id == entry_id), None)

    def responses_to(self, issue_id: int) -> list[Response]:
        return [r for r in self.responses if r.issue_id == issue_id]

    def issue_open(self, issue_id: int) -> bool:
        """An issue stays open until it has a response its proposer did not reject: a dissatisfied
        proposer reopens it (docs/architecture.md, "The meeting, in the code"), and so does a room
        whose closed rating is mostly 不满意."""
        rejected = {r.response_id for r in self.ratings if r.closed_at is not None and self.room_rejected(r)}
        return all(r.satisfaction is Satisfaction.DISSATISFIED or r.id in rejected
                   for r in self.responses_to(issue_id))

    def tally(self, rating: Rating) -> dict[Satisfaction, int]:
        """Votes per choice, counting names whose sign-in still stands (never who voted how)."""
        standing = {s.id for s in self.sign_ins if s.state is not SignInState.RELEASED}
        counts = dict.fromkeys(Satisfaction, 0)
        for vote in self.votes:
            if vote.rating_id == rating.id and vote.sign_in_id in standing:
                counts[vote.choice] += 1
        return counts

    def room_rejected(self, rating: Rating) -> bool:
        """More than half of the votes are 不满意: the issue goes to follow-up as if its proposer
        were dissatisfied."""
        counts = self.tally(rating)
        return counts[Satisfaction.DISSATISFIED] * 2 > sum(counts.values())

    @property
    def current_item(self) -> AgendaItem | None:
        return self.agenda_item(self.current_item_id)

    @property
    def planned_start(self) -> datetime | None:
        if self.date is None:
            return None
        return datetime.combine(self.date, self.start_time or time(9, 0))
