"""One short text (a ``WIFI:`` string or a URL) as one QR code, as large as its area allows.

The hand-out's ``QRCodeView`` shows pages of a document, each headed ``[k/n] title date``; a
Wi-Fi code must carry its text and nothing else, or phones would not recognise it. This widget
draws the same symbols with the same drawing (``roomtui.share.codes`` over
``roomtui.handout.render``), explicit black on white whatever the theme.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from roomtui.handout.render import BLACK, WHITE, RenderMode
from roomtui.i18n import _
from roomtui.share.codes import code_rows, largest_scale

_PAPER = Style(color=BLACK, bgcolor=WHITE)


class PayloadCode(Widget):
    DEFAULT_CSS = """
    PayloadCode { width: 1fr; height: 1fr; background: #ffffff; color: #000000; }
    """

    def __init__(self, payload: str = "", *, mode: RenderMode = RenderMode.HALF_BLOCK, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._payload = payload
        self._mode = RenderMode(mode)
        self._strips: list[Strip] | None = None
        self.scale = 0  # 0: does not fit

    @property
    def payload(self) -> str:
        return self._payload

    @payload.setter
    def payload(self, value: str) -> None:
        self._payload = value
        self._invalidate()

    @property
    def mode(self) -> RenderMode:
        return self._mode

    @mode.setter
    def mode(self, value: RenderMode) -> None:
        self._mode = RenderMode(value)
        self._invalidate()

    def _invalidate(self) -> None:
        self._strips = None
        self.refresh()

    def on_resize(self) -> None:
        self._invalidate()

    def render_line(self, y: int) -> Strip:
        if self._strips is None or len(self._strips) != self.size.height:
            self._strips = self._paint()
        return self._strips[y] if y < len(self._strips) else Strip.blank(self.size.width, _PAPER)

    def _paint(self) -> list[Strip]:
        width, height = self.size
        blank = Strip.blank(width, _PAPER)
        if not width or not height or not self._payload:
            self.scale = 0
            return [blank] * height
        self.scale = largest_scale(self._payload, width, height, self._mode)
        if not self.scale:
            message = _("Make the window larger to show this code.")[:width]
            return [blank] * (height // 2) + [Strip([Segment(message.center(width), _PAPER)]).crop(0, width)] \
                + [blank] * (height - height // 2 - 1)
        cells = code_rows(self._payload, self._mode, self.scale)
        top, left = (height - len(cells)) // 2, (width - len(cells[0])) // 2
        strips = [blank] * top
        for row in cells:
            segments = [Segment(" " * left, _PAPER)] if left else []
            segments += [Segment(cell.char, Style(color=cell.fg, bgcolor=cell.bg)) for cell in row]
            strips.append(Strip(segments).simplify().adjust_cell_length(width, _PAPER))
        return strips + [blank] * (height - len(strips))
