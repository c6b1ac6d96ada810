"""Line numbers for the values of a TOML document, which tomllib does not provide.

We scan the text once, line by line, tracking table headers (``[meeting]``,
``[[participants]]``, ``[[agenda.parts]]``) and the first line of each ``key =``. A table
instance is named by a path such as ``("participants", 2)`` or ``("agenda", 0, "parts", 1)``,
the same path the loader walks in the parsed data, so every problem can point at its line.
Multi-line strings are skipped so their content is never mistaken for keys. The scanner is
only ever used on text tomllib has already accepted, and it falls back to the nearest known
line (or none) for rarer forms such as inline tables.
"""

from __future__ import annotations

import re

Path = tuple  # ("participants", 2, ...)

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*[.=]""")


def _split_dotted(name: str) -> list[str]:
    parts = re.findall(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^.\s]+)\s*(?:\.|$)""", name)
    return [p.strip("\"'") for p in parts]


class TomlLocator:
    """Where each table instance and each of its keys starts in the source text."""

    def __init__(self, text: str) -> None:
        self.headers: dict[Path, int] = {}
        self.keys: dict[Path, dict[str, int]] = {(): {}}
        arrays: dict[Path, int] = {}
        current: Path = ()
        in_string: str | None = None
        for number, line in enumerate(text.splitlines(), 1):
            if in_string:
                if _closes(line, in_string):
                    in_string = None
                continue
            header = _HEADER.match(line)
            if header:
                names = _split_dotted(header.group(2))
                if header.group(1) == "[[":
                    parent = _resolve(names[:-1], arrays)
                    array = parent + (names[-1],)
                    arrays[array] = arrays.get(array, 0) + 1
                    current = array + (arrays[array] - 1,)
                else:
                    current = _resolve(names, arrays)
                self.headers.setdefault(current, number)
                self.keys.setdefault(current, {})
                continue
            key = _KEY.match(line)
            if key:
                self.keys.setdefault(current, {}).setdefault(key.group(1).strip("\"'"), number)
                in_string = _opens(line[key.end():])

    def line(self, path: Path, key: str | None = None) -> int | None:
        """The line of ``key`` in the table at ``path``; else of the table; else of its parent."""
        if key is not None and key in self.keys.get(path, {}):
            return self.keys[path][key]
        while path:
            if path in self.headers:
                return self.headers[path]
            # an array element or a table given inline: the line of its key in the parent
            parent, last = path[:-1], path[-1]
            if isinstance(last, str) and last in self.keys.get(parent, {}):
                return self.keys[parent][last]
            path = parent
        return None


def _resolve(names: list[str], arrays: dict[Path, int]) -> Path:
    path: Path = ()
    for name in names:
        path += (name,)
        if path in arrays:
            path += (arrays[path] - 1,)
    return path


def _opens(rest: str) -> str | None:
    """The delimiter of a multi-line string left open at the end of this line, if any."""
    for delimiter in ('"""', "'''"):
        at = rest.find(delimiter)
        if at != -1 and not _closes(rest[at + 3:], delimiter):
            return delimiter
    return None


def _closes(line: str, delimiter: str) -> bool:
    if delimiter == "'''":
        return "'''" in line
    index = 0
    while True:
        at = line.find('"""', index)
        if at == -1:
            return False
        backslashes = len(line[:at]) - len(line[:at].rstrip("\\"))
        if backslashes % 2 == 0:
            return True
        index = at + 1
