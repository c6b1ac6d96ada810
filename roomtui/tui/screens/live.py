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

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, OptionList, TabbedContent, TabPane

from roomtui.domain.model import (
    Disposition,
    Meeting,
    MeetingStatus,
    Participant,
    Role,
    Satisfaction,
    SpeakerKind,
)
from roomtui.domain.speaking import SpeakingOrder, current_speaker
from roomtui.domain.validation import REQUIRED_FIELDS
from roomtui.i18n import _
from roomtui.tui.dialogs import FormDialog, FormField, PickerDialog
from roomtui.tui.widgets.agenda_panel import AgendaPanel
from roomtui.tui.widgets.countdown import Countdown
from roomtui.tui.widgets.issues_panel import IssuesPanel
from roomtui.tui.widgets.meeting_bar import MeetingBar
from roomtui.tui.widgets.speaking_panel import SpeakingPanel
from roomtui.tui.widgets.stats_panel import StatsPanel

WIDE_COLUMNS = 120
TICK_SECONDS = 0.25
EXTEND_SECONDS = 60

_DISPOSITION_FIELDS = [name for fields in REQUIRED_FIELDS.values() for name, _label in fields]
_COMMITMENT_FIELDS = ("c_lead_unit", "c_co_units", "c_deliverable", "c_deadline")


def person_label(person: Participant) -> str:
    """What the picker filters on: name, role and affiliation (Chinese included)."""
    label = f"{person.name} · {person.role.label}"
    if person.affiliation:
        label += f" · {person.affiliation}"
    if not person.present:
        label += " · " + _("absent")
    return label


class ResponseForm(FormDialog):
    """The response form, showing exactly the fields the chosen disposition requires."""

    def on_mount(self) -> None:
        show_disposition_fields(self, self.values().get("disposition"))


def show_disposition_fields(form: FormDialog, disposition: Any) -> None:
    wanted = {name for name, _label in REQUIRED_FIELDS.get(Disposition(disposition), ())} if disposition else set()
    for name in _DISPOSITION_FIELDS:
        form.show_row(name, name in wanted)


class LiveScreen(Screen):
    READ_ONLY_ACTIONS = frozenset({"next_tab"})  # a read-only window refuses every other action here (app.py)
    # The footer shows the keys of every minute; the rest are in F1 help and the palette (ctrl+p).
    BINDINGS = [
        Binding("n", "next_speaker", _("Next speaker"), id="live.next_speaker"),
        Binding("space", "pause_resume", _("Pause/resume"), id="live.pause_resume"),
        Binding("s", "stop_speaker", _("Stop"), id="live.stop"),
        Binding("plus,equals_sign", "extend", _("+1 min"), id="live.extend"),
        Binding("a", "add_speaker('impromptu')", _("Add speaker"), id="live.add_speaker"),
        Binding("b", "add_speaker('booked')", _("Add booked"), id="live.add_booked", show=False),
        Binding("o", "add_speaker('point_of_order')", _("Point of order"), id="live.point_of_order"),
        Binding("p", "insert_speaker", _("Insert at position"), id="live.insert_speaker", show=False),
        Binding("shift+up,left_square_bracket", "move(-1)", _("Move up"), id="live.move_up", show=False),
        Binding("shift+down,right_square_bracket", "move(1)", _("Move down"), id="live.move_down", show=False),
        Binding("x,delete", "remove_speaker", _("Remove from queue"), id="live.remove_speaker", show=False),
        Binding("l", "readd_last", _("Re-add last speaker"), id="live.readd_last", show=False),
        Binding("c", "toggle_closed", _("Close/open the list"), id="live.toggle_closed", show=False),
        Binding("1", "toggle_one_entry", _("One entry per person"), id="live.one_entry", show=False),
        Binding("right,ctrl+right", "next_item", _("Next item"), id="live.next_item"),
        Binding("left,ctrl+left", "previous_item", _("Previous item"), id="live.previous_item", show=False),
        Binding("i", "raise_floor_issue", _("Issue from the floor"), id="live.raise_issue"),
        Binding("I", "raise_report_issue", _("Report issue"), id="live.report_issue", show=False),
        Binding("r", "record_response", _("Record response"), id="live.record_response"),
        Binding("k", "confirm_response", _("Confirm response"), id="live.confirm_response", show=False),
        Binding("f", "satisfaction", _("Proposer's satisfaction"), id="live.satisfaction", show=False),
        Binding("m", "add_commitment", _("Add commitment"), id="live.add_commitment", show=False),
        Binding("t", "remarks", _("Summary & closing remarks"), id="live.remarks", show=False),
        Binding("w", "key_points", _("Key points of the speech"), id="live.key_points"),
        Binding("e", "end_meeting", _("End meeting"), id="live.end_meeting"),
        Binding("v", "next_tab", _("Next panel"), id="live.next_tab"),
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
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(TICK_SECONDS, self.tick)
        self.set_interval(1.0, self._slow_tick)
        self._after_layout()

    def _after_layout(self) -> None:
        self.refresh_view()
        self.speakers.queue.focus()

    def on_screen_resume(self) -> None:
        """Back from a dialog: the app refreshed the dialog, not this screen, after the dialog's action."""
        self.refresh_view()

    async def on_resize(self) -> None:
        narrow = self.size.width < WIDE_COLUMNS
        if narrow != self.narrow:
            await self.recompose()
            self._after_layout()
            self.refresh_bindings()

    # -- reading -----------------------------------------------------------------------------
    @property
    def meeting(self) -> Meeting:
        return self.app.session.meeting

    @property
    def speakers(self) -> SpeakingPanel:
        return self.query_one(SpeakingPanel)

    @property
    def issues(self) -> IssuesPanel:
        return self.query_one(IssuesPanel)

    def now(self) -> datetime:
        return self.app.clock.now()

    def refresh_view(self) -> None:
        """Redraw everything from the meeting (the app calls this after every action)."""
        if self.app.session is None:
            return
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

    def _floor_person(self) -> Participant | None:
        """Whoever has the floor, or spoke last on this item: the likely author of a new issue."""
        entry = current_speaker(self.meeting)
        order = self._order()
        if entry is None and order is not None and order.finished:
            entry = order.finished[-1]
        return self.meeting.participant(entry.participant_id) if entry is not None else None

    def _departments(self) -> list[str]:
        names = [p.affiliation for p in self.meeting.participants if p.role is Role.DEPARTMENT and p.affiliation]
        names += [i.expected_department for i in self.meeting.issues if i.expected_department]
        return list(dict.fromkeys(names))

    # -- the floor ---------------------------------------------------------------------------
    def action_next_speaker(self) -> None:
        order = self._order()
        if order is None:
            self.app.notify(_("Start the meeting first (→)."), severity="warning")
            return
        if not order.waiting:
            if order.current is not None:
                self.app.act(_("Stop speaker"), lambda c: c.speaking_order().stop(c.now()))
            self.app.notify(_("Nobody is waiting to speak on this item."), severity="warning")
            return
        entry = self.app.act(_("Next speaker"), lambda c: c.speaking_order().next(c.now()), quiet=True)
        if entry is not None:
            person = self.meeting.participant(entry.participant_id)
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
            entry = self.app.act(_("Add speaker ({kind})", kind=speaker_kind.label),
                                 lambda c: c.speaking_order().add(participant_id, speaker_kind, c.now()))
            if entry is not None:
                self.speakers.select_entry(entry.id)

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
                return self.app.try_act(_("Insert speaker"), lambda c: c.speaking_order().add(
                    participant_id, kind, c.now(), position=position - 1))

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
            if self.app.act(_("Move speaker"), lambda c: c.speaking_order().move(entry_id, offset), quiet=True) is None \
                    and self.meeting.speaker(entry_id) is None:
                return
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
            entry = self.app.act(_("Re-add last speaker"), lambda c: c.speaking_order().add(
                running.participant_id, running.kind, c.now(), position=0, issue_id=running.issue_id))
        else:
            entry = self.app.act(_("Re-add last speaker"), lambda c: c.speaking_order().readd_last(c.now()))
        if entry is not None:
            self.speakers.select_entry(entry.id)

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
            self.app.act(_("Start the meeting"), lambda c: c.start_meeting())
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
        author = self._floor_person()
        people = [(p.name, p.id) for p in self.meeting.participants]
        departments = [(d, d) for d in self._departments()]

        def submit(values: dict[str, Any]) -> list[str] | None:
            fields = {k: values[k] or "" for k in ("location", "category", "expected_department")}
            return self.app.try_act(_("Raise an issue from the floor"), lambda c: c.raise_issue(
                title=values["title"], raised_by=values["raised_by"], **fields))

        self.app.push_screen(FormDialog(_("An issue from the floor"), [
            FormField("title", _("Title"), required=True),
            FormField("location", _("Location")),
            FormField("category", _("Category")),
            FormField("raised_by", _("Raised by"), "select", author.id if author else None, people),
            FormField("expected_department", _("Expected to answer"), "select", None, departments),
        ], submit), lambda done: done and self._select_latest_issue())

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
            if self.app.act(_("Raise issue #{id}", id=issue_id),
                            lambda c: c.raise_issue(issue_id, raised_by=raised_by)) is not None:
                self.issues.select_key(f"i{issue_id}")

        self.app.push_screen(PickerDialog(_("Raise an issue of the research report"), choices,
                                          placeholder=_("part of a title, place or department")), picked)

    def _select_latest_issue(self) -> None:
        self.refresh_view()
        latest = max(self.meeting.issues, key=lambda i: i.id, default=None)
        if latest is not None:
            self.issues.select_key(f"i{latest.id}")

    def _default_issue(self) -> int | None:
        """The issue being answered: the current answer's, else the one selected, else the oldest pending."""
        entry = current_speaker(self.meeting)
        if entry is not None and entry.issue_id is not None:
            return entry.issue_id
        selected = self.issues.selected_issue_id(self.meeting)
        if selected is not None:
            return selected
        pending = [i for i in self.meeting.issues if i.raised_at is not None and not self.meeting.responses_to(i.id)]
        return pending[0].id if pending else None

    def action_record_response(self) -> None:
        meeting = self.meeting
        if not meeting.issues:
            self.app.notify(_("There are no issues yet: raise one first (i or I)."), severity="warning")
            return
        raised = sorted(meeting.issues, key=lambda i: (i.raised_at is None, i.id))
        issue_options = [(f"#{i.id} {i.title}", i.id) for i in raised]
        issue_id = self._default_issue() or raised[0].id
        issue = meeting.issue(issue_id)
        speaker = current_speaker(meeting)
        person = meeting.participant(speaker.participant_id) if speaker else None
        responder = person.name if person is not None and person.role is Role.DEPARTMENT else ""
        department = issue.expected_department if issue else ""
        if person is not None and person.role is Role.DEPARTMENT and person.affiliation:
            department = person.affiliation
        if not responder and department:  # whoever answers for that department in this meeting
            head = self.app.session.council.department_head(department)
            responder = head.name if head is not None else ""
        dispositions = [(d.label, d.value) for d in Disposition]
        fields = [
            FormField("issue", _("Issue"), "select", issue_id, issue_options, required=True),
            FormField("department", _("Department"), value=department, required=True),
            FormField("responder", _("Responder"), value=responder),
            FormField("text", _("Response"), "textarea"),
            FormField("disposition", _("Disposition"), "select", None, dispositions, required=True),
        ]
        for required in REQUIRED_FIELDS.values():
            for name, label in required:
                placeholder = "YYYY-MM-DD" if name in ("deadline", "target_date") else ""
                fields.append(FormField(name, _(label), placeholder=placeholder, required=True))
        fields += [
            FormField("c_lead_unit", _("Commitment 1: lead unit")),
            FormField("c_co_units", _("Commitment 1: co-units (comma separated)")),
            FormField("c_deliverable", _("Commitment 1: deliverable")),
            FormField("c_deadline", _("Commitment 1: deadline"), placeholder="YYYY-MM-DD"),
        ]
        state = {"department": department}

        def changed(form: FormDialog, name: str, value: Any) -> None:
            if name == "disposition":
                show_disposition_fields(form, value)
            elif name == "issue" and value is not None:
                chosen = self.meeting.issue(value)
                box = form.query_one("#field-department")
                if chosen is not None and chosen.expected_department and box.value in ("", state["department"]):
                    box.value = state["department"] = chosen.expected_department

        def submit(values: dict[str, Any]) -> list[str] | None:
            if values["issue"] is None:
                return [_("choose the issue this response answers")]
            if not values["disposition"]:
                return [_("choose a disposition")]
            disposition = Disposition(values["disposition"])
            specific = {name: values[name] for name, _label in REQUIRED_FIELDS[disposition]}
            commitments = []
            if any(str(values[name] or "").strip() for name in _COMMITMENT_FIELDS):
                commitments.append({"lead_unit": values["c_lead_unit"], "co_units": values["c_co_units"],
                                    "deliverable": values["c_deliverable"], "deadline": values["c_deadline"]})
            return self.app.try_act(_("Record response"), lambda c: c.record_response(
                values["issue"], values["department"], disposition, commitments=commitments,
                responder=values["responder"], text=values["text"], **specific))

        def done(saved: Any) -> None:
            if saved:
                self.refresh_view()
                latest = max(self.meeting.responses, key=lambda r: r.id, default=None)
                if latest is not None:
                    self.issues.select_key(f"r{latest.id}")
                    self.app.notify(_("Response recorded: k confirms it in session, m adds a commitment."),
                                    timeout=4)

        self.app.push_screen(ResponseForm(_("Record a response"), fields, submit, on_change=changed), done)

    def _with_response(self, then) -> None:
        """Act on the response selected in the issues table, or pick one."""
        response_id = self.issues.selected_response_id()
        if response_id is not None:
            then(response_id)
            return
        responses = self.meeting.responses
        if not responses:
            self.app.notify(_("No response has been recorded yet (r)."), severity="warning")
            return
        if len(responses) == 1:
            then(responses[0].id)
            return
        choices = []
        for response in reversed(responses):
            issue = self.meeting.issue(response.issue_id)
            choices.append((f"#{response.issue_id} {issue.title if issue else ''} → {response.department}",
                            response.id))
        self.app.push_screen(PickerDialog(_("Which response?"), choices),
                             lambda picked: picked is not None and then(picked))

    def _reselect(self, key: str) -> None:
        self.refresh_view()
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

            self.app.push_screen(PickerDialog(_("Is the proposer satisfied with the response?"), choices), picked)

        self._with_response(rate)

    def action_add_commitment(self) -> None:
        def add(response_id: int) -> None:
            response = self.meeting.response(response_id)
            if response is None:
                return
            number = len(response.commitments) + 1

            def submit(values: dict[str, Any]) -> list[str] | None:
                return self.app.try_act(_("Add commitment {n}", n=number),
                                        lambda c: c.add_commitment(response_id, **values))

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
            return self.app.try_act(_("Leader's summary and closing remarks"), lambda c: c.set_details(**values))

        self.app.push_screen(FormDialog(_("Leader's summary and closing remarks"), [
            FormField("leader_summary", _("Leader's summary"), "textarea", meeting.leader_summary),
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
            return self.app.try_act(_("Key points of {name}", name=person.name if person else "?"),
                                    lambda c: c.set_speaker_summary(entry_id, values["summary"]))

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

