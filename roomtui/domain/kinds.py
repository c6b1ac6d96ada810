"""The closed lists the meeting record chooses from: roles, kinds, dispositions, grades, states.

Each value is what the files store; each label is what people read, in the interface's language
(``label``) or in the meeting's own (``label_in``, for the minutes and hand-outs). The labels are
words of the record: ``python -m roomtui.catalog`` lists them from ``_LABELS`` below.
"""

from __future__ import annotations

from enum import Enum

from roomtui.i18n import N_, NP_, record_label


class _Choice(str, Enum):
    """An enum whose value is stored in files and whose label is shown to people."""

    @property
    def label(self) -> str:
        from roomtui.i18n import translate

        return translate(_LABELS[self])

    def label_in(self, language: str) -> str:
        """The label in a meeting's own language (minutes, hand-outs), whatever the interface's."""
        return record_label(language, "enum", f"{type(self).__name__}.{self.value}", _LABELS[self])

    def __str__(self) -> str:  # so f-strings never leak "Role.MEMBER"
        return self.value


class MeetingStatus(_Choice):
    DRAFT = "draft"
    LIVE = "live"
    CLOSED = "closed"


class Role(_Choice):
    SECRETARY = "secretary"
    CHAIR = "chair"
    MEMBER = "member"
    RESIDENT = "resident"
    DEPARTMENT = "department"
    LEADER = "leader"
    OBSERVER = "observer"


class AgendaKind(_Choice):
    OPENING = "opening"
    BRIEFING = "briefing"
    SPEECHES = "speeches"
    ANSWERS = "answers"
    QUESTIONS = "questions"
    SUMMARY = "summary"
    CLOSING = "closing"
    OTHER = "other"


class SpeakerKind(_Choice):
    POINT_OF_ORDER = "point_of_order"
    BOOKED = "booked"
    IMPROMPTU = "impromptu"
    ANSWER = "answer"


class IssueSource(_Choice):
    REPORT = "report"
    FLOOR = "floor"


class Raiser(_Choice):
    """Who raised an issue in the room, as the secretary confirmed it.

    Only a confirmed raiser goes into the minutes: a guess (files written before the secretary
    was asked: the speaker who had the floor) stays UNCONFIRMED until someone looks at it.
    """

    UNCONFIRMED = "unconfirmed"  # raised_by is a guess, never credited in the minutes
    PERSON = "person"  # raised_by, confirmed
    GROUP = "group"  # the report's investigation group (the issue's proposer) presented it
    NOBODY = "nobody"  # nobody is named


class Disposition(_Choice):
    RESOLVE_NOW = "resolve_now"
    STEP_BY_STEP = "step_by_step"
    HIGHER_LEVEL = "higher_level"


class Grade(_Choice):
    """Follow-up grade of a commitment, separate from the disposition declared in the room."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"


class Satisfaction(_Choice):
    SATISFIED = "satisfied"
    BASICALLY = "basically_satisfied"
    DISSATISFIED = "dissatisfied"


class SignInState(_Choice):
    CLAIMED = "claimed"  # a phone said "this is me"; the secretary has not looked yet
    CONFIRMED = "confirmed"  # the secretary agreed: the person is present
    RELEASED = "released"  # the secretary (or the phone) let the name go


class RequestState(_Choice):
    WAITING = "waiting"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


_LABELS: dict[_Choice, str] = {
    MeetingStatus.DRAFT: N_("draft"),
    MeetingStatus.LIVE: N_("live"),
    MeetingStatus.CLOSED: N_("closed"),
    Role.SECRETARY: N_("secretary"),
    Role.CHAIR: N_("chair"),
    Role.MEMBER: N_("member"),
    Role.RESIDENT: N_("resident representative"),
    Role.DEPARTMENT: N_("department head"),
    Role.LEADER: N_("leader"),
    Role.OBSERVER: N_("observer"),
    AgendaKind.OPENING: N_("opening"),
    AgendaKind.BRIEFING: N_("briefing"),
    AgendaKind.SPEECHES: N_("speeches"),
    AgendaKind.ANSWERS: N_("answers"),
    AgendaKind.QUESTIONS: N_("questions"),
    AgendaKind.SUMMARY: N_("summary"),
    AgendaKind.CLOSING: N_("closing"),
    AgendaKind.OTHER: N_("other"),
    SpeakerKind.POINT_OF_ORDER: N_("point of order"),
    SpeakerKind.BOOKED: N_("booked"),
    SpeakerKind.IMPROMPTU: N_("impromptu"),
    SpeakerKind.ANSWER: NP_("speaker kind", "answer"),  # a department's turn; "answer" the field is 回应
    IssueSource.REPORT: N_("research report"),
    IssueSource.FLOOR: N_("from the floor"),
    Raiser.UNCONFIRMED: N_("not confirmed"),
    Raiser.PERSON: N_("a person"),
    Raiser.GROUP: N_("the investigation group"),
    Raiser.NOBODY: N_("nobody named"),
    Disposition.RESOLVE_NOW: N_("resolve now"),
    Disposition.STEP_BY_STEP: N_("study, then resolve step by step"),
    Disposition.HIGHER_LEVEL: N_("needs higher-level support"),
    Grade.A: N_("A solved"),
    Grade.B: N_("B in progress"),
    Grade.C: N_("C planned"),
    Grade.D: N_("D cannot be solved for now"),
    Satisfaction.SATISFIED: N_("satisfied"),
    Satisfaction.BASICALLY: N_("basically satisfied"),
    Satisfaction.DISSATISFIED: N_("dissatisfied"),
    SignInState.CLAIMED: N_("claimed"),
    SignInState.CONFIRMED: N_("confirmed"),
    SignInState.RELEASED: N_("released"),
    RequestState.WAITING: N_("waiting"),
    RequestState.ACCEPTED: N_("accepted"),
    RequestState.DECLINED: N_("declined"),
    RequestState.WITHDRAWN: N_("withdrawn"),
}
