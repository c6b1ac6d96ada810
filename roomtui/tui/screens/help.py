"""Every key of every screen, read from the bindings themselves so the list cannot go stale."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from roomtui.i18n import _


def key_table(screens: list[tuple[str, list]]) -> Table:
    table = Table(show_header=True, header_style="bold", expand=True, box=None)
    table.add_column(_("Where"))
    table.add_column(_("Key"))
    table.add_column(_("What it does"))
    for where, bindings in screens:
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            keys = ", ".join(k.strip() for k in binding.key.split(","))
            table.add_row(Text(where), Text(keys, style="bold"), Text(binding.description))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", _("Close"), id="help.close")]

    def compose(self) -> ComposeResult:
        from roomtui.tui.screens import view_bindings

        sections = [(_("Everywhere"), list(self.app.BINDINGS))] + view_bindings()
        with VerticalScroll(classes="dialog help-dialog"):
            yield Static(Text(_("Keys"), style="bold"))
            yield Static(key_table(sections))
            yield Static(_("ctrl+p opens the command palette: every action can be found there by name."))
