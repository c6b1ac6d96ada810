"""Minutes of a meeting in six formats, public or internal, always the same bytes for the same record.

``build_minutes`` turns a meeting into one frozen minutes model; each renderer writes one format
from it (JSON writes the whole meeting instead, so it can be imported back). Callers (the CLI,
the app) only need ``export_minutes`` and ``default_filename``.
"""

from __future__ import annotations

import re
from datetime import datetime

from roomtui.domain.model import Meeting
from roomtui.domain.timeline import held_times
from roomtui.minutes.csv_ import render_csv
from roomtui.minutes.docx import DocxUnavailable, docx_available, render_docx
from roomtui.minutes.html import render_html
from roomtui.minutes.ics import render_ics
from roomtui.minutes.json_ import MinutesImportError, meeting_from_json, render_json
from roomtui.minutes.labels import labels_for
from roomtui.minutes.markdown import render_markdown
from roomtui.minutes.model import Minutes, build_minutes

FORMATS = ("md", "html", "json", "csv", "ics")  # the text formats
# Binary formats: the Word minutes need python-docx and lxml (not in the one-file build).
BINARY_FORMATS = ("docx",)
ALL_FORMATS = FORMATS + BINARY_FORMATS

__all__ = [
    "ALL_FORMATS", "BINARY_FORMATS", "DocxUnavailable", "FORMATS", "Minutes", "MinutesImportError",
    "available_formats", "build_minutes", "default_filename", "export_minutes", "meeting_from_json",
    "render_csv", "render_docx", "render_html", "render_ics", "render_json", "render_markdown",
]


def available_formats() -> tuple[str, ...]:
    """Every format this installation can write: all of them, less docx without python-docx."""
    return ALL_FORMATS if docx_available() else FORMATS


def export_minutes(meeting: Meeting, fmt: str, *, public: bool, now: datetime | None = None) -> bytes:
    """The minutes of ``meeting`` in ``fmt`` (one of ALL_FORMATS), ready to write to a file.

    ``now`` matters only for a speech still running; by default the record's own latest moment.
    Raises DocxUnavailable for docx where python-docx is not installed.
    """
    if fmt not in ALL_FORMATS:
        raise ValueError(f"unknown minutes format {fmt!r}; choose one of: {', '.join(ALL_FORMATS)}")
    if fmt == "json":
        return render_json(meeting, public=public).encode("utf-8")
    minutes = build_minutes(meeting, public=public, now=now)
    if fmt == "csv":
        return render_csv(minutes)
    if fmt == "docx":
        return render_docx(minutes)
    render = {"md": render_markdown, "html": render_html, "ics": render_ics}[fmt]
    return render(minutes).encode("utf-8")


# Characters no file system on a USB stick takes (FAT32/exFAT/NTFS reserve <>:"/\\|?*), and controls.
_UNSAFE_IN_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f\u2028\u2029]+')
_TITLE_LIMIT = 60  # characters: long titles are cut, so that the whole name stays well under 255


def safe_title(title: str) -> str:
    """The title as a file name part: letters of any script (Chinese kept), digits, spaces and
    harmless punctuation; what a file system refuses becomes a space; never empty or hidden."""
    text = _UNSAFE_IN_NAMES.sub(" ", title)
    text = " ".join(text.split())[:_TITLE_LIMIT].strip(" .")
    return text.lstrip(".-") or "meeting"


def default_filename(meeting: Meeting, fmt: str, public: bool) -> str:
    """A name that says what the file is on a stick full of them, such as
    ``2019-11-22 Tongjiang council - minutes (public).md`` or ``2019-11-22 同江县协商会 - 纪要（公开版）.md``:
    the day the meeting was held, its title, and which minutes, in the meeting's language."""
    if fmt not in ALL_FORMATS:
        raise ValueError(f"unknown minutes format {fmt!r}; choose one of: {', '.join(ALL_FORMATS)}")
    day = held_times(meeting).day
    words = labels_for(meeting.language)["file_public" if public else "file_internal"]
    prefix = f"{day.isoformat()} " if day is not None else ""
    return f"{prefix}{safe_title(meeting.title)} - {words}.{fmt}"
