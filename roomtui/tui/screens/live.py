"""The live view: agenda, the speaker's countdown, the speaking order, issues and responses.

Every key is one action of the secretary, run through ``app.act`` (validated, saved at once,
undoable with ctrl+z). The screen itself only reads: a quarter-second interval redraws the
countdown from the turn's timestamps and writes nothing.

Wide terminals (120 columns and more) get three columns (agenda, speaking order, issues); narrower ones keep the
countdown on top and fold the panels into tabs. The layout is rebuilt (recomposed) when the width
crosses the threshold: every panel is drawn from the meeting, so nothing is lost but the cursor.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical

if TYPE_CHECKING:
    from textual.widgets import DataTable

from roomtui.domain.model import MeetingStatus
from roomtui.domain.speaking import current_speaker
from roomtui.domain.timeline import another_day_notice
from roomtui.i18n import N_, NP_, _
from roomtui.tui.dialogs import FormDialog, FormField
from roomtui.tui.live.moments import footer_keys
from roomtui.tui.live.response_keys import ResponseKeys
from roomtui.tui.live.speaking_keys import SpeakingKeys
from roomtui.tui.meeting_view import MeetingScreen
from roomtui.tui.widgets.agenda_panel import AgendaPanel
from roomtui.tui.widgets.countdown import Countdown
from roomtui.tui.widgets.footer import FittingFooter
from roomtui.tui.widgets.issues_panel import IssuesPanel
from roomtui.tui.widgets.meeting_bar import MeetingBar
from roomtui.tui.widgets.speaker_queue import SpeakerQueue
from roomtui.tui.widgets.speaking_panel import SpeakingPanel
from roomtui.tui.widgets.stats_panel import StatsPanel

WIDE_COLUMNS = 120
TICK_SECONDS = 0.25


class LiveScreen(SpeakingKeys, ResponseKeys, MeetingScreen):
    """The meeting as it runs: countdown, speaking order, agenda, issues and responses, statistics.

    The keys live in two mixins by what they act on (live/speaking_keys.py, live/response_keys.py);
    this class composes the panels, redraws them on the change signal and moves along the agenda.
    """

    VIEW = "live"  # F2-F5 (app.check_action): the key of the view on screen is not offered

    READ_ONLY_ACTIONS = frozenset({"next_tab"})  # a read-only window refuses every other action here (app.py)
    # The footer shows the keys of the moment that fit, most needed first (footer_keys); F1 and the
    # palette (ctrl+p) list every key. Keys for rarer moves stay out of the footer (show=False).
    BINDINGS = [
        Binding("n", "next_speaker", N_("Next speaker"), id="live.next_speaker"),
        Binding("space", "pause_resume", N_("Pause/resume"), id="live.pause_resume"),
        Binding("s", "stop_speaker", NP_("speaker", "Stop"), id="live.stop"),
        Binding("plus,equals_sign", "extend", N_("+1 min"), id="live.extend"),
        Binding("a", "add_speaker('impromptu')", N_("Add speaker"), id="live.add_speaker"),
        Binding("b", "add_speaker('booked')", N_("Add booked"), id="live.add_booked"),
        Binding("o", "add_speaker('point_of_order')", N_("Point of order"), id="live.point_of_order"),
        Binding("p", "insert_speaker", N_("Insert at position"), id="live.insert_speaker", show=False),
        Binding("shift+up,left_square_bracket", "move(-1)", N_("Move up"), id="live.move_up", show=False),
        Binding("shift+down,right_square_bracket", "move(1)", N_("Move down"), id="live.move_down", show=False),
        Binding("x,delete", "remove_speaker", N_("Remove from queue"), id="live.remove_speaker", show=False),
        Binding("l", "readd_last", N_("Re-add last speaker"), id="live.readd_last"),
        Binding("c", "toggle_closed", N_("Close/open the list"), id="live.toggle_closed", show=False),
        Binding("1", "toggle_one_entry", N_("One entry per person"), id="live.one_entry", show=False),
        # → and ← turn the items (the queue takes them only when it scrolls sideways: ctrl+→/← then);
        # the footer says → as the README does, not the ctrl+→ the focused queue would leave it
        Binding("right,ctrl+right", "next_item", N_("Next item"), id="live.next_item", key_display="→"),
        Binding("left,ctrl+left", "previous_item", N_("Previous item"), id="live.previous_item", key_display="←"),
        Binding("i", "raise_floor_issue", N_("Issue from the floor"), id="live.raise_issue"),
        Binding("I", "raise_report_issue", N_("Report issue"), id="live.report_issue"),
        Binding("r", "record_response", N_("Record response"), id="live.record_response"),
        Binding("k", "confirm_response", N_("Confirm response"), id="live.confirm_response"),
        Binding("f", "satisfaction", N_("Proposer's satisfaction"), id="live.satisfaction"),
        Binding("m", "add_commitment", N_("Add commitment"), id="live.add_commitment"),
        Binding("t", "remarks", N_("Summary & closing remarks"), id="live.remarks"),
        Binding("w", "key_points", N_("Key points of the speech"), id="live.key_points"),
        Binding("e", "end_meeting", N_("End meeting"), id="live.end_meeting"),
        Binding("v", "next_tab", N_("Next panel"), id="live.next_tab"),
        Binding("h", "phones", N_("Phones: sign-ins, requests, ratings"), id="live.phones"),
    ]

    DEFAULT_CSS = """
    LiveScreen { layout: vertical; }
    LiveScreen #live-main { height: 1fr; }
    LiveScreen #live-main AgendaPanel { width: 1fr; min-width: 30; }
    LiveScreen #live-centre { width: 2fr; }
    LiveScreen #live-centre Countdown { height: 3fr; min-height: 11; padding: 1 2; align-vertical: middle; }
    LiveScreen #live-centre StatsPanel { height: 2fr; }
    LiveScreen #live-main SpeakingPanel { width: 1fr; min-width: 34; }
    LiveScreen #live-issues { height: 30%; min-height: 7; }
    LiveScreen #live-tabs { height: 1fr; }
    LiveScreen #live-tabs TabPane { padding: 0; }
    LiveScreen #live-tabs AgendaPanel, LiveScreen #live-tabs SpeakingPanel,
    LiveScreen #live-tabs IssuesPanel, LiveScreen #live-tabs StatsPanel { border: none; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.narrow = False
        self._minute: datetime | None = None

    # -- layout ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        self.narrow = self.app.size.width < WIDE_COLUMNS
        yield MeetingBar(id="live-bar")
        if self.narrow:
            from textual.widgets import TabbedContent, TabPane  # ~12 ms to load: only for narrow terminals

            yield Countdown(id="countdown", classes="-compact")
            with TabbedContent(id="live-tabs"):
                with TabPane(_("Speakers"), id="tab-speakers"):
                    yield SpeakingPanel(id="speakers")
                with TabPane(_("Agenda"), id="tab-agenda"):
                    yield AgendaPanel(id="agenda")
                with TabPane(_("Issues"), id="tab-issues"):
                    yield IssuesPanel(id="issues")
                with TabPane(_("Time"), id="tab-stats"):
                    yield StatsPanel(id="stats")
        else:
            with Horizontal(id="live-main"):
                yield AgendaPanel(id="agenda")
                with Vertical(id="live-centre"):
                    yield Countdown(id="countdown")
                    yield StatsPanel(id="stats")
                yield SpeakingPanel(id="speakers")
            yield IssuesPanel(id="live-issues")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.set_interval(TICK_SECONDS, self.tick)
        self.set_interval(1.0, self._slow_tick)
        self._after_layout()

    def _after_layout(self) -> None:
        self.refresh_view()
        self.speakers.queue.focus()

    async def on_resize(self) -> None:
        narrow = self.size.width < WIDE_COLUMNS
        if narrow != self.narrow:
            await self.recompose()
            self._after_layout()
            self.refresh_bindings()

    def action_phones(self) -> None:
        """Phones taking part: their requests, sign-ins and ratings; the first time, let them in."""
        from roomtui.tui.phones import open_phones

        open_phones(self.app)

    # -- reading -----------------------------------------------------------------------------
    @property
    def speakers(self) -> SpeakingPanel:
        return self.query_one(SpeakingPanel)

    @property
    def issues(self) -> IssuesPanel:
        return self.query_one(IssuesPanel)

    def now(self) -> datetime:
        return self.app.clock.now()

    def footer_keys(self) -> list[str]:
        """The keys the secretary needs next, in this moment of the meeting (live/moments.py; the footer fits them)."""
        if self.app.session is None:
            return []
        return footer_keys(self.meeting, self.narrow)

    def _moment(self) -> tuple:
        meeting = self.meeting
        entry = current_speaker(meeting)
        return (meeting.status, meeting.current_item_id, entry.kind if entry else None)

    def refresh_view(self) -> None:
        """Redraw everything from the meeting (on mount, then once per change: the app's revision)."""
        if self.app.session is None:
            return
        moment = self._moment()
        if moment != getattr(self, "_shown_moment", None):
            self._shown_moment = moment
            self.refresh_bindings()  # the footer's choice of keys follows the moment
        meeting, now = self.meeting, self.now()
        self.query_one(MeetingBar).refresh_bar()
        self.query_one(AgendaPanel).refresh_view(meeting, now)
        self.speakers.refresh_view(meeting, now)
        self.issues.refresh_view(meeting, self.app.session.versions)
        self.query_one(StatsPanel).refresh_view(meeting, now)
        self.tick()

    def tick(self) -> None:
        """Redraw the countdown from timestamps; never writes."""
        if self.app.session is not None:
            self.query_one(Countdown).tick()

    def _slow_tick(self) -> None:
        """Once a second: what changes with time alone (used minutes, totals, predicted end)."""
        if self.app.session is None:
            return
        meeting, now = self.meeting, self.now()
        if current_speaker(meeting) is not None:
            self.query_one(StatsPanel).refresh_view(meeting, now)
        minute = now.replace(second=0, microsecond=0)
        if meeting.status is MeetingStatus.LIVE and minute != self._minute:
            self._minute = minute
            self.query_one(AgendaPanel).refresh_view(meeting, now)
            self.query_one(MeetingBar).refresh_bar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_tab":
            return self.narrow
        return True

    # -- the agenda --------------------------------------------------------------------------
    def action_next_item(self) -> None:
        meeting = self.meeting
        if meeting.status is MeetingStatus.CLOSED:
            self.app.notify(_("The meeting is closed."), severity="warning")
        elif meeting.current_item is None:
            other_day = another_day_notice(meeting, self.now().date())
            self.app.act(_("Start the meeting"), lambda c: c.start_meeting())
            if other_day and self.meeting.current_item is not None:
                self.app.notify(other_day, title=_("Another day than planned"), severity="warning", timeout=10)
        else:
            self.app.act(_("Next agenda item"), lambda c: c.next_item())

    def action_previous_item(self) -> None:
        if self.meeting.status is MeetingStatus.CLOSED:
            self.app.notify(_("The meeting is closed."), severity="warning")
            return
        self.app.act(_("Previous agenda item"), lambda c: c.previous_item())

    def action_end_meeting(self) -> None:
        self.app.confirm_close_meeting()

    def action_next_tab(self) -> None:
        if not self.narrow:
            return
        from textual.widgets import TabbedContent

        tabs = self.query_one(TabbedContent)
        panes = ["tab-speakers", "tab-agenda", "tab-issues", "tab-stats"]
        index = panes.index(tabs.active) if tabs.active in panes else -1
        tabs.active = panes[(index + 1) % len(panes)]
        focus = {"tab-speakers": self.speakers.queue,
                 "tab-issues": self.issues.table if self.issues.ready else None}.get(tabs.active)
        if focus is not None:
            focus.focus()

    def action_remarks(self) -> None:
        meeting = self.meeting

        def submit(values: dict[str, Any]) -> list[str] | None:
            return self.app.act(_("Leader's summary and closing remarks"), lambda c: c.record_summary(**values),
                                in_form=True).form_problems

        self.app.push_screen(FormDialog(_("Leader's summary and closing remarks"), [
            FormField("leader_summary", _("Leader's summary"), "textarea", meeting.leader_summary),
            FormField("agreed_items", _("Agreed items (one per line)"), "textarea", "\n".join(meeting.agreed_items)),
            FormField("closing_remarks", _("Closing remarks"), "textarea", meeting.closing_remarks),
        ], submit))

    def action_key_points(self) -> None:
        """Note what the current speaker says (or the last one, once they have finished)."""
        meeting = self.meeting
        entry = current_speaker(meeting)
        if entry is None:
            finished = [s for s in meeting.speakers if s.done]
            entry = max(finished, key=lambda s: s.ended_at, default=None)
        if entry is None:
            self.app.notify(_("Nobody has spoken yet."), severity="warning")
            return
        person = meeting.participant(entry.participant_id)
        entry_id = entry.id

        def submit(values: dict[str, Any]) -> list[str] | None:
            return self.app.act(_("Key points of {name}", name=person.name if person else "?"),
                                lambda c: c.set_speaker_summary(entry_id, values["summary"]), in_form=True).form_problems

        self.app.push_screen(FormDialog(_("Key points of {name}", name=person.name if person else "?"), [
            FormField("summary", _("Key points (for the minutes)"), "textarea", entry.summary),
        ], submit))

    @on(SpeakerQueue.Selected, "#sp-queue")
    def _start_selected(self, event: SpeakerQueue.Selected) -> None:
        """Enter on a waiting speaker (or a click) gives them the floor out of turn."""
        entry_id = int(event.row.id)
        self.app.act(_("Give the floor"), lambda c: c.speaking_order().start(entry_id, c.now()))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a pending issue records its response; on a response, adds a commitment.
        (By name, not @on(DataTable.RowSelected): DataTable loads after the first frame.)"""
        if event.data_table.id != "issues-table":
            return
        key = str(event.row_key.value)
        if key.startswith("i"):
            self.action_record_response()
        else:
            self.action_add_commitment()

