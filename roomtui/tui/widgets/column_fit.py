"""Column widths that follow what the cells show, for tables that must fit the terminal.

Fixed shares of the width cut a long department name while the issue column beside it had
room, and cut the response while a short department name wasted its share. Here each column
asks for the display width of its widest cell (CJK characters count two), and the room is
shared out in stages, so a column is cut only when no other column has width to spare.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.text import Text


def cell_width(cell: object) -> int:
    """Display width of one cell as a table draws it on one line."""
    return cell.cell_len if isinstance(cell, Text) else cell_len(str(cell))


def needs(rows: Iterable[Sequence[int]], headers: Sequence[object]) -> list[int]:
    """What each column needs: its widest cell, its header included (rows are cell widths)."""
    widest = [cell_width(header) for header in headers]
    for row in rows:
        widest = [max(old, new) for old, new in zip(widest, row)]
    return widest


def _grow(widths: list[int], targets: Sequence[int], room: int) -> int:
    """Widen columns toward ``targets`` one cell at a time, the narrowest first; return the room left.

    Narrowest first: when the room runs out, the columns still short are the widest ones, cut to
    about the same width, rather than one column cut hard while another keeps all it asked for.
    """
    while room > 0:
        short = [i for i, (width, target) in enumerate(zip(widths, targets)) if width < target]
        if not short:
            break
        widths[min(short, key=widths.__getitem__)] += 1
        room -= 1
    return room


def fit_widths(room: int, wanted: Sequence[int], least: Sequence[int], caps: Sequence[int] | None = None,
               rest: int | None = None) -> list[int]:
    """Share ``room`` cells among columns that want ``wanted`` cells.

    In stages, each as far as the room lasts: every column up to ``least`` (less if it wants less),
    then up to ``caps`` (so a column that matters more can be served before the others), then up to
    all it wants. What is left once every column is whole goes to column ``rest``, if any.
    """
    widths = [0] * len(wanted)
    stages = [[min(want, low) for want, low in zip(wanted, least)]]
    if caps is not None:
        stages.append([min(want, cap) for want, cap in zip(wanted, caps)])
    stages.append(list(wanted))
    for targets in stages:
        room = _grow(widths, targets, room)
    if rest is not None:
        widths[rest] += room
    return widths
