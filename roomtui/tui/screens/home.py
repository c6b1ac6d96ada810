"""The list of meetings: open one, create one from a template, import a plan, delete."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from roomtui.domain.model import MeetingStatus
from roomtui.domain.templates import TEMPLATES, new_meeting
from roomtui.domain.validation import ValidationError
from roomtui.i18n import _, language
from roomtui.tui.dialogs import ConfirmDialog, FormDialog, FormField


class HomeScreen(Screen):
    BINDINGS = [
        Binding("enter", "open", _("Open"), id="home.open", show=True),
        Binding("n", "new", _("New meeting"), id="home.new"),
        Binding("i", "import_plan", _("Import plan"), id="home.import"),
        Binding("d", "demo", _("Demo council"), id="home.demo"),
        Binding("delete", "delete", _("Delete"), id="home.delete"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(_("Meetings in {folder}", folder=str(self.app.archive.root))), id="home-title")
        yield DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
        yield Static(_("Enter open · n new · i import a plan · d demo council · Delete delete"), id="home-empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#meetings", DataTable)
        # the id before the title: it is what `roomtui export ID` needs, and a long title is cut at the edge
        table.add_columns(_("Date"), _("Status"), _("Id"), _("Title"))
        self.refresh_view()
        table.focus()

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
        created: dict[str, str] = {}

        def submit(values: dict) -> list[str] | None:
            try:
                meeting = new_meeting(values["title"], values["template"] or "council", language=language(),
                                      date=values["date"], start_time=values["start_time"], venue=values["venue"])
            except ValidationError as error:
                return error.problems
            created["id"] = self.app.archive.create(meeting)
            return None

        def done(result) -> None:
            if result and created.get("id"):
                self.refresh_view()
                self.app.open_meeting(created["id"], view="prepare")

        templates = [(_(t.name), key) for key, t in TEMPLATES.items()]
        self.app.push_screen(FormDialog(_("New meeting"), [
            FormField("title", _("Title"), required=True),
            FormField("template", _("Template"), "select", "council", templates, required=True),
            FormField("date", _("Date (YYYY-MM-DD)"), value=date.today().isoformat()),
            FormField("start_time", _("Start time (HH:MM)"), value="09:00"),
            FormField("venue", _("Venue")),
        ], submit), done)

    def action_import_plan(self) -> None:
        imported: dict[str, str] = {}

        def submit(values: dict) -> list[str] | None:
            from roomtui.importing import import_file

            try:
                imported["id"] = import_file(self.app.archive, Path(values["path"].strip()).expanduser())
            except ValueError as error:
                return str(error).splitlines()
            except OSError as error:
                return [_("Cannot read {path}: {reason}", path=values["path"], reason=error.strerror or str(error))]
            return None

        def done(result) -> None:
            if result and imported.get("id"):
                self.refresh_view()
                self.app.notify(_("Imported into meeting {id}.", id=imported["id"]))

        self.app.push_screen(FormDialog(_("Import a plan (.toml) or a meeting (.json)"), [
            FormField("path", _("File path"), required=True, placeholder="~/council-plan.toml"),
        ], submit), done)

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
                self.app.notify(_("Deleted {id} (a copy stays in the backups folder).", id=meeting_id))
                self.refresh_view()

        self.app.push_screen(ConfirmDialog(_("Delete meeting {id}? A copy is kept in the backups folder.",
                                             id=meeting_id), _("Delete")), answer)
