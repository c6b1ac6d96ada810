"""The room's rating of an answer (满意度测评) as the register carries it: counts only.

The register outlives the meeting and is handed out, so it keeps of each rating just the three
counts and whether the secretary closed it, never who voted how (the votes stay in the meeting
file). County offices report the share of 满意 per department and follow up first the answers
most of the room found 不满意, so both are computed here, once, for every view and export.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from roomtui.domain.model import Meeting, Satisfaction


@dataclass(frozen=True)
class RoomTally:
    """Votes per choice on one response, and whether the rating was closed."""

    satisfied: int = 0
    basically: int = 0
    dissatisfied: int = 0
    closed: bool = False

    @property
    def votes(self) -> int:
        return self.satisfied + self.basically + self.dissatisfied

    @property
    def mostly_dissatisfied(self) -> bool:
        """More than half of the votes are 不满意: the rule that reopens the issue in the meeting
        (Meeting.room_rejected), applied to the counts so far."""
        return self.dissatisfied * 2 > self.votes


def room_tally(meeting: Meeting, response_id: int) -> RoomTally | None:
    """The tally of ``response_id``, None when the room was never asked to rate it."""
    rating = next((r for r in meeting.ratings if r.response_id == response_id), None)
    if rating is None:
        return None
    counts = meeting.tally(rating)
    return RoomTally(counts[Satisfaction.SATISFIED], counts[Satisfaction.BASICALLY],
                     counts[Satisfaction.DISSATISFIED], rating.closed_at is not None)


@dataclass(frozen=True)
class RoomShare:
    """The room's votes on a department's answers: the share of 满意 offices report."""

    answers: int = 0  # rated answers (a response with two commitments counts once)
    votes: int = 0
    satisfied: int = 0
    dissatisfied_answers: int = 0  # answers most of the room found 不满意

    @property
    def percent_satisfied(self) -> int | None:
        """Whole percent, halves rounded up (the same on every machine); None without votes."""
        if not self.votes:
            return None
        return (200 * self.satisfied + self.votes) // (2 * self.votes)


def room_share(tallies: Iterable[tuple[object, RoomTally | None]]) -> RoomShare:
    """Add up ``(answer key, tally)`` pairs, each answer once however many commitments it made."""
    seen: dict[object, RoomTally] = {}
    for key, tally in tallies:
        if tally is not None:
            seen.setdefault(key, tally)
    return RoomShare(len(seen), sum(t.votes for t in seen.values()), sum(t.satisfied for t in seen.values()),
                     sum(t.mostly_dissatisfied for t in seen.values()))
