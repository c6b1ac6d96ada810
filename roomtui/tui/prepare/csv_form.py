"""Importing participants or issues from a CSV file into the meeting being prepared.

The file is read and checked first; then every row is added in ONE action: all of it is saved
and undoable with one ctrl+z, or none of it (a refused row names its line and field).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from roomtui.domain.validation import ValidationError
from roomtui.i18n import _, ngettext
from roomtui.tui.dialogs import FormField
from roomtui.tui.widgets.prepare_forms import PrepareForm


def import_csv_form(app, what: str, on_done) -> PrepareForm:
    """The form asking for the file; ``on_done(first_added_id)`` after the rows were saved."""
    from roomtui.plan import csv_import
    from roomtui.plan.errors import PlanImportError

    read, apply = ((csv_import.read_participants_csv, csv_import.apply_participants) if what == "participants"
                   else (csv_import.read_issues_csv, csv_import.apply_issues))

    def submit(values: dict[str, Any]) -> list[str] | None:
        typed = str(values.get("path") or "").strip()
        if not typed:
            return [_("Type the path of a CSV file.")]
        path = Path(typed).expanduser()
        try:
            rows = read(path)
        except PlanImportError as error:
            return str(error).splitlines()
        except OSError as error:
            return [_("Cannot read {path}: {reason}", path=str(path), reason=error.strerror or str(error))]
        if not rows:
            return [_("{path} has no rows to import.", path=str(path))]

        def apply_all(council) -> list:
            try:
                return apply(council.meeting, rows)
            except PlanImportError as error:
                raise ValidationError(str(error).splitlines()) from None

        label = (ngettext("Import {n} participant from {file}", "Import {n} participants from {file}", len(rows),
                          file=path.name) if what == "participants" else
                 ngettext("Import {n} issue from {file}", "Import {n} issues from {file}", len(rows), file=path.name))
        outcome = app.act(label, apply_all, in_form=True, quiet=False)
        if outcome:
            on_done(outcome.result[0].id if outcome.result else None)
        return outcome.form_problems

    hint = (_("Columns: name, role, affiliation, contact, present, note (English or Chinese headers)")
            if what == "participants" else
            _("Columns: title, description, category, location, proposer, department, suggestion, note"))
    title = _("Import participants from CSV") if what == "participants" else _("Import issues from CSV")
    placeholder = "~/participants.csv" if what == "participants" else "~/issues.csv"
    return PrepareForm(title, [FormField("path", _("File path") + " · " + hint, required=True,
                                         placeholder=placeholder)], submit)
