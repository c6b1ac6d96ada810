"""A row table for the prepare view that is rebuilt from the meeting and keeps its cursor.

Every change and every undo redraws the prepare view from the session's meeting. The
secretary must not lose their place when that happens, so the table remembers which record
the cursor was on (by key, not by row number) and puts it back there; if that record is gone
(removed, or undone away) the cursor stays at the same row number instead.

Columns are as wide as their widest cell; when that is more than the screen holds, the widest
columns are cut (with …) to about the same width, rather than the last ones pushed off the
right edge (the issues' category and location were out of sight at 120 columns).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.widgets import DataTable

from roomtui.tui.widgets.column_fit import cell_width, fit_widths, needs


class PrepareTable(DataTable):
    DEFAULT_CSS = """
    PrepareTable { height: 1fr; }
    """

    def __init__(self, columns: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._column_labels = list(columns)
        self._rows: list[tuple[str, list[Text]]] = []  # kept to lay out again when the table is resized
        self._widths: list[int] = []

    def on_mount(self) -> None:
        self._show(self._fitted_widths())

    def _fitted_widths(self) -> list[int]:
        """Each column as wide as its widest cell, the widest cut first when the room runs short."""
        width = self.size.width or self.app.size.width - 2
        room = width - self.styles.scrollbar_size_vertical - 2 * self.cell_padding * len(self._column_labels)
        wanted = needs(([cell_width(cell) for cell in cells] for _key, cells in self._rows), self._column_labels)
        return fit_widths(room, wanted, least=[0] * len(wanted))

    def _show(self, widths: list[int]) -> None:
        self._widths = widths
        self.clear(columns=True)
        for label, width in zip(self._column_labels, widths):
            self.add_column(Text(label), width=width)
        for key, cells in self._rows:
            self.add_row(*cells, key=key)

    def on_resize(self) -> None:
        widths = self._fitted_widths()
        if widths != self._widths:
            keep, row = self.selected_key, self.cursor_row
            self._show(widths)
            self._put_cursor(keep, row)

    @property
    def selected_key(self) -> str | None:
        """The key of the record under the cursor, or None when the table is empty."""
        if self.row_count == 0:
            return None
        row = max(0, min(self.cursor_row, self.row_count - 1))
        return self.coordinate_to_cell_key((row, 0)).row_key.value

    def fill(self, rows: Iterable[tuple[str, Sequence[object]]], select: str | None = None) -> None:
        """Replace every row; the cursor goes to ``select``, else stays on the same record."""
        keep = select if select is not None else self.selected_key
        old_row = self.cursor_row
        self._rows = [(key, [_one_line(cell) for cell in cells]) for key, cells in rows]
        self._show(self._fitted_widths())
        self._put_cursor(keep, old_row)

    def _put_cursor(self, keep: str | None, old_row: int) -> None:
        keys = [key for key, _cells in self._rows]
        if not keys:
            return
        row = keys.index(keep) if keep in keys else max(0, min(old_row, len(keys) - 1))
        self.move_cursor(row=row, animate=False)

    def select_key(self, key: str | None) -> None:
        if key is None:
            return
        try:
            row = self.get_row_index(key)
        except Exception:  # noqa: BLE001 - a missing key simply leaves the cursor where it is
            return
        self.move_cursor(row=row, animate=False)

    @property
    def keys(self) -> list[str]:
        return [row.key.value for row in self.ordered_rows]


def _one_line(cell: object) -> Text:
    """A cell cut with … when its column is narrower than it."""
    text = cell if isinstance(cell, Text) else Text(str(cell))
    text.no_wrap, text.overflow = True, text.overflow or "ellipsis"
    return text
