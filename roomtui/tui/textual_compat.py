"""Every place roomtui reaches inside Textual, in one module (Textual is pinned: pyproject.toml).

Everything else in roomtui/tui uses Textual's public API (tests/test_textual_compat.py checks it).
Each override below says why, names the upstream issue, and is tested against the signature of
the Textual method it replaces (RECORDED): a Textual upgrade that changes or removes one of them
fails that test, not a meeting. docs/architecture.md, "Textual and its internals", lists them.
"""

from __future__ import annotations

from rich.color import Color
from textual.app import App
from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.geometry import Region, Size
from textual.notifications import Notification
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # not exported by textual.widgets (Textualize/textual#1057)

from roomtui.caches import enabled

__all__ = ["CrashHooks", "FooterKey", "QuietScrollbars", "SteadyScrollBar", "footer_bindings_ready", "own_bindings",
           "withdraw_toast"]

# The Textual methods overridden or called here, with the signatures they had when tested.
RECORDED = {
    "App._handle_exception": "(self, error: 'Exception') -> 'None'",
    "App._fatal_error": "(self) -> 'None'",
    "App._close_messages_no_wait": "(self) -> 'None'",
    "Widget._scroll_update": "(self, virtual_size: 'Size') -> 'None'",
    "ScrollView._size_updated": "(self, size: 'Size', virtual_size: 'Size', container_size: 'Size', "
                            "layout: 'bool' = True) -> 'bool'",
    "App._start_widget": "(self, parent: 'Widget', widget: 'Widget') -> 'None'",
    "Footer.bindings_changed": "(self, screen: 'Screen') -> 'None'",
}


# -- the app: a crash report instead of a traceback --------------------------------------------
class CrashHooks:
    """Mix in before App. Textual has no public hook for an unexpected error (Textualize/textual#2818:
    "Hook to exception handling"): it prints a traceback with local variables, which in the room
    shows people's names on the projector and frightens the secretary. roomtui writes a report file
    (crash_report.py) and ends with one short line. ``crash_message`` is set by the app."""

    crash_message: str | None = None

    def report_crash(self, error: Exception) -> None:
        """Called first with the error: the app writes its report and sets ``crash_message``."""

    def _handle_exception(self, error: Exception) -> None:
        self.report_crash(error)
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Textual's own renders the traceback with locals, and can take long (Textualize/textual#3069)."""
        self.bell()
        self._exit_renderables.append(self.crash_message or "roomtui stopped on an unexpected error.")
        self._close_messages_no_wait()


def withdraw_toast(app: App, notification: Notification) -> None:
    """Take one notification off the screen now. Textual removes only all of them
    (App.clear_notifications) or forgets an expired one at its next refresh, leaving a blank row in
    the toast rack until then; its toasts' ids are "--textual-toast-<identity>" (widgets/_toast.py).
    No upstream issue asks for this; the test checks the id form."""
    notification.timeout = 0
    app.screen.query(f"#--textual-toast-{notification.identity}").remove()


# -- bindings and the footer -------------------------------------------------------------------
def own_bindings(node: DOMNode) -> BindingsMap:
    """A screen's or app's own copy of its key map, to translate its descriptions at run time
    (descriptions are fixed at import: Textualize/textual#1410, "Allow Binding descriptions to change")."""
    return node._bindings


def footer_bindings_ready(footer: Footer) -> bool:
    """Footer composes nothing until its screen first reports its bindings (Footer._bindings_ready);
    a footer that rebuilds only on change keeps that rule (Textualize/textual#1057)."""
    return footer._bindings_ready


def mark_footer_bindings_ready(footer: Footer) -> None:
    footer._bindings_ready = True


# -- scroll views that set their own content size ----------------------------------------------
class SteadyScrollBar(ScrollBar):
    """A scrollbar that draws again only when its segments would differ.

    Its thumb moves in eighths of a cell, so a queue of 500 that loses its head (499) mostly
    shows the very same bar; Textual redrew it at every change of length (~1.5 ms a key,
    profiled with 500 waiting). The bar's segments (what Rich would be given) are the key.
    Textual offers no scrollbar class per widget (Textualize/textual#4500: only the renderer,
    for all of them), so QuietScrollbars makes it in vertical_scrollbar as Widget does.
    """

    _drawn: tuple[tuple, list[Strip]] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        bar = self.render()
        if not isinstance(bar, ScrollBarRender):
            return super().render_lines(crop)
        length, thickness = (self.size.height, self.size.width) if self.vertical else (self.size.width, self.size.height)
        look = bar.render_bar(size=length, window_size=bar.window_size, virtual_size=bar.virtual_size,
                              position=bar.position, vertical=bar.vertical, thickness=thickness,
                              back_color=bar.style.bgcolor or Color.parse("#555555"),
                              bar_color=bar.style.color or Color.parse("bright_magenta"))
        key = (crop, self.size, tuple(look.segments), self.styles._cache_key)  # the styles' own version
        if self._drawn is None or self._drawn[0] != key or not enabled("redraw-guards"):
            self._drawn = (key, super().render_lines(crop))
        return self._drawn[1]


class QuietScrollbars:
    """Mix in before a ScrollView subclass whose content size it sets itself (SpeakerQueue,
    StatsPanel), with set_virtual_size_quietly, before the screen's layout.

    At every layout of a screen Textual hands each ScrollView the size of its region as its virtual
    size, which differs from its real one whenever it scrolls, so each visible scrollbar of the live
    screen was refreshed at every layout -- after that layout's draw, so each saved action with a
    long queue or many issues drew the screen a second time (~7 ms and one more wait; profiled with
    a timeline of the live key). Setting ``virtual_size`` (a layout reactive) lays out the whole
    screen (~4 ms a key). Textual has no public way to size a scroll view's content without a
    layout (its own scrolling uses private Widget._refresh_scroll, Textualize/textual#1524), so
    this overrides ScrollView's sizing; the scrollbars still follow every change.
    """

    _scrolled_for: tuple[Size, Size, Size] | None = None  # (size, container size, virtual size)

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's own, made a SteadyScrollBar (as Widget.vertical_scrollbar makes it)."""
        if self._vertical_scrollbar is None:
            self._vertical_scrollbar = SteadyScrollBar(vertical=True, name="vertical",
                                                       thickness=self.scrollbar_size_vertical)
            self._vertical_scrollbar.display = False
            self.app._start_widget(self, self._vertical_scrollbar)
        return self._vertical_scrollbar

    def set_virtual_size_quietly(self, virtual_size: Size) -> None:
        """The view's own content size, found before the layout, with its scrollbar, and without a
        layout of the screen: the view's place does not depend on it. A scrollbar shown or hidden
        still asks for one."""
        if virtual_size != self.virtual_size:
            self.set_reactive(Widget.virtual_size, virtual_size)
            self._scroll_update(virtual_size)
            self.refresh()

    def _scroll_update(self, virtual_size: Size) -> None:
        scrolled_for = (self.outer_size, self.container_size, virtual_size)
        if scrolled_for == self._scrolled_for and enabled("redraw-guards"):
            return  # the same sizes: the scrollbars are as they were (Textual would redraw them)
        self._scrolled_for = scrolled_for
        super()._scroll_update(virtual_size)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        unchanged = (size, size - self.styles.gutter.totals, self.virtual_size) == self._scrolled_for
        if unchanged and enabled("redraw-guards"):
            return self._container_size != container_size  # what ScrollView answers for an unchanged size
        return super()._size_updated(size, virtual_size, container_size, layout)
