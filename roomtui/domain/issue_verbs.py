"""The secretary's verbs on issues and responses: collect and raise issues, record what a
department answers (disposition, commitments), confirm, grade.

A mixin of Council (council.py), which supplies ``meeting``, ``now``, ``speaking_order`` and
``_get``; one method = one action, validated before it changes anything.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from roomtui.domain.model import (
    Commitment,
    Disposition,
    FollowUpEntry,
    Grade,
    Issue,
    IssueSource,
    Participant,
    Raiser,
    Response,
    Satisfaction,
    SpeakerKind,
)
from roomtui.domain.cleaning import clean_fields
from roomtui.domain.answering import department_head
from roomtui.domain.problems import problem
from roomtui.domain.validation import ValidationError, response_problems, text_field
from roomtui.i18n import N_, _


class IssueVerbs:
    """Issues and responses (see the module docstring)."""

    def add_issue(self, title: str, source: IssueSource | str = IssueSource.REPORT, **values: Any) -> Issue:
        cleaned = clean_fields({"title": title, **values}, required=("title",))
        if cleaned.get("raised_by") is not None:
            self._get(self.meeting.participant(cleaned["raised_by"]), _("participant"), cleaned["raised_by"])
        issue = Issue(id=self.meeting.next_id(self.meeting.issues), source=IssueSource(source), **cleaned)
        if issue.raised_by is not None and "raiser" not in cleaned:
            issue.raiser = Raiser.PERSON  # named in the form that added it
        self.meeting.issues.append(issue)
        return issue

    def update_issue(self, issue_id: int, **values: Any) -> Issue:
        issue = self._get(self.meeting.issue(issue_id), _("issue"), issue_id)
        cleaned = clean_fields(values, required=("title",) if "title" in values else ())
        for name, value in cleaned.items():
            setattr(issue, name, value)
        return issue

    def remove_issue(self, issue_id: int) -> Issue:
        issue = self._get(self.meeting.issue(issue_id), _("issue"), issue_id)
        if self.meeting.responses_to(issue_id):
            raise ValidationError([problem("issue #{id} has responses and stays in the record", id=issue_id)])
        self.meeting.issues.remove(issue)
        self.meeting.speakers = [s for s in self.meeting.speakers if not (s.issue_id == issue_id and s.waiting)]
        return issue

    def raise_issue(self, issue_id: int | None = None, *, title: str = "", raised_by: int | None = None,
                    raiser: Raiser | str | None = None, queue_answer: bool = True, **values: Any) -> Issue:
        """An issue comes up in the room: a new one from the floor, or one from the report.

        ``raised_by`` names the person the secretary confirmed (``raiser`` PERSON); ``raiser``
        GROUP or NOBODY says nobody present raised it. Raising an issue again only changes who
        raised it when one of them is given. The department expected to answer is queued on the
        current item, linked to the issue.
        """
        now = self.now()
        if issue_id is None:
            issue = self.add_issue(title, IssueSource.FLOOR, raised_by=raised_by, **values)
        else:
            issue = self._get(self.meeting.issue(issue_id), _("issue"), issue_id)
        if raiser is not None or raised_by is not None:
            self.set_raiser(issue.id, raised_by, raiser)
        issue.raised_at = issue.raised_at or now
        if queue_answer and issue.expected_department and self.meeting.current_item_id is not None:
            answerer = self.department_head(issue.expected_department)
            order = self.speaking_order()
            if answerer is not None and not any(s.issue_id == issue.id and s.waiting for s in order.entries):
                order.add(answerer.id, SpeakerKind.ANSWER, now, issue_id=issue.id)
        return issue

    def set_raiser(self, issue_id: int, raised_by: int | None, raiser: Raiser | str | None = None) -> Issue:
        """Who raised ``issue_id``, as the secretary confirms it now (also after the meeting)."""
        issue = self._get(self.meeting.issue(issue_id), _("issue"), issue_id)
        kind = Raiser(raiser) if raiser else (Raiser.PERSON if raised_by is not None else Raiser.NOBODY)
        if kind in (Raiser.PERSON, Raiser.UNCONFIRMED):
            if raised_by is None:
                raise ValidationError([problem("say who raised issue #{id}", id=issue_id)])
            self._get(self.meeting.participant(raised_by), _("participant"), raised_by)
            issue.raised_by = raised_by
        else:
            issue.raised_by = None
        issue.raiser = kind
        return issue

    def department_head(self, department: str) -> Participant | None:
        """The participant who answers for ``department`` (matched on affiliation)."""
        return department_head(self.meeting, department)

    # -- responses -----------------------------------------------------------------------
    def record_response(self, issue_id: int, department: str, disposition: Disposition | str,
                        commitments: list[dict[str, Any] | Commitment] = (), **values: Any) -> Response:
        """Record a department's answer; refused (with every missing field named) if incomplete."""
        self._get(self.meeting.issue(issue_id), _("issue"), issue_id)
        cleaned = clean_fields({"department": department, **values}, required=("department",))
        response = Response(id=self.meeting.next_id(self.meeting.responses), issue_id=issue_id,
                            disposition=Disposition(disposition), recorded_at=self.now(), **cleaned)
        response.commitments = [self._commitment(c, n) for n, c in enumerate(commitments, 1)]
        problems = response_problems(response)
        if problems:
            raise ValidationError(problems)
        self.meeting.responses.append(response)
        return response

    def update_response(self, response_id: int, commitments: list[dict[str, Any] | Commitment] | None = None,
                        **values: Any) -> Response:
        response = self._get(self.meeting.response(response_id), _("response"), response_id)
        if "disposition" in values:
            values["disposition"] = Disposition(values["disposition"])
        if "satisfaction" in values:
            values["satisfaction"] = Satisfaction(values["satisfaction"]) if values["satisfaction"] else None
        special = {k: values.pop(k) for k in ("disposition", "satisfaction") if k in values}
        updated = replace(response, **clean_fields(values), **special)
        if commitments is not None:
            updated.commitments = [self._commitment(c, n) for n, c in enumerate(commitments, 1)]
        problems = response_problems(updated)
        if problems:
            raise ValidationError(problems)
        index = self.meeting.responses.index(response)
        self.meeting.responses[index] = updated
        return updated

    def add_commitment(self, response_id: int, **values: Any) -> Commitment:
        response = self._get(self.meeting.response(response_id), _("response"), response_id)
        commitment = self._commitment(values, len(response.commitments) + 1)
        response.commitments.append(commitment)
        return commitment

    def record_progress(self, response_id: int, index: int, *, grade: Grade | str | None = None,
                        note: str = "") -> FollowUpEntry:
        """Follow-up on one commitment: a grade change and/or a progress note, dated now in its
        history (the one grading verb: the minutes' grade, the register's grades and notes)."""
        response = self._get(self.meeting.response(response_id), _("response"), response_id)
        if not 0 <= index < len(response.commitments):
            raise ValidationError([problem("response #{id} has no commitment {n}", id=response_id, n=index + 1)])
        text = text_field(note, _("progress note"), multiline=True)
        try:
            new_grade = Grade(grade) if grade else None
        except ValueError:
            raise ValidationError([problem("unknown grade '{value}' (one of: A, B, C, D)",
                                           value=str(grade)[:10])]) from None
        commitment = response.commitments[index]
        if not text and (new_grade is None or new_grade is commitment.grade):
            raise ValidationError([problem("nothing to record: give a new grade or a progress note")])
        entry = FollowUpEntry(at=self.now(), grade=new_grade, previous=commitment.grade, note=text)
        commitment.history.append(entry)
        if new_grade is not None:
            commitment.grade = new_grade
        return entry

    def confirm_response(self, response_id: int, confirmed: bool = True) -> Response:
        response = self._get(self.meeting.response(response_id), _("response"), response_id)
        response.confirmed_at = self.now() if confirmed else None
        return response

    def remove_response(self, response_id: int) -> Response:
        response = self._get(self.meeting.response(response_id), _("response"), response_id)
        self.meeting.responses.remove(response)
        return response

    def _commitment(self, value: dict[str, Any] | Commitment, number: int) -> Commitment:
        if isinstance(value, Commitment):
            value = {"lead_unit": value.lead_unit, "deliverable": value.deliverable, "deadline": value.deadline,
                     "co_units": value.co_units, "grade": value.grade,
                     "history": value.history}
        value = dict(value)
        co_units = value.pop("co_units", []) or []
        if isinstance(co_units, str):
            co_units = [u for u in co_units.replace("，", ",").replace("、", ",").split(",")]
        grade = value.pop("grade", None)
        history = list(value.pop("history", None) or [])  # follow-up entries stay with their commitment
        try:
            cleaned = clean_fields(value, required=("lead_unit", "deliverable"))
        except ValidationError as error:
            raise ValidationError([problem("commitment {n}: {problem}", n=number, problem=p).at(p.field or "commitments")
                                   for p in error.problems])
        return Commitment(co_units=[text_field(u, "co_units", label=N_("co-unit")) for u in co_units if str(u).strip()],
                          grade=Grade(grade) if grade else None, history=history, **cleaned)
