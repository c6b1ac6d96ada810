"""Binding descriptions in the interface language chosen at run time, not at import time.

BINDINGS are class attributes, built when a module is imported, so their descriptions are marked
with ``N_()`` (English, extracted into the catalog) and translated here, when a screen or the app
is created. The footer, the help screen and the palette all read the translated copies.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingsMap

from roomtui.i18n import translate
from roomtui.tui.textual_compat import own_bindings


def translated(binding: Binding) -> Binding:
    return replace(binding, description=translate(binding.description) if binding.description else "",
                   tooltip=translate(binding.tooltip) if binding.tooltip else "")


def translate_bindings(bindings: BindingsMap) -> None:
    """Translate every description of ``bindings`` in place (Textual's per-instance copy)."""
    for key, items in bindings.key_to_bindings.items():
        bindings.key_to_bindings[key] = [translated(binding) for binding in items]


class TranslatedBindings:
    """Mixin for a Screen or App: its own key map speaks the current interface language."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(own_bindings(self))
