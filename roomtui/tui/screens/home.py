"""The list of meetings: open one, create one from a template, import a plan, delete."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from roomtui.domain.model import Meeting, MeetingStatus
from roomtui.domain.series import carry_over, previous_in_series
from roomtui.domain.templates import TEMPLATES, new_meeting
from roomtui.domain.validation import ValidationError
from roomtui.i18n import N_, _, language, ngettext
from roomtui.tui.dialogs import ConfirmDialog, FormDialog, FormField
from roomtui.tui.translated import TranslatedBindings
from roomtui.tui.widgets.footer import FittingFooter


class HomeScreen(TranslatedBindings, Screen):
    # in the footer's order: what a secretary does here most, first (at 80 columns the last ones wait in F1)
    BINDINGS = [
        Binding("enter", "open", N_("Open"), id="home.open", show=True),
        Binding("n", "new", N_("New meeting"), id="home.new"),
        Binding("f", "followup", N_("Follow-up register"), id="home.followup"),
        Binding("r", "report_back", N_("Report-back"), id="home.report_back",
                tooltip=N_("Report on earlier commitments")),
        Binding("i", "import_plan", N_("Import plan"), id="home.import"),
        Binding("d", "demo", N_("Demo council"), id="home.demo"),
        Binding("delete", "delete", N_("Delete"), id="home.delete"),
    ]

    is_meeting_list = True  # RoomApp.check_action: F6 (back to this list) is not offered here

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(_("Meetings in {folder}", folder=str(self.app.archive.root))), id="home-title")
        yield DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
        yield Static(_("Enter open · n new · i import a plan · d demo council · Delete delete"), id="home-empty")
        yield FittingFooter()

    def on_mount(self) -> None:
        table = self.query_one("#meetings", DataTable)
        # the id before the title: it is what `roomtui export ID` needs, and a long title is cut at the edge
        table.add_columns(_("Date"), _("Status"), _("Id"), _("Title"))
        table.focus()

    def on_screen_resume(self) -> None:
        """Filled when shown with no meeting open, not when made: `roomtui open` goes straight to
        a meeting and never builds this screen (RoomApp.get_default_screen); back here the meeting
        is closed and the list current."""
        if self.app.session is None:
            self.refresh_view()

    def refresh_view(self) -> None:
        table = self.query_one("#meetings", DataTable)
        table.clear()
        for summary in self.app.archive.list():
            try:
                status = MeetingStatus(summary.status).label
            except ValueError:
                status = summary.status
            table.add_row(summary.date, status, summary.id, Text(summary.title), key=summary.id)

    def _selected(self) -> str | None:
        table = self.query_one("#meetings", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @on(DataTable.RowSelected, "#meetings")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_meeting(str(event.row_key.value))

    def action_open(self) -> None:
        meeting_id = self._selected()
        if meeting_id:
            self.app.open_meeting(meeting_id)

    def action_demo(self) -> None:
        self.app.open_meeting(self.app.archive.ensure_demo(language()))

    def action_new(self) -> None:
        made: dict[str, Meeting] = {}

        def submit(values: dict) -> list[str] | None:
            try:
                made["meeting"] = new_meeting(values["title"], values["template"] or "council", language=language(),
                                              date=values["date"], start_time=values["start_time"],
                                              venue=values["venue"], series=values.get("series") or "")
            except ValidationError as error:
                return error.problems
            return None

        def done(result) -> None:
            meeting = made.get("meeting")
            if not result or meeting is None:
                return
            previous = self._previous_in_series(meeting)
            if previous is None or not previous.participants:
                self._create(meeting)
                return

            def answer(take: bool | None) -> None:
                self._create(carry_over(previous, meeting) if take else meeting)

            self.app.push_screen(ConfirmDialog(ngettext(
                "Start from the last meeting of {series}, '{title}' ({date})? Its {n} participant, venue, host and "
                "speaking limits are copied; change what differs in Prepare.",
                "Start from the last meeting of {series}, '{title}' ({date})? Its {n} participants, venue, host and "
                "speaking limits are copied; change what differs in Prepare.", len(previous.participants),
                series=meeting.series, title=previous.title, date=previous.date.isoformat() if previous.date else "?"),
                _("Copy"), destructive=False, decline_label=_("Don't copy")), answer)

        templates = [(_(t.name), key) for key, t in TEMPLATES.items()]
        known = sorted({m.series.strip() for m in self._meetings() if m.series.strip()})  # typed exactly, or no report-back
        self.app.push_screen(FormDialog(_("New meeting"), [
            FormField("title", _("Title"), required=True),
            FormField("template", _("Template"), "select", "council", templates, required=True),
            FormField("date", _("Date (YYYY-MM-DD)"), value=date.today().isoformat()),
            FormField("start_time", _("Start time (HH:MM)"), value="09:00"),
            FormField("venue", _("Venue")),
            FormField("series", _("Series (the next council of a series hears the report on its commitments)"),
                      placeholder=_("a few characters, then → completes a series of this folder") if known else "",
                      suggestions=known),
        ], submit), done)

    def _previous_in_series(self, meeting: Meeting) -> Meeting | None:
        """The last earlier meeting of the new one's series in this folder (damaged files are skipped)."""
        if not meeting.series.strip():
            return None
        return previous_in_series(meeting, self._meetings())

    def _meetings(self) -> list[Meeting]:
        """Every meeting of this folder that can be read (damaged files are skipped)."""
        from roomtui.store import BadMeetingFile, MeetingNotFound

        others = []
        for summary in self.app.archive.list():
            try:
                others.append(self.app.archive.load(summary.id))
            except (BadMeetingFile, MeetingNotFound):
                continue
        return others

    def _create(self, meeting: Meeting) -> None:
        meeting_id = self.app.archive.create(meeting)
        self.refresh_view()
        self.app.open_meeting(meeting_id, view="prepare")
        from roomtui.tui.report_back_offer import offer_report_back

        offer_report_back(self.app, meeting_id, ask_only_if_new=True)

    def action_import_plan(self) -> None:
        from roomtui.tui.import_flow import start_import

        start_import(self)

    def action_delete(self) -> None:
        meeting_id = self._selected()
        if not meeting_id:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                try:
                    self.app.archive.delete(meeting_id)
                except PermissionError as error:
                    self.app.notify(str(error), severity="error")
                    return
                self.app.notify(_("Deleted {id} (a copy stays in the backups folder).", id=meeting_id), brief=False)
                self.refresh_view()

        self.app.push_screen(ConfirmDialog(_("Delete meeting {id}? A copy is kept in the backups folder.",
                                             id=meeting_id), _("Delete")), answer)

    def action_followup(self) -> None:
        """The commitments register of every meeting (督办台账)."""
        from roomtui.tui.screens.followup import FollowUpScreen

        self.app.push_screen(FollowUpScreen())

    def action_report_back(self) -> None:
        """Offer the selected meeting a report on its series' open commitments."""
        from roomtui.tui.report_back_offer import offer_report_back

        meeting_id = self._selected()
        if meeting_id:
            offer_report_back(self.app, meeting_id)
