"""The next meeting of a series starts from the last one: the same people, venue, host and limits.

A report-back council hears the departments that made the promises: created empty, it queued
nobody when an issue was raised, and nothing said why. The secretary is offered the previous
meeting's participants and settings (never its issues, speeches or record) and changes what differs.
"""

from __future__ import annotations

from dataclasses import replace

from roomtui.domain.model import Meeting


def same_series(a: str, b: str) -> bool:
    return bool(a.strip()) and a.strip().casefold() == b.strip().casefold()


def previous_in_series(new: Meeting, others: list[Meeting]) -> Meeting | None:
    """The latest meeting of ``new``'s series held before it (any date when ``new`` has none)."""
    earlier = [m for m in others if m.id != new.id and same_series(m.series, new.series)
               and (new.date is None or m.date is None or m.date <= new.date)]
    return max(earlier, key=lambda m: (m.date.isoformat() if m.date else "", str(m.created_at or ""), m.id),
               default=None)


def carry_over(previous: Meeting, new: Meeting) -> Meeting:
    """``new`` with ``previous``'s participants (all present, numbered afresh), host, recorder and
    speaking limits, and its venue unless one was given."""
    participants = [replace(person, id=number, present=True)
                    for number, person in enumerate(previous.participants, 1)]
    return replace(new, participants=participants, host=new.host or previous.host,
                   recorder=new.recorder or previous.recorder,
                   venue=new.venue or previous.venue, limits=replace(previous.limits))
