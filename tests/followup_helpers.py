"""Small councils with commitments, for the follow-up tests: two series, several meetings."""

from __future__ import annotations

from datetime import date, datetime

from roomtui.domain.clock import FrozenClock
from roomtui.domain.council import Council
from roomtui.domain.model import Meeting, MeetingStatus, Role

HOUSING = "County Housing Bureau"
FIRE = "Fire Brigade"
POLICE = "Public Security Bureau"
SERIES_A = "Tongjiang consultation councils"
SERIES_B = "Nuojiang town hall"


def council_with(meeting_id: str, title: str, day: date, series: str,
                 promises: list[tuple[str, str, str, str]], *, closed: bool = True,
                 language: str = "en") -> Meeting:
    """``promises``: (issue title, department, deliverable, deadline) — one response each."""
    meeting = Meeting(id=meeting_id, title=title, date=day, series=series, language=language)
    clock = FrozenClock(datetime.combine(day, datetime.min.time()).replace(hour=9))
    council = Council(meeting, clock)
    council.add_agenda_item("Opening", "opening", 5)
    council.add_agenda_item("Department answers", "answers", 30)
    for department in sorted({p[1] for p in promises}):
        council.add_participant(f"Head of {department}", Role.DEPARTMENT, affiliation=department)
    for issue_title, department, deliverable, deadline in promises:
        issue = council.add_issue(issue_title, expected_department=department)
        council.record_response(issue.id, department, "resolve_now", action=deliverable, lead_unit=department,
                                deadline=deadline or "2020-12-31", text=f"We will: {deliverable}",
                                commitments=[{"lead_unit": department, "deliverable": deliverable,
                                              "deadline": deadline}])
    if closed:
        meeting.status = MeetingStatus.CLOSED
    return meeting


def two_series_folder(archive, before_saving=None) -> dict[str, str]:
    """Four meetings: three in series A (one with a damaged neighbour added by the test), one in B.
    ``before_saving(meeting)`` may add to each (the room's ratings) before it is stored."""
    meetings = [
        council_with("a-2019", "Council on residential communities", date(2019, 11, 22), SERIES_A, [
            ("Fire lane blocked", FIRE, "Mark the fire lane", "2019-12-07"),
            ("E-bikes charged indoors", HOUSING, "Build charging sheds", "2020-12-31"),
            ("Leaking roofs", HOUSING, "Temporary roof repair", "2019-12-22"),
        ]),
        council_with("a-2020", "Council on rural gentry culture", date(2020, 3, 20), SERIES_A, [
            ("No activity square", HOUSING, "Plan an activity square", "2020-09-30"),
        ]),
        council_with("b-2020", "Town hall on parking", date(2020, 1, 10), SERIES_B, [
            ("Disorderly parking", POLICE, "Parking patrols", "2020-02-01"),
            ("Night market noise", POLICE, "Noise checks", ""),
        ]),
    ]
    for meeting in meetings:
        if before_saving is not None:
            before_saving(meeting)
        archive.create(meeting)
    return {m.id: m.title for m in meetings}


async def open_register(app, pilot):
    """f on the meetings list: the register, once its worker has read the folder."""
    from roomtui.tui.screens.followup import FollowUpScreen

    await pilot.press("f")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, FollowUpScreen)
    return app.screen


def rate(meeting: Meeting, response_id: int, choices: list[str], *, closed: bool = True) -> None:
    """The room rates a response from phones: one signed-in resident per choice (满意度测评)."""
    clock = FrozenClock(datetime.combine(meeting.date, datetime.min.time()).replace(hour=11))
    rate_with(Council(meeting, clock), response_id, choices, closed=closed)


def rate_with(council: Council, response_id: int, choices: list[str], *, closed: bool = True) -> None:
    rating = council.open_rating(response_id)
    for n, choice in enumerate(choices):
        phone = f"r{response_id}p{n}"
        council.claim(phone, name=f"Resident {response_id}-{n}", affiliation="Dongcheng")
        council.vote(phone, rating.id, choice)
    if closed:
        council.close_rating(response_id)
