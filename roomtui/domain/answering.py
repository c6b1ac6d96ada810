"""Who is likely raising or answering what, so forms open with the right choices filled in.

These are guesses for defaults, never decisions: the secretary can change every one of them
in the form. They live in the domain so that they are tested without a screen.
"""

from __future__ import annotations

from roomtui.domain.model import Issue, Meeting, Participant, Raiser, Response, Role
from roomtui.domain.speaking import SpeakingOrder, current_speaker


def floor_person(meeting: Meeting) -> Participant | None:
    """Whoever has the floor, or spoke last on the current item: the likely author of a new issue."""
    entry = current_speaker(meeting)
    if entry is None and meeting.current_item is not None:
        finished = SpeakingOrder(meeting, meeting.current_item.id).finished
        entry = finished[-1] if finished else None
    return meeting.participant(entry.participant_id) if entry is not None else None


def departments(meeting: Meeting) -> list[str]:
    """Departments present (their heads' affiliations) and those issues expect, in that order."""
    names = [p.affiliation for p in meeting.participants if p.role is Role.DEPARTMENT and p.affiliation]
    names += [i.expected_department for i in meeting.issues if i.expected_department]
    return list(dict.fromkeys(names))


def pending_issues(meeting: Meeting) -> list[Issue]:
    """Issues raised in the meeting that no response answers yet, in the order of the record."""
    answered = {response.issue_id for response in meeting.responses}
    return [issue for issue in meeting.issues if issue.raised_at is not None and issue.id not in answered]


def issue_being_answered(meeting: Meeting, selected: int | None = None) -> int | None:
    """The issue a response is for: the current answer's, else the one selected, else the oldest pending."""
    entry = current_speaker(meeting)
    if entry is not None and entry.issue_id is not None:
        return entry.issue_id
    if selected is not None:
        return selected
    pending = pending_issues(meeting)
    return pending[0].id if pending else None


def answering_department(meeting: Meeting, issue: Issue | None) -> tuple[str, str]:
    """(department, responder) for a response: the speaking department head, else the issue's
    expected department and whoever heads it in this meeting."""
    entry = current_speaker(meeting)
    person = meeting.participant(entry.participant_id) if entry is not None else None
    if person is not None and person.role is Role.DEPARTMENT:
        return (person.affiliation or (issue.expected_department if issue else "")), person.name
    department = issue.expected_department if issue is not None else ""
    head = department_head(meeting, department) if department else None
    return department, head.name if head is not None else ""


def department_head(meeting: Meeting, department: str) -> Participant | None:
    """The participant who answers for ``department``: affiliation equal, else one containing the other."""
    wanted = department.strip().casefold()
    heads = [p for p in meeting.participants if p.role is Role.DEPARTMENT]
    return next((p for p in heads if p.affiliation.strip().casefold() == wanted), None) or next(
        (p for p in heads if wanted and (wanted in p.affiliation.casefold() or p.affiliation.casefold() in wanted)),
        None)


def raiser_choices(meeting: Meeting, issue: Issue) -> list[tuple[str, Raiser, int | None]]:
    """Who may have raised ``issue`` in the room, the likeliest first, as (kind, Raiser, person id).

    kind: "speaker" (a member or resident who has the floor: members present the report's issues
    in their speeches), "current" (who is credited now), "group" (the report's investigation
    group, when the issue names its proposer), "nobody", then "person" for everyone else who
    could have raised it (members and residents first). The secretary picks; nothing is credited
    without that.
    """
    choices: list[tuple[str, Raiser, int | None]] = []
    entry = current_speaker(meeting)
    speaker = meeting.participant(entry.participant_id) if entry is not None else None
    if speaker is not None and speaker.role in (Role.MEMBER, Role.RESIDENT):
        choices.append(("speaker", Raiser.PERSON, speaker.id))
    if issue.raised_by is not None and (speaker is None or issue.raised_by != speaker.id):
        choices.append(("current", Raiser.PERSON, issue.raised_by))
    if issue.proposer and not issue.followup_of:  # a report-back's "proposer" is the earlier council
        choices.append(("group", Raiser.GROUP, None))
    choices.append(("nobody", Raiser.NOBODY, None))
    named = {pid for _kind, _raiser, pid in choices if pid is not None}
    order = (Role.MEMBER, Role.RESIDENT)
    others = sorted((p for p in meeting.participants if p.id not in named),
                    key=lambda p: (p.role not in order, order.index(p.role) if p.role in order else 0))
    choices += [("person", Raiser.PERSON, p.id) for p in others]
    return choices


def numbered_responses(meeting: Meeting) -> list[tuple[int, Response]]:
    """Responses with the one number people use for them: 1, 2, ... in the order they were
    recorded (the order of the minutes' response table). The app's list of responses (hand-out
    `r`) and the CLI's ``--response N`` both count this way."""
    return list(enumerate(meeting.responses, 1))
