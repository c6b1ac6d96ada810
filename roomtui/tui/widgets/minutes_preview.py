"""The minutes preview: the Markdown minutes drawn by Rich in one scrollable widget, with tables
that wrap Chinese as they wrap English.

Textual's Markdown widget makes a widget of every paragraph, list item and table cell: the
demo's minutes have several hundred, and building and laying them out took two to three seconds
after every change seen in the minutes view (a grade, an undo) and on opening it. Here Rich
renders the whole document as one renderable, in milliseconds.

Chinese has no spaces, so a whole cell is one "word": a table sized by its longest words would
cut every Chinese column ("202…"). Here a run of CJK characters may break between any two
characters (as Chinese typesetting does), and cells fold instead of cutting, so the preview
shows all of every cell in both languages.
"""

from __future__ import annotations

import re

from rich import box
from rich.cells import cell_len
from rich.markdown import Markdown, TableElement
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

# CJK ideographs, kana, hangul and full-width punctuation: each may start a new line.
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def minimal_width(text: str) -> int:
    """The narrowest a cell may get: its longest word, where each CJK character is a word."""
    words = (part for line in text.splitlines() for word in line.split() for part in _CJK.split(word))
    widest = max((cell_len(part) for part in words if part), default=0)
    return max(widest, 2 if _CJK.search(text) else 0)


class FoldingTable:
    """One Rich table for a whole Markdown table, laid out at the width it is drawn in: cells fold
    (nothing is cut with …), and no column is narrower than its longest word (a CJK character
    counting as a word: a date stays whole) while the columns' words fit side by side; when they
    do not (nine columns at 80 columns), the widest words fold too rather than run off the edge.

    """

    def __init__(self, headers: list[str], rows: list[list[str]]) -> None:
        self.headers, self.rows = headers, rows

    def __rich_console__(self, console, options):
        columns = len(self.headers)
        cells = [self.headers, *self.rows]
        words = [max((minimal_width(row[i]) for row in cells if i < len(row)), default=0) for i in range(columns)]
        room = options.max_width - 3 * columns - 1  # borders and one space each side of a cell
        cap = room if sum(words) <= room else max(2, room // max(columns, 1))
        table = Table(box=box.SQUARE, header_style="bold", expand=False)
        for header in self.headers:
            table.add_column(_Fold(header, cap))
        for row in self.rows:
            table.add_row(*(_Fold(cell, cap) for cell in row))
        yield table


class _Fold:
    """A cell that Rich may make as narrow as its longest word (a CJK character is a word), or
    ``cap`` when the row has no room for that; its text folds within whatever width it gets."""

    def __init__(self, text: str, cap: int) -> None:
        self.text, self.cap = text, cap

    def __rich_measure__(self, console, options) -> Measurement:
        longest = max((cell_len(line) for line in self.text.splitlines()), default=0)
        return Measurement(max(1, min(minimal_width(self.text), self.cap, longest)), max(1, longest))

    def __rich_console__(self, console, options):
        yield Text(self.text, overflow="fold")


class _FoldingTableElement(TableElement):
    """Rich's Markdown table, drawn as a FoldingTable."""

    def __rich_console__(self, console, options):
        headers = [cell.content.plain for cell in self.header.row.cells] if self.header and self.header.row else []
        rows = [[cell.content.plain for cell in row.cells] for row in self.body.rows] if self.body else []
        yield from FoldingTable(headers, rows).__rich_console__(console, options)


class MinutesMarkdown(Markdown):
    elements = {**Markdown.elements, "table_open": _FoldingTableElement}


class MinutesPreview(VerticalScroll):
    """The minutes as they will be printed; ↑ ↓ PgUp PgDn scroll."""

    DEFAULT_CSS = """
    MinutesPreview { height: 1fr; padding: 0 1; }
    MinutesPreview > Static { width: 1fr; height: auto; }
    """

    source = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="minutes-document")

    def update(self, markdown: str) -> None:
        """Show ``markdown`` (the same text as the .md export); nothing is redrawn if it is unchanged."""
        if markdown != self.source:
            self.source = markdown
            self.query_one("#minutes-document", Static).update(MinutesMarkdown(markdown, hyperlinks=False))
