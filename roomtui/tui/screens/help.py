"""Every key of every screen, read from the bindings themselves so the list cannot go stale."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from roomtui.i18n import N_, _, translate
from roomtui.tui.translated import TranslatedBindings


def key_table(screens: list[tuple[str, list]], display=lambda key: key) -> Table:
    table = Table(show_header=True, header_style="bold", expand=True, box=None)
    table.add_column(_("Where"), no_wrap=True)
    table.add_column(_("Key"), no_wrap=True)
    table.add_column(_("What it does"), ratio=1)
    for where, bindings in screens:
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            keys = ", ".join(display(k.strip()) for k in binding.key.split(","))
            table.add_row(Text(where), Text(keys, style="bold"), Text(translate(binding.description)))
    return table


class HelpScreen(TranslatedBindings, ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", N_("Close"), id="help.close")]

    def compose(self) -> ComposeResult:
        from roomtui.tui.screens import view_bindings

        views = view_bindings()
        under = next((screen for screen in reversed(self.app.screen_stack) if not isinstance(screen, ModalScreen)), None)
        here = next((s for s in views if isinstance(under, s[2][0])), None)
        sections = [(_("Everywhere"), list(self.app.BINDINGS))]
        sections += [(title, bindings) for title, bindings, _classes in ([here] if here else []) + [
            s for s in views if s is not here]]  # this view's keys first
        with VerticalScroll(classes="dialog help-dialog"):
            yield Static(Text(_("Keys"), style="bold"))
            yield Static(key_table(sections, lambda key: self.app.get_key_display(Binding(key, ""))))
            yield Static(_("ctrl+p opens the command palette: every action can be found there by name."))
