"""Cutting a hand-out into pages, each one QR code with a short header.

A page is its header line, then its body. The header is what a phone user needs to know which
pages belong together, and no more: ``[2/3] Tongjiang 2019-11-22`` (the page number, a few
characters of the title, the date). Page 1 of a document that opens with its title is headed
``[1/3]`` alone, since the title follows at once; a document of one page (one response) is
headed by the short title and date alone. Short headers leave the bytes to the text.

The bodies of all pages, joined in order, are exactly the hand-out text, so nothing is lost or
repeated between codes. The cut uses the fewest pages the code size allows, and among cuts
with that many pages the one that splits the fewest items (a department and its issues), so
a resident usually finds the whole answer in one code; then the fullest pages first. Items are
cut between lines, and a line longer than a page at a space, else between two characters; the
text is cut as ``str``, so a cut never falls inside the UTF-8 bytes of one character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from roomtui.handout.headers import single_header, tag
from roomtui.handout.text import Document

MIN_BODY_BYTES = 100  # below this a page holds less than two lines: not worth a code


class PageTooSmall(ValueError):
    """The code is too small to hold a header and a useful body."""


@dataclass(frozen=True)
class Page:
    number: int
    total: int
    header: str
    body: str

    @property
    def payload(self) -> str:
        """What the code carries: the header line, then the body."""
        return self.header + "\n" + self.body


def page_header(document: Document, number: int, total: int) -> str:
    if total == 1 and not document.titled:
        return single_header(document.title, document.date)
    mark = f"[{number}/{total}]"
    if document.titled and number == 1:
        return mark
    return " ".join(p for p in (mark, tag(document.title, document.date)) if p)


def paginate(document: Document, capacity: int) -> tuple[Page, ...]:
    """Pages for ``document`` when one code carries at most ``capacity`` bytes."""
    digits = 1
    while True:
        widest = 10**digits - 1
        first = capacity - _size(page_header(document, 1, widest)) - 1
        others = capacity - _size(page_header(document, widest, widest)) - 1
        if min(first, others) < MIN_BODY_BYTES:
            raise PageTooSmall(f"{capacity} bytes leave {min(first, others)} for the body, below {MIN_BODY_BYTES}")
        if _fits_one(document, capacity):
            return (Page(1, 1, page_header(document, 1, 1), document.text),)
        bodies = cut(document.items, others, first_budget=first) or [""]
        if len(str(len(bodies))) <= digits:
            total = len(bodies)
            return tuple(Page(k, total, page_header(document, k, total), body) for k, body in enumerate(bodies, 1))
        digits += 1


def _fits_one(document: Document, capacity: int) -> bool:
    return _size(page_header(document, 1, 1)) + 1 + _size(document.text) <= capacity


def cut(items: Iterable[str], budget: int, first_budget: int | None = None) -> list[str]:
    """Split items into bodies of at most ``budget`` UTF-8 bytes (``first_budget`` for the
    first): the fewest bodies, then the fewest items cut, then the fullest early bodies."""
    first_budget = budget if first_budget is None else first_budget
    pieces, whole_before = _pieces(items, min(budget, first_budget))
    count = len(pieces)
    if not count:
        return []
    ends = [0]
    for piece in pieces:
        ends.append(ends[-1] + _size(piece))
    # best[i]: (pages, items cut) for the text from piece i on, and where its first page ends;
    # only the first page starts at 0, so only it gets the first page's budget.
    best: list[tuple[int, int, int]] = [(0, 0, count)] * (count + 1)
    for start in range(count - 1, -1, -1):
        limit = first_budget if start == 0 else budget
        choice = None
        stop = start + 1
        while stop <= count and ends[stop] - ends[start] <= limit:
            pages, cuts, _ = best[stop]
            candidate = (pages + 1, cuts + (0 if whole_before[stop] else 1), stop)
            if choice is None or candidate[:2] <= choice[:2]:  # ties: the fuller page
                choice = candidate
            stop += 1
        best[start] = choice
    bodies, start = [], 0
    while start < count:
        stop = best[start][2]
        bodies.append("".join(pieces[start:stop]))
        start = stop
    return bodies


def _pieces(items: Iterable[str], budget: int) -> tuple[list[str], list[bool]]:
    """The text in pieces a page may end after: whole lines, and for a line longer than a
    page its words (a word longer than half a page, or CJK text without spaces, character by
    character); with, for every boundary between pieces, whether it falls between two items."""
    pieces: list[str] = []
    whole_before = [True]
    for item in items:
        first = True
        for line in item.splitlines(keepends=True):
            for piece in _split_line(line, budget):
                if pieces:
                    whole_before.append(first)
                pieces.append(piece)
                first = False
    whole_before.append(True)
    return pieces, whole_before


def _split_line(line: str, budget: int) -> list[str]:
    if _size(line) <= budget:
        return [line]
    pieces = []
    for word in re.findall(r"\S+\s*|\s+", line):
        if _size(word) > budget // 2:
            pieces += list(word)
        else:
            pieces.append(word)
    return pieces


def _size(text: str) -> int:
    return len(text.encode("utf-8"))
