"""Cleaning what people type, paste or import, before it reaches the record.

A council record is read on terminals, in browsers and in spreadsheets: a stray escape
sequence or a bidi override pasted from a chat app must never reach any of them. We remove
such characters (rather than reject the whole input) and cap lengths with a message.
"""

from __future__ import annotations

import re
import unicodedata

from roomtui.i18n import _

# CSI / OSC / other ESC sequences, as pasted from a terminal.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
# Bidi embeddings, overrides and isolates that can make text display reversed (Trojan Source).
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"))

LINE_LIMIT = 500  # a name, a title, a unit
TEXT_LIMIT = 20_000  # a response, a summary: about ten pages


class TextTooLong(ValueError):
    pass


def clean_text(value: object, *, multiline: bool = False, limit: int | None = None) -> str:
    """Return ``value`` as safe text: no escapes, no control or bidi characters, trimmed.

    Newlines and tabs survive only in multiline text; elsewhere they become spaces.
    Raises TextTooLong when the cleaned text is longer than the limit.
    """
    text = "" if value is None else str(value)
    text = _ANSI.sub("", text).translate(_BIDI)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for char in text:
        if char in "\n\t":
            kept.append(char if multiline else " ")
        elif unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") and char not in "\n\t":
            continue
        else:
            kept.append(char)
    text = "".join(kept)
    if multiline:
        text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
        text = text.strip()
    else:
        text = " ".join(text.split())
    limit = limit or (TEXT_LIMIT if multiline else LINE_LIMIT)
    if len(text) > limit:
        raise TextTooLong(_("is {length:,} characters long; the limit is {limit:,}", length=len(text), limit=limit))
    return text
