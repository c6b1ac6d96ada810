"""The minutes preview: Textual's Markdown viewer, with tables that wrap Chinese as they wrap English.

Textual sizes a Markdown table's columns no narrower than each column's longest word, and cuts
the rest with "…". Chinese has no spaces, so a whole cell is one "word": at 120 columns every
column of the speeches table was cut ("202…"). Here a run of CJK characters may break between
any two characters (as Chinese typesetting does), and cells fold instead of cutting, so the
preview shows all of every cell in both languages.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.content import Content
from textual.css.styles import RulesMap
from textual.widgets import Markdown, MarkdownViewer
from textual.widgets._markdown import (
    MarkdownTable,
    MarkdownTableCellContents,
    MarkdownTableContent,
    MarkdownTableOfContents,
)

# CJK ideographs, kana, hangul and full-width punctuation: each may start a new line.
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def minimal_width(text: str) -> int:
    """The narrowest a cell may get: its longest word, where each CJK character is a word."""
    words = (part for line in text.splitlines() for word in line.split() for part in _CJK.split(word))
    widest = max((cell_len(part) for part in words if part), default=0)
    return max(widest, 2 if _CJK.search(text) else 0)


class _BreakableContent(Content):
    def get_minimal_width(self, rules: RulesMap) -> int:
        return minimal_width(self.plain) + rules.get("line_pad", 0) * 2


class _Cell(MarkdownTableCellContents):
    def render(self):
        visual = super().render()
        if isinstance(visual, Content) and not isinstance(visual, _BreakableContent):
            return _BreakableContent(visual.plain, list(visual.spans), strip_control_codes=False)
        return visual


class _TableContent(MarkdownTableContent):
    DEFAULT_CSS = """
    _TableContent > .cell, _TableContent > .header { text-overflow: fold; }
    """

    def compose(self) -> ComposeResult:
        for header in self.headers:
            yield _Cell(header, classes="header").with_tooltip(header)
        for row_index, row in enumerate(self.rows, 1):
            for cell_index, cell in enumerate(row, 1):
                yield _Cell(cell, classes=f"row{row_index} cell", name=f"cell{row_index}.{cell_index}").with_tooltip(
                    cell.plain)
            self.last_row = row_index


class _Table(MarkdownTable):
    def compose(self) -> ComposeResult:
        headers, rows = self._get_headers_and_rows()
        self._headers = headers
        self._rows = rows
        yield _TableContent(headers, rows)


class _MinutesMarkdown(Markdown):
    BLOCKS = {**Markdown.BLOCKS, "table_open": _Table}


class MinutesPreview(MarkdownViewer):
    """A MarkdownViewer whose tables keep every cell readable, Chinese included."""

    def compose(self) -> ComposeResult:
        markdown = _MinutesMarkdown(parser_factory=self._parser_factory, open_links=self._open_links)
        markdown.can_focus = True
        yield markdown
        yield MarkdownTableOfContents(markdown)
