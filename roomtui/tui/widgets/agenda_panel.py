"""The agenda on the live screen: where the meeting is, planned against actual time per item."""

from __future__ import annotations

from datetime import datetime, timedelta

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from roomtui.caches import enabled
from roomtui.domain.model import AgendaItem, Meeting, MeetingStatus
from roomtui.domain.stats import item_minutes_used, predicted_end
from roomtui.i18n import _
from roomtui.tui.widgets.aligned_rows import AlignedRows, Column


def planned_end(meeting: Meeting) -> datetime | None:
    start = meeting.planned_start
    if start is None:
        return None
    return start + timedelta(minutes=sum(a.planned_minutes for a in meeting.agenda if a.parent_id is None))


def _times(item: AgendaItem) -> str:
    if item.started_at is None:
        return ""
    end = item.ended_at.strftime("%H:%M") if item.ended_at else "…"
    return f"{item.started_at.strftime('%H:%M')}–{end}"


ONE_LINE_WIDTH = 56  # from this width an item's times share its line; narrower, they go below it


class AgendaTable:
    """The agenda's rows, laid out for the width they get when drawn (no guess before layout)."""

    def __init__(self, meeting: Meeting, now: datetime) -> None:
        self.rows = list(_agenda_rows(meeting, now))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        columns = [Column(), Column("right"), Column(flexible=True), Column("right")]
        if options.max_width >= ONE_LINE_WIDTH:
            yield AlignedRows([*columns, Column("right")], [(mark, label, title, minutes, Text(times, style="dim"))
                                                            for mark, label, title, minutes, times in self.rows])
            return
        rows = []
        for mark, label, title, minutes, times in self.rows:
            if times:
                title = title.copy()
                title.append("\n  " + times, style="dim")
            rows.append((mark, label, title, minutes))
        yield AlignedRows(columns, rows)


def _agenda_rows(meeting: Meeting, now: datetime):
    """(mark, number, title, minutes, times) per item."""
    number = 0
    for item in meeting.agenda:
        current = item.id == meeting.current_item_id and meeting.status is not MeetingStatus.CLOSED
        running_part = (meeting.current_item is not None and meeting.current_item.parent_id == item.id
                        and meeting.status is not MeetingStatus.CLOSED)  # the item runs while its part runs
        done = item.ended_at is not None
        if item.parent_id is None:
            number += 1
            label = str(number)
        else:
            label = "·"
        mark = Text(">" if current or running_part else ("✓" if done else " "),
                    style="bold reverse" if current else ("bold" if running_part else "green"))
        used = item_minutes_used(item, now)
        over = item.planned_minutes and used > item.planned_minutes
        minutes = Text(_("{used}/{planned}m", used=int(used), planned=item.planned_minutes) if item.started_at
                       else _("{planned}m", planned=item.planned_minutes),
                       style="bold red" if over else ("" if item.started_at else "dim"))
        title = Text(("  " if item.parent_id else "") + item.title, style="bold" if current else ("dim" if done else ""))
        yield mark, label, title, minutes, _times(item)


def end_line(meeting: Meeting, now: datetime) -> Text:
    """The predicted (or actual) end, then on its own line the planned end: "plan 11:35" beside
    "ends ~07:22" read as a planned start when the meeting ran at another time of day."""
    line = Text(no_wrap=True, overflow="ellipsis")
    planned = planned_end(meeting)
    planned_words = _("planned end {time}", time=planned.strftime("%H:%M")) if planned is not None else ""
    if meeting.status is MeetingStatus.CLOSED and meeting.closed_at is not None:
        line.append(_("closed {time}", time=meeting.closed_at.strftime("%H:%M")), style="bold")
        if planned_words:
            line.append("\n" + planned_words, style="dim")
        return line
    predicted = predicted_end(meeting, now)
    if predicted is not None:
        line.append(_("ends ~{time}", time=predicted.strftime("%H:%M")), style="bold")
        if planned is not None:
            delta = round((predicted - planned).total_seconds() / 60)
            if abs(delta) < 12 * 60:  # a demo run on another day has no meaningful delta
                line.append(_(" ({minutes})", minutes=f"{delta:+d}"), style="red" if delta > 0 else "green")
            line.append("\n" + planned_words, style="dim")
    return line


class AgendaPanel(VerticalScroll):
    """Read-only: the screen's keys (→ ←) move through the agenda."""

    DEFAULT_CSS = """
    AgendaPanel { border: round $primary-darken-1; border-title-align: left; padding: 0 1; height: 1fr; }
    AgendaPanel > Static { width: 1fr; height: auto; }
    """

    can_focus = False

    def compose(self):
        yield Static("", id="agenda-body")

    def on_mount(self) -> None:
        self.border_title = _("Agenda")

    _shown: tuple | None = None

    def refresh_view(self, meeting: Meeting, now: datetime) -> None:
        """Redraw only when something the agenda shows changed (most actions touch no item)."""
        ending = end_line(meeting, now)
        shown = (meeting.status, meeting.current_item_id, ending.markup,
                 tuple((item.id, item.title, item.parent_id, item.planned_minutes, item.started_at, item.ended_at,
                        int(item_minutes_used(item, now))) for item in meeting.agenda))
        if shown == self._shown and enabled("redraw-guards"):
            return
        self._shown = shown
        self.query_one("#agenda-body", Static).update(Group(AgendaTable(meeting, now), Text(""), ending))
