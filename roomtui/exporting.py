"""Writing a meeting out: the minutes in each format, or its plan; one path for the CLI
(`roomtui export`) and the minutes view (`e`), so both write the same bytes under the same names.

Above minutes and plan (it uses both) and the store (files are written atomically, never half).
"""

from __future__ import annotations

import copy
from pathlib import Path

from roomtui.domain.model import Meeting

EXPORT_FORMATS = ("md", "html", "docx", "json", "csv", "ics", "plan")
BINARY_EXPORTS = ("docx",)  # never written to a terminal


def default_export_folder(meeting_id: str) -> Path:
    return Path.home() / "roomtui-minutes" / meeting_id


def export_bytes(meeting: Meeting, fmt: str, *, public: bool) -> bytes:
    """The minutes in ``fmt``, or with "plan" the meeting's plan (TOML) to prepare the next one.
    Raises DocxUnavailable for docx where python-docx is not installed."""
    if fmt == "plan":
        from roomtui.plan.toml_plan import dump_plan

        if public:  # a plan handed on leaves out contacts and internal notes, like the minutes
            meeting = copy.deepcopy(meeting)
            for record in (*meeting.participants, *meeting.issues):
                record.note = ""
            for person in meeting.participants:
                person.contact = ""
        return dump_plan(meeting).encode("utf-8")
    from roomtui.minutes import export_minutes

    return export_minutes(meeting, fmt, public=public)


def export_all(meeting: Meeting, folder: Path, *, public_only: bool = False,
               written: list[Path] | None = None) -> list[Path]:
    """Every minutes format this installation has (docx needs python-docx), public and internal
    (public only with ``public_only``), into ``folder`` (created if need be) under names that say
    what each file is; returns the files, also appended to ``written`` as they are done (so a
    caller stopped by a full disk can say which are there).

    Nothing already in the folder is lost: a file with the same bytes is left as it is (exporting
    twice is harmless), and one that differs (a Word file edited and stamped since, an earlier
    version of the minutes) stays, the new file taking the name "... (2).docx"."""
    from roomtui.minutes import available_formats, default_filename
    from roomtui.store.storage import atomic_write

    folder.mkdir(parents=True, exist_ok=True)
    written = [] if written is None else written
    for public in (True,) if public_only else (True, False):
        for fmt in available_formats():
            payload = export_bytes(meeting, fmt, public=public)
            path = free_name(folder / default_filename(meeting, fmt, public), payload)
            if not _holds(path, payload):
                atomic_write(path, payload)
            written.append(path)
    return written


def free_name(path: Path, payload: bytes) -> Path:
    """``path`` if it is free or already holds ``payload``; else the first "name (n).ext" that is."""
    candidate, number = path, 1
    while candidate.exists() and not _holds(candidate, payload):
        number += 1
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
    return candidate


def _holds(path: Path, payload: bytes) -> bool:
    """Whether ``path`` is a regular file of exactly ``payload`` (read no further than its length)."""
    from roomtui.safe_read import read_regular

    try:
        return read_regular(path, len(payload)) == payload
    except OSError:  # missing, too large, a FIFO or a device: not the same file
        return False
