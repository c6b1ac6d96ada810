"""What phones may see of the meeting right now, as one immutable snapshot.

Built on the thread that owns the meeting (the app's, after every saved action) and handed to
the share's request threads by one reference swap, so a request never reads the meeting while
the secretary changes it. Only what the public minutes already show goes in: names and
affiliations of participants, who speaks, responses as recorded, counts of votes. Contacts and
notes never; who voted how never; each phone sees only its own sign-in, request and votes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime

from roomtui.domain.council import Council
from roomtui.domain.model import Meeting, MeetingStatus, RequestState, Role, Satisfaction, SignInState
from roomtui.domain.speaking import current_speaker
from roomtui.domain.text import compare_key
from roomtui.minutes.labels import enum_label, minutes_language

NEXT_SHOWN = 3  # who is next: the first few waiting speakers


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    affiliation: str
    key: str  # name and affiliation as compared (width, case, invisible characters ignored)


@dataclass(frozen=True)
class Floor:
    name: str
    kind: str
    remaining: float  # seconds left when the snapshot was made (negative: over time)
    ticking: bool  # speaking now (not paused or interrupted)
    made_at: float  # time.monotonic() of the snapshot

    def seconds_left(self, now: float | None = None) -> int:
        elapsed = ((now if now is not None else time.monotonic()) - self.made_at) if self.ticking else 0.0
        return int(round(self.remaining - elapsed))


@dataclass(frozen=True)
class Answer:
    response_id: int
    issue_number: int
    issue_title: str
    department: str
    disposition: str
    text: str
    rating_id: int | None = None
    rating_open: bool = False
    tally: tuple[int, int, int] = (0, 0, 0)  # satisfied, basically, dissatisfied
    roles: frozenset[Role] = frozenset()


@dataclass(frozen=True)
class PhoneStatus:
    """One phone's own standing: its sign-in, latest request to speak, and votes."""

    sign_in_id: int
    name: str
    confirmed: bool
    role: Role
    request: RequestState | None = None
    topic: str = ""
    place: int | None = None
    votes: dict[int, Satisfaction] = field(default_factory=dict)  # rating id -> choice


@dataclass(frozen=True)
class RoomState:
    meeting_id: str
    language: str  # the minutes' language: "en" or "zh"
    title: str
    status: MeetingStatus
    item: str
    floor: Floor | None
    next: tuple[str, ...]
    answers: tuple[Answer, ...]
    people: tuple[Person, ...]
    phones: dict[str, PhoneStatus]
    summary: str
    agreed: tuple[str, ...]
    version: int = 0

    def search(self, query: str, limit: int = 10) -> list[Person]:
        """Participants whose name or affiliation holds ``query`` (two letters, or one Chinese character)."""
        key = compare_key(query)
        if len(key) < (2 if key.isascii() else 1):
            return []
        return [p for p in self.people if key in p.key][:limit]


def build_room_state(meeting: Meeting, version: int = 0, now: datetime | None = None) -> RoomState:
    """The snapshot of ``meeting`` as it is now (call it on the thread that changes the meeting)."""
    language = minutes_language(meeting.language)
    council = Council(meeting)
    now = now or council.now()
    floor = None
    speaker = current_speaker(meeting)
    if speaker is not None:
        person = meeting.participant(speaker.participant_id)
        floor = Floor(person.name if person else "", enum_label(speaker.kind, language), speaker.remaining_seconds(now),
                      speaker.running and not speaker.paused, time.monotonic())
    waiting = council.speaking_order().waiting if meeting.current_item_id is not None else []
    upcoming = tuple(p.name for p in (meeting.participant(s.participant_id) for s in waiting[:NEXT_SHOWN]) if p)
    ratings = {r.response_id: r for r in meeting.ratings}
    answers = []
    for response in meeting.responses:
        issue = meeting.issue(response.issue_id)
        rating = ratings.get(response.id)
        tally = meeting.tally(rating) if rating is not None else {}
        answers.append(Answer(
            response.id, response.issue_id, issue.title if issue else "", response.department,
            enum_label(response.disposition, language), response.text,
            rating.id if rating else None, rating is not None and rating.closed_at is None,
            tuple(tally.get(choice, 0) for choice in Satisfaction), frozenset(rating.roles) if rating else frozenset()))
    people = tuple(Person(p.id, p.name, p.affiliation, compare_key(f"{p.name} {p.affiliation}"))
                   for p in meeting.participants)
    phones = _phones(meeting, council)
    item = meeting.current_item
    return RoomState(meeting.id, language, meeting.title, meeting.status, item.title if item else "", floor, upcoming,
                     tuple(answers), people, phones, meeting.leader_summary, tuple(meeting.agreed_items), version)


def _phones(meeting: Meeting, council) -> dict[str, PhoneStatus]:
    votes: dict[int, dict[int, Satisfaction]] = {}
    for vote in meeting.votes:
        votes.setdefault(vote.sign_in_id, {})[vote.rating_id] = vote.choice
    latest = {}
    for request in meeting.floor_requests:
        latest[request.sign_in_id] = request
    waiting = [r for r in meeting.floor_requests if r.state is RequestState.WAITING]
    places = {r.id: n for n, r in enumerate(waiting, 1)}
    phones = {}
    for entry in meeting.sign_ins:
        if entry.state is SignInState.RELEASED or not entry.phone:
            continue
        person = meeting.participant(entry.participant_id)
        request = latest.get(entry.id)
        place = None
        if request is not None:
            if request.state is RequestState.WAITING:
                place = places[request.id]
            elif request.state is RequestState.ACCEPTED:
                place = council.place_in_queue(entry.phone)[1]
        phones[entry.phone] = PhoneStatus(
            entry.id, person.name if person else entry.name, entry.state is SignInState.CONFIRMED,
            person.role if person else Role.RESIDENT, request.state if request else None,
            request.topic if request else "", place, votes.get(entry.id, {}))
    return phones
