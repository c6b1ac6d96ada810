"""The hand-out in an ordinary terminal, without the full app.

For a laptop where the app cannot run full screen, or to show one page from a script:
``roomtui handout MEETING [--page K] [--text] [--max-version N]``. The codes are printed with
24-bit colour escapes for black and white, never the terminal's own palette, which may be
light-on-dark.
"""

from __future__ import annotations

import shutil
import sys
from typing import TextIO

from roomtui.domain.model import Meeting
from roomtui.handout.layout import plan_layout, too_small_message
from roomtui.handout.qr import DEFAULT_MAX_VERSION, qr_matrix
from roomtui.handout.render import RenderMode, render_cells, to_ansi
from roomtui.handout.text import handout_document
from roomtui.i18n import _

_CHROME_LINES = 2  # the page header above the code, the prompt below it
_CLEAR = "\x1b[2J\x1b[H"


def run_plain_handout(meeting: Meeting, *, page: int | None = None, text_only: bool = False,
                      max_version: int = DEFAULT_MAX_VERSION, out: TextIO | None = None,
                      input: TextIO | None = None, mode: RenderMode = RenderMode.HALF_BLOCK,
                      size: tuple[int, int] | None = None) -> int:
    """Show the hand-out pages; returns an exit status (0 done, 1 terminal too small, 2 no such page).

    Interactive: Enter shows the next page (after the last, the first again, so the codes can
    stay up while people queue), ``p`` the previous one, a number that page, ``q`` or end of
    input quits. ``page=K`` prints page K and returns; ``text_only`` prints the text itself.
    ``size`` (columns, lines) overrides the terminal size.
    """
    out = out or sys.stdout
    input = input or sys.stdin
    document = handout_document(meeting)
    if text_only:
        out.write(document.text if document.text.endswith("\n") else document.text + "\n")
        return 0
    columns, lines = size or tuple(shutil.get_terminal_size())
    layout = plan_layout(document, columns, lines - _CHROME_LINES, mode=mode, max_version=max_version)
    if not layout.fits:
        out.write(too_small_message(layout, max_version, (columns, lines), (0, _CHROME_LINES)) + "\n")
        return 1
    total = len(layout.pages)
    if page is not None:
        if not 1 <= page <= total:
            out.write(_("There is no page {page}: the hand-out has {total} pages at this size.",
                        page=page, total=total) + "\n")
            return 2
        _print_page(out, layout, page - 1, mode)
        return 0
    index = 0
    clear = _CLEAR if getattr(out, "isatty", lambda: False)() else ""
    while True:
        out.write(clear)
        _print_page(out, layout, index, mode)
        out.write(_("Enter: next page · p: previous · number: that page · q: quit") + " ")
        out.flush()
        answer = input.readline()
        if not answer:
            out.write("\n")
            return 0
        answer = answer.strip().lower()
        if answer == "q":
            return 0
        if answer == "p":
            index = (index - 1) % total
        elif answer.isdigit() and 1 <= int(answer) <= total:
            index = int(answer) - 1
        else:
            index = (index + 1) % total


def _print_page(out: TextIO, layout: Layout, index: int, mode: RenderMode) -> None:
    page = layout.pages[index]
    out.write(page.header + "\n")
    matrix = qr_matrix(page.payload, layout.version)
    for line in to_ansi(render_cells(matrix, mode, layout.scale)):
        out.write(line + "\n")
