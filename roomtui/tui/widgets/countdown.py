"""The speaker's countdown: the largest thing on the live screen.

It never counts: every tick reads the turn's timestamps against the clock, so a restart in the
middle of a speech shows the true remaining time, and a tick never writes anything.
"""

from __future__ import annotations

import math

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from roomtui.caches import enabled
from roomtui.domain.model import Meeting, MeetingStatus, SpeakerEntry, SpeakerKind
from roomtui.domain.speaking import SpeakingOrder, current_speaker
from roomtui.domain.stats import format_seconds
from roomtui.i18n import _
from roomtui.tui.widgets.big_clock import BigClock
from roomtui.tui.widgets.text_in_place import update_in_place

WARNING_SECONDS = 30


def clock_text(remaining: float) -> str:
    """'2:41' while time is left (rounded up, so a fresh turn shows its full limit), '+0:12' over time."""
    if remaining >= 0:
        return format_seconds(math.ceil(remaining))
    return "+" + format_seconds(math.floor(-remaining))


def state_class(remaining: float) -> str:
    """The CSS class for a remaining time: plenty, warning (30 s left) or overtime (time is up)."""
    if remaining <= 0:
        return "-overtime"
    if remaining <= WARNING_SECONDS:
        return "-warning"
    return "-plenty"


def speaker_line(meeting: Meeting, entry: SpeakerEntry) -> Text:
    person = meeting.participant(entry.participant_id)
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(person.name if person else "?", style="bold")
    if person is not None:
        line.append(" · " + person.role.label)
        if person.affiliation:
            line.append(" · " + person.affiliation)
    return line


def kind_line(meeting: Meeting, entry: SpeakerEntry) -> Text:
    line = Text(no_wrap=True, overflow="ellipsis")
    style = "bold red" if entry.kind is SpeakerKind.POINT_OF_ORDER else ""
    issue = meeting.issue(entry.issue_id)
    if issue is not None:  # "answer to #4 ..." says the kind already: never "answer · answer to #4"
        line.append(_("answer to #{id} {title}", id=issue.id, title=issue.title), style=style)
    else:
        line.append(entry.kind.label, style=style)
    if entry.kind is not SpeakerKind.POINT_OF_ORDER:
        return line  # only a point of order interrupts anyone (and the search walks every turn, 4 times a second)
    suspended = SpeakingOrder(meeting, entry.agenda_item_id).interrupted
    if suspended is not None and suspended.id != entry.id:
        person = meeting.participant(suspended.participant_id)
        line.append(" · " + _("interrupts {name}", name=person.name if person else "?"), style="yellow")
    return line


class Countdown(Vertical):
    """Who has the floor and how long is left; classes -plenty / -warning / -overtime / -paused / -idle."""

    DEFAULT_CSS = """
    Countdown {
        height: auto;
        border: round $primary;
        border-title-align: left;
        padding: 0 1;
    }
    Countdown > Static { width: 1fr; height: 1; }
    Countdown #cd-speaker { text-align: center; }
    Countdown #cd-kind { text-align: center; color: $text-muted; }
    Countdown #cd-digits { width: 1fr; height: 1fr; min-height: 3; margin: 1 0; }
    Countdown #cd-status { text-align: center; color: $text-muted; height: auto; }  /* a hint wraps, never cut */
    Countdown.-plenty #cd-digits { color: $success; }
    Countdown.-warning #cd-digits { color: $warning; }
    Countdown.-warning { border: round $warning; }
    Countdown.-overtime #cd-digits { color: $error; }
    Countdown.-overtime { border: heavy $error; }
    Countdown.-overtime #cd-status { color: $error; text-style: bold; }
    Countdown.-paused #cd-digits { color: $text-muted; }
    Countdown.-idle #cd-digits { color: $text-disabled; }
    Countdown.-compact #cd-digits { margin: 0; height: 3; }
    Countdown.-compact { border: none; border-top: solid $primary; height: auto; padding: 0 1; }
    Countdown.-compact.-overtime { border-top: heavy $error; }
    Countdown.-compact.-warning { border-top: heavy $warning; }
    """

    STATES = ("-plenty", "-warning", "-overtime", "-paused", "-idle")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._last: tuple[int, float] | None = None  # (entry id, remaining) at the previous tick
        self.bells = 0
        self._shown: tuple | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="cd-speaker")
        yield Static("", id="cd-kind")
        yield BigClock("", id="cd-digits")
        yield Static("", id="cd-bar")
        yield Static("", id="cd-status")

    def on_mount(self) -> None:
        self.border_title = _("Now speaking")
        self.tick()

    def on_resize(self) -> None:
        """The bar is as wide as the panel: drawn again at its new width (before the first layout
        it has none, and a paused or stopped clock may not tick again for a while)."""
        self.tick()

    def _set_state(self, *states: str) -> None:
        for name in self.STATES:
            self.set_class(name in states, name)

    def _show(self, speaker: Text | str, kind: Text | str, digits: str, bar: Text | str, status: Text | str) -> None:
        shown = (speaker, kind, digits, bar, status)
        if shown == self._shown and enabled("redraw-guards"):
            return  # four ticks a second: redraw only what changed
        before, self._shown = self._shown or (None,) * 5, shown
        # one line each: a new text needs no new layout (a layout of the whole screen every second)
        for name, text, old in (("cd-speaker", speaker, before[0]), ("cd-kind", kind, before[1]), ("cd-bar", bar, before[3])):
            if text != old:
                self.query_one(f"#{name}", Static).update(text, layout=False)
        widget = self.query_one("#cd-digits", BigClock)
        if widget.value != digits:
            widget.update(digits)
        if status != before[4]:
            update_in_place(self.query_one("#cd-status", Static), status)  # a hint wraps: its height may change

    def _bar(self, used: float, limit: int) -> Text:
        width = max(10, self.content_region.width or 40)
        fraction = 0.0 if limit <= 0 else min(1.0, max(0.0, used / limit))
        filled = round(fraction * width)
        colour = "red" if used >= limit else ("yellow" if limit - used <= WARNING_SECONDS else "green")
        bar = Text(no_wrap=True)
        bar.append("█" * filled, style=colour)
        bar.append("░" * (width - filled), style="dim")
        return bar

    def tick(self) -> None:
        """Read the clock and the turn's timestamps; ring once when the time runs out."""
        session = self.app.session
        if session is None:
            return
        meeting = session.meeting
        now = self.app.clock.now()
        entry = current_speaker(meeting)
        if entry is None:
            self._last = None
            self._show_idle(meeting)
            return
        remaining = entry.remaining_seconds(now)
        if self._last is not None and self._last[0] == entry.id and self._last[1] > 0 >= remaining:
            self.bells += 1
            self.app.bell()
        self._last = (entry.id, remaining)
        states = [state_class(remaining)]
        if entry.paused:
            states.append("-paused")
        self._set_state(*states)
        status = Text(no_wrap=True, overflow="ellipsis")
        if entry.paused:
            status.append(_("PAUSED") + " · ", style="bold")
        if remaining <= 0:
            status.append(_("over time") if remaining < 0 else _("time is up"))
            status.append(" · ")
        status.append(_("limit {limit}", limit=format_seconds(entry.limit_seconds)))
        if entry.started_at is not None:
            status.append(" · " + _("since {time}", time=entry.started_at.strftime("%H:%M:%S")))
        self._show(speaker_line(meeting, entry), kind_line(meeting, entry), clock_text(remaining),
                   self._bar(entry.elapsed_seconds(now), entry.limit_seconds), status)

    def _show_idle(self, meeting: Meeting) -> None:
        self._set_state("-idle")
        if meeting.status is MeetingStatus.CLOSED:
            self._show(Text(_("The meeting is closed."), style="bold"), "", "0:00", "",
                       _("F4 shows the minutes · F5 the hand-out"))
            return
        if meeting.current_item is None:
            self._show(Text(_("The meeting has not started."), style="bold"), "", "0:00", "",
                       _("→ starts the first agenda item"))
            return
        following = SpeakingOrder(meeting, meeting.current_item.id).up_next()  # the room view's list too
        if not following:
            self._show(Text(_("Nobody has the floor."), style="bold"), "", "0:00", "",
                       _("a adds a speaker · b a booked one · o a point of order"))
            return
        first = following[0]
        if first.interrupted:
            speaker = Text(_("Next: "), no_wrap=True, overflow="ellipsis")
            speaker.append_text(speaker_line(meeting, first))
            self._show(speaker, Text(_("resumes after the point of order"), style="yellow", no_wrap=True),
                       clock_text(first.remaining_seconds(self.app.clock.now())), "", _("n gives the floor"))
            return
        speaker = Text(_("Next: "), no_wrap=True, overflow="ellipsis")
        speaker.append_text(speaker_line(meeting, first))
        self._show(speaker, kind_line(meeting, first), format_seconds(first.limit_seconds), "",
                   _("n gives the floor"))
