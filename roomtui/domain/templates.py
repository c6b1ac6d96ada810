"""Meeting templates: the agenda and speaking limits a new meeting starts from."""

from __future__ import annotations

from dataclasses import dataclass, replace

from roomtui.domain.council import Council
from roomtui.domain.model import AgendaKind, Meeting, SpeakingLimits
from roomtui.domain.problems import problem
from roomtui.domain.validation import ValidationError
from roomtui.i18n import N_, record_label


@dataclass(frozen=True)
class Template:
    key: str
    name: str  # English; shown through _()
    agenda: tuple[tuple[str, AgendaKind, int], ...]
    limits: SpeakingLimits
    planned_minutes: int


COUNCIL = Template(
    key="council",
    name=N_("consultation council"),
    agenda=(
        (N_("Opening"), AgendaKind.OPENING, 5),
        (N_("Briefing on the research report"), AgendaKind.BRIEFING, 15),
        (N_("Speeches"), AgendaKind.SPEECHES, 60),
        (N_("Department answers"), AgendaKind.ANSWERS, 40),
        (N_("Follow-up questions"), AgendaKind.QUESTIONS, 20),
        (N_("Leader's summary"), AgendaKind.SUMMARY, 10),
        (N_("Closing"), AgendaKind.CLOSING, 5),
    ),
    limits=SpeakingLimits(booked=8 * 60, impromptu=5 * 60, resident=3 * 60, answer=2 * 60, point_of_order=60),
    planned_minutes=165,
)

TOWN_HALL = Template(
    key="town_hall",
    name=N_("town hall"),
    agenda=(
        (N_("Opening"), AgendaKind.OPENING, 5),
        (N_("Public comment (sign-up order)"), AgendaKind.SPEECHES, 60),
        (N_("Responses"), AgendaKind.ANSWERS, 30),
        (N_("Closing"), AgendaKind.CLOSING, 5),
    ),
    # a uniform limit for everyone who signed up
    limits=SpeakingLimits(booked=3 * 60, impromptu=3 * 60, resident=3 * 60, answer=3 * 60, point_of_order=60,
                          one_entry_per_person=True),
    planned_minutes=100,
)

BLANK = Template(key="blank", name=N_("blank"), agenda=(), limits=SpeakingLimits(), planned_minutes=0)

TEMPLATES: dict[str, Template] = {t.key: t for t in (COUNCIL, TOWN_HALL, BLANK)}



def template_title(title: str, language: str) -> str:
    """A template's agenda title in the meeting's language (the record catalog, context "agenda")."""
    return record_label(language, "agenda", title, title)


def new_meeting(title: str, template_key: str = "council", *, language: str = "en", meeting_id: str = "",
                created_at=None, **details) -> Meeting:
    """A draft meeting with the template's agenda and speaking limits (validated like typing)."""
    template = TEMPLATES.get(template_key)
    if template is None:
        raise ValidationError([problem("unknown template '{key}' (one of: {keys})", key=template_key,
                                 keys=", ".join(TEMPLATES))])
    meeting = Meeting(id=meeting_id, title="", language=language, created_at=created_at,
                      limits=replace(template.limits))
    council = Council(meeting)
    council.set_details(title=title, planned_minutes=template.planned_minutes, **details)
    for item_title, kind, minutes in template.agenda:
        council.add_agenda_item(template_title(item_title, language), kind, minutes)
    return meeting
