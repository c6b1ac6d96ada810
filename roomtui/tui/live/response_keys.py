"""The live screen's keys for issues and responses: raise an issue from the floor or for the
report-back, record a response, confirm it, the proposer's satisfaction, add a commitment.

A mixin of LiveScreen, which supplies ``meeting``, ``issues`` and ``app``; each key is one domain
verb through ``app.act``. The row-selected handler stays on the screen (Textual collects ``@on``
handlers from the screen's own class body).
"""

from __future__ import annotations

from typing import Any

from roomtui.domain.answering import departments as departments_of
from roomtui.domain.answering import department_head, floor_person, raiser_choices
from roomtui.domain.model import Meeting, MeetingStatus, Raiser, Satisfaction
from roomtui.i18n import _
from roomtui.tui.dialogs import FormDialog, FormField, PickerDialog
from roomtui.tui.live.response_form import ResponseForm


def response_label(meeting: Meeting, response) -> str:
    """'#4 Cars block the fire lane → County Public Security Bureau': names the issue it answers."""
    issue = meeting.issue(response.issue_id)
    return f"#{response.issue_id} {issue.title if issue else ''} → {response.department}"


def raiser_text(meeting: Meeting, issue) -> str:
    """How the list of issues says who raised one: 'raised by 王建华', '… (not confirmed)', 'raised'."""
    person = meeting.participant(issue.raised_by)
    if issue.raiser is Raiser.UNCONFIRMED and person is not None:
        return _("raised: {name}? (not confirmed)", name=person.name)
    if issue.raiser is Raiser.PERSON and person is not None:
        return _("raised by {name}", name=person.name)
    if issue.raiser is Raiser.GROUP:
        return _("raised for the investigation group")
    return _("raised")


class ResponseKeys:
    """Keys of issues and responses (see the module docstring)."""

    def action_raise_floor_issue(self) -> None:
        if self.meeting.current_item is None:
            self.app.notify(_("Start the meeting first (→)."), severity="warning")
            return
        author = floor_person(self.meeting)
        people = [(p.name, p.id) for p in self.meeting.participants]
        departments = [(d, d) for d in departments_of(self.meeting)]

        def submit(values: dict[str, Any]) -> list[str] | None:
            fields = {k: values[k] or "" for k in ("location", "category", "expected_department")}
            outcome = self.app.act(_("Raise an issue from the floor"), lambda c: c.raise_issue(
                title=values["title"], raised_by=values["raised_by"], **fields), in_form=True)
            if outcome:
                self.issues.select_key(f"i{outcome.result.id}")
                self._say_if_nobody_answers(outcome.result.id)
            return outcome.form_problems

        self.app.push_screen(FormDialog(_("An issue from the floor"), [
            FormField("title", _("Title"), required=True),
            FormField("location", _("Location")),
            FormField("category", _("Category")),
            FormField("raised_by", _("Raised by"), "select", author.id if author else None, people),
            FormField("expected_department", _("Expected to answer"), "select", None, departments),
        ], submit))

    def action_raise_report_issue(self) -> None:
        """Raise an issue of the research report, then say who raised it (the speaker is offered
        first, never credited without the secretary's Enter). An issue already raised, also in a
        closed meeting, is offered too: picking it corrects who raised it."""
        meeting = self.meeting
        closed = meeting.status is MeetingStatus.CLOSED
        if meeting.current_item is None and not closed:
            self.app.notify(_("Start the meeting first (→)."), severity="warning")
            return
        choices = []
        for issue in meeting.issues:
            if closed and issue.raised_at is None:
                continue
            label = f"#{issue.id} {issue.title}"
            if issue.location:
                label += f" · {issue.location}"
            if issue.expected_department:
                label += f" → {issue.expected_department}"
            if issue.raised_at is not None:
                label += " · " + raiser_text(meeting, issue)
            choices.append((label, issue.id))
        if not choices:
            self.app.notify(_("No issue was raised in this meeting."), severity="warning")
            return

        def picked(issue_id: int | None) -> None:
            issue = self.meeting.issue(issue_id)
            if issue is not None:
                self._ask_raiser(issue)

        self.app.push_screen(PickerDialog(_("Raise an issue of the research report") if not closed
                                          else _("Who raised which issue?"), choices,
                                          placeholder=_("part of a title, place or department")), picked)

    def _say_if_nobody_answers(self, issue_id: int) -> None:
        """Raising an issue queues its department's head to answer: when nobody of that department
        takes part, nothing is queued, and when its head is marked absent, the turn waits for
        someone not in the room; either way the secretary must know."""
        issue = self.meeting.issue(issue_id)
        if issue is None or not issue.expected_department:
            return
        head = department_head(self.meeting, issue.expected_department)
        if head is None:
            self.app.notify(_("Nobody of {department} takes part in this meeting, so no answer was queued. Add its "
                              "head under Participants (F2), or record the response with r when it comes.",
                              department=issue.expected_department), severity="warning", timeout=10)
        elif not head.present:
            self.app.notify(_("{name} ({department}) is marked absent, yet was queued to answer. Mark them present "
                              "under Participants (F2, p), or take the turn out of the speaking order (x).",
                              name=head.name, department=issue.expected_department), severity="warning", timeout=10)

    def _ask_raiser(self, issue) -> None:
        """Who raised ``issue``: the likeliest first (Enter takes it), every other answer listed."""
        meeting = self.meeting
        labels = {
            "speaker": lambda person: _("{name} (has the floor)", name=person.name),
            "current": lambda person: (_("{name} (credited, not confirmed)", name=person.name)
                                       if issue.raiser is Raiser.UNCONFIRMED else _("{name} (credited now)", name=person.name)),
            "person": lambda person: " · ".join(filter(None, (person.name, person.role.label, person.affiliation))),
        }
        choices = []
        for kind, raiser, person_id in raiser_choices(meeting, issue):
            if kind == "group":
                label = _("the report's investigation group: {group}", group=issue.proposer)
            elif kind == "nobody":
                label = _("nobody named (not credited to anyone)")
            else:
                label = labels[kind](meeting.participant(person_id))
            choices.append((label, (raiser.value, person_id)))
        first_time = issue.raised_at is None

        def chosen(value) -> None:
            if value is None:
                return
            raiser, person_id = value
            if first_time:
                done = self.app.act(_("Raise issue #{id}", id=issue.id),
                                    lambda c: c.raise_issue(issue.id, raised_by=person_id, raiser=raiser))
            else:
                done = self.app.act(_("Who raised issue #{id}", id=issue.id),
                                    lambda c: c.set_raiser(issue.id, person_id, raiser))
            if done:
                self.issues.select_key(f"i{issue.id}")
                if first_time:
                    self._say_if_nobody_answers(issue.id)

        self.app.push_screen(PickerDialog(_("Who raised #{id} {title}?", id=issue.id, title=issue.title), choices,
                                          placeholder=_("part of a name")), chosen)

    def action_record_response(self) -> None:
        if not self.meeting.issues:
            self.app.notify(_("There are no issues yet: raise one first (i or I)."), severity="warning")
            return

        def saved(response) -> None:
            self.issues.select_key(f"r{response.id}")
            self.app.notify(_("Response recorded: k confirms it in session, m adds a commitment."), timeout=4)

        self.app.push_screen(ResponseForm(self.app, self.meeting, self.issues.selected_issue_id(self.meeting), saved))

    def _with_response(self, then, *, always_ask: bool = False) -> None:
        """Act on the response selected in the issues table, or pick one. ``always_ask``: show the
        picker whenever there is a choice, the selected response first (Enter takes it)."""
        response_id = self.issues.selected_response_id()
        if response_id is not None and not always_ask:
            then(response_id)
            return
        responses = self.meeting.responses
        if not responses:
            self.app.notify(_("No response has been recorded yet (r)."), severity="warning")
            return
        if len(responses) == 1:
            then(responses[0].id)
            return
        ordered = sorted(reversed(responses), key=lambda r: r.id != response_id)
        choices = []
        for response in ordered:
            label = response_label(self.meeting, response)
            if response.satisfaction is not None:
                label += " · " + (_("reopened: proposer dissatisfied") if response.reopened
                                  else response.satisfaction.label)
            choices.append((label, response.id))
        self.app.push_screen(PickerDialog(_("Which response?"), choices),
                             lambda picked: picked is not None and then(picked))

    def _reselect(self, key: str) -> None:
        self.issues.select_key(key)

    def action_confirm_response(self) -> None:
        def confirm(response_id: int) -> None:
            response = self.meeting.response(response_id)
            confirmed = response is not None and response.confirmed_at is None
            self.app.act(_("Confirmed in session") if confirmed else _("Confirmation withdrawn"),
                         lambda c: c.confirm_response(response_id, confirmed))
            self.issues.select_key(f"r{response_id}")

        self._with_response(confirm)

    def action_satisfaction(self) -> None:
        """Ask the proposer, then note it: satisfied, basically satisfied, dissatisfied (or not asked)."""
        def rate(response_id: int) -> None:
            choices = [(level.label, level.value) for level in Satisfaction] + [(_("not asked"), "")]

            def picked(value: str | None) -> None:
                if value is None:
                    return
                self.app.act(_("Proposer's satisfaction"),
                             lambda c: c.update_response(response_id, satisfaction=value or None))
                self.issues.select_key(f"r{response_id}")

            response = self.meeting.response(response_id)
            question = _("Is the proposer of {issue} satisfied with the response?",
                         issue=response_label(self.meeting, response)) if response else ""
            self.app.push_screen(PickerDialog(question, choices), picked)

        self._with_response(rate, always_ask=True)

    def action_add_commitment(self) -> None:
        def add(response_id: int) -> None:
            response = self.meeting.response(response_id)
            if response is None:
                return
            number = len(response.commitments) + 1

            def submit(values: dict[str, Any]) -> list[str] | None:
                return self.app.act(_("Add commitment {n}", n=number),
                                    lambda c: c.add_commitment(response_id, **values), in_form=True).form_problems

            self.app.push_screen(FormDialog(_("Commitment {n} of the response to #{id}", n=number,
                                              id=response.issue_id), [
                FormField("lead_unit", _("Lead unit"), value=response.lead_unit or response.department, required=True),
                FormField("co_units", _("Co-units (comma separated)")),
                FormField("deliverable", _("Deliverable"), required=True),
                FormField("deadline", _("Deadline"), placeholder="YYYY-MM-DD"),
            ], submit), lambda _done: self._reselect(f"r{response_id}"))

        self._with_response(add)
