"""Planning arithmetic of the agenda: totals, planned start times, parts that overrun their item.

Plain functions of the meeting, linear in the agenda's length, shared by the prepare view, the
checks before going live and the tests.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from roomtui.domain.model import AgendaItem, Meeting


def planned_total(meeting: Meeting) -> int:
    """Minutes the agenda plans: top-level items only (parts share their item's time)."""
    return sum(a.planned_minutes for a in meeting.agenda if a.parent_id is None)


def parts_minutes(meeting: Meeting) -> dict[int, int]:
    """For each item that has parts, the minutes its parts plan together."""
    totals: dict[int, int] = defaultdict(int)
    for item in meeting.agenda:
        if item.parent_id is not None:
            totals[item.parent_id] += item.planned_minutes
    return dict(totals)


def overfull_items(meeting: Meeting) -> list[AgendaItem]:
    """Items whose parts plan more time than the item itself."""
    parts = parts_minutes(meeting)
    return [item for item in meeting.agenda
            if item.id in parts and item.planned_minutes and parts[item.id] > item.planned_minutes]


def planned_starts(meeting: Meeting) -> dict[int, datetime]:
    """When each item should start if the meeting keeps to plan (parts start within their item)."""
    start = meeting.planned_start
    if start is None or meeting.start_time is None:
        return {}
    starts: dict[int, datetime] = {}
    top = start
    next_part: dict[int, datetime] = {}
    for item in meeting.agenda:
        if item.parent_id is None:
            starts[item.id] = next_part[item.id] = top
            top += timedelta(minutes=item.planned_minutes)
        else:
            begin = next_part.get(item.parent_id, top)
            starts[item.id] = begin
            next_part[item.parent_id] = begin + timedelta(minutes=item.planned_minutes)
    return starts


def planned_end(meeting: Meeting) -> datetime | None:
    start = meeting.planned_start
    return start + timedelta(minutes=planned_total(meeting)) if start is not None else None


def top_level_count(meeting: Meeting) -> int:
    """How many items the agenda has, as the room counts them (parts are inside their item)."""
    return sum(1 for a in meeting.agenda if a.parent_id is None)


def item_number(meeting: Meeting, item: AgendaItem) -> str:
    """The item's number as the printed agenda shows it: "3", or "3.1" for the first part of 3."""
    top = part = 0
    for candidate in meeting.agenda:
        if candidate.parent_id is None:
            top, part = top + 1, 0
        else:
            part += 1
        if candidate.id == item.id:
            return str(top) if candidate.parent_id is None else f"{top}.{part}"
    return "?"
