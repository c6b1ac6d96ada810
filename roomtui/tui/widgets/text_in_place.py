"""A Static's new text without a layout of the screen when it takes as many lines as the last one.

Textual lays out the whole screen at every update of a Static whose height follows its text
(profiled on the live key: ~4 ms at every turn, for the queue's head line, the list of who spoke
and the countdown's status line), though a new name or time mostly takes the lines the old one did.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static


def update_in_place(static: Static, content: Text | str) -> None:
    """Static.update, laid out only when the line count (at the same width) may differ."""
    width = static.content_region.width
    shape = (line_count(content, width), width)
    steady = shape[0] is not None and shape == getattr(static, "_roomtui_shape", None)
    static._roomtui_shape = shape
    static.update(content, layout=not steady)


def line_count(content: Text | str, width: int) -> int | None:
    """Lines of ``content`` at ``width`` when none of them wraps; None when one may (or no width yet)."""
    lines = (content.plain if isinstance(content, Text) else content).split("\n")
    if width <= 0 or any(cell_len(line) > width for line in lines):
        return None
    return len(lines)
