"""The app's screens: home, prepare, live, minutes, hand-out, help."""

from __future__ import annotations

from importlib import import_module

from roomtui.i18n import N_, _

# (module, class, title) of every screen whose keys the help screen lists.
_VIEWS = (
    ("home", "HomeScreen", N_("Meetings")),
    ("prepare", "PrepareScreen", N_("Prepare")),
    ("live", "LiveScreen", N_("Live")),
    ("minutes", "MinutesScreen", N_("Minutes")),
    ("handout", "HandoutScreen", N_("Hand-out")),
    ("share", "ShareScreen", N_("Share over Wi-Fi")),
)


def view_bindings() -> list[tuple[str, list]]:
    """The bindings of each view, for the help screen."""
    sections = []
    for module, name, title in _VIEWS:
        screen = getattr(import_module(f"roomtui.tui.screens.{module}"), name)
        sections.append((_(title), list(screen.BINDINGS)))
    return sections
