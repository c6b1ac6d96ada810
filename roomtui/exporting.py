"""Writing a meeting out: the minutes in each format, or its plan; one path for the CLI
(`roomtui export`) and the minutes view (`e`), so both write the same bytes under the same names.

Above minutes and plan (it uses both) and the store (files are written atomically, never half).
"""

from __future__ import annotations

import copy
from pathlib import Path

from roomtui.domain.model import Meeting

# The papers printed before the council: the agenda and the sign-in sheet, as Word or HTML.
PAPER_FORMATS = ("agenda-docx", "agenda-html", "signin-docx", "signin-html")
EXPORT_FORMATS = ("md", "html", "docx", "json", "csv", "ics", "plan") + PAPER_FORMATS
BINARY_EXPORTS = ("docx", "agenda-docx", "signin-docx")  # never written to a terminal


def default_export_folder(meeting_id: str) -> Path:
    return Path.home() / "roomtui-minutes" / meeting_id


def export_bytes(meeting: Meeting, fmt: str, *, public: bool) -> bytes:
    """The minutes in ``fmt``, or with "plan" the meeting's plan (TOML) to prepare the next one.
    Raises DocxUnavailable for docx where python-docx is not installed."""
    if fmt in PAPER_FORMATS:
        return paper_bytes(meeting, fmt)
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


def paper_bytes(meeting: Meeting, fmt: str) -> bytes:
    """"agenda-docx", "signin-html"...: a paper for before the meeting (no private field is on it)."""
    from roomtui.minutes.papers import build_papers

    paper, kind = fmt.split("-")
    papers = build_papers(meeting)
    if kind == "docx":
        from roomtui.minutes.papers_docx import render_paper_docx

        return render_paper_docx(papers, paper)
    from roomtui.minutes.papers_html import render_paper_html

    return render_paper_html(papers, paper).encode("utf-8")


def paper_filename(meeting: Meeting, fmt: str) -> str:
    """``2019-11-22 Tongjiang council - sign-in sheet.docx``, ``... - 签到表.html``."""
    from roomtui.minutes import safe_title
    from roomtui.minutes.labels import labels_for

    paper, kind = fmt.split("-")
    words = labels_for(meeting.language)["file_agenda" if paper == "agenda" else "file_signin"]
    prefix = f"{meeting.date.isoformat()} " if meeting.date is not None else ""
    return f"{prefix}{safe_title(meeting.title)} - {words}.{kind}"


def export_papers(meeting: Meeting, folder: Path, written: list[Path] | None = None) -> list[Path]:
    """The agenda and the sign-in sheet, as HTML and (with python-docx) Word, into ``folder``;
    nothing already there is lost (as export_all)."""
    from roomtui.minutes import docx_available
    from roomtui.store.storage import atomic_write

    folder.mkdir(parents=True, exist_ok=True)
    written = [] if written is None else written
    for fmt in PAPER_FORMATS:
        if fmt.endswith("docx") and not docx_available():
            continue
        payload = paper_bytes(meeting, fmt)
        path = free_name(folder / paper_filename(meeting, fmt), payload)
        if not (path.exists() and path.read_bytes() == payload):
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
