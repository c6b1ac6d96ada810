"""The participants pane: who takes part, in which role, and who is present; a filter box."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static

from roomtui.domain.model import Meeting, Participant, Role
from roomtui.i18n import N_, _
from roomtui.tui.dialogs import ConfirmDialog
from roomtui.tui.prepare.csv_form import import_csv_form
from roomtui.tui.prepare.pane import PreparePane, changed
from roomtui.tui.widgets.prepare_forms import (
    PrepareForm,
    participant_fields,
    participant_values,
)
from roomtui.tui.widgets.prepare_table import PrepareTable


class ParticipantsPane(PreparePane):
    READ_ONLY_ACTIONS = frozenset({"filter", "leave_filter", "import_participants"})  # every other action here changes the meeting: refused read-only (app.py)
    TAB = "participants"
    BINDINGS = [
        Binding("a", "add_participant", N_("Add participant"), id="prepare.participants.add"),
        Binding("e", "edit_participant", N_("Edit participant"), id="prepare.participants.edit"),
        Binding("delete", "remove_participant", N_("Remove participant"), id="prepare.participants.remove"),
        Binding("p", "toggle_present", N_("Present/absent"), id="prepare.participants.present"),
        Binding("slash", "filter", N_("Filter"), id="prepare.participants.filter"),
        Binding("ctrl+o", "import_participants", N_("Import participants (CSV)"), id="prepare.participants.import"),
        Binding("escape", "leave_filter", N_("Back to the list"), id="prepare.filter.leave", show=False),
        Binding("down", "leave_filter", N_("Back to the list"), id="prepare.filter.down", show=False),
    ]

    DEFAULT_CSS = """
    ParticipantsPane #participant-filter-row { height: 1; }
    ParticipantsPane #participant-filter-label { width: auto; padding: 0 0 0 1; color: $text-muted; }
    ParticipantsPane #participant-filter { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal(id="participant-filter-row"):
            yield Label("/ " + _("Filter") + " ", id="participant-filter-label")
            yield Input(placeholder=_("part of a name, an affiliation or a role (Enter: back to the list)"),
                        id="participant-filter", compact=True)
        yield PrepareTable([_("Here"), _("Name"), _("Role"), _("Affiliation"), _("Contact")],
                           id="participants-table")
        yield Static("", id="participants-status", classes="prepare-status")

    @property
    def filter_box(self) -> Input:
        return self.query_one("#participant-filter", Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_filter":
            return self.screen.focused is self.filter_box
        return True

    def show(self, meeting: Meeting) -> None:
        words = self.filter_box.value.casefold().split()
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
        self.table.fill(rows)
        total = len(meeting.participants)
        present = sum(p.present for p in meeting.participants)
        heads = sum(p.role is Role.DEPARTMENT for p in meeting.participants)
        line = _("participants: {total} · present: {present} · department heads: {heads}", total=total,
                 present=present, heads=heads)
        if words:
            line += " · " + _("showing {shown} of {total}", shown=len(shown), total=total)
        if not total:
            line += " · " + _("a adds a participant, ctrl+o imports a CSV file")
        self.status.update(Text(line))

    def select(self, key: object | None) -> None:
        """A record the filter hides is shown by clearing the filter."""
        if key is not None and str(key) not in self.table.keys and self.filter_box.value:
            self.filter_box.value = ""
            self.show(self.meeting)
        super().select(key)

    def _person(self) -> Participant | None:
        return self.meeting.participant(self.selected_id())

    def edit(self) -> None:
        self.action_edit_participant()

    def action_add_participant(self) -> None:
        def add(council, values: dict[str, Any]) -> Participant:
            values = participant_values(values)
            return council.add_participant(values.pop("name"), values.pop("role"), **values)

        def submit(values: dict[str, Any]) -> list[str] | None:
            outcome = self.app.act(_("Add participant {name}", name=str(values.get("name") or "").strip()),
                                   lambda council: add(council, values), in_form=True)
            if outcome:
                self.select(outcome.result.id)
            return outcome.form_problems

        self.app.push_screen(PrepareForm(_("Add a participant"), participant_fields(None), submit))

    def action_edit_participant(self) -> None:
        person = self._person()
        if person is None:
            self.action_add_participant()
            return
        fields = participant_fields(person)

        def submit(values: dict[str, Any]) -> list[str] | None:
            if not changed(fields, values):
                return None
            return self.app.act(_("Edit participant {name}", name=person.name),
                                lambda council: council.update_participant(person.id, **participant_values(values)),
                                in_form=True).form_problems

        self.app.push_screen(PrepareForm(_("Edit participant #{id}", id=person.id), fields, submit))

    def action_remove_participant(self) -> None:
        person = self._person()
        if person is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.act(_("Remove participant {name}", name=person.name),
                             lambda council: council.remove_participant(person.id))

        who = person.name + (_(" ({affiliation})", affiliation=person.affiliation) if person.affiliation else "")
        self.app.push_screen(ConfirmDialog(_("Remove {who} from the meeting?", who=who), _("Remove")), answer)

    def action_toggle_present(self) -> None:
        person = self._person()
        if person is None:
            return
        present = not person.present
        label = _("{name} present", name=person.name) if present else _("{name} absent", name=person.name)
        self.app.act(label, lambda council: council.set_present(person.id, present), quiet=True)

    def action_filter(self) -> None:
        self.filter_box.focus()

    @on(Input.Changed, "#participant-filter")
    def _filter_changed(self) -> None:
        if self.app.session is not None:
            self.show(self.meeting)

    @on(Input.Submitted, "#participant-filter")
    def _filter_submitted(self) -> None:
        self.focus_table()

    def action_leave_filter(self) -> None:
        self.focus_table()

    def action_import_participants(self) -> None:
        self.app.push_screen(import_csv_form(self.app, "participants", self.select))
