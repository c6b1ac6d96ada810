"""The few characters that tie a hand-out's pages together: ``Tongjiang 2019-11-22``.

Its own module because both sides need it and neither may import the other: ``text`` sizes one
response to what a single page leaves under its header, and ``pages`` writes the headers of the
pages it cuts from ``text``'s documents.
"""

from __future__ import annotations

import re

TAG_CHARACTERS = 12  # of the title in a header (Latin letters; a CJK character counts two)


def short_title(title: str) -> str:
    """A few characters of the title that tie the pages together: its first words up to
    about ``TAG_CHARACTERS`` (a CJK character counts as two), cut at a word or punctuation."""
    words = [w for w in re.split(r"[\s“”\"'‘’《》「」（）()，,、：:；;]+", title) if w]
    if not words:
        return ""
    kept = ""
    for word in words:
        candidate = f"{kept} {word}" if kept else word
        if kept and width(candidate) > TAG_CHARACTERS:
            break
        kept = candidate
    while width(kept) > TAG_CHARACTERS + 4 and len(kept) > 1:
        kept = kept[:-1]
    return kept


def tag(title: str, date: str) -> str:
    return " ".join(p for p in (short_title(title), date) if p)


def single_header(title: str, date: str) -> str:
    """The header of a document that is one page and does not open with its title."""
    return tag(title, date) or "[1/1]"


def width(text: str) -> int:
    """Columns ``text`` takes: a CJK character counts two."""
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)
