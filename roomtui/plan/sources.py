"""Reading an imported file into text: size cap, encoding detection, friendly refusals.

Secretaries' files come from spreadsheet programs and editors on Chinese systems, which write
UTF-8 with or without a byte-order mark, GB18030/GBK ("ANSI" on a Chinese Windows) or, for
"Unicode text", UTF-16 with a BOM. We accept all of these rather than ask people to re-save,
and say plainly what to do when a file is something else (a workbook, a binary file).
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from roomtui.domain.validation import (
    MAX_FILE_BYTES,  # one limit for every door: see validation.py
)
from roomtui.i18n import _
from roomtui.plan.errors import ImportProblem, PlanImportError
from roomtui.safe_read import FileTooLarge, NotARegularFile, read_regular

# Spreadsheet workbooks saved under a .csv or .toml name by mistake.
_WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


def refuse(file: str, message: str, line: int | None = None, field: str | None = None) -> PlanImportError:
    return PlanImportError([ImportProblem(file, line, field, message)])


def read_bytes(source: str | os.PathLike | bytes, source_name: str | None, default_name: str) -> tuple[str, bytes]:
    """Return (name to show in messages, content); bytes are taken as the content itself."""
    if isinstance(source, (bytes, bytearray)):
        name = source_name or default_name
        data = bytes(source)
    else:
        path = Path(source)
        name = source_name or path.name or default_name
        try:  # a regular file only, never more than the cap (a FIFO, /dev/zero: see safe_read.py)
            data = read_regular(path, MAX_FILE_BYTES)
        except FileTooLarge as error:
            raise refuse(name, _too_big(error.size)) from None
        except NotARegularFile as error:
            raise refuse(name, _("{path} is {what}", path=str(path), what=error.strerror)) from None
        except FileNotFoundError:
            raise refuse(name, _("file not found: {path}", path=str(path))) from None
        except IsADirectoryError:
            raise refuse(name, _("{path} is a folder, not a file", path=str(path))) from None
        except OSError as error:
            raise refuse(name, _("cannot read the file: {reason}", reason=error.strerror or str(error))) from None
        except ValueError:  # a NUL in the name
            raise refuse(name, _("this is not a usable file name")) from None
    if len(data) > MAX_FILE_BYTES:
        raise refuse(name, _too_big(len(data)))
    return name, data


def _too_big(size: int) -> str:
    return _("the file is {size:.1f} MB; no meeting file is larger than {limit} MB", size=size / 1024 / 1024,
             limit=MAX_FILE_BYTES // 1024 // 1024)


def decode(name: str, data: bytes) -> str:
    """BOM first (UTF-8, UTF-16); else strict UTF-8; else GB18030; else a message naming the line."""
    if data.startswith(_WORKBOOK_MAGIC):
        raise refuse(name, _("this is a spreadsheet workbook, not a text file: save it as 'CSV UTF-8' first"))
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as error:
                raise refuse(name, _("the file starts as {encoding} but is not valid {encoding}",
                                     encoding=encoding.upper()), line=_line_of(data, error.start)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise refuse(name, _("the text is neither UTF-8 nor GB18030/GBK: save it as UTF-8"),
                         line=_line_of(data, utf8_error.start)) from None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def line_of_offset(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
