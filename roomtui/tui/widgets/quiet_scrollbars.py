"""Scroll views that redraw their scrollbars only when something about them changed.

At every layout of a screen Textual hands each ScrollView the size of its region as its virtual
size, which differs from its real one whenever it scrolls, so each visible scrollbar of the live
screen was refreshed at every layout -- after that layout's draw, so each saved action with a long
queue or many issues drew the screen a second time (~7 ms and one more wait; profiled with a
timeline of the live key). The scrollbars still follow every change: the compositor sets their
sizes as it places them, and a layout that finds other sizes than the scrollbars were last set
for goes to Textual as before.
"""

from __future__ import annotations

from rich.color import Color
from textual.geometry import Region, Size
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.widget import Widget


class SteadyScrollBar(ScrollBar):
    """A scrollbar that draws again only when its segments would differ.

    Its thumb moves in eighths of a cell, so a queue of 500 that loses its head (499) mostly
    shows the very same bar; Textual redrew it at every change of length (~1.5 ms a key,
    profiled with 500 waiting). The bar's segments (what Rich would be given) are the key.
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
        key = (crop, self.size, tuple(look.segments), self.styles._cache_key)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, super().render_lines(crop))
        return self._drawn[1]


class QuietScrollbars:
    """Mix in before a ScrollView subclass. A view that sets its own virtual size before the layout
    (SpeakerQueue, StatsPanel) calls _scroll_update then, so that draw has its scrollbar."""

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

    def _set_virtual_size(self, virtual_size: Size) -> None:
        """The view's own content size, found before the layout, with its scrollbar, and without a
        layout of the screen: the view's place does not depend on it (profiled: a layout of the
        live screen at every turn, ~4 ms). A scrollbar shown or hidden still asks for one."""
        if virtual_size != self.virtual_size:
            self.set_reactive(Widget.virtual_size, virtual_size)
            self._scroll_update(virtual_size)
            self.refresh()

    def _scroll_update(self, virtual_size: Size) -> None:
        scrolled_for = (self.outer_size, self.container_size, virtual_size)
        if scrolled_for == self._scrolled_for:
            return  # the same sizes: the scrollbars are as they were (Textual would redraw them)
        self._scrolled_for = scrolled_for
        super()._scroll_update(virtual_size)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        if (size, size - self.styles.gutter.totals, self.virtual_size) == self._scrolled_for:
            return self._container_size != container_size  # what ScrollView answers for an unchanged size
        return super()._size_updated(size, virtual_size, container_size, layout)
