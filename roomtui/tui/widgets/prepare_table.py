"""A row table for the prepare view that is rebuilt from the meeting and keeps its cursor.

Every change and every undo redraws the prepare view from the session's meeting. The
secretary must not lose their place when that happens, so the table remembers which record
the cursor was on (by key, not by row number) and puts it back there; if that record is gone
(removed, or undone away) the cursor stays at the same row number instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.widgets import DataTable


class PrepareTable(DataTable):
    DEFAULT_CSS = """
    PrepareTable { height: 1fr; }
    """

    def __init__(self, columns: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._column_labels = list(columns)

    def on_mount(self) -> None:
        self.add_columns(*(Text(label) for label in self._column_labels))

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
        self.clear()
        keys = []
        for key, cells in rows:
            self.add_row(*(cell if isinstance(cell, Text) else Text(str(cell)) for cell in cells), key=key)
            keys.append(key)
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
