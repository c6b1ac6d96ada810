"""Reading a spreadsheet's CSV export into rows keyed by our field names, with line numbers.

What spreadsheets really write: a header row whose names may be English or Chinese, a comma
or (in many European and some Chinese locales) a semicolon or a tab between fields, quoted
cells that span lines. We sniff the delimiter from the header line, map headers to fields
through a list of accepted names, ignore columns we do not use (序号, 性别, ...), and note the
physical line each record starts on, so a message can send the secretary to "line 14".
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field

from roomtui.domain.fields import field_label
from roomtui.domain.text import shown
from roomtui.domain.validation import MULTILINE_FIELDS
from roomtui.i18n import _
from roomtui.domain.choices import normal
from roomtui.plan.errors import ImportProblem, PlanImportError
from roomtui.plan.sources import decode, line_of_offset, read_bytes

DELIMITERS = (",", ";", "\t")
# Control characters never appear in a real spreadsheet export: their presence means the file
# is damaged or not what it seems (UTF-16 read as UTF-8, a binary file), so we refuse it
# rather than clean it silently as we do with typed text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass
class Table:
    """The rows of one CSV file: ``rows`` are (line, {field: raw text}) for mapped columns."""

    file: str
    columns: dict[str, str]  # field -> the header as written in the file
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    def where(self, name: str) -> str | None:
        """'column 身份' when the file's header is not simply the field's own name."""
        header = self.columns.get(name)
        if header is None or normal(header) == normal(name):
            return None
        return _("column {name}", name=header)

    def problem(self, line: int | None, name: str | None, message: str) -> None:
        self.problems.append(ImportProblem(self.file, line, name, message, self.where(name) if name else None))


def sniff_delimiter(text: str) -> str:
    """The delimiter used most in the header line (quotes respected); a comma if none is."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in text[:65536]:
        if char == '"':
            quoted = not quoted
        elif not quoted:
            if char in "\r\n":
                break
            if char in counts:
                counts[char] += 1
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


def read_table(source: str | os.PathLike | bytes, source_name: str | None, default_name: str,
               columns: dict[str, tuple[str, ...]], required: tuple[str, ...]) -> Table:
    """Decode, sniff and split a CSV file; raise PlanImportError if it cannot be read as a table.

    Problems in single cells (control characters, too many fields) are collected in
    ``Table.problems`` for the caller to report with its own.
    """
    name, data = read_bytes(source, source_name, default_name)
    text = decode(name, data)
    nul = text.find("\x00")
    if nul != -1:
        raise PlanImportError([ImportProblem(name, line_of_offset(text, nul), None, _(
            "the file contains NUL characters: it is not a text CSV (perhaps UTF-16 or a workbook); "
            "save it as 'CSV UTF-8'"))])
    # strict: a stray quote is an error, not a field that swallows the rows after it (three people
    # gone and their phone numbers in someone's affiliation, which is public)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text), strict=True)
    table: Table | None = None
    width = 0
    index: dict[str, int] = {}
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise PlanImportError([ImportProblem(name, reader.line_num or start, None,
                                                     _csv_message(error))]) from None
            opened = _quote_line(text, start, reader.line_num or start)
            raise PlanImportError([ImportProblem(name, opened, None, _(
                "a quote (\") opens a field on this line and is not closed where the field ends, so the rows "
                "after it would run together: close it or remove it"))]) from None
        if not any(cell.strip() for cell in row):
            continue
        if table is None:
            table, index = _header(name, start, row, columns, required)
            width = len(row)
            continue
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            table.problem(start, None, _("{count} fields, but the header has {width}", count=len(row), width=width))
        values = {}
        for field_name, position in index.items():
            cell = row[position] if position < len(row) else ""
            if "\n" in cell and field_name not in MULTILINE_FIELDS and reader.line_num > start:
                table.problem(start, field_name, _(
                    "{field} runs over lines {first}-{last}: is a quote (\") on line {first} left open?",
                    field=field_label(field_name), first=start, last=reader.line_num))
            bad = _CONTROL.search(cell)
            if bad:
                table.problem(start, field_name, _("{field} contains a control character (U+{code:04X}): the file "
                                                   "may be damaged", field=field_label(field_name),
                                                   code=ord(bad.group())))
            values[field_name] = cell
        table.rows.append((start, values))
    if table is None:
        raise PlanImportError([ImportProblem(name, None, None, _("the file is empty: it needs a header row and "
                                                                 "at least one row of data"))])
    if not table.rows and not table.problems:
        table.problem(None, None, _("the file has a header row but no rows of data"))
    return table


def _header(name: str, line: int, row: list[str], columns: dict[str, tuple[str, ...]],
            required: tuple[str, ...]) -> tuple[Table, dict[str, int]]:
    accepted = {normal(alias): field_name for field_name, aliases in columns.items()
                for alias in (field_name, *aliases)}
    index: dict[str, int] = {}
    headers: dict[str, str] = {}
    problems = []
    for position, header in enumerate(row):
        field_name = accepted.get(normal(header))
        if field_name is None:
            continue  # a column we do not use, such as 序号 or 性别
        if field_name in index:
            problems.append(ImportProblem(name, line, field_name, _(
                "columns '{first}' and '{second}' both give the {field}", first=shown(headers[field_name]),
                second=shown(header),
                field=field_label(field_name))))
            continue
        index[field_name], headers[field_name] = position, header.strip()
    for field_name in required:
        if field_name not in index:
            names = " / ".join((field_name, *columns[field_name][:2]))
            found = shown(", ".join(h.strip() for h in row if h.strip()), 200)
            problems.append(ImportProblem(name, line, field_name, _(
                "no '{field}' column ({names}); the header row has: {found}", field=field_name, names=names,
                found=found)))
    if problems:
        raise PlanImportError(problems)
    return Table(name, headers), index


def _quote_line(text: str, first: int, last: int) -> int:
    """The line, from ``first`` on, of the quote that opened the field the reader choked on."""
    for number, line in enumerate(text.splitlines()[first - 1:last], first):
        if '"' in line:
            return number
    return first


def _csv_message(error: csv.Error) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        return _("a field is longer than {limit:,} characters", limit=csv.field_size_limit())
    return _("cannot be read as CSV: {reason}", reason=text)
