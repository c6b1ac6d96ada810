"""A table that draws only the rows on screen, for registers of thousands of commitments.

DataTable measures every cell of every row when rows are added (about a second per thousand
rows on a slow laptop); the register of a decade of councils has ten thousand. This widget
uses Textual's line API: columns have fixed widths, a row is cut to its cells' display width
(CJK counted double) only when it is drawn, and the cursor is one index.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Cell = tuple[str, str]  # (text, rich style string, "" for the default)


class RegisterTable(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
    ]

    DEFAULT_CSS = """
    RegisterTable { height: 1fr; }
    RegisterTable > .register-table--cursor { background: $accent 40%; }
    """
    COMPONENT_CLASSES = {"register-table--cursor"}

    cursor: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        def __init__(self, table: RegisterTable, index: int) -> None:
            super().__init__()
            self.table, self.index = table, index

        @property
        def control(self) -> RegisterTable:
            return self.table

    def __init__(self, widths: Sequence[int], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.widths = list(widths)
        self.keys: list[str] = []
        self._rows: list[Sequence[Cell]] = []

    def set_widths(self, widths: Sequence[int]) -> None:
        """New column widths (the terminal was resized): the rows are drawn again in them."""
        if list(widths) != self.widths:
            self.widths = list(widths)
            self.virtual_size = Size(sum(self.widths) + len(self.widths), len(self._rows))
            self.refresh()

    def set_rows(self, keys: list[str], rows: list[Sequence[Cell]], keep: str | None = None) -> None:
        self.keys, self._rows = keys, rows
        self.virtual_size = Size(sum(self.widths) + len(self.widths), len(rows))
        index = keys.index(keep) if keep is not None and keep in keys else min(self.cursor, max(0, len(rows) - 1))
        self.cursor = index
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.size.width
        if index >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        base = self.rich_style
        if index == self.cursor and self.has_focus:
            base = base + self.get_component_rich_style("register-table--cursor")
        segments = []
        for (text, style), cell_width in zip(self._rows[index], self.widths):
            cell = set_cell_size(text.replace("\n", " "), cell_width) + " "
            segments.append(Segment(cell, base + Style.parse(style) if style else base))
        strip = Strip(segments).crop(self.scroll_offset.x, self.scroll_offset.x + width)
        return strip.extend_cell_length(width, base)

    # -- the cursor ------------------------------------------------------------------------------
    def watch_cursor(self, index: int) -> None:
        height = max(1, self.size.height)
        top = self.scroll_offset.y
        if index < top:
            self.scroll_to(y=index, animate=False)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False)
        self.refresh()
        self.post_message(self.Highlighted(self, index))

    def action_cursor(self, step: int) -> None:
        if self._rows:
            self.cursor = max(0, min(len(self._rows) - 1, self.cursor + step))

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(1, self.size.height - 1))

    def action_jump(self, index: int) -> None:
        if self._rows:
            self.cursor = index % len(self._rows)

    def on_click(self, event: Click) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < len(self._rows):
            self.cursor = index

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
