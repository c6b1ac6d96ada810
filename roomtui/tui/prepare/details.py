"""The details pane: title, theme, date and place, length, and the speaking limits."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from roomtui.domain.model import Meeting
from roomtui.domain.planning import planned_total
from roomtui.i18n import N_, _
from roomtui.tui.prepare.pane import PreparePane, changed
from roomtui.tui.widgets.prepare_forms import (
    DETAIL_FIELDS,
    LIMIT_FIELDS,
    PrepareForm,
    detail_label,
    detail_text,
    details_fields,
    limit_label,
    limits_fields,
    minutes_seconds,
)
from roomtui.tui.widgets.prepare_table import PrepareTable

LIMITS_HEADING = "limits"
WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


class DetailsPane(PreparePane):
    READ_ONLY_ACTIONS = frozenset()  # every other action here changes the meeting: refused read-only (app.py)
    TAB = "details"
    BINDINGS = [
        Binding("e", "edit_details", N_("Edit details"), id="prepare.details.edit"),
        Binding("l", "edit_limits", N_("Speaking limits"), id="prepare.details.limits"),
    ]

    def compose(self) -> ComposeResult:
        yield PrepareTable([_("Field"), _("Value")], id="details-table")
        yield Static("", id="details-status", classes="prepare-status")

    def on_resize(self) -> None:
        if self.app.session is not None:
            self.show(self.meeting)

    def show(self, meeting: Meeting) -> None:
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
                total = planned_total(meeting)
                value = _("{length} min · the agenda plans {total} min", length=meeting.planned_minutes, total=total) \
                    if meeting.planned_minutes else _("not set · the agenda plans {total} min", total=total)
                style = "bold yellow" if meeting.planned_minutes and total > meeting.planned_minutes else ""
            elif name == "date" and meeting.date is not None:
                value = f"{meeting.date.isoformat()} ({_(WEEKDAYS[meeting.date.weekday()])})"
            rows.append((name, [Text(detail_label(name), style="bold"), cell(value or "—", style if value else "dim")]))
        rows.append((LIMITS_HEADING, [Text(_("Speaking limits"), style="bold underline"),
                                      Text(_("l to edit"), style="dim")]))
        limits = meeting.limits
        for name in LIMIT_FIELDS:
            rows.append((f"limit-{name}", [Text("  " + limit_label(name)),
                                           Text(minutes_seconds(getattr(limits, name)))]))
        rows.append(("limit-one_entry_per_person", [Text("  " + limit_label("one_entry_per_person")),
                                                    Text(_("yes") if limits.one_entry_per_person else _("no"))]))
        self.table.fill(rows)
        self.status.update(Text(_("e or Enter edits the field under the cursor · l speaking limits · g go live")))

    def edit(self) -> None:
        self.action_edit_details()

    def action_edit_details(self) -> None:
        key = self.table.selected_key or "title"
        if key == LIMITS_HEADING or key.startswith("limit-"):
            self.action_edit_limits(key.removeprefix("limit-") if key != LIMITS_HEADING else None)
            return
        fields = details_fields(self.meeting)

        def submit(values: dict[str, Any]) -> list[str] | None:
            if not changed(fields, values):
                return None
            return self.app.act(_("Edit meeting details"), lambda council: council.set_details(**values),
                                in_form=True).form_problems

        self.app.push_screen(PrepareForm(_("Meeting details"), fields, submit, focus=key))

    def action_edit_limits(self, focus: str | None = None) -> None:
        fields = limits_fields(self.meeting)

        def submit(values: dict[str, Any]) -> list[str] | None:
            if not changed(fields, values):
                return None
            return self.app.act(_("Edit speaking limits"), lambda council: council.set_limits(**values),
                                in_form=True).form_problems

        self.app.push_screen(PrepareForm(_("Speaking limits (minutes:seconds)"), fields, submit, focus=focus))
