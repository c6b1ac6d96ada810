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

from textual.geometry import Size


class QuietScrollbars:
    """Mix in before a ScrollView subclass. A view that sets its own virtual size before the layout
    (SpeakerQueue, StatsPanel) calls _scroll_update then, so that draw has its scrollbar."""

    _scrolled_for: tuple[Size, Size, Size] | None = None  # (size, container size, virtual size)

    def _scroll_update(self, virtual_size: Size) -> None:
        self._scrolled_for = (self.outer_size, self.container_size, virtual_size)
        super()._scroll_update(virtual_size)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        if (size, size - self.styles.gutter.totals, self.virtual_size) == self._scrolled_for:
            return self._container_size != container_size  # what ScrollView answers for an unchanged size
        return super()._size_updated(size, virtual_size, container_size, layout)
