"""Cutting a hand-out into pages, each one QR code that makes sense on its own.

A page is its header line, ``[k/n] <meeting title> <date>``, then its body. The bodies of all
pages, joined in order, are exactly the hand-out text, so nothing is lost or repeated between
codes. An item (an issue and its answers) that fits on one page is never cut: it starts a new
page if need be, so a resident finds the whole answer in one code. An item longer than a page
is cut between lines, else at a space, else between two characters; the text is cut as
``str``, so a cut can never fall inside the UTF-8 bytes of one character.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from roomtui.handout.text import Document

MIN_BODY_BYTES = 100  # below this a page holds less than two lines: not worth a code
_ELLIPSIS = "…"


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


def paginate(document: Document, capacity: int) -> tuple[Page, ...]:
    """Pages for ``document`` when one code carries at most ``capacity`` bytes."""
    digits = 1
    while True:
        header = _header_template(document, capacity, digits)
        budget = capacity - _size(header(10**digits - 1, 10**digits - 1)) - 1
        if budget < MIN_BODY_BYTES:
            raise PageTooSmall(f"{capacity} bytes leave {budget} for the body, below {MIN_BODY_BYTES}")
        bodies = cut(document.items, budget) or [""]
        if len(str(len(bodies))) <= digits:
            total = len(bodies)
            return tuple(Page(k, total, header(k, total), body) for k, body in enumerate(bodies, 1))
        digits += 1


def cut(items: Iterable[str], budget: int) -> list[str]:
    """Split items into bodies of at most ``budget`` UTF-8 bytes, keeping items whole if possible."""
    bodies: list[str] = []
    current = ""

    def flush() -> None:
        nonlocal current
        if current:
            bodies.append(current)
            current = ""

    for item in items:
        if _size(current + item) <= budget:
            current += item
            continue
        if _size(item) <= budget:
            flush()
            current = item
            continue
        # An item longer than a page is cut anyway: it starts where the last one ended.
        for line in item.splitlines(keepends=True):
            if _size(current + line) <= budget:
                current += line
                continue
            flush()
            for piece in _split_line(line, budget):
                if _size(current + piece) > budget:
                    flush()
                current += piece
    flush()
    return bodies


def _split_line(line: str, budget: int) -> list[str]:
    """A line too long for one page, in pieces of at most ``budget`` bytes, cut after a space
    where there is one in the second half of the piece."""
    pieces = []
    while _size(line) > budget:
        end = _chars_within(line, budget)
        space = line.rfind(" ", 0, end)
        if space >= end // 2:
            end = space + 1
        pieces.append(line[:end])
        line = line[end:]
    if line:
        pieces.append(line)
    return pieces


def _chars_within(text: str, budget: int) -> int:
    """How many leading characters of ``text`` fit in ``budget`` bytes (at least one)."""
    used = 0
    for index, char in enumerate(text):
        used += _size(char)
        if used > budget:
            return max(1, index)
    return len(text)


def _header_template(document: Document, capacity: int, digits: int):
    """A function (k, n) -> header; the title is shortened if the header would take more than
    half of the code, so even a small code carries mostly text."""
    title = document.title

    def header(k: int, n: int) -> str:
        parts = [f"[{k}/{n}]", title, document.date]
        return " ".join(p for p in parts if p)

    widest = 10**digits - 1
    while title and _size(header(widest, widest)) > capacity // 2:
        title = title[: len(title) - 2] + _ELLIPSIS if len(title) > 1 else ""
    return header


def _size(text: str) -> int:
    return len(text.encode("utf-8"))
