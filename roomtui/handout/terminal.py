"""The hand-out in an ordinary terminal, without the full app.

For a laptop where the app cannot run full screen, or to show one page from a script:
``roomtui handout MEETING [--response N] [--page K] [--text] [--max-version N]``. The codes are
printed with 24-bit colour escapes for black and white, never the terminal's own palette, which
may be light-on-dark. The page header shares its line with the prompt, so a 120x40 terminal
has the same 39 rows for the code as the app; a page printed alone (``--page``) has the header
beside the code's first row, or above it with a line less for the code where it does not fit
beside, so that the shell's prompt after it never pushes the header off the screen.
"""

from __future__ import annotations

import shutil
import sys
from typing import TextIO

from roomtui.domain.model import Meeting
from roomtui.handout.layout import Layout, plan_layout, too_small_message
from roomtui.handout.qr import DEFAULT_MAX_VERSION, qr_matrix
from roomtui.domain.answering import numbered_responses
from roomtui.handout.headers import width
from roomtui.handout.render import RenderMode, code_cells, render_cells, to_ansi
from roomtui.handout.text import Document, handout_document, response_document
from roomtui.i18n import _

_CHROME_LINES = 1  # the page header (with the prompt, when asking)
_CLEAR = "\x1b[2J\x1b[H"


def run_plain_handout(meeting: Meeting, *, page: int | None = None, text_only: bool = False,
                      max_version: int = DEFAULT_MAX_VERSION, out: TextIO | None = None,
                      input: TextIO | None = None, mode: RenderMode = RenderMode.HALF_BLOCK,
                      size: tuple[int, int] | None = None, response: int | None = None) -> int:
    """Show the hand-out pages; returns an exit status (0 done, 1 terminal too small, 2 no such
    page or response).

    Interactive: Enter shows the next page (after the last, the first again, so the codes can
    stay up while people queue), ``p`` the previous one, a number that page, ``q`` or end of
    input quits. ``page=K`` prints page K and returns; ``text_only`` prints the text itself.
    ``size`` (columns, lines) overrides the terminal size. ``response=N`` shows the N-th
    response's own code (numbered as the hand-out screen lists them) instead of the summary.
    """
    out = out or sys.stdout
    input = input or sys.stdin
    document = _document(meeting, response, out)
    if document is None:
        return 2
    if text_only:
        out.write(document.text if document.text.endswith("\n") else document.text + "\n")
        return 0
    columns, lines = size or tuple(shutil.get_terminal_size())
    layout = plan_layout(document, columns, lines - _CHROME_LINES, mode=mode, max_version=max_version)
    if not layout.fits:
        out.write(too_small_message(layout, max_version, (columns, lines), (0, _CHROME_LINES)) + "\n")
        return 1
    if page is not None and not _header_beside(layout, columns, mode):
        # the shell's prompt takes the line after the page, so a header above needs a line more
        above = plan_layout(document, columns, lines - _CHROME_LINES - 1, mode=mode, max_version=max_version)
        layout = above if above.fits else layout
    total = len(layout.pages)
    if page is not None:
        if not 1 <= page <= total:
            out.write(_("There is no page {page}: the hand-out has {total} pages at this size.",
                        page=page, total=total) + "\n")
            return 2
        _print_page(out, layout, page - 1, mode, columns)
        return 0
    index = 0
    clear = _CLEAR if getattr(out, "isatty", lambda: False)() else ""
    keys = _("Enter: next page · p: previous · number: that page · q: quit")
    while True:
        out.write(clear)
        header = layout.pages[index].header
        # one line for the prompt: where header and keys would wrap (80x24), the header goes beside the code
        beside = width(header + "  ·  " + keys) + 1 > columns and _header_beside(layout, columns, mode)
        _print_code(out, layout, index, mode, beside=header if beside else "")
        out.write((keys if beside else header + "  ·  " + keys) + " ")
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


def _document(meeting: Meeting, response: int | None, out: TextIO) -> Document | None:
    if response is None:
        return handout_document(meeting)
    numbered = numbered_responses(meeting)
    found = next((r for number, r in numbered if number == response), None)
    if found is not None:
        return response_document(meeting, found)
    out.write(_("There is no response {number}: this meeting has {total}.", number=response,
                total=len(numbered)) + "\n")
    for number, candidate in numbered:
        out.write(f"{number}\t#{candidate.issue_id}\t{candidate.department}\n")
    return None


def _header_beside(layout: Layout, columns: int, mode: RenderMode) -> bool:
    """Whether every page's header fits to the right of its code, two columns apart."""
    spare = columns - code_cells(layout.version, mode, layout.scale)[0]
    return all(width(page.header) + 2 <= spare for page in layout.pages)


def _print_page(out: TextIO, layout: Layout, index: int, mode: RenderMode, columns: int) -> None:
    """One page, its header beside the code's first row where it fits, else above the code."""
    header = layout.pages[index].header
    beside = _header_beside(layout, columns, mode)
    if not beside:
        out.write(header + "\n")
    _print_code(out, layout, index, mode, beside=header if beside else "")


def _print_code(out: TextIO, layout: Layout, index: int, mode: RenderMode, beside: str = "") -> None:
    page = layout.pages[index]
    matrix = qr_matrix(page.payload, layout.version)
    for number, line in enumerate(to_ansi(render_cells(matrix, mode, layout.scale))):
        out.write(line + ("  " + beside if beside and number == 0 else "") + "\n")
