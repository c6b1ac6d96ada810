"""A Footer that fits its width: the keys that matter most now, then F1 for all the others.

Textual's Footer shows every binding with ``show=True`` in one row and clips what does not fit,
so on a narrow terminal (or in Chinese, whose labels are wider) a person never sees half of the
keys. This one shows, on a screen that declares its moments (:class:`FooterMoments`), exactly
the keys of the moment in the order it needs them (e.g. during a speech: next, pause, +1 min;
while a department answers: record the response), named by binding id; elsewhere every shown,
enabled key in the order the bindings declare them. It keeps as many as the width holds (a key's
words are never cut), always keeps the help key, and redraws when the width changes. Every key
still works whether it is shown or not; F1 and the palette (ctrl+p) list them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer

from roomtui.tui.textual_compat import FooterKey, footer_bindings_ready, mark_footer_bindings_ready

HELP_ACTION = "help"
COMPACT_BELOW = 100  # columns: narrower terminals get the compact key style (one space, no blocks)


LAST = ("app.quit", "app.palette")  # always at hand (ctrl+q, ctrl+p): shown only where room is left
AT_HAND = ("app.undo", "app.home", "app.room_view")  # ctrl+z, F6, F7: before the other views' keys
# A screen's FOOTER_WAY_HOME (a binding id): its own key to the meetings list (Esc), shown at hand
# in place of F6, so the footer does not say "Meetings" twice (F1 and the palette still list F6).
# A screen's FOOTER_AFTER_AT_HAND (binding ids): its keys of the day before, shown after AT_HAND and
# before F2-F5, so a narrow footer keeps F6/F7 and drops those first (F1 and the palette list them).


@runtime_checkable
class FooterMoments(Protocol):
    """A screen whose footer follows the moment: the binding ids (``Binding(..., id=...)``, its own
    or the app's) to offer now, most needed first; keys not named are not offered."""

    def footer_keys(self) -> Sequence[str]: ...


def key_width(key_display: str, description: str, compact: bool) -> int:
    """Columns one key takes: Textual pads the key in the normal style and adds a margin in the compact one."""
    return cell_len(key_display) + cell_len(description) + (2 if compact else 3)


class FittingFooter(Footer):
    def __init__(self) -> None:
        super().__init__(show_command_palette=False)
        self._width = 0
        self._shown: tuple = ()  # what the last compose showed: the keys, their words, the style

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self._width = self.size.width
            self.call_after_refresh(self._recompose_if_changed)  # a wider footer may show the same keys

    def bindings_changed(self, screen) -> None:
        """Textual's Footer rebuilds all its keys whenever the bindings may have changed (a dialog
        opens or closes, the focus moves); profiled, that was most of opening a dialog. Rebuild
        only when the keys it would show differ."""
        mark_footer_bindings_ready(self)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if self.is_attached and self._signature(self._chosen_now()) != self._shown:
            await self.recompose()

    def _chosen_now(self) -> tuple[int, list[tuple[Binding, bool, str]]]:
        width = self.size.width or self.app.size.width
        return width, self.chosen(width)

    @staticmethod
    def _signature(now: tuple[int, list[tuple[Binding, bool, str]]]) -> tuple:
        width, chosen = now
        return (width < COMPACT_BELOW, *((b.key, b.description, b.action, enabled, tooltip)
                                         for b, enabled, tooltip in chosen))

    def chosen(self, width: int) -> list[tuple[Binding, bool, str]]:
        """The keys to show in ``width`` columns, in the order they are shown."""
        by_id: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            key = binding.id or binding.action
            if binding.description and key not in by_id and enabled:
                by_id[key] = (binding, enabled, tooltip)
        help_key = next((key for key, (binding, _e, _t) in by_id.items()
                         if binding.action.removeprefix("app.") == HELP_ACTION), None)
        if isinstance(self.screen, FooterMoments):
            order = [key for key in dict.fromkeys(self.screen.footer_keys()) if key in by_id]
        else:  # the screen's own keys, then the app's (views, undo), then quitting and the palette
            own = [key for key, (binding, _e, _t) in by_id.items() if binding.show]
            late = getattr(type(self.screen), "FOOTER_AFTER_AT_HAND", frozenset())

            def rank(key: str) -> int:  # the screen's keys, undo/F6/F7, its keys of the day before, F2-F5
                return 1 if key in AT_HAND else 2 if key in late else 3 if key.startswith("app.") else 0

            order = sorted(own, key=lambda key: (key in LAST, rank(key)))
        home = getattr(type(self.screen), "FOOTER_WAY_HOME", None)
        kept = [key for key in (home, help_key) if key is not None and key in by_id]  # always shown, last
        if home in by_id:  # the screen's own way to the meetings list (Esc) stands for F6
            order = [key for key in order if key != "app.home"]
        compact = width < COMPACT_BELOW
        room = width - 1
        for key in kept:
            binding = by_id[key][0]
            room -= key_width(self.app.get_key_display(binding), binding.description, compact)
        shown = []
        for key in order:
            if key in kept:
                continue
            binding = by_id[key][0]
            needed = key_width(self.app.get_key_display(binding), binding.description, compact)
            if needed <= room:
                shown.append(key)
                room -= needed
        shown.extend(kept)
        return [by_id[key] for key in shown]

    def compose(self) -> ComposeResult:
        if not footer_bindings_ready(self):
            return
        width, chosen = now = self._chosen_now()
        self.compact = width < COMPACT_BELOW
        self._shown = self._signature(now)
        self.styles.grid_size_columns = max(1, len(chosen))
        for binding, enabled, tooltip in chosen:
            yield FooterKey(binding.key, self.app.get_key_display(binding), binding.description, binding.action,
                            disabled=not enabled, tooltip=tooltip or binding.description).data_bind(
                compact=Footer.compact)
