"""The follow-up view: every commitment of every meeting, overdue first (督办台账).

Reached from the meetings list (f) and the palette. Grades and progress notes are saved on
the meeting each commitment belongs to, one action each through the app's desk of open
meetings (store/desk.py), like every other write; ctrl+z takes back the last action taken on
the desk, in whichever meeting. A meeting file that cannot be read is named at the top, and
everything else is still listed.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from roomtui.domain.copies import copies_notice
from roomtui.domain.followup import (
    Filter,
    MeetingFollowUp,
    Register,
    RegisterEntry,
)
from roomtui.domain.model import Grade
from roomtui.i18n import N_, _, ngettext
from roomtui.tui.dialogs import FormDialog, FormField, PickerDialog
from roomtui.tui.translated import TranslatedBindings
from roomtui.tui.widgets.footer import FittingFooter
from roomtui.tui.widgets.register_columns import (  # noqa: F401 (COLUMNS, STATE_COLUMNS: for tests)
    COLUMNS,
    STATE_COLUMNS,
    fit_columns,
    mark_cell,
    room_share_words,
    room_words,
    tally_cell,
)
from roomtui.tui.widgets.register_table import RegisterTable

ANY = "*"  # a select value meaning "no filter" (series may legitimately be "")


def default_register_folder() -> Path:
    return Path.home() / "roomtui-minutes" / "register"


class FollowUpScreen(TranslatedBindings, Screen):
    FOOTER_WAY_HOME = "followup.home"  # Esc, shown in place of F6 (widgets/footer.py)
    BINDINGS = [
        Binding("g", "grade", N_("Grade"), id="followup.grade"),
        Binding("n", "note", N_("Progress note"), id="followup.note"),
        Binding("slash", "filter", N_("Filter"), id="followup.filter"),
        Binding("o", "toggle_open", N_("Open only"), id="followup.open"),
        Binding("d", "toggle_room_dissatisfied", N_("Room dissatisfied"), id="followup.room"),
        Binding("e", "export", N_("Export the register"), id="followup.export"),
        Binding("l", "link", N_("Link a report-back"), id="followup.link"),
        Binding("ctrl+z", "undo", N_("Undo"), id="followup.undo"),
        Binding("escape", "leave", N_("Meetings"), id="followup.home"),
    ]

    DEFAULT_CSS = """
    FollowUpScreen #followup-filter { height: auto; padding: 0 1; color: $text-muted; }
    FollowUpScreen #followup-damaged { height: auto; padding: 0 1; color: $error; }
    FollowUpScreen #followup-unlinked { height: auto; max-height: 4; padding: 0 1; color: $warning; }
    FollowUpScreen #followup-table { height: 1fr; }
    FollowUpScreen #followup-head { height: 1; padding: 0 0; text-style: bold; }
    FollowUpScreen #followup-detail { height: auto; max-height: 8; padding: 0 1; border-top: solid $primary; }
    FollowUpScreen #followup-counts { height: auto; max-height: 6; padding: 0 1; color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.filter = Filter()
        self.register: Register | None = None
        self._meetings: dict[str, MeetingFollowUp] = {}
        self._damaged: list[tuple[str, str]] = []
        self._shown: list[RegisterEntry] = []
        self._tally_for: Register | None = None
        self._tally = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="followup-filter")
        yield Static("", id="followup-damaged")
        yield Static("", id="followup-unlinked")
        yield Static("", id="followup-head")
        yield RegisterTable(COLUMNS, id="followup-table")
        yield Static("", id="followup-detail")
        yield Static("", id="followup-counts")
        yield FittingFooter()

    def on_mount(self) -> None:
        table = self.query_one("#followup-table", RegisterTable)
        self._fit_columns()
        self.reload()
        table.focus()

    def on_resize(self) -> None:
        if self.register is None:
            self._fit_columns()
        else:
            self.refresh_view()  # the room's column may come or go with the width: its rows too

    def _tally_width(self) -> int:
        """The room's-rating column is there when some answer in the register was rated, as wide as
        its widest cell (state: never cut)."""
        from rich.cells import cell_len

        if self.register is None:
            return 0
        if self._tally_for is not self.register:  # measured once per register, not at every key
            cells = [cell_len(tally_cell(e)[0]) for e in self.register.entries if e.room]
            self._tally_for, self._tally = self.register, max([cell_len(_("Room")), *cells]) if cells else 0
        return self._tally

    def _tally_shown(self) -> bool:
        """The room's counts have a column of their own (where it fits: fit_columns)."""
        return len(self.query_one("#followup-table", RegisterTable).widths) > len(COLUMNS)

    def _fit_columns(self) -> None:
        from rich.cells import set_cell_size

        widths = fit_columns(self.size.width or self.app.size.width, self._tally_width())
        self.query_one("#followup-table", RegisterTable).set_widths(widths)
        titles = ("!", _("Deadline"), _("Grade"), *((_("Room"),) if self._tally_shown() else ()), _("Lead unit"),
                  _("Deliverable"), _("Meeting"), _("Latest progress note"))
        self.query_one("#followup-head", Static).update(Text(" ".join(
            set_cell_size(title, width) for title, width in zip(titles, widths))))

    # -- data ---------------------------------------------------------------------------------
    @property
    def today(self):
        return self.app.clock.now().date()

    def reload(self) -> None:
        """Read the folder in a worker (through the register index): the view shows at once."""
        self.query_one("#followup-filter", Static).update(Text(_("Reading the register…")))
        self._load()

    @work(thread=True, exclusive=True, group="register")
    def _load(self) -> None:
        from roomtui.store.followup_index import load_followups

        meetings, damaged = load_followups(self.app.archive)
        register = Register.build(meetings, self.today, damaged)
        self.app.call_from_thread(self._loaded, meetings, damaged, register)

    def _loaded(self, meetings: list[MeetingFollowUp], damaged: list[tuple[str, str]], register: Register) -> None:
        """Back on the UI thread: show the register and repair lagging report-back copies."""
        self._meetings = {m.meeting_id: m for m in meetings}
        self._damaged, self.register = damaged, register
        if register.out_of_step:
            problems = self.app.desk.repair_copies(register)
            if problems:
                self.app.notify("\n".join(problems), severity="warning", timeout=10)
        self.refresh_view()

    def _rebuild(self, meeting) -> None:
        self._meetings[meeting.id] = MeetingFollowUp.of(meeting)
        self.register = Register.build(self._meetings.values(), self.today, self._damaged)
        self.refresh_view()

    def refresh_view(self) -> None:
        if self.register is None:
            return  # still reading
        table = self.query_one("#followup-table", RegisterTable)
        keep = self._selected()
        self._shown = self.register.select(self.filter)
        today = self.today
        self._fit_columns()  # the room's column comes and goes with the ratings in the register
        tallied, column = bool(self._tally_width()), self._tally_shown()
        rows = []
        for entry in self._shown:
            note = entry.latest_note
            rows.append((
                mark_cell(entry, today, tallied),
                (entry.deadline.isoformat() if entry.deadline else "—", ""),
                (entry.grade.label if entry.grade else _("not graded"), ""),
                *((tally_cell(entry),) if column else ()),
                (entry.lead_unit, ""), (entry.deliverable, ""),
                (f"{entry.meeting_date.isoformat() if entry.meeting_date else ''} {entry.meeting_title}", ""),
                (note.note if note else "", "")))
        table.set_rows([e.ref for e in self._shown], rows, keep=keep.ref if keep else None)
        self._show_filter()
        self._show_damaged()
        self._show_unlinked()
        self._show_counts()
        self._show_detail()

    def _show_filter(self) -> None:
        f = self.filter
        parts = [_("{n} commitments", n=len(self._shown))]
        if f.department:
            parts.append(_("department: {name}", name=f.department))
        if f.series is not None:
            parts.append(_("series: {name}", name=f.series or _("(no series)")))
        if f.grade is not None:
            parts.append(_("grade: {grade}", grade=Grade(f.grade).label if f.grade != "none" else _("not graded")))
        if f.open_only:
            parts.append(_("open only"))
        if f.room_dissatisfied:
            parts.append(_("room mostly dissatisfied only"))
        parts.append(_("overdue first, then by deadline · / filter · o open only"))
        self.query_one("#followup-filter", Static).update(Text(" · ".join(parts)))

    def _show_damaged(self) -> None:
        widget = self.query_one("#followup-damaged", Static)
        lines = [_("Cannot read {file}: {reason}. The other meetings are listed.", file=name, reason=reason)
                 for name, reason in self._damaged]
        lines += [copies_notice(copies) for copies in (self.register.copies if self.register else ())]
        widget.display = bool(lines)
        widget.update(Text("\n".join(lines)))

    def _show_unlinked(self) -> None:
        """Report-back links that came in through an import: shown, never followed until confirmed."""
        widget = self.query_one("#followup-unlinked", Static)
        widget.display = bool(self.register.unlinked)
        widget.update(Text("\n".join(_("{meeting} #{number} {title}: reports on {ref}, not linked (l to link)",
                                        meeting=meeting_id, number=issue_id, title=title, ref=ref)
                                      for meeting_id, issue_id, title, ref in self.register.unlinked)))

    def action_link(self) -> None:
        """Confirm one imported report-back link: from then on its answers grade the earlier commitment."""
        from roomtui.domain.report_back import link_report_back

        if self.register is None or not self.register.unlinked:
            self.app.notify(_("No report-back link waits for confirmation."), severity="warning")
            return
        linked = dict(self.register.linked)
        choices = [(f"{meeting_id} #{issue_id} {title} → {ref}", (meeting_id, issue_id))
                   for meeting_id, issue_id, title, ref in self.register.unlinked]

        def chosen(value) -> None:
            if value is None:
                return
            meeting_id, issue_id = value
            if self.app.act(_("Link the report-back"), lambda council: link_report_back(council, issue_id, linked),
                            meeting_id=meeting_id):
                self.reload()

        self.app.push_screen(PickerDialog(_("Link which report-back? Its answers then grade the earlier "
                                            "commitment."), choices), chosen)

    def _show_counts(self) -> None:
        lines = [_("{department}: {promised} promised, {solved} solved, {on_time} on time, {overdue} overdue",
                   department=c.department, promised=c.promised, solved=c.solved, on_time=c.solved_on_time,
                   overdue=c.overdue) + room_share_words(c.room) for c in self.register.counts(self._shown)]
        self.query_one("#followup-counts", Static).update(Text("\n".join(lines)))

    def _show_detail(self) -> None:
        entry = self._selected()
        widget = self.query_one("#followup-detail", Static)
        if entry is None:
            widget.update(Text(_("No commitments.") if not self._shown else ""))
            return
        head = f"#{entry.issue_number} {entry.issue_title} · {entry.department}"
        if entry.co_units:
            head += " · " + _("co-units: {units}", units=", ".join(entry.co_units))
        lines = [head]
        if entry.deliverable:  # a narrow terminal cuts its column: the line under the table says it whole
            lines.append("  " + _("Deliverable: {text}", text=entry.deliverable))
        if entry.room is not None:
            lines.append("  " + room_words(entry.room))
        for item in entry.history[-5:]:
            grade = f" {item.grade.label}" if item.grade else ""
            origin = (" " + _("(report-back at {meeting})", meeting=self.register.source_name(item.source))
                      if item.source else "")
            lines.append(f"  {item.at:%Y-%m-%d}{grade} {item.note}{origin}".rstrip())
        if not entry.history:
            lines.append("  " + _("no follow-up recorded yet"))
        widget.update(Text("\n".join(lines)))

    def _selected(self) -> RegisterEntry | None:
        table = self.query_one("#followup-table", RegisterTable)
        if not self._shown or table.row_count != len(self._shown):
            return None
        row = table.cursor
        return self._shown[row] if 0 <= row < len(self._shown) else None

    @on(RegisterTable.Highlighted, "#followup-table")
    def _highlighted(self) -> None:
        self._show_detail()

    # -- recording progress ------------------------------------------------------------------
    def _record(self, entry: RegisterEntry, label: str, **values) -> bool:
        """One grade or note on the commitment's own meeting, through the desk like every action."""
        outcome = self.app.act(label, lambda council: council.record_progress(entry.response_id, entry.index,
                                                                              **values),
                               meeting_id=entry.meeting_id)
        if outcome:
            self._reread(entry.meeting_id)
        return bool(outcome)

    def _reread(self, meeting_id: str) -> None:
        """The register after an action or an undo on one meeting: only that meeting is read again."""
        from roomtui.store import BadMeetingFile, MeetingNotFound

        session = self.app.desk.session(meeting_id)
        try:
            meeting = session.meeting if session is not None else self.app.archive.load(meeting_id)
        except (BadMeetingFile, MeetingNotFound):
            self.reload()
            return
        self._rebuild(meeting)

    def action_grade(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        grades = [(grade.label, grade.value) for grade in Grade]
        self.app.push_screen(PickerDialog(_("Follow-up grade: {deliverable}", deliverable=entry.deliverable[:60]),
                                          grades),
                             lambda grade: grade is not None and self._record(entry, _("Grade a commitment"),
                                                                              grade=grade))

    def action_note(self) -> None:
        entry = self._selected()
        if entry is None:
            return

        def submit(values: dict) -> list[str] | None:
            grade = values.get("grade") or None
            if not self._record(entry, _("Progress note"), note=values["note"], grade=grade):
                return [_("Not saved: see the message.")]
            return None

        self.app.push_screen(FormDialog(_("Progress on: {deliverable}", deliverable=entry.deliverable[:60]), [
            FormField("note", _("Progress note"), "textarea", required=True),
            FormField("grade", _("New grade (optional)"), "select", None,
                      [(grade.label, grade.value) for grade in Grade]),
        ], submit))

    def action_undo(self) -> None:
        """Take back the last action on the desk (here or in a meeting), as the secretary took them."""
        from roomtui.store import ReadOnlyError, SaveError

        try:
            label = self.app.desk.undo()
        except LookupError:
            self.app.notify(_("Nothing to undo."), severity="warning")
            return
        except (SaveError, ReadOnlyError) as error:
            self.app.notify(str(error), severity="error")
            return
        self.app.notify(_("Undone: {action}", action=label), timeout=2)
        self.reload()

    # -- filters and export ------------------------------------------------------------------
    def action_toggle_open(self) -> None:
        from dataclasses import replace

        self.filter = replace(self.filter, open_only=not self.filter.open_only)
        self.refresh_view()

    def action_toggle_room_dissatisfied(self) -> None:
        """Only the answers most of the room rated 不满意: the ones a county office follows up first."""
        from dataclasses import replace

        self.filter = replace(self.filter, room_dissatisfied=not self.filter.room_dissatisfied)
        self.refresh_view()

    def action_filter(self) -> None:
        if self.register is None:
            return
        f = self.filter
        departments = [(_("every department"), ANY)] + [(d, d) for d in self.register.departments()]
        series = [(_("every series"), ANY)] + [(s or _("(no series)"), s) for s in self.register.series()]
        grades = [(_("any grade"), ANY)] + [(g.label, g.value) for g in Grade] + [(_("not graded"), "none")]

        def submit(values: dict) -> list[str] | None:
            def pick(name: str):
                value = values.get(name)
                return None if value in (None, ANY) else value

            self.filter = Filter(department=pick("department") or "", series=pick("series"), grade=pick("grade"),
                                 open_only=bool(values.get("open_only")),
                                 room_dissatisfied=bool(values.get("room_dissatisfied")))
            self.refresh_view()
            return None

        self.app.push_screen(FormDialog(_("Filter the register"), [
            FormField("department", _("Department (lead unit or co-unit)"), "select", f.department or ANY,
                      departments),
            FormField("series", _("Series"), "select", ANY if f.series is None else f.series, series),
            FormField("grade", _("Grade"), "select", f.grade or ANY, grades),
            FormField("open_only", _("Open only (not solved, not settled)"), "checkbox", f.open_only),
            FormField("room_dissatisfied", _("Only answers the room rated mostly dissatisfied"), "checkbox",
                      f.room_dissatisfied),
        ], submit))

    def action_export(self) -> None:
        written: list[Path] = []

        def submit(values: dict) -> list[str] | None:
            folder = Path(str(values["folder"]).strip() or default_register_folder()).expanduser()
            try:
                written.extend(self.export_to(folder))
            except OSError as error:
                return [_("Cannot write to {folder}: {reason}", folder=folder, reason=error.strerror or str(error))]
            return None

        def done(result) -> None:
            if result and written:
                self.app.notify(ngettext("Wrote {n} file to {folder}", "Wrote {n} files to {folder}", len(written), folder=written[0].parent),
                                title=_("Register exported"), timeout=15)

        self.app.push_screen(FormDialog(_("Export the register shown (CSV and HTML; public and internal)"), [
            FormField("folder", _("Folder (a USB stick works too)"), value=str(default_register_folder())),
        ], submit), done)

    def export_to(self, folder: Path) -> list[Path]:
        from roomtui.i18n import language
        from roomtui.minutes.register_csv import render_register_csv
        from roomtui.minutes.register_html import render_register_html
        from roomtui.minutes.register_model import build_register_document
        from roomtui.store.storage import atomic_write

        folder.mkdir(parents=True, exist_ok=True)
        written = []
        stamp = self.today.isoformat()
        for public in (True, False):
            doc = build_register_document(self._shown, self.today, language=language(), public=public,
                                          damaged=self._damaged, copies=self.register.copies if self.register else ())
            variant = "public" if public else "internal"
            for suffix, data in (("csv", render_register_csv(doc)),
                                 ("html", render_register_html(doc).encode("utf-8"))):
                path = folder / f"register-{stamp}-{variant}.{suffix}"
                atomic_write(path, data)
                written.append(path)
        return written

    # -- leaving --------------------------------------------------------------------------------
    def action_leave(self) -> None:
        self.app.pop_screen()
