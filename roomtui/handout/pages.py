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
cut between the blocks the document keeps together (an issue with what will be done about it:
no page opens with a commitment whose issue is on the page before), a block longer than a page
between lines, and a line longer than a page at a space, else between two characters; the text
is cut as ``str``, so a cut never falls inside the UTF-8 bytes of one character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from roomtui.handout.headers import single_header, tag
from roomtui.handout.text import Block, Document

REPEATED_BYTES = 24  # of an issue's line, repeated by a page opening among its commitments
# Below this a page holds less than a line: not worth a code. A default 80x24 terminal draws
# version 5 at most (106 bytes, 70-77 under the header): it still hands out, in more pages.
MIN_BODY_BYTES = 64


class PageTooSmall(ValueError):
    """The code is too small to hold a header and a useful body."""


@dataclass(frozen=True)
class Page:
    number: int
    total: int
    header: str
    body: str
    repeated: str = ""  # the line again, when the page opens among its commitments

    @property
    def payload(self) -> str:
        """What the code carries: the header line, the repeated line if any, then the body."""
        return self.header + "\n" + self.repeated + self.body


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
        bodies = cut(document.item_blocks(), others, first_budget=first) or [("", "")]
        if len(str(len(bodies))) <= digits:
            total = len(bodies)
            return tuple(Page(k, total, page_header(document, k, total), body, repeated)
                         for k, (repeated, body) in enumerate(bodies, 1))
        digits += 1


def _fits_one(document: Document, capacity: int) -> bool:
    return _size(page_header(document, 1, 1)) + 1 + _size(document.text) <= capacity


def cut(items: Iterable[Iterable[Block]], budget: int, first_budget: int | None = None) -> list[tuple[str, str]]:
    """Split items, each given as its blocks, into (repeated line, body) pairs of at most
    ``budget`` UTF-8 bytes together (``first_budget`` for the first): the fewest bodies, then
    the fewest items cut, then the fewest blocks cut, then the fullest early bodies. A page
    opening inside a block repeats the block's heading first."""
    first_budget = budget if first_budget is None else first_budget
    pieces, boundaries, repeats = _pieces(items, min(budget, first_budget))
    count = len(pieces)
    if not count:
        return []
    ends = [0]
    for piece in pieces:
        ends.append(ends[-1] + _size(piece))
    # best[i]: (pages, items cut, blocks cut) for the text from piece i on, and where its first
    # page ends; only the first page starts at 0, so only it gets the first page's budget.
    best: list[tuple[int, int, int, int] | None] = [(0, 0, 0, count)] * (count + 1)
    for start in range(count - 1, -1, -1):
        limit = (first_budget if start == 0 else budget) - _size(repeats[start])
        choice = None
        stop = start + 1
        while stop <= count and ends[stop] - ends[start] <= limit:
            if best[stop] is not None:
                pages, items_cut, blocks_cut, _ = best[stop]
                boundary = boundaries[stop]
                candidate = (pages + 1, items_cut + (boundary != _ITEMS), blocks_cut + (boundary == _INSIDE), stop)
                if choice is None or candidate[:3] <= choice[:3]:  # ties: the fuller page
                    choice = candidate
            stop += 1
        best[start] = choice
    if best[0] is None:
        raise PageTooSmall(f"a piece of the text does not fit {budget} bytes")
    bodies, start = [], 0
    while start < count:
        stop = best[start][3]
        bodies.append((repeats[start], "".join(pieces[start:stop])))
        start = stop
    return bodies


_ITEMS, _BLOCKS, _INSIDE = 0, 1, 2  # what a boundary between two pieces falls between


def _pieces(items: Iterable[Iterable[Block]], budget: int) -> tuple[list[str], list[int], list[str]]:
    """The text in pieces a page may end after: lines, and a line longer than a page in words
    (a word longer than half a page, or CJK text without spaces, character by character); with,
    for every boundary between pieces, what it falls between, and for every piece what a page
    starting there repeats (the block's heading, inside a block)."""
    pieces: list[str] = []
    boundaries = [_ITEMS]
    repeats: list[str] = []
    for item in items:
        item_start = True
        for block in item:
            heading = _repeated(block.heading, budget)
            # a piece must leave room for the heading a page starting at it repeats
            room = budget - _size(heading)
            for number, piece in enumerate(_block_pieces(block.text, room)):
                if pieces:
                    boundaries.append(_ITEMS if item_start else _BLOCKS if number == 0 else _INSIDE)
                pieces.append(piece)
                repeats.append(heading if number and not piece.startswith(block.heading) else "")
                item_start = False
    boundaries.append(_ITEMS)
    return pieces, boundaries, repeats


def _block_pieces(text: str, budget: int) -> list[str]:
    """A block's lines (a long one in words), an empty line kept with the line before it."""
    pieces: list[str] = []
    for line in text.splitlines(keepends=True):
        if line == "\n" and pieces:
            pieces[-1] += line
        else:
            pieces += _split_line(line, budget - 1)  # room for the empty line it may take
    return pieces


def _repeated(heading: str, budget: int) -> str:
    """The heading as a page repeats it: one line of at most ``REPEATED_BYTES`` (and a third
    of the page), cut at a word where it has one: "#4 Cars block the…" says which issue the
    lines below answer, and costs no extra code for the demo council at 120x40."""
    if not heading:
        return ""
    limit = min(budget // 3, REPEATED_BYTES)
    if _size(heading) + 1 <= limit:
        return heading + "\n"
    kept = heading
    while kept and _size(kept) + _size("…\n") > limit:
        kept = kept[:-1]
    words = kept.rsplit(" ", 1)[0]
    if " " in words:  # beyond the number: cut after a whole word
        kept = words
    return kept + "…\n"


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
