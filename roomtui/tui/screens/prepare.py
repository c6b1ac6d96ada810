"""Preparing a meeting: details, participants, agenda and the research report's issues.

Four tabs, one pane each (roomtui/tui/prepare/), everything reachable from the keyboard. Each
pane has its own keys, active while its table has the focus, so the Footer shows the keys of the
tab on screen and the palette finds them by name. Every change is one Council action through
``app.act``: validated by the domain, saved at once, undoable with ctrl+z; the change signal
(``app.revision``) then redraws every pane from the session's meeting.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, TabbedContent, TabPane, Tabs

from roomtui.domain.model import MeetingStatus
from roomtui.domain.timeline import another_day_notice
from roomtui.domain.validation import meeting_problems
from roomtui.exporting import default_export_folder, export_papers
from roomtui.i18n import N_, _
from roomtui.tui.dialogs import ConfirmDialog
from roomtui.tui.folder_export import ask_folder_and_write
from roomtui.tui.meeting_view import MeetingScreen
from roomtui.tui.prepare.agenda import AgendaPane
from roomtui.tui.prepare.details import WEEKDAYS, DetailsPane
from roomtui.tui.prepare.issues import IssuesPane
from roomtui.tui.prepare.pane import PreparePane
from roomtui.tui.prepare.participants import ParticipantsPane
from roomtui.tui.widgets.footer import FittingFooter
from roomtui.tui.widgets.meeting_bar import MeetingBar

TABS = ("details", "participants", "agenda", "issues")
__all__ = ["PrepareScreen", "TABS", "WEEKDAYS"]


class PrepareScreen(MeetingScreen):
    VIEW = "prepare"  # F2-F5 (app.check_action): the key of the view on screen is not offered
    FOOTER_AFTER_AT_HAND = frozenset({"prepare.papers"})  # printed once, the day before: F6/F7 come first
    READ_ONLY_ACTIONS = frozenset({"tab", "papers"})  # the rest (going live) answer "read-only" there (app.py)
    DEFAULT_CSS = """
    PrepareScreen #prepare-tabs { height: 1fr; }
    PrepareScreen #prepare-tabs ContentSwitcher { height: 1fr; }
    PrepareScreen TabPane { height: 1fr; padding: 0; }
    """

    BINDINGS = [
        Binding("1", "tab('details')", N_("Details"), id="prepare.tab.details", show=False),
        Binding("2", "tab('participants')", N_("Participants"), id="prepare.tab.participants", show=False),
        Binding("3", "tab('agenda')", N_("Agenda"), id="prepare.tab.agenda", show=False),
        Binding("4", "tab('issues')", N_("Issues"), id="prepare.tab.issues", show=False),
        Binding("g", "go_live", N_("Go live"), id="prepare.go_live"),
        Binding("w", "papers", N_("Print papers"), id="prepare.papers"),
        Binding("h", "phones", N_("Phones: sign-ins at the door"), id="prepare.phones", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield MeetingBar(id="prepare-bar")
        with TabbedContent(id="prepare-tabs", initial="prepare-details"):
            with TabPane("1 " + _("Details"), id="prepare-details"):
                yield DetailsPane(id="pane-details")
            with TabPane("2 " + _("Participants"), id="prepare-participants"):
                yield ParticipantsPane(id="pane-participants")
            with TabPane("3 " + _("Agenda"), id="prepare-agenda"):
                yield AgendaPane(id="pane-agenda")
            with TabPane("4 " + _("Issues"), id="prepare-issues"):
                yield IssuesPane(id="pane-issues")
        yield FittingFooter()

    def on_mount(self) -> None:
        # the tab bar never holds the focus: keys 1-4 switch tabs, and each pane's keys need its table
        self.query_one(Tabs).can_focus = False
        self.refresh_view()
        self.pane("details").focus_table()

    def pane(self, tab: str) -> PreparePane:
        return self.query_one(f"#pane-{tab}", PreparePane)

    @property
    def active_tab(self) -> str:
        return self.query_one("#prepare-tabs", TabbedContent).active.removeprefix("prepare-") or "details"

    def refresh_view(self) -> None:
        meeting = self.meeting
        for tab in TABS:
            self.pane(tab).show(meeting)
        self.query_one(MeetingBar).refresh_bar()
        self.refresh_bindings()  # "g" leaves the footer once the meeting is live

    # -- tabs ------------------------------------------------------------------------------
    def action_tab(self, tab: str) -> None:
        self.query_one("#prepare-tabs", TabbedContent).active = f"prepare-{tab}"
        self.pane(tab).focus_table()

    @on(TabbedContent.TabActivated, "#prepare-tabs")
    def _tab_activated(self) -> None:
        """A click on a tab lands in its list, where the tab's keys work."""
        self.pane(self.active_tab).focus_table()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter (or a click on the highlighted row) edits the record under the cursor."""
        pane = next((node for node in event.data_table.ancestors if isinstance(node, PreparePane)), None)
        if pane is not None:
            event.stop()
            pane.edit()

    # -- papers for the door ----------------------------------------------------------------
    def action_papers(self) -> None:
        """The agenda and the sign-in sheet (Word and printable HTML) into a folder, to print."""
        meeting = self.meeting
        ask_folder_and_write(self.app, _("Print the agenda and the sign-in sheet (Word and HTML)"),
                             default_export_folder(meeting.id),
                             lambda folder, written: export_papers(meeting, folder, written=written),
                             _("Papers for the meeting"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``g`` (go live) is offered to a meeting in preparation only: once live, F3 shows it."""
        if action == "go_live" and self.app.session is not None:
            return self.meeting.status is MeetingStatus.DRAFT
        return True

    # -- going live ------------------------------------------------------------------------
    def action_phones(self) -> None:
        """Sign-ins at the door before the meeting starts: the same phones' view as in the live view."""
        from roomtui.tui.phones import open_phones

        open_phones(self.app)

    def action_go_live(self) -> None:
        meeting = self.meeting
        if meeting.status is not MeetingStatus.DRAFT:
            self.app.show_view("live")
            return
        if not meeting.agenda:
            self.app.notify(_("The agenda is empty: add at least one item first."), severity="warning")
            return
        question = _("Start the meeting now? '{title}' becomes the current item and its clock starts.",
                     title=meeting.agenda[0].title)
        problems = meeting_problems(meeting)
        if problems:
            question += "\n\n" + "\n".join(map(str, problems))
        other_day = another_day_notice(meeting, self.app.clock.now().date())
        if other_day:
            question += "\n\n" + other_day

        def answer(yes: bool | None) -> None:
            if yes and self.app.act(_("Start the meeting"), lambda council: council.start_meeting()):
                self.app.call_later(self.app.show_view, "live")

        self.app.push_screen(ConfirmDialog(question, _("Go live"), destructive=False), answer)
