"""Speaking-time statistics, per person and per role, for the live panel and the minutes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from roomtui.domain.model import AgendaItem, Meeting, Role


@dataclass
class SpeakingTotal:
    seconds: float = 0.0
    turns: int = 0


def speaking_stats(meeting: Meeting, now: datetime) -> tuple[dict[int, SpeakingTotal], dict[Role, SpeakingTotal]]:
    """Totals per participant id and per role, counting the running turn up to ``now``."""
    by_person: dict[int, SpeakingTotal] = {}
    by_role: dict[Role, SpeakingTotal] = {}
    for entry in meeting.speakers:
        if entry.started_at is None:
            continue
        seconds = entry.elapsed_seconds(now)
        person = by_person.setdefault(entry.participant_id, SpeakingTotal())
        person.seconds += seconds
        person.turns += 1
        participant = meeting.participant(entry.participant_id)
        if participant is not None:
            role = by_role.setdefault(participant.role, SpeakingTotal())
            role.seconds += seconds
            role.turns += 1
    return by_person, by_role


def item_minutes_used(item: AgendaItem, now: datetime) -> float:
    if item.started_at is None:
        return 0.0
    return ((item.ended_at or now) - item.started_at).total_seconds() / 60


def item_remaining_minutes(meeting: Meeting, item: AgendaItem, now: datetime) -> float:
    """Planned minutes an unfinished item still needs.

    An item with parts needs at least what its unfinished parts still plan, and at least what is
    left of its own plan: a part running over eats into the item's slack before moving the end.
    """
    if item.ended_at is not None:
        return 0.0
    own = item.planned_minutes - item_minutes_used(item, now)
    parts = 0.0
    for part in meeting.agenda:
        if part.parent_id == item.id and part.ended_at is None:
            parts += max(0.0, part.planned_minutes - item_minutes_used(part, now))
    return max(0.0, own, parts)


def predicted_end(meeting: Meeting, now: datetime) -> datetime | None:
    """When the meeting will end if every remaining item takes its planned time.

    The current item is allowed its plan, or the time already used if it has run over; an item
    with parts counts what its parts still plan (see ``item_remaining_minutes``).
    """
    top = [a for a in meeting.agenda if a.parent_id is None]
    if not top:
        return None
    start = meeting.planned_start
    if all(a.started_at is None for a in top):
        if start is None:
            return None
        base = max(start, now) if meeting.status.value == "live" else start
        return base + timedelta(minutes=sum(item_remaining_minutes(meeting, a, now) for a in top))
    moment = now
    for item in top:
        moment += timedelta(minutes=item_remaining_minutes(meeting, item, now))
    return moment


def format_seconds(seconds: float) -> str:
    """'4:05', '-0:12' for overtime, '1:02:03' past an hour."""
    sign = "-" if seconds < 0 else ""
    whole = int(abs(seconds) + 0.999) if seconds < 0 else int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"
