"""Ask for a folder and write a meeting's files into it: the minutes (F5, e) and the papers for
the door (Prepare, p) ask the same way, refuse the same mistakes and say the same thing after.

A name that is a file is refused before anything is written; a write that fails part-way says
how many files were written before it stopped, and the form stays open to try another folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from roomtui.i18n import _, ngettext
from roomtui.tui.dialogs import FormDialog, FormField


def ask_folder_and_write(app, question: str, default: Path, write: Callable[[Path, list[Path]], object],
                         written_title: str, *, then: Callable[[], None] | None = None) -> None:
    """Ask ``question`` with ``default`` filled in; ``write(folder, written)`` appends each file it
    wrote to ``written``. Once written, a toast names the count and the folder under
    ``written_title``, and ``then`` (if given) adds what else there is to say."""
    written: list[Path] = []

    def submit(values: dict) -> list[str] | None:
        folder = Path(str(values["folder"]).strip() or default).expanduser()
        if folder.exists() and not folder.is_dir():
            return [_("{path} is a file, not a folder", path=folder)]
        written.clear()
        try:
            write(folder, written)
        except OSError as error:
            return [_("Cannot write to {folder}: {reason}. {n} files were written before it stopped.",
                      folder=folder, reason=error.strerror or str(error), n=len(written))]
        return None

    def done(result) -> None:
        if result and written:
            app.notify(ngettext("Wrote {n} file to {folder}", "Wrote {n} files to {folder}", len(written),
                                folder=written[0].parent), title=written_title, timeout=15)
            if then is not None:
                then()

    app.push_screen(FormDialog(question, [
        FormField("folder", _("Folder (a USB stick works too)"), value=str(default)),
    ], submit), done)
