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


def export_all(meeting: Meeting, folder: Path) -> list[Path]:
    """Every minutes format this installation has (docx needs python-docx), public and internal,
    into ``folder`` (created if need be) under names that say what each file is; returns the files."""
    from roomtui.minutes import available_formats, default_filename
    from roomtui.store.storage import atomic_write

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for public in (True, False):
        for fmt in available_formats():
            path = folder / default_filename(meeting, fmt, public)
            atomic_write(path, export_bytes(meeting, fmt, public=public))
            written.append(path)
    return written
