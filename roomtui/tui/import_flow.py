"""Importing from the meetings list: a new meeting by default; replacing only after confirming.

The rules are importing.py's (the CLI's `--replace` and `--force`); this module is the app's
way of asking. Replacing names the meeting, its status and what it holds; a meeting that has
been run, or one whose private fields the file lacks, is asked about a second time, and the
message afterwards says where the old version was kept.
"""

from __future__ import annotations

from pathlib import Path

from roomtui.i18n import _
from roomtui.tui.dialogs import ConfirmDialog, FormDialog, FormField

NEW = "__new__"


def start_import(screen) -> None:
    """Ask for a file (and, optionally, a meeting to replace), then import or confirm."""
    app = screen.app
    chosen: dict[str, object] = {}

    def submit(values: dict) -> list[str] | None:
        from roomtui.importing import check_replace, import_file, read_meeting_file, stored_copies
        from roomtui.store import BadMeetingFile, MeetingNotFound

        path = Path(str(values["path"] or "").strip()).expanduser()
        target = values.get("replace") or NEW
        try:
            if target == NEW:
                incoming = read_meeting_file(path)
                copies = stored_copies(app.archive, incoming)
                if copies:  # asked after the form closes: open the one here, or import another copy
                    chosen["copies"] = (path, copies)
                    return None
                chosen["result"] = import_file(app.archive, path)
            else:
                chosen["check"] = (path, target, *check_replace(app.archive, path, target))
        except (ValueError, BadMeetingFile, MeetingNotFound) as error:
            return str(error).splitlines()
        except OSError as error:
            return [_("Cannot read {path}: {reason}", path=values["path"], reason=error.strerror or str(error))]
        return None

    def done(result) -> None:
        if not result:
            return
        if "copies" in chosen:
            _offer_copy(screen, *chosen["copies"], report)
            return
        if "result" in chosen:
            report(chosen["result"])
            return
        _confirm_replace(screen, *chosen["check"])

    def report(imported) -> None:
        from roomtui.importing import kept_id_note

        screen.refresh_view()
        if imported.file_id:
            app.notify(_("Imported as new meeting {id} ({why}).", id=imported.meeting_id,
                         why=kept_id_note(imported)), brief=False)
        else:
            app.notify(_("Imported into meeting {id}.", id=imported.meeting_id), brief=False)
        if imported.unlinked:
            app.notify(imported.unlinked_notice(), severity="warning", timeout=15)
        from roomtui.tui.report_back_offer import offer_report_back

        offer_report_back(app, imported.meeting_id, ask_only_if_new=True)

    meetings = [(_("a new meeting"), NEW)] + [(f"{s.title} ({s.id})", s.id) for s in app.archive.list()]
    app.push_screen(FormDialog(_("Import a plan (.toml) or a meeting (.json)"), [
        FormField("path", _("File path"), required=True, placeholder="~/council-plan.toml"),
        FormField("replace", _("Import as"), "select", NEW, meetings, required=True),
    ], submit), done)


def _offer_copy(screen, path: Path, copies, imported) -> None:
    """The file is a meeting already here: open that one (first: Enter), or import another copy."""
    from roomtui.importing import import_file
    from roomtui.tui.dialogs import PickerDialog

    app = screen.app
    latest = copies[0]
    choices = [(_("Open '{title}' ({id}) instead", title=c.title, id=c.meeting_id), ("open", c.meeting_id))
               for c in copies]
    choices.append((_("Import another copy (the register counts its commitments once)"), ("copy", "")))

    def picked(value) -> None:
        if value is None:
            return
        what, meeting_id = value
        if what == "open":
            app.open_meeting(meeting_id)
            return
        try:
            result = import_file(app.archive, path)
        except (ValueError, OSError) as error:
            app.notify(str(error), severity="error", timeout=20)
            return
        imported(result)

    app.push_screen(PickerDialog(latest.notice(), choices), picked)


def _confirm_replace(screen, path: Path, target: str, current, _incoming, risks: list[str]) -> None:
    from roomtui.importing import describe

    app = screen.app

    def replace() -> None:
        from roomtui.importing import ImportRefused, replace_from_file

        try:
            result = replace_from_file(app.desk, path, target, force=True)
        except (ImportRefused, ValueError, OSError) as error:
            app.notify(str(error), severity="error", timeout=20)
            return
        screen.refresh_view()
        app.notify(_("Replaced meeting {id}. Its previous version is kept as {backup}.", id=target,
                     backup=result.backup), timeout=20, brief=False)
        if result.unlinked:
            app.notify(result.unlinked_notice(), severity="warning", timeout=15)

    def second(yes: bool | None) -> None:
        if yes:
            replace()

    def first(yes: bool | None) -> None:
        if not yes:
            return
        if not risks:
            replace()
            return
        app.push_screen(ConfirmDialog(_("Replacing loses what only the meeting holds: {risks}. A copy of it is "
                                        "kept in the backups folder. Replace it anyway?", risks="; ".join(risks)),
                                      _("Replace anyway")), second)

    app.push_screen(ConfirmDialog(_("Replace meeting {meeting} with everything in {file}? A copy of the meeting "
                                    "as it is now is kept in the backups folder.", meeting=describe(current),
                                    file=path.name), _("Replace")), first)
