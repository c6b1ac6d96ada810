"""When a meeting was held, as opposed to when it was planned.

The record states what happened: the day the council met and the times its first item started
and the meeting was closed. The plan (date and start time from Prepare) is kept beside it, so
the internal minutes can say where the two differ, and so the secretary can be warned before
going live on a day other than the planned one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from roomtui.domain.model import Meeting
from roomtui.i18n import _


@dataclass(frozen=True)
class HeldTimes:
    """The actual day, start and end; each falls back to the plan while nothing has happened yet."""

    day: date | None
    start: datetime | None  # the first agenda item started (None: not started yet)
    end: datetime | None  # the meeting was closed (None: not closed yet)
    planned_day: date | None
    planned_start: datetime | None

    @property
    def differs_from_plan(self) -> bool:
        """The meeting did not start on the planned day at the planned minute."""
        if self.start is None or self.planned_start is None:
            return self.start is not None and self.planned_day is not None and self.start.date() != self.planned_day
        return self.start.replace(second=0, microsecond=0) != self.planned_start.replace(second=0, microsecond=0)


def held_times(meeting: Meeting) -> HeldTimes:
    starts = [item.started_at for item in meeting.agenda if item.started_at is not None]
    start = min(starts, default=None)
    planned_start = meeting.planned_start if meeting.start_time is not None else None
    return HeldTimes(day=start.date() if start is not None else meeting.date, start=start, end=meeting.closed_at,
                     planned_day=meeting.date, planned_start=planned_start)


def held_on_another_day(meeting: Meeting, today: date) -> bool:
    """Going live ``today`` is not the day the meeting was planned for (and it has not started yet)."""
    return meeting.date is not None and meeting.date != today and held_times(meeting).start is None


def another_day_notice(meeting: Meeting, today: date) -> str:
    """What to tell the secretary before going live on another day than planned; empty if all is well."""
    if not held_on_another_day(meeting, today):
        return ""
    return _("This meeting is planned for {planned}, but today is {today}. The minutes will record the day it "
             "is held ({today}) and keep the plan in the internal version.", planned=meeting.date.isoformat(),
             today=today.isoformat())
