"""A widget that shows one page of a hand-out as a QR code, as large as its area allows.

It paints every cell of its area itself, with explicit black and white: the code, its quiet
zone and the margin around it. Theme colours never reach the code, so a dark theme cannot
turn it into light-on-dark (which many phone readers, Android's among them, refuse).

The widget decides the layout (version, scale, pages) from its own size through
``roomtui.handout.layout``, recuts the pages when it is resized, and keeps the reader at the
same place in the text. It tells its screen what it shows with ``QRCodeView.Changed``.

It depends on no screen: give it a ``Document`` (``handout_document(meeting)`` for the
summary, ``response_document(meeting, response)`` for one answer) and a place in any layout;
``handout.distance`` says how far phones read what it shows. Its ``purpose`` says who scans: at
the table the fewest pages, for the room the largest modules (``handout.layout``). The hand-out
screen and the room view both use it that way.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from roomtui.handout.layout import Layout, Purpose, plan_layout, too_small_message
from roomtui.handout.pages import Page
from roomtui.handout.qr import DEFAULT_MAX_VERSION, clamp_version, qr_matrix
from roomtui.handout.render import BLACK, WHITE, Cell, RenderMode, render_cells
from roomtui.handout.text import Document

_PAPER = Style(color=BLACK, bgcolor=WHITE)
_STYLES: dict[tuple[str, str], Style] = {}


def _style(fg: str, bg: str) -> Style:
    style = _STYLES.get((fg, bg))
    if style is None:
        style = _STYLES[(fg, bg)] = Style(color=fg, bgcolor=bg)
    return style


class QRCodeView(Widget):
    DEFAULT_CSS = """
    QRCodeView {
        width: 1fr;
        height: 1fr;
        background: #ffffff;
        color: #000000;
    }
    """

    @dataclass
    class Changed(Message):
        """The page shown, the number of pages or the layout changed."""

        view: QRCodeView
        layout: Layout
        page: Page | None

        @property
        def control(self) -> QRCodeView:
            return self.view

    def __init__(self, document: Document | None = None, *, max_version: int = DEFAULT_MAX_VERSION,
                 mode: RenderMode = RenderMode.HALF_BLOCK, purpose: Purpose = Purpose.TABLE,
                 name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._document = document
        self._max_version = clamp_version(max_version)
        self._mode = RenderMode(mode)
        self._purpose = Purpose(purpose)
        self._layout = Layout()
        self._index = 0
        self._strips: list[Strip] | None = None

    # -- what is shown -------------------------------------------------------------------
    @property
    def document(self) -> Document | None:
        return self._document

    @property
    def layout(self) -> Layout:
        return self._layout

    @property
    def page_index(self) -> int:
        return self._index

    @property
    def page(self) -> Page | None:
        return self._layout.pages[self._index] if self._layout.fits else None

    @property
    def max_version(self) -> int:
        return self._max_version

    @max_version.setter
    def max_version(self, value: int) -> None:
        self._max_version = clamp_version(value)
        self._relayout()

    @property
    def mode(self) -> RenderMode:
        return self._mode

    @mode.setter
    def mode(self, value: RenderMode) -> None:
        if RenderMode(value) is not self._mode:
            self._mode = RenderMode(value)
            self._relayout()

    @property
    def purpose(self) -> Purpose:
        return self._purpose

    @purpose.setter
    def purpose(self, value: Purpose) -> None:
        if Purpose(value) is not self._purpose:
            self._purpose = Purpose(value)
            self._relayout()

    def show(self, document: Document, page_index: int = 0) -> None:
        """Show another document (the hand-out, or one response), from ``page_index``."""
        self._document = document
        self._index = page_index
        self._relayout(keep_place=False)

    def go_to(self, index: int) -> None:
        """Show page ``index`` (0-based), wrapping around at either end."""
        if not self._layout.fits:
            return
        self._index = index % len(self._layout.pages)
        self._changed()

    def next_page(self) -> None:
        self.go_to(self._index + 1)

    def previous_page(self) -> None:
        self.go_to(self._index - 1)

    # -- layout --------------------------------------------------------------------------
    def on_resize(self) -> None:
        self._relayout()

    def _relayout(self, keep_place: bool = True) -> None:
        """Fit the document to the current size; with ``keep_place``, stay on the page that
        holds the first character of the page shown before."""
        offset = self._offset() if keep_place else None
        if self._document is None or not self.size.area:
            self._layout = Layout()
        else:
            self._layout = plan_layout(self._document, self.size.width, self.size.height,
                                       mode=self._mode, max_version=self._max_version, purpose=self._purpose)
        if not self._layout.fits:
            self._index = 0
        elif offset is not None:
            self._index = self._page_at(offset)
        else:
            self._index = min(self._index, len(self._layout.pages) - 1)
        self._changed()

    def _offset(self) -> int | None:
        if not self._layout.fits:
            return None
        return sum(len(p.body) for p in self._layout.pages[: self._index])

    def _page_at(self, offset: int) -> int:
        start = 0
        for index, page in enumerate(self._layout.pages):
            start += len(page.body)
            if offset < start:
                return index
        return len(self._layout.pages) - 1

    def _changed(self) -> None:
        self._strips = None
        self.refresh()
        self.post_message(self.Changed(self, self._layout, self.page))

    # -- painting ------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        if self._strips is None or len(self._strips) != self.size.height:
            self._strips = self._paint()
        return self._strips[y] if y < len(self._strips) else Strip.blank(self.size.width, _PAPER)

    def _paint(self) -> list[Strip]:
        width, height = self.size
        if not width or not height:
            return []
        page = self.page
        if page is None:
            return self._paint_message(width, height)
        cells = render_cells(qr_matrix(page.payload, self._layout.version), self._mode, self._layout.scale)
        top = max(0, (height - len(cells)) // 2)
        left = max(0, (width - len(cells[0])) // 2)
        blank = Strip.blank(width, _PAPER)
        strips = [blank] * top
        strips += [self._row(row, left, width) for row in cells[: height - top]]
        strips += [blank] * (height - len(strips))
        return strips

    @staticmethod
    def _row(row: list[Cell], left: int, width: int) -> Strip:
        segments = [Segment(" " * left, _PAPER)] if left else []
        run, style = [], None
        for cell in row:
            if (cell.fg, cell.bg) != style and run:
                segments.append(Segment("".join(run), _style(*style)))
                run = []
            style = (cell.fg, cell.bg)
            run.append(cell.char)
        if run:
            segments.append(Segment("".join(run), _style(*style)))
        return Strip(segments).adjust_cell_length(width, _PAPER)

    def _paint_message(self, width: int, height: int) -> list[Strip]:
        if self._document is None:
            return [Strip.blank(width, _PAPER)] * height
        terminal = self.app.size
        chrome = (terminal.width - width, terminal.height - height)
        message = too_small_message(self._layout, self._max_version, tuple(terminal), chrome)
        console = self.app.console
        lines = Text(message, style=_PAPER, justify="center").wrap(console, max(1, width - 2))
        strips = [Strip(list(line.render(console))).adjust_cell_length(width, _PAPER).crop(0, width)
                  for line in lines][:height]
        top = max(0, (height - len(strips)) // 2)
        blank = Strip.blank(width, _PAPER)
        return [blank] * top + strips + [blank] * (height - top - len(strips))
