"""What happens on an error nobody foresaw: a report on disk, a short message on screen.

A traceback on a projector shows the room whatever the program held at that moment (Textual's
shows local variables: a phone number, in one trial). So the screen only ever gets one short
message (what happened, that everything saved is safe, where the report is), and the full
traceback goes to a file in the data folder that only its owner can read (0600). The report
holds no local variables either: the traceback lines and the error are enough to fix it.
Used by the CLI (`roomtui ...`) and by the app (tui/app.py overrides Textual's error exit).
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
import traceback
from pathlib import Path

from roomtui import __version__
from roomtui.domain.text import visible
from roomtui.i18n import _

REPORTS_FOLDER = "crash-reports"
EXIT_UNEXPECTED = 2  # exit code after an unexpected error (1: a refused command, bad input)


def write_report(data_folder: Path | None, error: BaseException, where: str = "") -> Path | None:
    """Write the report; its path, or None if no folder at all could take it."""
    lines = [f"roomtui {__version__} crash report", f"time: {time.strftime('%Y-%m-%d %H:%M:%S %z')}",
             f"python: {sys.version.split()[0]} on {platform.platform()}", f"where: {where or '-'}", ""]
    lines += traceback_lines(error)
    body = visible("".join(line if line.endswith("\n") else line + "\n" for line in lines)).encode("utf-8", "replace")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    folders = ([Path(data_folder) / REPORTS_FOLDER] if data_folder is not None else []) + \
        [Path(tempfile.gettempdir()) / f"roomtui-{REPORTS_FOLDER}"]
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            for number in range(1, 100):
                path = folder / f"crash-{stamp}-{os.getpid()}-{number}.txt"
                try:
                    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                except FileExistsError:
                    continue
                with os.fdopen(fd, "wb") as handle:
                    handle.write(body)
                return path
        except OSError:
            continue
    return None


def traceback_lines(error: BaseException) -> list[str]:
    """The traceback of ``error`` and, when it was made but never raised (Textual's WorkerFailed
    wraps a worker's error in a new exception that has no traceback of its own), of the error
    it wraps: that is where the fault is. Frames only, never their local variables."""
    lines: list[str] = []
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        lines += traceback.format_exception(type(error), error, error.__traceback__)
        inner = getattr(error, "error", None)
        if error.__traceback__ is not None or not isinstance(inner, BaseException):
            break
        lines.append("\nThe error it wraps:\n\n")
        error = inner
    return lines


def crash_message(error: BaseException, report: Path | None) -> str:
    """One line for the screen: the kind of error only (its text may quote private data)."""
    kind = type(error).__name__
    if report is None:
        return _("roomtui stopped on an unexpected error ({kind}). Everything saved before it is safe. "
                 "No report could be written.", kind=kind)
    return _("roomtui stopped on an unexpected error ({kind}). Everything saved before it is safe. "
             "The report is in {path}", kind=kind, path=visible(report, keep_newlines=False))
