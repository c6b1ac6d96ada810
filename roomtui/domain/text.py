"""Cleaning what people type, paste or import, before it reaches the record.

A council record is read on terminals, in browsers and in spreadsheets: a stray escape
sequence or a bidi override pasted from a chat app must never reach any of them. We remove
such characters (rather than reject the whole input) and cap lengths with a message.

Messages are read on the same terminals, so text quoted back in a message (``shown``) and
every message as a whole (``visible``) has its control characters made visible instead.
"""

from __future__ import annotations

import re
import unicodedata

from roomtui.i18n import _

# CSI / a terminated OSC (BEL or ESC \ ends it) / the opening of an unterminated OSC / other ESC
# sequences, as pasted from a terminal. An unterminated OSC loses only its "ESC ] n ;" opening:
# the text after it is the person's, and ESC itself is gone, so nothing can act on it.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x00-\x06\x08-\x1a\x1c-\x1f\x7f]*?(?:\x07|\x1b\\)"
                   r"|\][0-9]*;?|[@-Z\\-_])")
# Bidi embeddings, overrides and isolates that can make text display reversed (Trojan Source).
_BIDI_CHARS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
_BIDI = dict.fromkeys(map(ord, _BIDI_CHARS))
# Invisible characters that make two names look the same but compare different.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e" + _BIDI_CHARS))

LINE_LIMIT = 500  # a name, a title, a unit
TEXT_LIMIT = 20_000  # a response, a summary: about ten pages
SHOWN_LIMIT = 40  # how much of a wrong value a message quotes


class TextTooLong(ValueError):
    pass


def clean_text(value: object, *, multiline: bool = False, limit: int | None = None) -> str:
    """Return ``value`` as safe text: no escapes, no control or bidi characters, trimmed.

    Newlines and tabs survive only in multiline text; elsewhere they become spaces.
    Private-use characters stay: offices map rare characters of names there (GB18030).
    Raises TextTooLong when the cleaned text is longer than the limit.
    """
    text = "" if value is None else str(value)
    limit = limit or (TEXT_LIMIT if multiline else LINE_LIMIT)
    if text.isprintable():  # no control, format, private or unassigned character: spacing only
        text = text.strip() if multiline else " ".join(text.split())
        if len(text) > limit:
            raise TextTooLong(_("is {length:,} characters long; the limit is {limit:,}", length=len(text),
                                limit=limit))
        return text
    text = _ANSI.sub("", text).translate(_BIDI)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for char in text:
        if char in "\n\t":
            kept.append(char if multiline else " ")
        elif unicodedata.category(char) in ("Cc", "Cs", "Cn"):
            continue
        else:
            kept.append(char)
    text = "".join(kept)
    if multiline:
        text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
        text = text.strip()
    else:
        text = " ".join(text.split())
    if len(text) > limit:
        raise TextTooLong(_("is {length:,} characters long; the limit is {limit:,}", length=len(text), limit=limit))
    return text


def compare_key(text: str) -> str:
    """The form two names are compared in: width, case, invisible characters and spacing ignored,
    so '张\\u200b三' and '张三', or 'ＷＵ' and 'wu', are the same person."""
    text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE))
    return " ".join(text.casefold().split())


def _visible_char(char: str) -> str:
    code = ord(char)
    if code < 0x20 or code == 0x7F:
        return f"\\x{code:02x}"
    if 0x80 <= code <= 0x9F or char in _BIDI_CHARS or unicodedata.category(char) in ("Cs", "Zl", "Zp"):
        return f"\\u{code:04x}"
    return char


_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff" + _BIDI_CHARS + "]")


def visible(message: object, *, keep_newlines: bool = True) -> str:
    """A message made safe for a terminal: every control character shown as an escape (``\\x1b``),
    never sent raw. Line breaks between sentences stay unless ``keep_newlines`` is False."""
    text = str(message)
    if keep_newlines:
        return "\n".join(_UNSAFE.sub(lambda m: _visible_char(m.group()), line) for line in text.split("\n"))
    return _UNSAFE.sub(lambda m: _visible_char(m.group()), text)


def shown(value: object, limit: int = SHOWN_LIMIT) -> str:
    """A value someone typed, as a message quotes it: control characters visible, cut at ``limit``."""
    text = visible(value, keep_newlines=False)
    return text if len(text) <= limit else text[:limit] + "…"
