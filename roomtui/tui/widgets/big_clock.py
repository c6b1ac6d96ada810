"""Digits as large as the space allows, so the speaker's time reads from the back of the room.

Textual's Digits are three rows tall whatever the screen; a council room needs more. A 3x5
pixel font is scaled by a whole factor to the widget's size and drawn with half blocks (one
character is one pixel wide and two tall), in the widget's own colour, so the CSS state
classes (warning, overtime) still colour it.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

_FONT = {
    "0": ("111", "101", "101", "101", "111"),
    "1": ("010", "110", "010", "010", "111"),
    "2": ("111", "001", "111", "100", "111"),
    "3": ("111", "001", "111", "001", "111"),
    "4": ("101", "101", "111", "001", "001"),
    "5": ("111", "100", "111", "001", "111"),
    "6": ("111", "100", "111", "101", "111"),
    "7": ("111", "001", "001", "001", "001"),
    "8": ("111", "101", "111", "101", "111"),
    "9": ("111", "101", "111", "001", "111"),
    ":": ("0", "1", "0", "1", "0"),
    "+": ("000", "010", "111", "010", "000"),
    "-": ("000", "000", "111", "000", "000"),
    " ": ("0", "0", "0", "0", "0"),
}
_GLYPH_ROWS = 5
_HALF = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def pixel_rows(value: str, scale: int) -> list[list[bool]]:
    """The text as rows of pixels, each font pixel ``scale`` wide and tall, one blank column between glyphs."""
    glyphs = [_FONT.get(char, _FONT[" "]) for char in value]
    rows = []
    for glyph_row in range(_GLYPH_ROWS):
        row: list[bool] = []
        for index, glyph in enumerate(glyphs):
            if index:
                row.extend([False] * scale)
            for bit in glyph[glyph_row]:
                row.extend([bit == "1"] * scale)
        rows.extend([list(row) for _ in range(scale)])
    return rows


def clock_size(value: str, scale: int) -> tuple[int, int]:
    """(columns, rows) the text takes at ``scale``."""
    width = sum(len(_FONT.get(c, _FONT[" "])[0]) * scale for c in value) + scale * max(0, len(value) - 1)
    return width, (_GLYPH_ROWS * scale + 1) // 2


def best_scale(value: str, columns: int, rows: int, largest: int = 12) -> int:
    """The largest scale that fits (at least 1: a clipped clock beats no clock)."""
    scale = 1
    for candidate in range(2, largest + 1):
        width, height = clock_size(value, candidate)
        if width > columns or height > rows:
            break
        scale = candidate
    return scale


def draw(value: str, scale: int) -> list[str]:
    pixels = pixel_rows(value, scale)
    if len(pixels) % 2:
        pixels.append([False] * len(pixels[0]))
    return ["".join(_HALF[top, bottom] for top, bottom in zip(pixels[y], pixels[y + 1]))
            for y in range(0, len(pixels), 2)]


class BigClock(Widget):
    """Shows ``value`` ('2:41', '+0:12') at the largest scale that fits its area."""

    DEFAULT_CSS = """
    BigClock { width: 1fr; height: 1fr; min-height: 3; content-align: center middle; }
    """

    value: reactive[str] = reactive("", layout=False)

    def __init__(self, value: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.value = value

    def update(self, value: str) -> None:
        self.value = value

    def render(self) -> Text:
        if not self.value:
            return Text("")
        scale = best_scale(self.value, self.content_size.width, self.content_size.height)
        return Text("\n".join(draw(self.value, scale)), no_wrap=True, overflow="crop")
