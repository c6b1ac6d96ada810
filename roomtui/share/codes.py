"""The two codes of a share as terminal cells: "Join the Wi-Fi" and "Open the minutes".

Both are short texts (under a hundred bytes), so each gets the smallest QR version that holds
it: fewer, larger modules read from further away. The symbols and their drawing are the
hand-out's own (``roomtui.handout.qr`` and ``roomtui.handout.render``): black on white, a
white quiet zone, level M, UTF-8 without ECI.
"""

from __future__ import annotations

from roomtui.handout.qr import MAX_VERSION, MIN_VERSION, byte_capacity, qr_matrix
from roomtui.handout.render import Cell, RenderMode, code_cells, render_cells


def smallest_version(payload: str) -> int:
    size = len(payload.encode("utf-8"))
    for version in range(MIN_VERSION, MAX_VERSION + 1):
        if byte_capacity(version) >= size:
            return version
    raise ValueError(f"{size} bytes do not fit in one QR code")


def code_size(payload: str, mode: RenderMode = RenderMode.HALF_BLOCK, scale: int = 1) -> tuple[int, int]:
    """(columns, rows) the code of ``payload`` takes, quiet zone included."""
    return code_cells(smallest_version(payload), mode, scale)


def largest_scale(payload: str, columns: int, rows: int, mode: RenderMode = RenderMode.HALF_BLOCK) -> int:
    """The largest whole scale at which the code fits the area; 0 if it does not fit at all."""
    scale = 0
    while True:
        width, height = code_size(payload, mode, scale + 1)
        if width > columns or height > rows:
            return scale
        scale += 1


def code_rows(payload: str, mode: RenderMode = RenderMode.HALF_BLOCK, scale: int = 1) -> list[list[Cell]]:
    return render_cells(qr_matrix(payload, smallest_version(payload)), mode, scale)


def side_by_side(left: list[list[Cell]], right: list[list[Cell]], gap: int = 4) -> list[list[Cell]]:
    """Two codes in one block of rows, top-aligned, on white (the gap is quiet zone too)."""
    white = Cell(" ", "#000000", "#ffffff")
    height = max(len(left), len(right))
    width_left = len(left[0]) if left else 0
    rows = []
    for y in range(height):
        a = left[y] if y < len(left) else [white] * width_left
        b = right[y] if y < len(right) else [white] * (len(right[0]) if right else 0)
        rows.append(list(a) + [white] * gap + list(b))
    return rows
