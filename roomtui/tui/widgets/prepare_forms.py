"""The forms of the prepare view: which fields each record has, filled from the record.

The forms themselves are the shared FormDialog (it shows the domain's refusals and keeps
what was typed); this module only knows the fields, their labels and how the values they
return map onto the Council's verbs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.widgets import Input

from roomtui.domain.model import (
    AgendaItem,
    AgendaKind,
    Issue,
    Meeting,
    Participant,
    Role,
)
from roomtui.domain.validation import seconds_text
from roomtui.i18n import _
from roomtui.tui.dialogs import FormDialog, FormField

OTHER = "__other__"  # the "another department" choice of the issue form


class PrepareForm(FormDialog):
    """A FormDialog that can open with the cursor in a given field (Enter on a details row)."""

    def __init__(self, title: str, fields: Sequence[FormField], submit: Callable[[dict[str, Any]], list[str] | None],
                 *, focus: str | None = None,
                 on_change: Callable[[FormDialog, str, Any], None] | None = None) -> None:
        super().__init__(title, fields, submit, on_change=on_change)
        self.focus_field = focus

    def on_mount(self) -> None:
        # FormDialog.on_mount (run after this one) focuses the first field; focus ours after it.
        if self.focus_field:
            self.call_after_refresh(self._focus_field)

    def _focus_field(self) -> None:
        widget = self.query_one(f"#field-{self.focus_field}")
        widget.focus()
        if isinstance(widget, Input):
            widget.cursor_position = len(widget.value)


minutes_seconds = seconds_text  # the form shows a limit as parse_seconds reads it back


# -- details and limits --------------------------------------------------------------------------
DETAIL_FIELDS = ("title", "theme", "series", "date", "start_time", "venue", "host", "recorder", "planned_minutes",
                 "background", "next_theme", "review_date", "document_number", "issuing_office", "issue_date", "copy_to")
LIMIT_FIELDS = ("booked", "impromptu", "resident", "answer", "point_of_order")


def detail_label(name: str) -> str:
    return {
        "title": _("Title"), "theme": _("Theme"), "series": _("Series or organiser"), "date": _("Date"),
        "start_time": _("Start time"), "venue": _("Venue"), "host": _("Host"), "recorder": _("Recorder"),
        "planned_minutes": _("Planned length"), "background": _("Background (research summary)"),
        "next_theme": _("Next council's theme"), "review_date": _("Review date (report back on commitments)"),
        "document_number": _("Document number (filed minutes)"), "issuing_office": _("Issuing office"),
        "issue_date": _("Date of issue"), "copy_to": _("Copy to (separate with 、 or commas)"),
    }[name]


def limit_label(name: str) -> str:
    return {
        "booked": _("Booked speech"), "impromptu": _("Impromptu speech"), "resident": _("Resident representative"),
        "answer": _("Department answer"), "point_of_order": _("Point of order"),
        "one_entry_per_person": _("One entry per person"),
    }[name]


def detail_text(meeting: Meeting, name: str) -> str:
    """A detail as the form shows and takes it (dates ISO, times HH:MM, minutes as a number)."""
    value = getattr(meeting, name)
    if value is None:
        return ""
    if name in ("date", "review_date", "issue_date"):
        return value.isoformat()
    if name == "start_time":
        return value.strftime("%H:%M")
    if name == "planned_minutes":
        return str(value) if value else ""
    return str(value)


def details_fields(meeting: Meeting) -> list[FormField]:
    placeholders = {"date": "YYYY-MM-DD", "start_time": "HH:MM", "planned_minutes": _("minutes"),
                    "review_date": "YYYY-MM-DD", "issue_date": "YYYY-MM-DD"}
    label_hint = {"date": " (YYYY-MM-DD)", "start_time": " (HH:MM)", "planned_minutes": _(" (minutes)"),
                  "review_date": " (YYYY-MM-DD)", "issue_date": " (YYYY-MM-DD)"}
    return [FormField(name, detail_label(name) + label_hint.get(name, ""),
                      "textarea" if name == "background" else "text", detail_text(meeting, name),
                      placeholder=placeholders.get(name, ""), required=name == "title")
            for name in DETAIL_FIELDS]


def limits_fields(meeting: Meeting) -> list[FormField]:
    limits = meeting.limits
    fields = [FormField(name, limit_label(name) + " (M:SS)", value=minutes_seconds(getattr(limits, name)),
                        placeholder="M:SS") for name in LIMIT_FIELDS]
    fields.append(FormField("one_entry_per_person", limit_label("one_entry_per_person"), "checkbox",
                            limits.one_entry_per_person))
    return fields


# -- participants --------------------------------------------------------------------------------
def role_options() -> list[tuple[str, str]]:
    return [(role.label, role.value) for role in Role]


def participant_fields(person: Participant | None) -> list[FormField]:
    person = person or Participant(id=0, name="")
    return [
        FormField("name", _("Name"), value=person.name, required=True),
        FormField("role", _("Role"), "select", person.role.value, role_options(), required=True),
        FormField("affiliation", _("Affiliation (unit, community, department)"), value=person.affiliation),
        FormField("contact", _("Contact (private: never in public minutes)"), value=person.contact),
        FormField("present", _("Present"), "checkbox", person.present),
        FormField("note", _("Private note"), "textarea", person.note),
    ]


def participant_values(values: dict[str, Any]) -> dict[str, Any]:
    values = dict(values)
    values["role"] = values.get("role") or Role.MEMBER.value
    values["present"] = bool(values.get("present"))
    return values


# -- agenda --------------------------------------------------------------------------------------
def kind_options() -> list[tuple[str, str]]:
    return [(kind.label, kind.value) for kind in AgendaKind]


def agenda_fields(item: AgendaItem | None) -> list[FormField]:
    item = item or AgendaItem(id=0, title="")
    return [
        FormField("title", _("Title"), value=item.title, required=True),
        FormField("kind", _("Kind"), "select", item.kind.value, kind_options(), required=True),
        FormField("planned_minutes", _("Planned minutes"), value=str(item.planned_minutes or ""),
                  placeholder=_("minutes")),
    ]


def agenda_values(values: dict[str, Any]) -> dict[str, Any]:
    values = dict(values)
    values["kind"] = values.get("kind") or AgendaKind.OTHER.value
    return values


# -- issues --------------------------------------------------------------------------------------
def departments(meeting: Meeting) -> list[str]:
    """Departments that can answer: the affiliations of the department heads, in list order."""
    seen: list[str] = []
    for person in meeting.participants:
        if person.role is Role.DEPARTMENT and person.affiliation and person.affiliation not in seen:
            seen.append(person.affiliation)
    return seen


def issue_fields(meeting: Meeting, issue: Issue | None) -> list[FormField]:
    issue = issue or Issue(id=0, title="")
    known = departments(meeting)
    choice: str | None = None
    other = ""
    if issue.expected_department in known:
        choice = issue.expected_department
    elif issue.expected_department:
        choice, other = OTHER, issue.expected_department
    options = [(name, name) for name in known] + [(_("another department (type it below)"), OTHER)]
    return [
        FormField("title", _("Title"), value=issue.title, required=True),
        FormField("description", _("Description"), "textarea", issue.description),
        FormField("category", _("Category"), value=issue.category,
                  placeholder=_("e.g. property management, public facilities")),
        FormField("location", _("Location (community, compound)"), value=issue.location),
        FormField("proposer", _("Proposer"), value=issue.proposer, placeholder=_("e.g. investigation group 3")),
        FormField("department_choice", _("Expected department"), "select", choice, options,
                  placeholder=_("none yet")),
        FormField("department_other", _("… or another department"), value=other,
                  placeholder=_("typed here, it wins over the choice above")),
        FormField("suggestion", _("Suggestion"), "textarea", issue.suggestion),
        FormField("note", _("Private note"), "textarea", issue.note),
    ]


def issue_values(values: dict[str, Any]) -> dict[str, Any]:
    """Form values as Council.add_issue/update_issue take them (one expected_department)."""
    values = dict(values)
    choice = values.pop("department_choice", None)
    other = (values.pop("department_other", "") or "").strip()
    values["expected_department"] = other or (choice if choice and choice != OTHER else "")
    return values
