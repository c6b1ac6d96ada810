"""Preparing a meeting: details, participants, agenda and the research report's issues.

Four tabs, one table each, everything reachable from the keyboard. Each tab has its own keys
(the Footer shows only the current tab's, and the command palette finds them by name); every
change is one Council action through ``app.act``/``app.try_act``: validated by the domain,
saved at once, undoable with ctrl+z. The screen keeps no state of its own beyond the filter
text and the cursors: ``refresh_view`` redraws everything from the session's meeting.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Label, Static, TabbedContent, TabPane

from roomtui.domain.model import AgendaItem, Issue, Meeting, MeetingStatus, Participant, Role
from roomtui.domain.validation import ValidationError, meeting_problems
from roomtui.i18n import _
from roomtui.tui.dialogs import ConfirmDialog, FormField
from roomtui.tui.widgets.meeting_bar import MeetingBar
from roomtui.tui.widgets.prepare_forms import (
    DETAIL_FIELDS,
    LIMIT_FIELDS,
    PrepareForm,
    agenda_fields,
    agenda_values,
    detail_label,
    detail_text,
    details_fields,
    issue_fields,
    issue_values,
    limit_label,
    limits_fields,
    minutes_seconds,
    participant_fields,
    participant_values,
)
from roomtui.tui.widgets.prepare_table import PrepareTable

TABS = ("details", "participants", "agenda", "issues")
LIMITS_HEADING = "limits"

# Which tab each tab-specific action belongs to: the Footer shows an action only on its tab.
ACTION_TAB = {
    "edit_details": "details", "edit_limits": "details",
    "add_participant": "participants", "edit_participant": "participants", "remove_participant": "participants",
    "toggle_present": "participants", "filter": "participants", "import_participants": "participants",
    "add_item": "agenda", "insert_item": "agenda", "edit_item": "agenda", "remove_item": "agenda",
    "move_item": "agenda", "nest": "agenda", "unnest": "agenda",
    "add_issue": "issues", "edit_issue": "issues", "remove_issue": "issues", "import_issues": "issues",
}

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # through _(): 周一 ... 周日


def _changed(fields: list[FormField], values: dict[str, Any]) -> bool:
    """Did the secretary change anything? (Saving an untouched form is not an action.)"""
    before = {f.name: f.value for f in fields}
    return any(str(values.get(name) if values.get(name) is not None else "") != str(before.get(name) or "")
               if not isinstance(values.get(name), bool) else values.get(name) != bool(before.get(name))
               for name in values)


class PrepareScreen(Screen):
    DEFAULT_CSS = """
    PrepareScreen #prepare-tabs { height: 1fr; }
    PrepareScreen #prepare-tabs ContentSwitcher { height: 1fr; }
    PrepareScreen TabPane { height: 1fr; padding: 0; }
    PrepareScreen #participant-filter-row { height: 1; }
    PrepareScreen #participant-filter-label { width: auto; padding: 0 0 0 1; color: $text-muted; }
    PrepareScreen #participant-filter { width: 1fr; }
    PrepareScreen .prepare-status { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    PrepareScreen .prepare-status.-over { color: $warning; text-style: bold; }
    """

    READ_ONLY_ACTIONS = frozenset({"tab", "filter", "leave_filter"})  # the rest answer "read-only" there (app.py)
    # Grouped by key: the Footer orders keys by first appearance and shows the current tab's.
    BINDINGS = [
        Binding("1", "tab('details')", _("Details"), id="prepare.tab.details", show=False),
        Binding("2", "tab('participants')", _("Participants"), id="prepare.tab.participants", show=False),
        Binding("3", "tab('agenda')", _("Agenda"), id="prepare.tab.agenda", show=False),
        Binding("4", "tab('issues')", _("Issues"), id="prepare.tab.issues", show=False),
        Binding("a", "add_participant", _("Add participant"), id="prepare.participants.add"),
        Binding("a", "add_item", _("Add item"), id="prepare.agenda.add"),
        Binding("a", "add_issue", _("Add issue"), id="prepare.issues.add"),
        Binding("i,insert", "insert_item", _("Insert above"), id="prepare.agenda.insert"),
        Binding("e", "edit_details", _("Edit details"), id="prepare.details.edit"),
        Binding("e", "edit_participant", _("Edit participant"), id="prepare.participants.edit"),
        Binding("e", "edit_item", _("Edit item"), id="prepare.agenda.edit"),
        Binding("e", "edit_issue", _("Edit issue"), id="prepare.issues.edit"),
        Binding("l", "edit_limits", _("Speaking limits"), id="prepare.details.limits"),
        Binding("delete", "remove_participant", _("Remove participant"), id="prepare.participants.remove"),
        Binding("delete", "remove_item", _("Remove item"), id="prepare.agenda.remove"),
        Binding("delete", "remove_issue", _("Remove issue"), id="prepare.issues.remove"),
        Binding("p", "toggle_present", _("Present/absent"), id="prepare.participants.present"),
        Binding("slash", "filter", _("Filter"), id="prepare.participants.filter"),
        Binding("ctrl+up,shift+up", "move_item(-1)", _("Move up"), id="prepare.agenda.up"),
        Binding("ctrl+down,shift+down", "move_item(1)", _("Move down"), id="prepare.agenda.down"),
        Binding(">", "nest", _("Nest under item above"), id="prepare.agenda.nest"),
        Binding("<", "unnest", _("Un-nest"), id="prepare.agenda.unnest"),
        Binding("ctrl+o", "import_participants", _("Import participants (CSV)"), id="prepare.participants.import"),
        Binding("ctrl+o", "import_issues", _("Import issues (CSV)"), id="prepare.issues.import"),
        Binding("g", "go_live", _("Go live"), id="prepare.go_live"),
        Binding("escape", "leave_filter", _("Back to the list"), id="prepare.filter.leave", show=False),
        Binding("down", "leave_filter", _("Back to the list"), id="prepare.filter.down", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield MeetingBar(id="prepare-bar")
        with TabbedContent(id="prepare-tabs", initial="prepare-details"):
            with TabPane("1 " + _("Details"), id="prepare-details"):
                yield PrepareTable([_("Field"), _("Value")], id="details-table")
                yield Static("", id="details-status", classes="prepare-status")
            with TabPane("2 " + _("Participants"), id="prepare-participants"):
                with Horizontal(id="participant-filter-row"):
                    yield Label("/ " + _("Filter") + " ", id="participant-filter-label")
                    yield Input(placeholder=_("part of a name, an affiliation or a role (Enter: back to the list)"),
                                id="participant-filter", compact=True)
                yield PrepareTable([_("Here"), _("Name"), _("Role"), _("Affiliation"), _("Contact")],
                                   id="participants-table")
                yield Static("", id="participants-status", classes="prepare-status")
            with TabPane("3 " + _("Agenda"), id="prepare-agenda"):
                yield Static("", id="agenda-status", classes="prepare-status")
                yield PrepareTable(["#", _("Title"), _("Min"), _("Starts"), _("Kind")], id="agenda-table")
            with TabPane("4 " + _("Issues"), id="prepare-issues"):
                yield PrepareTable(["#", _("Title"), _("Expected department"), _("Category"), _("Location"),
                                    _("Proposer")], id="issues-table")
                yield Static("", id="issues-status", classes="prepare-status")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_view()
        self._table("details").focus()

    # -- small helpers ---------------------------------------------------------------------
    @property
    def meeting(self) -> Meeting:
        return self.app.session.meeting

    def _table(self, tab: str) -> PrepareTable:
        return self.query_one(f"#{tab}-table", PrepareTable)

    def _selected_id(self, tab: str) -> int | None:
        key = self._table(tab).selected_key
        return int(key) if key is not None and key.isdigit() else None

    @property
    def active_tab(self) -> str:
        try:
            return self.query_one("#prepare-tabs", TabbedContent).active.removeprefix("prepare-")
        except Exception:  # noqa: BLE001 - asked before the tabs exist (Footer at startup)
            return "details"

    def _filter_input(self) -> Input:
        return self.query_one("#participant-filter", Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_filter":
            return self.focused is not None and self.focused.id == "participant-filter"
        tab = ACTION_TAB.get(action)
        return tab is None or tab == self.active_tab

    def _after(self, tab: str, key: object | None = None) -> None:
        """Redraw after a form or a dialog (the app redraws only the screen on top: the dialog)."""
        if self.app.session is None:
            return
        self.refresh_view()
        if key is not None:
            if tab == "participants" and str(key) not in self._table(tab).keys and self._filter_input().value:
                self._filter_input().value = ""
                self._fill_participants()
            self._table(tab).select_key(str(key))

    # -- drawing ---------------------------------------------------------------------------
    def refresh_view(self) -> None:
        if self.app.session is None:
            return
        self._fill_details()
        self._fill_participants()
        self._fill_agenda()
        self._fill_issues()
        self.query_one(MeetingBar).refresh_bar()

    def on_resize(self) -> None:
        if self.app.session is not None:
            self._fill_details()

    def _fill_details(self) -> None:
        meeting = self.meeting
        table = self._table("details")
        labels = [detail_label(n) for n in DETAIL_FIELDS] + ["  " + limit_label(n) for n in LIMIT_FIELDS]
        # the value column takes what the labels, the cell padding and the scrollbar leave
        width = max(16, self.size.width - max(cell_len(label) for label in labels) - 7)

        def cell(value: str, style: str = "") -> Text:
            first, *more = value.splitlines() or [""]
            text = Text(first + (" …" if more else ""), style=style)
            text.truncate(width, overflow="ellipsis")
            return text

        rows: list[tuple[str, list[object]]] = []
        for name in DETAIL_FIELDS:
            value = detail_text(meeting, name)
            style = ""
            if name == "planned_minutes":
                total = _top_total(meeting)
                value = _("{length} min · the agenda plans {total} min", length=meeting.planned_minutes, total=total) \
                    if meeting.planned_minutes else _("not set · the agenda plans {total} min", total=total)
                style = "bold yellow" if meeting.planned_minutes and total > meeting.planned_minutes else ""
            elif name == "date" and meeting.date is not None:
                value = f"{meeting.date.isoformat()} ({_(WEEKDAYS[meeting.date.weekday()])})"
            rows.append((name, [Text(detail_label(name), style="bold"), cell(value or "—", style if value else "dim")]))
        rows.append((LIMITS_HEADING, [Text(_("Speaking limits"), style="bold underline"), Text(_("l to edit"),
                                                                                                style="dim")]))
        limits = meeting.limits
        for name in LIMIT_FIELDS:
            rows.append((f"limit-{name}", [Text("  " + limit_label(name)), Text(minutes_seconds(getattr(limits, name)))]))
        rows.append(("limit-one_entry_per_person", [Text("  " + limit_label("one_entry_per_person")),
                                                    Text(_("yes") if limits.one_entry_per_person else _("no"))]))
        table.fill(rows)
        status = self.query_one("#details-status", Static)
        status.update(Text(_("e or Enter edits the field under the cursor · l speaking limits · g go live")))

    def _fill_participants(self) -> None:
        meeting = self.meeting
        words = self._filter_input().value.casefold().split()
        shown = []
        for person in meeting.participants:
            haystack = " ".join((person.name, person.affiliation, person.role.label, person.role.value)).casefold()
            if all(word in haystack for word in words):
                shown.append(person)
        rows = []
        for person in shown:
            style = "" if person.present else "dim"
            here = Text("✓", style="bold green") if person.present else Text(_("absent"), style="yellow")
            rows.append((str(person.id), [here, Text(person.name, style=style or "bold"),
                                          Text(person.role.label, style=style),
                                          Text(person.affiliation, style=style), Text(person.contact, style="dim")]))
        self._table("participants").fill(rows)
        total = len(meeting.participants)
        present = sum(p.present for p in meeting.participants)
        heads = sum(p.role is Role.DEPARTMENT for p in meeting.participants)
        line = _("participants: {total} · present: {present} · department heads: {heads}", total=total,
                 present=present, heads=heads)
        if words:
            line += " · " + _("showing {shown} of {total}", shown=len(shown), total=total)
        if not total:
            line += " · " + _("a adds a participant, ctrl+o imports a CSV file")
        self.query_one("#participants-status", Static).update(Text(line))

    def _fill_agenda(self) -> None:
        meeting = self.meeting
        starts = _planned_starts(meeting)
        rows = []
        top_number = 0
        child_number = 0
        for item in meeting.agenda:
            if item.parent_id is None:
                top_number += 1
                child_number = 0
                number = str(top_number)
                title = Text(item.title, style="bold")
                children = [a for a in meeting.agenda if a.parent_id == item.id]
                minutes = Text(str(item.planned_minutes))
                if children:
                    parts = sum(c.planned_minutes for c in children)
                    minutes.append(" " + _("(parts {n})", n=parts), style="dim")
            else:
                child_number += 1
                number = f"{top_number}.{child_number}"
                title = Text("  └ " + item.title)
                minutes = Text(str(item.planned_minutes))
            start = starts.get(item.id)
            rows.append((str(item.id), [Text(number), title, minutes, Text(start.strftime("%H:%M") if start else ""),
                                        Text(item.kind.label, style="dim")]))
        self._table("agenda").fill(rows)
        total = _top_total(meeting)
        status = self.query_one("#agenda-status", Static)
        if meeting.planned_minutes:
            line = Text(_("planned {total} / {length} min", total=total, length=meeting.planned_minutes))
            over = total > meeting.planned_minutes
            if over:
                line.append(" · " + _("{n} min over", n=total - meeting.planned_minutes))
        else:
            line = Text(_("planned {total} min · the meeting's length is not set (Details)", total=total))
            over = False
        if meeting.planned_start is not None and meeting.start_time is not None:
            end = meeting.planned_start + timedelta(minutes=total)
            line.append(f" · {meeting.start_time.strftime('%H:%M')}–{end.strftime('%H:%M')}")
        for problem in meeting_problems(meeting):
            if "parts of" in problem or "部分" in problem:
                line.append("\n" + problem)
                over = True
        if not meeting.agenda:
            line.append(" · " + _("a adds an item"))
        status.update(line)
        status.set_class(over, "-over")

    def _fill_issues(self) -> None:
        meeting = self.meeting
        rows = []
        for issue in meeting.issues:
            department = Text(issue.expected_department) if issue.expected_department else Text("—", style="dim")
            rows.append((str(issue.id), [Text(f"#{issue.id}"), Text(issue.title, style="bold"), department,
                                         Text(issue.category), Text(issue.location), Text(issue.proposer)]))
        self._table("issues").fill(rows)
        without = sum(not i.expected_department for i in meeting.issues)
        line = _("{n} issues", n=len(meeting.issues))
        if without:
            line += " · " + _("{n} without an expected department", n=without)
        if not meeting.issues:
            line += " · " + _("a adds an issue, ctrl+o imports a CSV file")
        self.query_one("#issues-status", Static).update(Text(line))

    # -- tabs ------------------------------------------------------------------------------
    def action_tab(self, tab: str) -> None:
        self.query_one("#prepare-tabs", TabbedContent).active = f"prepare-{tab}"
        self._focus_tab(tab)

    def _focus_tab(self, tab: str) -> None:
        self._table(tab).focus()
        self.refresh_bindings()

    @on(TabbedContent.TabActivated, "#prepare-tabs")
    def _tab_activated(self) -> None:
        self.refresh_bindings()
        # a click on a tab should land in its list (arrow keys on the tab bar keep their focus)
        focused = self.focused
        if focused is None or not focused.is_attached or not focused.display or not _within_visible(focused):
            self._table(self.active_tab).focus()

    def _goto(self, tab: str) -> None:
        if self.active_tab != tab:
            self.action_tab(tab)

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter (or a click on the highlighted row) edits the record under the cursor."""
        table_id = event.data_table.id or ""
        action = {"details-table": self.action_edit_details, "participants-table": self.action_edit_participant,
                  "agenda-table": self.action_edit_item, "issues-table": self.action_edit_issue}.get(table_id)
        if action is not None:
            event.stop()
            action()

    # -- details ---------------------------------------------------------------------------
    def action_edit_details(self) -> None:
        self._goto("details")
        key = self._table("details").selected_key or "title"
        if key == LIMITS_HEADING or key.startswith("limit-"):
            self.action_edit_limits(key.removeprefix("limit-") if key != LIMITS_HEADING else None)
            return
        fields = details_fields(self.meeting)

        def submit(values: dict[str, Any]) -> list[str] | None:
            if not _changed(fields, values):
                return None
            problems = self.app.try_act(_("Edit meeting details"), lambda council: council.set_details(**values))
            if problems is None:
                self._after("details")
            return problems

        self.app.push_screen(PrepareForm(_("Meeting details"), fields, submit, focus=key))

    def action_edit_limits(self, focus: str | None = None) -> None:
        self._goto("details")
        fields = limits_fields(self.meeting)

        def submit(values: dict[str, Any]) -> list[str] | None:
            if not _changed(fields, values):
                return None
            problems = self.app.try_act(_("Edit speaking limits"), lambda council: council.set_limits(**values))
            if problems is None:
                self._after("details")
            return problems

        self.app.push_screen(PrepareForm(_("Speaking limits (minutes:seconds)"), fields, submit, focus=focus))

    # -- participants ----------------------------------------------------------------------
    def _participant(self) -> Participant | None:
        return self.meeting.participant(self._selected_id("participants"))

    def action_add_participant(self) -> None:
        self._goto("participants")
        created: dict[str, int] = {}

        def add(council, values: dict[str, Any]) -> None:
            values = participant_values(values)
            created["id"] = council.add_participant(values.pop("name"), values.pop("role"), **values).id

        def submit(values: dict[str, Any]) -> list[str] | None:
            problems = self.app.try_act(_("Add participant {name}", name=values.get("name", "").strip()),
                                        lambda council: add(council, values))
            if problems is None:
                self._after("participants", created.get("id"))
            return problems

        self.app.push_screen(PrepareForm(_("Add a participant"), participant_fields(None), submit))

    def action_edit_participant(self) -> None:
        self._goto("participants")
        person = self._participant()
        if person is None:
            self.action_add_participant()
            return
        fields = participant_fields(person)

        def submit(values: dict[str, Any]) -> list[str] | None:
            if not _changed(fields, values):
                return None
            problems = self.app.try_act(_("Edit participant {name}", name=person.name),
                                        lambda council: council.update_participant(person.id,
                                                                                   **participant_values(values)))
            if problems is None:
                self._after("participants", person.id)
            return problems

        self.app.push_screen(PrepareForm(_("Edit participant #{id}", id=person.id), fields, submit))

    def action_remove_participant(self) -> None:
        self._goto("participants")
        person = self._participant()
        if person is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.act(_("Remove participant {name}", name=person.name),
                             lambda council: council.remove_participant(person.id))
                self._after("participants")

        who = f"{person.name} ({person.affiliation})" if person.affiliation else person.name
        self.app.push_screen(ConfirmDialog(_("Remove {who} from the meeting?", who=who), _("Remove")), answer)

    def action_toggle_present(self) -> None:
        self._goto("participants")
        person = self._participant()
        if person is None:
            return
        present = not person.present
        label = _("{name} present", name=person.name) if present else _("{name} absent", name=person.name)
        self.app.act(label, lambda council: council.set_present(person.id, present), quiet=True)

    def action_filter(self) -> None:
        self._goto("participants")
        self._filter_input().focus()

    @on(Input.Changed, "#participant-filter")
    def _filter_changed(self) -> None:
        if self.app.session is not None:
            self._fill_participants()

    @on(Input.Submitted, "#participant-filter")
    def _filter_submitted(self) -> None:
        self._table("participants").focus()

    def action_leave_filter(self) -> None:
        self._table("participants").focus()

    # -- agenda ----------------------------------------------------------------------------
    def _item(self) -> AgendaItem | None:
        return self.meeting.agenda_item(self._selected_id("agenda"))

    def _agenda_form(self, title: str, label: str, item: AgendaItem | None, apply) -> None:
        created: dict[str, int] = {}
        fields = agenda_fields(item)

        def submit(values: dict[str, Any]) -> list[str] | None:
            if item is not None and not _changed(fields, values):
                return None
            values = agenda_values(values)
            name = values.get("title", "").strip() or (item.title if item else "")
            problems = self.app.try_act(label.format(title=name),
                                        lambda council: created.update(id=apply(council, values).id))
            if problems is None:
                self._after("agenda", created.get("id"))
            return problems

        self.app.push_screen(PrepareForm(title, fields, submit))

    def action_add_item(self) -> None:
        self._goto("agenda")
        self._agenda_form(_("Add an agenda item (at the end)"), _("Add agenda item '{title}'"), None,
                          lambda council, v: council.add_agenda_item(v["title"], v["kind"], v["planned_minutes"]))

    def action_insert_item(self) -> None:
        self._goto("agenda")
        above = self._item()
        if above is None:
            self.action_add_item()
            return
        position = self.meeting.agenda.index(above)
        self._agenda_form(_("Insert an agenda item above '{title}'", title=above.title),
                          _("Insert agenda item '{title}'"), None,
                          lambda council, v: council.add_agenda_item(v["title"], v["kind"], v["planned_minutes"],
                                                                     position=position, parent_id=above.parent_id))

    def action_edit_item(self) -> None:
        self._goto("agenda")
        item = self._item()
        if item is None:
            self.action_add_item()
            return
        self._agenda_form(_("Edit agenda item"), _("Edit agenda item '{title}'"), item,
                          lambda council, v: council.update_agenda_item(item.id, **v))

    def action_remove_item(self) -> None:
        self._goto("agenda")
        item = self._item()
        if item is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.act(_("Remove agenda item '{title}'", title=item.title),
                             lambda council: council.remove_agenda_item(item.id))
                self._after("agenda")

        self.app.push_screen(ConfirmDialog(_("Remove the agenda item '{title}'?", title=item.title), _("Remove")),
                             answer)

    def action_move_item(self, offset: int) -> None:
        self._goto("agenda")
        item = self._item()
        if item is None:
            return
        siblings = [a for a in self.meeting.agenda if a.parent_id == item.parent_id]
        index = siblings.index(item)
        if not 0 <= index + offset < len(siblings):
            self.app.notify(_("'{title}' is already the first of its level", title=item.title) if offset < 0 else
                            _("'{title}' is already the last of its level", title=item.title), timeout=2)
            return
        label = _("Move '{title}' up", title=item.title) if offset < 0 else _("Move '{title}' down", title=item.title)
        self.app.act(label, lambda council: council.move_agenda_item(item.id, offset), quiet=True)
        self._table("agenda").select_key(str(item.id))

    def action_nest(self) -> None:
        self._goto("agenda")
        item = self._item()
        if item is None:
            return
        if item.parent_id is not None:
            self.app.notify(_("'{title}' is already a part of another item", title=item.title), timeout=3)
            return
        above = self.meeting.agenda[: self.meeting.agenda.index(item)]
        parent = next((a for a in reversed(above) if a.parent_id is None), None)
        if parent is None:
            self.app.notify(_("There is no item above '{title}' to nest it under.", title=item.title),
                            severity="warning", timeout=3)
            return
        self.app.act(_("Nest '{title}' under '{parent}'", title=item.title, parent=parent.title),
                     lambda council: council.set_parent(item.id, parent.id), quiet=True)
        self._table("agenda").select_key(str(item.id))

    def action_unnest(self) -> None:
        self._goto("agenda")
        item = self._item()
        if item is None:
            return
        if item.parent_id is None:
            self.app.notify(_("'{title}' is not nested", title=item.title), timeout=3)
            return
        self.app.act(_("Lift '{title}' out", title=item.title), lambda council: council.set_parent(item.id, None),
                     quiet=True)
        self._table("agenda").select_key(str(item.id))

    # -- issues ----------------------------------------------------------------------------
    def _issue(self) -> Issue | None:
        return self.meeting.issue(self._selected_id("issues"))

    def _issue_form(self, title: str, issue: Issue | None) -> None:
        created: dict[str, int] = {}
        fields = issue_fields(self.meeting, issue)

        def apply(council, values: dict[str, Any]) -> Issue:
            if issue is None:
                return council.add_issue(values.pop("title"), **values)
            return council.update_issue(issue.id, **values)

        def submit(values: dict[str, Any]) -> list[str] | None:
            if issue is not None and not _changed(fields, values):
                return None
            values = issue_values(values)
            name = values.get("title", "").strip()
            label = _("Add issue '{title}'", title=name) if issue is None else _("Edit issue #{id}", id=issue.id)
            problems = self.app.try_act(label, lambda council: created.update(id=apply(council, dict(values)).id))
            if problems is None:
                self._after("issues", created.get("id"))
            return problems

        self.app.push_screen(PrepareForm(title, fields, submit))

    def action_add_issue(self) -> None:
        self._goto("issues")
        self._issue_form(_("Add an issue (research report)"), None)

    def action_edit_issue(self) -> None:
        self._goto("issues")
        issue = self._issue()
        if issue is None:
            self.action_add_issue()
            return
        self._issue_form(_("Edit issue #{id}", id=issue.id), issue)

    def action_remove_issue(self) -> None:
        self._goto("issues")
        issue = self._issue()
        if issue is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.act(_("Remove issue #{id}", id=issue.id), lambda council: council.remove_issue(issue.id))
                self._after("issues")

        self.app.push_screen(ConfirmDialog(_("Remove issue #{id} '{title}'?", id=issue.id, title=issue.title),
                                           _("Remove")), answer)

    # -- CSV import ------------------------------------------------------------------------
    def action_import_participants(self) -> None:
        self._goto("participants")
        self._import_csv("participants")

    def action_import_issues(self) -> None:
        self._goto("issues")
        self._import_csv("issues")

    def _import_csv(self, what: str) -> None:
        """Read the file, then add every row in ONE action: all of it is saved and undoable, or none."""
        from roomtui.plan import csv_import
        from roomtui.plan.errors import PlanImportError

        read, apply = ((csv_import.read_participants_csv, csv_import.apply_participants) if what == "participants"
                       else (csv_import.read_issues_csv, csv_import.apply_issues))
        added: dict[str, list] = {}

        def apply_all(council) -> None:
            try:
                added["rows"] = apply(council.meeting, rows)
            except PlanImportError as error:
                raise ValidationError(str(error).splitlines()) from None

        def submit(values: dict[str, Any]) -> list[str] | None:
            nonlocal rows
            path = Path(str(values.get("path") or "").strip()).expanduser()
            if not str(values.get("path") or "").strip():
                return [_("Type the path of a CSV file.")]
            try:
                rows = read(path)
            except PlanImportError as error:
                return str(error).splitlines()
            except OSError as error:
                return [_("Cannot read {path}: {reason}", path=str(path), reason=error.strerror or str(error))]
            if not rows:
                return [_("{path} has no rows to import.", path=str(path))]
            label = (_("Import {n} participants from {file}", n=len(rows), file=path.name) if what == "participants"
                     else _("Import {n} issues from {file}", n=len(rows), file=path.name))
            problems = self.app.try_act(label, apply_all)
            if problems is None:
                self.app.notify(label + " — " + _("saved"), timeout=4)
                self._after(what, added["rows"][0].id if added.get("rows") else None)
            return problems

        rows: list[dict[str, Any]] = []
        hint = (_("Columns: name, role, affiliation, contact, present, note (English or Chinese headers)")
                if what == "participants" else
                _("Columns: title, description, category, location, proposer, department, suggestion, note"))
        title = _("Import participants from CSV") if what == "participants" else _("Import issues from CSV")
        self.app.push_screen(PrepareForm(title, [FormField("path", _("File path") + " · " + hint, required=True,
                                                           placeholder="~/participants.csv" if what == "participants"
                                                           else "~/issues.csv")], submit))

    # -- going live ------------------------------------------------------------------------
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
            question += "\n\n" + "\n".join(problems)

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            self.app.act(_("Start the meeting"), lambda council: council.start_meeting())
            if self.meeting.status is MeetingStatus.LIVE:
                self.app.call_later(self.app.show_view, "live")

        self.app.push_screen(ConfirmDialog(question, _("Go live")), answer)


def _within_visible(widget) -> bool:
    """Is the widget inside the pane being shown (not in a pane the tab switch just hid)?"""
    node = widget
    while node is not None:
        if isinstance(node, TabPane):
            return node.display
        node = node.parent
    return True


def _top_total(meeting: Meeting) -> int:
    return sum(a.planned_minutes for a in meeting.agenda if a.parent_id is None)


def _planned_starts(meeting: Meeting) -> dict[int, datetime]:
    """When each item should start if the meeting keeps to plan (parts start within their parent)."""
    start = meeting.planned_start
    if start is None or meeting.start_time is None:
        return {}
    starts: dict[int, datetime] = {}
    top = start
    child_start: dict[int, datetime] = {}
    for item in meeting.agenda:
        if item.parent_id is None:
            starts[item.id] = top
            child_start[item.id] = top
            top += timedelta(minutes=item.planned_minutes)
        else:
            begin = child_start.get(item.parent_id, top)
            starts[item.id] = begin
            child_start[item.parent_id] = begin + timedelta(minutes=item.planned_minutes)
    return starts
