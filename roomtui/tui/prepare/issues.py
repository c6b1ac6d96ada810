"""The issues pane: the research report's problems, each expected to be answered by a department."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from roomtui.domain.model import Issue, Meeting
from roomtui.i18n import N_, _, ngettext
from roomtui.tui.dialogs import ConfirmDialog
from roomtui.tui.prepare.csv_form import import_csv_form
from roomtui.tui.prepare.pane import PreparePane, changed
from roomtui.tui.widgets.prepare_forms import PrepareForm, issue_fields, issue_values
from roomtui.tui.widgets.prepare_table import PrepareTable


class IssuesPane(PreparePane):
    READ_ONLY_ACTIONS = frozenset()  # every other action here changes the meeting: refused read-only (app.py)
    TAB = "issues"
    BINDINGS = [
        Binding("a", "add_issue", N_("Add issue"), id="prepare.issues.add"),
        Binding("e", "edit_issue", N_("Edit issue"), id="prepare.issues.edit"),
        Binding("delete", "remove_issue", N_("Remove issue"), id="prepare.issues.remove"),
        Binding("ctrl+o", "import_issues", N_("Import issues (CSV)"), id="prepare.issues.import"),
    ]

    def compose(self) -> ComposeResult:
        yield PrepareTable(["#", _("Title"), _("Expected department"), _("Category"), _("Location"), _("Proposer")],
                           id="issues-table")
        yield Static("", id="issues-status", classes="prepare-status")

    def show(self, meeting: Meeting) -> None:
        rows = []
        for issue in meeting.issues:
            department = Text(issue.expected_department) if issue.expected_department else Text("—", style="dim")
            rows.append((str(issue.id), [Text(f"#{issue.id}"), Text(issue.title, style="bold"), department,
                                         Text(issue.category), Text(issue.location), Text(issue.proposer)]))
        self.table.fill(rows)
        without = sum(not i.expected_department for i in meeting.issues)
        line = ngettext("{n} issue", "{n} issues", len(meeting.issues))
        if without:
            line += " · " + ngettext("{n} without an expected department", "{n} without an expected department",
                                     without)
        if not meeting.issues:
            line += " · " + _("a adds an issue, ctrl+o imports a CSV file")
        self.status.update(Text(line))

    def _issue(self) -> Issue | None:
        return self.meeting.issue(self.selected_id())

    def edit(self) -> None:
        self.action_edit_issue()

    def _form(self, title: str, issue: Issue | None) -> None:
        fields = issue_fields(self.meeting, issue)

        def apply(council, values: dict[str, Any]) -> Issue:
            if issue is None:
                return council.add_issue(values.pop("title"), **values)
            return council.update_issue(issue.id, **values)

        def submit(values: dict[str, Any]) -> list[str] | None:
            if issue is not None and not changed(fields, values):
                return None
            values = issue_values(values)
            name = str(values.get("title") or "").strip()
            label = _("Add issue '{title}'", title=name) if issue is None else _("Edit issue #{id}", id=issue.id)
            outcome = self.app.act(label, lambda council: apply(council, dict(values)), in_form=True)
            if outcome:
                self.select(outcome.result.id)
            return outcome.form_problems

        self.app.push_screen(PrepareForm(title, fields, submit))

    def action_add_issue(self) -> None:
        self._form(_("Add an issue (research report)"), None)

    def action_edit_issue(self) -> None:
        issue = self._issue()
        if issue is None:
            self.action_add_issue()
            return
        self._form(_("Edit issue #{id}", id=issue.id), issue)

    def action_remove_issue(self) -> None:
        issue = self._issue()
        if issue is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.act(_("Remove issue #{id}", id=issue.id), lambda council: council.remove_issue(issue.id))

        self.app.push_screen(ConfirmDialog(_("Remove issue #{id} '{title}'?", id=issue.id, title=issue.title),
                                           _("Remove")), answer)

    def action_import_issues(self) -> None:
        self.app.push_screen(import_csv_form(self.app, "issues", self.select))
