"""Drawing a QR matrix with terminal characters, in explicit black and white.

Colours are always given for both foreground and background, never left to the terminal or a
theme: many phone readers (Android's among them) do not read light-on-dark codes, and a dark
theme would otherwise turn the quiet zone dark too.

Two modes:

- half-block (default): one character is one module wide and two tall, which is square in
  the usual 1:2 terminal cell. A cell whose two modules differ is "▀" with the top module as
  foreground and the bottom one as background; a cell whose modules agree is a space on that
  background, so the glyph only matters where it must.
- background: for fonts whose block glyphs leave gaps or overlap. Each module is two spaces
  on a background colour, one character row per module row: only backgrounds are drawn,
  which every terminal fills edge to edge, at the price of a code twice as tall.

Renderers return rows of ``Cell``; the Textual widget turns them into segments and the plain
terminal mode into ANSI truecolor escapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import NamedTuple

from roomtui.handout.qr import QUIET_ZONE, side

BLACK = "#000000"
WHITE = "#ffffff"
UPPER_HALF = "▀"


class RenderMode(str, Enum):
    HALF_BLOCK = "half-block"
    BACKGROUND = "background"


class Cell(NamedTuple):
    char: str
    fg: str
    bg: str


def code_cells(version: int, mode: RenderMode, scale: int = 1) -> tuple[int, int]:
    """(columns, rows) a code of this version takes, quiet zone included."""
    return _cells_for_pixels((side(version) + 2 * QUIET_ZONE) * scale, mode)


def _cells_for_pixels(pixels: int, mode: RenderMode) -> tuple[int, int]:
    if mode is RenderMode.BACKGROUND:
        return 2 * pixels, pixels
    return pixels, (pixels + 1) // 2


def render_cells(matrix: Sequence[Sequence[bool]], mode: RenderMode = RenderMode.HALF_BLOCK,
                 scale: int = 1) -> list[list[Cell]]:
    """Rows of cells for ``matrix`` (True = dark, no quiet zone), with a white quiet zone of
    ``QUIET_ZONE`` modules, every module drawn ``scale`` times larger."""
    pixels = _pixels(matrix, scale)
    if mode is RenderMode.BACKGROUND:
        return [[cell for dark in row for cell in (_flat(dark),) * 2] for row in pixels]
    if len(pixels) % 2:
        pixels.append([False] * len(pixels[0]))  # the half row below the code is white
    return [[_half_block(top, bottom) for top, bottom in zip(pixels[y], pixels[y + 1])]
            for y in range(0, len(pixels), 2)]


def _pixels(matrix: Sequence[Sequence[bool]], scale: int) -> list[list[bool]]:
    width = len(matrix[0]) if matrix else 0
    blank = [False] * (width + 2 * QUIET_ZONE)
    framed = [blank] * QUIET_ZONE
    framed += [[False] * QUIET_ZONE + list(row) + [False] * QUIET_ZONE for row in matrix]
    framed += [blank] * QUIET_ZONE
    scaled = []
    for row in framed:
        wide = [dark for dark in row for _ in range(scale)]
        scaled += [list(wide) for _ in range(scale)]
    return scaled


def _flat(dark: bool) -> Cell:
    return Cell(" ", BLACK, BLACK if dark else WHITE)


def _half_block(top: bool, bottom: bool) -> Cell:
    if top == bottom:
        return _flat(top)
    return Cell(UPPER_HALF, BLACK if top else WHITE, BLACK if bottom else WHITE)


def to_ansi(rows: Sequence[Sequence[Cell]]) -> list[str]:
    """Each row as a string with 24-bit colour escapes, reset at the end of the line."""
    lines = []
    for row in rows:
        parts, style = [], None
        for cell in row:
            if (cell.fg, cell.bg) != style:
                style = (cell.fg, cell.bg)
                parts.append(f"\x1b[38;2;{_rgb(cell.fg)};48;2;{_rgb(cell.bg)}m")
            parts.append(cell.char)
        lines.append("".join(parts) + "\x1b[0m")
    return lines


def _rgb(colour: str) -> str:
    value = colour.lstrip("#")
    return ";".join(str(int(value[i:i + 2], 16)) for i in (0, 2, 4))
