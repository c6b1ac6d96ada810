"""What every prepare pane shares: a table of one kind of record, a status line, its own keys.

A pane's BINDINGS are active while its table has the focus, so the Footer shows exactly the keys
of the tab on screen (Textual's focus chain does what a hand-made action-to-tab table did).
"""

from __future__ import annotations

from typing import Any

from textual.containers import Vertical
from textual.widgets import Static

from roomtui.domain.model import Meeting
from roomtui.tui.dialogs import FormField
from roomtui.tui.translated import TranslatedBindings
from roomtui.tui.widgets.prepare_table import PrepareTable


def changed(fields: list[FormField], values: dict[str, Any]) -> bool:
    """Did the secretary change anything? (Saving an untouched form is not an action.)"""
    before = {f.name: f.value for f in fields}

    def differs(name: str) -> bool:
        value = values.get(name)
        if isinstance(value, bool):
            return value != bool(before.get(name))
        return str(value if value is not None else "") != str(before.get(name) or "")

    return any(differs(name) for name in values)


class PreparePane(TranslatedBindings, Vertical):
    """One tab of the prepare view. Each pane defines ``show(meeting)``, which redraws its table and
    status line (the screen calls it on every change), ``edit()`` for Enter on a row, and its keys."""

    TAB = ""  # details | participants | agenda | issues

    DEFAULT_CSS = """
    PreparePane { height: 1fr; }
    PreparePane .prepare-status { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    PreparePane .prepare-status.-over { color: $warning; text-style: bold; }
    """

    @property
    def meeting(self) -> Meeting:
        return self.app.session.meeting

    @property
    def table(self) -> PrepareTable:
        return self.query_one(PrepareTable)

    @property
    def status(self) -> Static:
        return self.query_one(".prepare-status", Static)

    def selected_id(self) -> int | None:
        key = self.table.selected_key
        return int(key) if key is not None and key.isdigit() else None

    def select(self, key: object | None) -> None:
        """Put the cursor on a record (after the change signal redrew the table)."""
        if key is not None:
            self.table.select_key(str(key))

    def focus_table(self) -> None:
        """At once, not after the next refresh: the key typed right after a tab switch needs it."""
        self.screen.set_focus(self.table)
