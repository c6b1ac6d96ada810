"""Writing TOML values by hand, so exporting a plan needs no dependency.

Only what a plan uses: strings (multi-line ones as readable ``\"\"\"`` blocks), integers,
booleans, dates and date-times. Every character TOML forbids raw in a string is escaped.
"""

from __future__ import annotations

from datetime import date, datetime, time

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\f": "\\f", "\r": "\\r"}


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return f'"{value.strftime("%H:%M")}"'
    if isinstance(value, str):
        return toml_string(value)
    raise TypeError(f"a plan has no values of type {type(value).__name__}")


def toml_string(text: str) -> str:
    """A basic string; a multi-line basic string when the text has line breaks."""
    if "\n" in text:
        return '"""\n' + _escape(text, keep_newlines=True) + '"""'
    return '"' + _escape(text, keep_newlines=False) + '"'


def _escape(text: str, *, keep_newlines: bool) -> str:
    out = []
    for char in text:
        if char == "\n":
            out.append("\n" if keep_newlines else "\\n")
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return "".join(out)
