"""Rows of cells in aligned columns, one line per row: what the live panels need of a table.

Rich's Table measures and renders every cell through its padding and wrapping machinery: ~10 ms
for the agenda or the speaking-time tables, paid at every redraw and twice per layout (Textual
measures an auto height by rendering). These panels never wrap a cell, so the columns are counted
here: the widest cell of each column, the rest to the one flexible column, cut with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip



@dataclass(frozen=True)
class Column:
    justify: str = "left"  # "left" or "right"
    flexible: bool = False  # takes the width the other columns leave; its cells are cut to fit


class AlignedRows:
    """``rows`` of Text cells (a cell may hold a second line, below its column) under ``columns``.

    One space between columns; ``header`` (optional) is a row drawn bold.
    """

    def __init__(self, columns: Sequence[Column], rows: Sequence[Sequence[Text | str]],
                 header: Sequence[str] | None = None) -> None:
        self.columns = list(columns)
        cells = [[cell if isinstance(cell, Text) else Text(cell) for cell in row] for row in rows]
        if header is not None:
            cells.insert(0, [Text(title, style="bold") for title in header])
        self.rows = cells

    def _widths(self, width: int) -> list[int]:
        natural = [max((max((cell_len(line) for line in row[i].plain.split("\n")), default=0)
                        for row in self.rows), default=0) for i in range(len(self.columns))]
        gaps = len(self.columns) - 1
        flexible = [i for i, column in enumerate(self.columns) if column.flexible]
        fixed = sum(w for i, w in enumerate(natural) if i not in flexible)
        room = max(0, width - gaps - fixed)
        for i in flexible:
            natural[i] = room // len(flexible)
        return natural

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        widths = self._widths(width)
        for row in self.rows:
            yield from self._row(console, row, widths, width)

    def strips(self, console: Console, width: int, style: Style) -> list[Strip]:
        """The rows as lines of ``width`` cells on ``style`` (what Console.render_lines gives)."""
        widths = self._widths(width)
        lines = []
        for row in self.rows:
            segments = self._row(console, row, widths, width)
            if style:  # as Console.render_lines does
                segments = Segment.apply_style(segments, style)
            split = Segment.split_and_crop_lines(segments, width, style=style, pad=True, include_new_lines=False)
            lines += [Strip(line, width) for line in split]
        return lines

    def _row(self, console: Console, row: list[Text], widths: list[int], width: int) -> RenderResult:
        parts = [cell.split("\n", allow_blank=True) for cell in row]
        for depth in range(max(len(lines) for lines in parts)):
            line = Text()
            for i, (column, lines) in enumerate(zip(self.columns, parts)):
                cell = lines[depth].copy() if depth < len(lines) else Text("")
                cell.truncate(widths[i], overflow="ellipsis")
                padding = " " * (widths[i] - cell.cell_len)
                if column.justify == "right" and depth == 0:
                    line.append(padding)
                    line.append_text(cell)
                else:
                    line.append_text(cell)
                    line.append(padding)
                if i < len(parts) - 1:
                    line.append(" ")
            line.rstrip()
            line.truncate(width, overflow="ellipsis")
            yield from line.render(console)
            yield Segment.line()

