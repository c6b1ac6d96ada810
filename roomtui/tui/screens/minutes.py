"""The minutes, previewed as they will be printed, and exported in every format at once."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from roomtui.domain.model import Grade, MeetingStatus
from roomtui.exporting import default_export_folder, export_all
from roomtui.minutes import docx_available
from roomtui.i18n import N_, _
from roomtui.tui.dialogs import PickerDialog
from roomtui.tui.folder_export import ask_folder_and_write
from roomtui.tui.meeting_view import MeetingScreen
from roomtui.tui.widgets.footer import FittingFooter
from roomtui.tui.widgets.meeting_bar import MeetingBar
from roomtui.tui.widgets.minutes_preview import MinutesPreview


class MinutesScreen(MeetingScreen):
    VIEW = "minutes"  # F2-F5 (app.check_action): the key of the view on screen is not offered
    READ_ONLY_ACTIONS = frozenset({"toggle_public", "export"})  # the rest answer "read-only" there (app.py)
    FOOTER_WAY_HOME = "minutes.home"  # Esc, shown in place of F6 (widgets/footer.py)
    BINDINGS = [
        Binding("e", "export", N_("Export all formats"), id="minutes.export"),
        Binding("v", "toggle_public", N_("Public/internal"), id="minutes.toggle"),
        Binding("c", "close_meeting", N_("End meeting"), id="minutes.close"),
        Binding("g", "grade", N_("Grade a commitment"), id="minutes.grade"),
        Binding("escape", "app.home", N_("Meetings"), id="minutes.home"),
    ]

    DEFAULT_CSS = """
    MinutesScreen #minutes-variant { height: 1; padding: 0 1; color: $text-muted; }
    MinutesScreen MinutesPreview { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.public = True

    def compose(self) -> ComposeResult:
        yield Header()
        yield MeetingBar()
        yield Static("", id="minutes-variant")
        yield MinutesPreview(id="minutes-preview")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        from roomtui.minutes import export_minutes

        meeting = self.app.session.meeting
        markdown = export_minutes(meeting, "md", public=self.public).decode("utf-8")
        variant = _("Public minutes (what leaves the room)") if self.public else _("Internal minutes (with contacts "
                                                                                    "and notes)")
        if meeting.status.value != "closed":
            variant += "  · " + _("the meeting has not ended yet: c ends it")
        self.query_one("#minutes-variant", Static).update(Text(variant))
        self.query_one("#minutes-preview", MinutesPreview).update(markdown)
        self.query_one(MeetingBar).refresh_bar()
        self.refresh_bindings()  # "close" leaves the footer once the meeting is closed

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_meeting" and self.app.session is not None:
            return self.meeting.status is not MeetingStatus.CLOSED  # a closed meeting offers no "close"
        return True

    def action_toggle_public(self) -> None:
        self.public = not self.public
        self.refresh_view()

    def action_close_meeting(self) -> None:
        self.app.confirm_close_meeting()

    def action_grade(self) -> None:
        """Follow-up: grade a commitment A solved, B in progress, C planned, D cannot be solved for now."""
        meeting = self.app.session.meeting
        choices = []
        for response in meeting.responses:
            for index, commitment in enumerate(response.commitments):
                grade = commitment.grade.label if commitment.grade else _("not graded")
                deadline = commitment.deadline.isoformat() if commitment.deadline else "—"
                choices.append((f"#{response.issue_id} {commitment.deliverable} · {commitment.lead_unit} · "
                                f"{deadline} · {grade}", (response.id, index)))
        if not choices:
            self.app.notify(_("No commitment has been recorded."), severity="warning")
            return

        def picked(target: tuple[int, int] | None) -> None:
            if target is None:
                return
            grades = [(grade.label, grade.value) for grade in Grade]  # dated in the commitment's history,
            which = next(label for label, value in choices if value == target)  # as in the follow-up view
            self.app.push_screen(PickerDialog(_("Follow-up grade for {commitment}", commitment=which), grades),
                                 lambda grade: grade is not None and self.app.act(
                                     _("Grade a commitment"),
                                     lambda c: c.record_progress(*target, grade=grade)))

        self.app.push_screen(PickerDialog(_("Which commitment?"), choices), picked)

    def action_export(self) -> None:
        meeting = self.app.session.meeting

        def without_word() -> None:
            if not docx_available():
                self.app.notify(_("Word (.docx) left out: this installation lacks python-docx and lxml (the "
                                  "one-file build leaves them out); install roomtui with pip for the Word minutes"),
                                severity="warning", timeout=15)

        ask_folder_and_write(self.app, _("Export the minutes (Markdown, HTML, Word, JSON, CSV, ICS; public and internal)"),
                             default_export_folder(meeting.id),
                             lambda folder, written: export_all(meeting, folder, written=written),
                             _("Minutes exported"), then=without_word)
