"""The response form: a department's answer to an issue, its disposition and its commitments.

It shows exactly the fields the chosen disposition requires (resolve now: action, lead unit,
deadline; step by step: plan, milestones, target date; higher level: reason, body asked, next
step, interim measure), opens on the issue being answered with the answering department and
its head filled in, and saves through one Council verb (refused with every missing field named).
Each thing is asked once: the commitment's lead unit and deadline are those of the disposition
(the department, for higher-level support); ``m`` in the live view adds commitments of their own.
"""

from __future__ import annotations

from typing import Any

from roomtui.domain.answering import answering_department, department_head, issue_being_answered
from roomtui.domain.model import Disposition, Meeting
from roomtui.domain.problems import problem
from roomtui.domain.validation import REQUIRED_FIELDS
from roomtui.i18n import _
from roomtui.tui.dialogs import FormDialog, FormField

DISPOSITION_FIELDS = [name for fields in REQUIRED_FIELDS.values() for name, _label in fields]
COMMITMENT_FIELDS = ("c_deliverable", "c_co_units")
DATE_FIELDS = ("deadline", "target_date")


def show_disposition_fields(form: FormDialog, disposition: Any) -> None:
    wanted = {name for name, _label in REQUIRED_FIELDS.get(Disposition(disposition), ())} if disposition else set()
    for name in DISPOSITION_FIELDS:
        form.show_row(name, name in wanted)


class ResponseForm(FormDialog):
    """The form; ``on_saved(response)`` runs after the response was saved.

    It opens in the response text: the issue, department and responder are filled in already, so
    what the secretary types first is the answer being spoken (Tab and shift+Tab reach the rest).
    """

    FIRST_FIELD = "text"

    def __init__(self, app, meeting: Meeting, selected_issue: int | None, on_saved) -> None:
        raised = sorted(meeting.issues, key=lambda i: (i.raised_at is None, i.id))
        issue_id = issue_being_answered(meeting, selected_issue) or raised[0].id
        department, responder = answering_department(meeting, meeting.issue(issue_id))
        self._app, self._on_saved = app, on_saved
        self._typed_department = department  # replaced when another issue is chosen, unless edited
        self._typed_responder = responder  # replaced with the department: one department's head never answers for another
        super().__init__(_("Record a response"), _fields(raised, issue_id, department, responder), self._submit,
                         on_change=self._changed)

    def on_mount(self) -> None:
        show_disposition_fields(self, self.values().get("disposition"))

    def _changed(self, form: FormDialog, name: str, value: Any) -> None:
        if name == "disposition":
            show_disposition_fields(form, value)
        elif name == "issue" and value is not None:
            chosen = self._app.session.meeting.issue(value)
            box = form.query_one("#field-department")
            if chosen is not None and chosen.expected_department and box.value in ("", self._typed_department):
                box.value = self._typed_department = chosen.expected_department
                who = form.query_one("#field-responder")
                if who.value in ("", self._typed_responder):
                    head = department_head(self._app.session.meeting, chosen.expected_department)
                    who.value = self._typed_responder = head.name if head is not None else ""

    def _submit(self, values: dict[str, Any]) -> list[str] | None:
        if values["issue"] is None:
            return [problem("choose the issue this response answers", "issue")]
        if not values["disposition"]:
            return [problem("choose a disposition", "disposition")]
        disposition = Disposition(values["disposition"])
        specific = {name: values[name] for name, _label in REQUIRED_FIELDS[disposition]}
        commitments = []
        if any(str(values[name] or "").strip() for name in COMMITMENT_FIELDS):
            # each thing is asked once: the commitment's lead unit and deadline are the disposition's
            commitments.append({"lead_unit": values.get("lead_unit") or values["department"],
                                "co_units": values["c_co_units"], "deliverable": values["c_deliverable"],
                                "deadline": values.get("deadline") or values.get("target_date") or ""})
        outcome = self._app.act(_("Record response"), lambda c: c.record_response(
            values["issue"], values["department"], disposition, commitments=commitments,
            responder=values["responder"], text=values["text"], **specific), in_form=True)
        if outcome:
            self._on_saved(outcome.result)
        return outcome.form_problems


def _fields(raised, issue_id: int, department: str, responder: str) -> list[FormField]:
    fields = [
        FormField("issue", _("Issue"), "select", issue_id, [(f"#{i.id} {i.title}", i.id) for i in raised],
                  required=True),
        FormField("department", _("Department"), value=department, required=True),
        FormField("responder", _("Responder"), value=responder),
        FormField("text", _("Response"), "textarea"),
        FormField("disposition", _("Disposition"), "select", None, [(d.label, d.value) for d in Disposition],
                  required=True),
    ]
    for required in REQUIRED_FIELDS.values():
        for name, label in required:
            fields.append(FormField(name, _(label), placeholder="YYYY-MM-DD" if name in DATE_FIELDS else "",
                                    required=True))
    # a commitment (who, what, by when): its lead unit and deadline are the disposition's; m adds
    # further commitments with their own
    fields += [
        FormField("c_deliverable", _("Commitment: deliverable")),
        FormField("c_co_units", _("Commitment: co-units (comma separated)")),
    ]
    return fields
