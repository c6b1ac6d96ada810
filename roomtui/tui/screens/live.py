"""The live view: agenda, the speaker's countdown, the speaking order, issues and responses.

Every key is one action of the secretary, run through ``app.act`` (validated, saved at once,
undoable with ctrl+z). The screen itself only reads: a quarter-second interval redraws the
countdown from the turn's timestamps and writes nothing.

Wide terminals (120 columns and more) get three columns as in DESIGN.md; narrower ones keep the
countdown on top and fold the panels into tabs. The layout is rebuilt (recomposed) when the width
crosses the threshold: every panel is drawn from the meeting, so nothing is lost but the cursor.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, OptionList, TabbedContent, TabPane

from roomtui.domain.answering import departments as departments_of
from roomtui.domain.answering import floor_person
from roomtui.domain.model import (
    Meeting,
    MeetingStatus,
    Participant,
    Role,
    Satisfaction,
    SpeakerKind,
)
from roomtui.domain.speaking import SpeakingOrder, current_speaker
from roomtui.domain.timeline import another_day_notice
from roomtui.i18n import N_, _
from roomtui.tui.dialogs import FormDialog, FormField, PickerDialog
from roomtui.tui.live.response_form import ResponseForm
from roomtui.tui.meeting_view import MeetingScreen
from roomtui.tui.widgets.agenda_panel import AgendaPanel
from roomtui.tui.widgets.countdown import Countdown
from roomtui.tui.widgets.footer import FittingFooter
from roomtui.tui.widgets.issues_panel import IssuesPanel
from roomtui.tui.widgets.meeting_bar import MeetingBar
from roomtui.tui.widgets.speaking_panel import SpeakingPanel
from roomtui.tui.widgets.stats_panel import StatsPanel

WIDE_COLUMNS = 120
TICK_SECONDS = 0.25
EXTEND_SECONDS = 60



def person_label(person: Participant) -> str:
    """What the picker filters on: name, role and affiliation (Chinese included)."""
    label = f"{person.name} · {person.role.label}"
    if person.affiliation:
        label += f" · {person.affiliation}"
    if not person.present:
        label += " · " + _("absent")
    return label


def response_label(meeting: Meeting, response) -> str:
    """'#4 Cars block the fire lane → County Public Security Bureau': names the issue it answers."""
    issue = meeting.issue(response.issue_id)
    return f"#{response.issue_id} {issue.title if issue else ''} → {response.department}"


class LiveScreen(MeetingScreen):
    READ_ONLY_ACTIONS = frozenset({"next_tab"})  # a read-only window refuses every other action here (app.py)
    # The footer shows what fits, most important first for the moment (footer_priority); F1 and the
    # palette (ctrl+p) list every key. Keys for rarer moves stay out of the footer (show=False).
    BINDINGS = [
        Binding("n", "next_speaker", N_("Next speaker"), id="live.next_speaker"),
        Binding("space", "pause_resume", N_("Pause/resume"), id="live.pause_resume"),
        Binding("s", "stop_speaker", N_("Stop"), id="live.stop"),
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
        Binding("right,ctrl+right", "next_item", N_("Next item"), id="live.next_item"),
        Binding("left,ctrl+left", "previous_item", N_("Previous item"), id="live.previous_item"),
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

    # -- reading -----------------------------------------------------------------------------
    @property
    def speakers(self) -> SpeakingPanel:
        return self.query_one(SpeakingPanel)

    @property
    def issues(self) -> IssuesPanel:
        return self.query_one(IssuesPanel)

    def now(self) -> datetime:
        return self.app.clock.now()

    def footer_priority(self) -> list[str]:
        """The keys the secretary needs next, in this moment of the meeting (the footer fits them)."""
        if self.app.session is None:
            return []
        meeting = self.meeting
        panels = ["next_tab"] if self.narrow else []
        if meeting.status is MeetingStatus.CLOSED:
            return ["view('minutes')", "view('handout')", "home"]
        if meeting.current_item is None:
            return ["next_item", "view('prepare')"]
        entry = current_speaker(meeting)
        if entry is None:  # between speakers
            return panels + ["next_speaker", "add_speaker('impromptu')", "add_speaker('booked')",
                             "add_speaker('point_of_order')", "next_item", "raise_floor_issue", "raise_report_issue",
                             "record_response", "readd_last", "remarks", "previous_item", "end_meeting"]
        if entry.kind is SpeakerKind.ANSWER:  # a department answers an issue
            return panels + ["record_response", "next_speaker", "pause_resume", "extend", "confirm_response",
                             "add_commitment", "satisfaction", "key_points", "stop_speaker"]
        return panels + ["next_speaker", "pause_resume", "extend", "stop_speaker", "key_points",
                         "add_speaker('point_of_order')", "add_speaker('impromptu')", "raise_floor_issue",
                         "raise_report_issue", "record_response", "next_item"]

    def _moment(self) -> tuple:
        meeting = self.meeting
        entry = current_speaker(meeting)
        return meeting.status, meeting.current_item_id is None, entry.kind if entry else None

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
        self.issues.refresh_view(meeting)
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

    def _order(self) -> SpeakingOrder | None:
        item = self.meeting.current_item
        return SpeakingOrder(self.meeting, item.id) if item is not None else None

    def _people(self) -> list[tuple[str, int]]:
        people = sorted(self.meeting.participants, key=lambda p: (not p.present, p.id))
        return [(person_label(p), p.id) for p in people]

    # -- the floor ---------------------------------------------------------------------------
    def action_next_speaker(self) -> None:
        """The domain decides: the current turn ends, the first waiting speaker gets the floor."""
        outcome = self.app.act(_("Next speaker"), lambda c: c.speaking_order().next(c.now()), quiet=True)
        if not outcome:
            return
        if outcome.result is None:
            self.app.notify(_("Nobody is waiting to speak on this item."), severity="warning")
            return
        person = self.meeting.participant(outcome.result.participant_id)
        self.app.notify(_("The floor: {name}", name=person.name if person else "?"), timeout=2)

    def action_pause_resume(self) -> None:
        entry = current_speaker(self.meeting)
        if entry is None:
            self.app.notify(_("Nobody has the floor."), severity="warning")
        elif entry.paused:
            self.app.act(_("Resume"), lambda c: c.speaking_order().resume(c.now()))
        else:
            self.app.act(_("Pause"), lambda c: c.speaking_order().pause(c.now()))

    def action_stop_speaker(self) -> None:
        if current_speaker(self.meeting) is None:
            self.app.notify(_("Nobody has the floor."), severity="warning")
            return
        self.app.act(_("Stop speaker"), lambda c: c.speaking_order().stop(c.now()))

    def action_extend(self) -> None:
        self.app.act(_("+1 min"), lambda c: c.speaking_order().extend(EXTEND_SECONDS))

    @on(OptionList.OptionSelected, "#sp-queue")
    def _start_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a waiting speaker gives them the floor out of turn."""
        entry_id = int(event.option.id)
        self.app.act(_("Give the floor"), lambda c: c.speaking_order().start(entry_id, c.now()))

    # -- the queue ---------------------------------------------------------------------------
    def action_add_speaker(self, kind: str) -> None:
        if self._order() is None:
            self.app.notify(_("Start the meeting first (→)."), severity="warning")
            return
        speaker_kind = SpeakerKind(kind)

        def picked(participant_id: int | None) -> None:
            if participant_id is None:
                return
            outcome = self.app.act(_("Add speaker ({kind})", kind=speaker_kind.label),
                                   lambda c: c.speaking_order().add(participant_id, speaker_kind, c.now()))
            if outcome:
                self.speakers.select_entry(outcome.result.id)

        self.app.push_screen(PickerDialog(_("Add a speaker: {kind}", kind=speaker_kind.label), self._people(),
                                          placeholder=_("part of a name or affiliation")), picked)

    def action_insert_speaker(self) -> None:
        order = self._order()
        if order is None:
            self.app.notify(_("Start the meeting first (→)."), severity="warning")
            return

        def picked(participant_id: int | None) -> None:
            if participant_id is None:
                return
            person = self.meeting.participant(participant_id)
            kinds = [(k.label, k.value) for k in SpeakerKind]
            default_position = len(order.waiting) + 1

            def submit(values: dict[str, Any]) -> list[str] | None:
                try:
                    position = int(str(values["position"]).strip() or default_position)
                except ValueError:
                    return [_("position must be a number (1 = first)")]
                if position < 1:
                    return [_("position must be a number (1 = first)")]
                kind = SpeakerKind(values["kind"] or SpeakerKind.IMPROMPTU.value)
                return self.app.act(_("Insert speaker"), lambda c: c.speaking_order().add(
                    participant_id, kind, c.now(), position=position - 1), in_form=True).form_problems

            self.app.push_screen(FormDialog(_("Insert {name} in the speaking order", name=person.name), [
                FormField("kind", _("Kind"), "select", SpeakerKind.IMPROMPTU.value, kinds, required=True),
                FormField("position", _("Position (1 = first, {n} = last)", n=default_position),
                          value=str(default_position)),
            ], submit))

        self.app.push_screen(PickerDialog(_("Insert a speaker at a position"), self._people(),
                                          placeholder=_("part of a name or affiliation")), picked)

    def _selected_waiting(self) -> int | None:
        entry_id = self.speakers.selected_entry_id()
        if entry_id is None:
            self.app.notify(_("Select a waiting speaker first (↑ ↓ in the speaking order)."), severity="warning")
        return entry_id

    def action_move(self, offset: int) -> None:
        entry_id = self._selected_waiting()
        if entry_id is not None:
            self.app.act(_("Move speaker"), lambda c: c.speaking_order().move(entry_id, offset), quiet=True)
            if self.meeting.speaker(entry_id) is not None:
                self.speakers.select_entry(entry_id)

    def action_remove_speaker(self) -> None:
        entry_id = self._selected_waiting()
        if entry_id is not None:
            self.app.act(_("Remove from the speaking order"), lambda c: c.speaking_order().remove(entry_id))

    def action_readd_last(self) -> None:
        order = self._order()
        if order is None:
            return
        running = order.current
        if running is not None:  # the one still speaking is the last speaker: they come back first
            outcome = self.app.act(_("Re-add last speaker"), lambda c: c.speaking_order().add(
                running.participant_id, running.kind, c.now(), position=0, issue_id=running.issue_id))
        else:
            outcome = self.app.act(_("Re-add last speaker"), lambda c: c.speaking_order().readd_last(c.now()))
        if outcome:
            self.speakers.select_entry(outcome.result.id)

    def action_toggle_closed(self) -> None:
        order = self._order()
        if order is None:
            return
        closed = not order.closed
        self.app.act(_("Close the list of speakers") if closed else _("Reopen the list of speakers"),
                     lambda c: c.speaking_order().set_closed(closed))

    def action_toggle_one_entry(self) -> None:
        value = not self.meeting.limits.one_entry_per_person
        self.app.act(_("One entry per person: on") if value else _("One entry per person: off"),
                     lambda c: c.set_limits(one_entry_per_person=value))

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
        tabs = self.query_one(TabbedContent)
        panes = ["tab-speakers", "tab-agenda", "tab-issues", "tab-stats"]
        index = panes.index(tabs.active) if tabs.active in panes else -1
        tabs.active = panes[(index + 1) % len(panes)]
        focus = {"tab-speakers": self.speakers.queue, "tab-issues": self.issues.table}.get(tabs.active)
        if focus is not None:
            focus.focus()

    # -- issues and responses ----------------------------------------------------------------
    def action_raise_floor_issue(self) -> None:
        if self.meeting.current_item is None:
            self.app.notify(_("Start the meeting first (→)."), severity="warning")
            return
        author = floor_person(self.meeting)
        people = [(p.name, p.id) for p in self.meeting.participants]
        departments = [(d, d) for d in departments_of(self.meeting)]

        def submit(values: dict[str, Any]) -> list[str] | None:
            fields = {k: values[k] or "" for k in ("location", "category", "expected_department")}
            outcome = self.app.act(_("Raise an issue from the floor"), lambda c: c.raise_issue(
                title=values["title"], raised_by=values["raised_by"], **fields), in_form=True)
            if outcome:
                self.issues.select_key(f"i{outcome.result.id}")
            return outcome.form_problems

        self.app.push_screen(FormDialog(_("An issue from the floor"), [
            FormField("title", _("Title"), required=True),
            FormField("location", _("Location")),
            FormField("category", _("Category")),
            FormField("raised_by", _("Raised by"), "select", author.id if author else None, people),
            FormField("expected_department", _("Expected to answer"), "select", None, departments),
        ], submit))

    def action_raise_report_issue(self) -> None:
        if self.meeting.current_item is None:
            self.app.notify(_("Start the meeting first (→)."), severity="warning")
            return
        choices = []
        for issue in self.meeting.issues:
            label = f"#{issue.id} {issue.title}"
            if issue.location:
                label += f" · {issue.location}"
            if issue.expected_department:
                label += f" → {issue.expected_department}"
            if issue.raised_at is not None:
                label += " · " + _("raised")
            choices.append((label, issue.id))
        speaker = current_speaker(self.meeting)
        author = self.meeting.participant(speaker.participant_id) if speaker else None
        raised_by = author.id if author and author.role in (Role.MEMBER, Role.RESIDENT) else None

        def picked(issue_id: int | None) -> None:
            if issue_id is None:
                return
            if self.app.act(_("Raise issue #{id}", id=issue_id), lambda c: c.raise_issue(issue_id, raised_by=raised_by)):
                self.issues.select_key(f"i{issue_id}")

        self.app.push_screen(PickerDialog(_("Raise an issue of the research report"), choices,
                                          placeholder=_("part of a title, place or department")), picked)

    def action_record_response(self) -> None:
        if not self.meeting.issues:
            self.app.notify(_("There are no issues yet: raise one first (i or I)."), severity="warning")
            return

        def saved(response) -> None:
            self.issues.select_key(f"r{response.id}")
            self.app.notify(_("Response recorded: k confirms it in session, m adds a commitment."), timeout=4)

        self.app.push_screen(ResponseForm(self.app, self.meeting, self.issues.selected_issue_id(self.meeting), saved))

    def _with_response(self, then, *, always_ask: bool = False) -> None:
        """Act on the response selected in the issues table, or pick one. ``always_ask``: show the
        picker whenever there is a choice, the selected response first (Enter takes it)."""
        response_id = self.issues.selected_response_id()
        if response_id is not None and not always_ask:
            then(response_id)
            return
        responses = self.meeting.responses
        if not responses:
            self.app.notify(_("No response has been recorded yet (r)."), severity="warning")
            return
        if len(responses) == 1:
            then(responses[0].id)
            return
        ordered = sorted(reversed(responses), key=lambda r: r.id != response_id)
        choices = []
        for response in ordered:
            label = response_label(self.meeting, response)
            if response.satisfaction is not None:
                label += " · " + (_("reopened: proposer dissatisfied") if response.reopened
                                  else response.satisfaction.label)
            choices.append((label, response.id))
        self.app.push_screen(PickerDialog(_("Which response?"), choices),
                             lambda picked: picked is not None and then(picked))

    def _reselect(self, key: str) -> None:
        self.issues.select_key(key)

    def action_confirm_response(self) -> None:
        def confirm(response_id: int) -> None:
            response = self.meeting.response(response_id)
            confirmed = response is not None and response.confirmed_at is None
            self.app.act(_("Confirmed in session") if confirmed else _("Confirmation withdrawn"),
                         lambda c: c.confirm_response(response_id, confirmed))
            self.issues.select_key(f"r{response_id}")

        self._with_response(confirm)

    def action_satisfaction(self) -> None:
        """Ask the proposer, then note it: satisfied, basically satisfied, dissatisfied (or not asked)."""
        def rate(response_id: int) -> None:
            choices = [(level.label, level.value) for level in Satisfaction] + [(_("not asked"), "")]

            def picked(value: str | None) -> None:
                if value is None:
                    return
                self.app.act(_("Proposer's satisfaction"),
                             lambda c: c.update_response(response_id, satisfaction=value or None))
                self.issues.select_key(f"r{response_id}")

            response = self.meeting.response(response_id)
            question = _("Is the proposer of {issue} satisfied with the response?",
                         issue=response_label(self.meeting, response)) if response else ""
            self.app.push_screen(PickerDialog(question, choices), picked)

        self._with_response(rate, always_ask=True)

    def action_add_commitment(self) -> None:
        def add(response_id: int) -> None:
            response = self.meeting.response(response_id)
            if response is None:
                return
            number = len(response.commitments) + 1

            def submit(values: dict[str, Any]) -> list[str] | None:
                return self.app.act(_("Add commitment {n}", n=number),
                                    lambda c: c.add_commitment(response_id, **values), in_form=True).form_problems

            self.app.push_screen(FormDialog(_("Commitment {n} of the response to #{id}", n=number,
                                              id=response.issue_id), [
                FormField("lead_unit", _("Lead unit"), value=response.lead_unit or response.department, required=True),
                FormField("co_units", _("Co-units (comma separated)")),
                FormField("deliverable", _("Deliverable"), required=True),
                FormField("deadline", _("Deadline"), placeholder="YYYY-MM-DD"),
            ], submit), lambda _done: self._reselect(f"r{response_id}"))

        self._with_response(add)

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

    @on(DataTable.RowSelected, "#issues-table")
    def _issue_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a pending issue records its response; on a response, adds a commitment."""
        key = str(event.row_key.value)
        if key.startswith("i"):
            self.action_record_response()
        else:
            self.action_add_commitment()

