"""The agenda pane: items with planned minutes and start times, nested one level into parts."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from roomtui.domain.model import AgendaItem, Meeting
from roomtui.domain.planning import (
    overfull_items,
    parts_minutes,
    planned_end,
    planned_starts,
    planned_total,
)
from roomtui.i18n import N_, _, ngettext
from roomtui.tui.dialogs import ConfirmDialog
from roomtui.tui.prepare.pane import PreparePane, changed
from roomtui.tui.widgets.prepare_forms import PrepareForm, agenda_fields, agenda_values
from roomtui.tui.widgets.prepare_table import PrepareTable


class AgendaPane(PreparePane):
    READ_ONLY_ACTIONS = frozenset()  # every other action here changes the meeting: refused read-only (app.py)
    TAB = "agenda"
    BINDINGS = [
        Binding("a", "add_item", N_("Add item"), id="prepare.agenda.add"),
        Binding("i,insert", "insert_item", N_("Insert above"), id="prepare.agenda.insert"),
        Binding("e", "edit_item", N_("Edit item"), id="prepare.agenda.edit"),
        Binding("delete", "remove_item", N_("Remove item"), id="prepare.agenda.remove"),
        Binding("ctrl+up,shift+up", "move_item(-1)", N_("Move up"), id="prepare.agenda.up"),
        Binding("ctrl+down,shift+down", "move_item(1)", N_("Move down"), id="prepare.agenda.down"),
        Binding(">", "nest", N_("Nest under item above"), id="prepare.agenda.nest"),
        Binding("<", "unnest", N_("Un-nest"), id="prepare.agenda.unnest"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("", id="agenda-status", classes="prepare-status")
        yield PrepareTable(["#", _("Title"), _("Min"), _("Starts"), _("Kind")], id="agenda-table")

    def show(self, meeting: Meeting) -> None:
        starts = planned_starts(meeting)
        parts = parts_minutes(meeting)
        rows = []
        top_number = child_number = 0
        for item in meeting.agenda:
            minutes = Text(str(item.planned_minutes))
            if item.parent_id is None:
                top_number += 1
                child_number = 0
                number = str(top_number)
                title = Text(item.title, style="bold")
                if item.id in parts:
                    minutes.append(" " + _("(parts: {minutes} min)", minutes=parts[item.id]), style="dim")
            else:
                child_number += 1
                number = f"{top_number}.{child_number}"
                title = Text("  └ " + item.title)
            start = starts.get(item.id)
            rows.append((str(item.id), [Text(number), title, minutes, Text(start.strftime("%H:%M") if start else ""),
                                        Text(item.kind.label, style="dim")]))
        self.table.fill(rows)
        self.status.update(self._status_line(meeting))

    def _status_line(self, meeting: Meeting) -> Text:
        total = planned_total(meeting)
        over = bool(meeting.planned_minutes) and total > meeting.planned_minutes
        if meeting.planned_minutes:
            line = Text(_("planned {total} / {length} min", total=total, length=meeting.planned_minutes))
            if over:
                line.append(" · " + ngettext("{n} min over", "{n} min over", total - meeting.planned_minutes))
        else:
            line = Text(_("planned {total} min · the meeting's length is not set (Details)", total=total))
        end = planned_end(meeting)
        if end is not None and meeting.start_time is not None:
            line.append(f" · {meeting.start_time.strftime('%H:%M')}–{end.strftime('%H:%M')}")
        parts = parts_minutes(meeting)
        for item in overfull_items(meeting):
            over = True
            line.append("\n" + _("the parts of '{title}' add up to more than its {minutes} min", title=item.title,
                                 minutes=item.planned_minutes) + f" ({parts[item.id]})")
        if not meeting.agenda:
            line.append(" · " + _("a adds an item"))
        self.status.set_class(over, "-over")
        return line

    def _item(self) -> AgendaItem | None:
        return self.meeting.agenda_item(self.selected_id())

    def edit(self) -> None:
        self.action_edit_item()

    def _form(self, title: str, label: str, item: AgendaItem | None, apply) -> None:
        fields = agenda_fields(item)

        def submit(values: dict[str, Any]) -> list[str] | None:
            if item is not None and not changed(fields, values):
                return None
            values = agenda_values(values)
            name = str(values.get("title") or "").strip() or (item.title if item else "")
            outcome = self.app.act(label.format(title=name), lambda council: apply(council, values), in_form=True)
            if outcome:
                self.select(outcome.result.id)
            return outcome.form_problems

        self.app.push_screen(PrepareForm(title, fields, submit))

    def action_add_item(self) -> None:
        self._form(_("Add an agenda item (at the end)"), _("Add agenda item '{title}'"), None,
                   lambda council, v: council.add_agenda_item(v["title"], v["kind"], v["planned_minutes"]))

    def action_insert_item(self) -> None:
        above = self._item()
        if above is None:
            self.action_add_item()
            return
        position = self.meeting.agenda.index(above)
        self._form(_("Insert an agenda item above '{title}'", title=above.title), _("Insert agenda item '{title}'"),
                   None, lambda council, v: council.add_agenda_item(v["title"], v["kind"], v["planned_minutes"],
                                                                    position=position, parent_id=above.parent_id))

    def action_edit_item(self) -> None:
        item = self._item()
        if item is None:
            self.action_add_item()
            return
        self._form(_("Edit agenda item"), _("Edit agenda item '{title}'"), item,
                   lambda council, v: council.update_agenda_item(item.id, **v))

    def action_remove_item(self) -> None:
        item = self._item()
        if item is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.act(_("Remove agenda item '{title}'", title=item.title),
                             lambda council: council.remove_agenda_item(item.id))

        self.app.push_screen(ConfirmDialog(_("Remove the agenda item '{title}'?", title=item.title), _("Remove")),
                             answer)

    def action_move_item(self, offset: int) -> None:
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
        if self.app.act(label, lambda council: council.move_agenda_item(item.id, offset), quiet=True):
            self.select(item.id)

    def action_nest(self) -> None:
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
        if self.app.act(_("Nest '{title}' under '{parent}'", title=item.title, parent=parent.title),
                        lambda council: council.set_parent(item.id, parent.id), quiet=True):
            self.select(item.id)

    def action_unnest(self) -> None:
        item = self._item()
        if item is None:
            return
        if item.parent_id is None:
            self.app.notify(_("'{title}' is not nested", title=item.title), timeout=3)
            return
        if self.app.act(_("Lift '{title}' out", title=item.title), lambda council: council.set_parent(item.id, None),
                        quiet=True):
            self.select(item.id)
