"""Every key of a screen also as a command in the palette (ctrl+p), found by its description.

Textual's palette lists the app's system commands, not a screen's bindings; this turns a
screen's BINDINGS into palette commands so that no action is reachable by key only. The app's
``get_system_commands`` yields these for whatever screen the palette was opened from.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.actions import ActionError, parse
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from roomtui.i18n import N_, _, translate


def screen_bindings(screen: Screen) -> list[Binding]:
    """The screen's own bindings with a description, first key of each action only."""
    seen: set[str] = set()
    result = []
    for binding in Binding.make_bindings(getattr(screen, "BINDINGS", [])):
        if not binding.description or binding.action in seen:
            continue
        seen.add(binding.action)
        result.append(binding)
    return result


def binding_commands(screen: Screen) -> Iterator[SystemCommand]:
    """One palette command per described binding of ``screen`` that is currently allowed."""
    app = screen.app
    for binding in screen_bindings(screen):
        try:
            name, _args, params = parse(binding.action)
        except ActionError:
            continue
        if screen.check_action(name, params) is False:
            continue
        key = app.get_key_display(binding)
        help_text = _(binding.tooltip) if binding.tooltip else _("key: {key}", key=key)
        yield SystemCommand(translate(binding.description), help_text, partial(app.run_action, binding.action, screen))


# Textual's own palette commands, by their English titles, in the interface language.
SYSTEM_COMMANDS = {
    "Theme": (N_("Theme"), N_("Change the current theme")),
    "Quit": (N_("Quit"), N_("Quit the application as soon as possible")),
    "Keys": (N_("Keys"), N_("Show or hide the keys panel")),
    "Minimize": (N_("Minimize"), N_("Minimize the widget and restore to normal size")),
    "Maximize": (N_("Maximize"), N_("Maximize the focused widget")),
    "Screenshot": (N_("Screenshot"), N_("Save an SVG 'screenshot' of the current screen")),
}


def translated_system_commands(commands: Iterator[SystemCommand]) -> Iterator[SystemCommand]:
    for command in commands:
        title, help_text = SYSTEM_COMMANDS.get(command.title, (command.title, command.help))
        yield SystemCommand(_(title), _(help_text), command.callback, command.discover)
