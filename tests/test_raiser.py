"""Who raised an issue is confirmed by the secretary, never credited silently (issue 25, bug 1).

A member presenting research-report issues in a speech is the likely raiser, so `I` offers the
speaker first; the secretary sees it and can choose the report's investigation group, another
person or nobody, and correct it afterwards (also once the meeting is closed). The minutes say
"raised by" only what was confirmed; a credit made silently by older versions is kept as a
guess and left out of the record.
"""

from __future__ import annotations

import pytest
from room_helpers import live_demo, who

from roomtui.domain.answering import raiser_choices
from roomtui.domain.model import Raiser
from roomtui.i18n import set_language
from roomtui.minutes.model import build_minutes
from roomtui.tui.app import RoomApp
from roomtui.tui.dialogs import PickerDialog
from roomtui.tui.screens.live import LiveScreen

NAMES = {"en": {"zhang": "Zhang Xiaojun", "liu": "Liu Yan", "market": "farmers", "lights": "lights"},
         "zh": {"zhang": "张晓军", "liu": "刘燕", "market": "农贸", "lights": "路灯"}}
SPEAKER = {"en": "Zhang Xiaojun (has the floor)", "zh": "张晓军（正在发言）"}
GROUP = {"en": "investigation group", "zh": "调研组"}
NOBODY = {"en": "nobody named", "zh": "不署名"}


def choices(app) -> list[str]:
    options = app.screen.query_one("#picker-options")
    return [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]


def highlighted(app) -> str:
    options = app.screen.query_one("#picker-options")
    return str(options.get_option_at_index(options.highlighted).prompt)


async def type_and_enter(pilot, text: str) -> None:
    assert isinstance(pilot.app.screen, PickerDialog), pilot.app.screen
    await pilot.press(*text)
    await pilot.press("enter")
    await pilot.pause()


def credited(meeting) -> dict[int, list[str]]:
    """Issue numbers per speaker, as the minutes print them."""
    minutes = build_minutes(meeting, public=True)
    return {s.speaker: [r.number for r in s.issues_raised] for s in minutes.speeches if s.issues_raised}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_the_speaker_is_offered_never_credited_silently(tmp_path, language, size):
    archive, meeting_id, clock, session = live_demo(tmp_path, language)
    session.close()
    set_language(language)  # the interface in the meeting's language, as a Chinese secretary has it
    names = NAMES[language]
    app = RoomApp(archive, meeting_id=meeting_id, view="live", clock=clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        meeting = app.session.meeting
        await pilot.press("n")  # Zhang, a member, has the floor
        clock.advance(60)
        await pilot.press("I")
        await pilot.pause()
        await type_and_enter(pilot, names["market"])
        # the raiser is asked: the speaker first and highlighted, every other answer on the list
        listed = choices(app)
        assert highlighted(app) == listed[0] == SPEAKER[language]
        assert GROUP[language] in listed[1] and NOBODY[language] in listed[2]
        assert any(names["liu"] in label for label in listed[3:])
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        assert (meeting.issue(1).raised_by, meeting.issue(1).raiser) == (who(meeting, names["zhang"]), Raiser.PERSON)

        # the lights were in the report, not in Zhang's speech: the group is chosen
        await pilot.press("I")
        await pilot.pause()
        await type_and_enter(pilot, names["lights"])
        lights = next(i for i in meeting.issues if names["lights"] in i.title)
        await type_and_enter(pilot, GROUP[language])
        assert (lights.raised_by, lights.raiser, lights.raised_at is not None) == (None, Raiser.GROUP, True)
        assert credited(meeting) == {names["zhang"]: [1]}

        # afterwards: Zhang did present the lights after all; and #1 was Liu's, from the floor list
        await pilot.press("I")
        await pilot.pause()
        await type_and_enter(pilot, names["lights"])
        await pilot.press("enter")  # the speaker, offered first again
        await pilot.pause()
        await pilot.press("I")
        await pilot.pause()
        await type_and_enter(pilot, names["market"])
        await type_and_enter(pilot, names["liu"])
        assert credited(meeting) == {names["zhang"]: [lights.id]}
        assert sum(1 for s in meeting.speakers if s.waiting and s.issue_id == 1) <= 1  # correcting queues nobody


async def test_escape_records_nothing(tmp_path):
    archive, meeting_id, clock, session = live_demo(tmp_path)
    session.close()
    app = RoomApp(archive, meeting_id=meeting_id, view="live", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", "I")
        await pilot.pause()
        await type_and_enter(pilot, "farmers")
        await pilot.press("escape")
        await pilot.pause()
        issue = app.session.meeting.issue(1)
        assert (issue.raised_at, issue.raised_by) == (None, None)


def test_a_closed_meeting_takes_a_corrected_raiser_and_nothing_else(tmp_path):
    archive, meeting_id, clock, session = live_demo(tmp_path)
    session.do("next", lambda c: c.speaking_order().next(c.now()))
    zhang = who(session.meeting, "Zhang Xiaojun")
    session.do("raise", lambda c: c.raise_issue(1, raised_by=zhang, raiser="unconfirmed"))
    session.do("close", lambda c: c.close_meeting())
    assert credited(session.meeting) == {}  # a guess is not the record
    assert raiser_choices(session.meeting, session.meeting.issue(1))[0] == ("current", Raiser.PERSON, zhang)
    session.do("confirm", lambda c: c.set_raiser(1, zhang))
    assert credited(session.meeting) == {"Zhang Xiaojun": [1]}
    assert session.undo()
    assert session.meeting.issue(1).raiser is Raiser.UNCONFIRMED


async def test_a_closed_meeting_is_corrected_with_the_same_key(tmp_path):
    archive, meeting_id, clock, session = live_demo(tmp_path, "zh")
    session.do("next", lambda c: c.speaking_order().next(c.now()))
    session.do("raise", lambda c: c.raise_issue(1, raised_by=who(c.meeting, "张晓军"), raiser="unconfirmed"))
    session.do("close", lambda c: c.close_meeting())
    session.close()
    set_language("zh")
    app = RoomApp(archive, meeting_id=meeting_id, view="live", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("I")
        await pilot.pause()
        listed = choices(app)  # only what was raised, with its unconfirmed credit in view
        assert len(listed) == 1 and "张晓军？（未确认）" in listed[0]
        await pilot.press("enter")
        await pilot.pause()
        assert highlighted(app) == "张晓军（已记为提出人，未确认）"
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.meeting.issue(1).raiser is Raiser.PERSON
        assert credited(app.session.meeting) == {"张晓军": [1]}


def test_a_report_back_issue_offers_no_investigation_group():
    from roomtui.domain.demo import build_demo

    meeting = build_demo("en")
    issue = meeting.issues[0]
    assert [kind for kind, _r, _p in raiser_choices(meeting, issue)][:2] == ["group", "nobody"]
    issue.followup_of = "2019-11-22-a1b2c3#r1.1"
    issue.proposer = "Tongjiang County CPPCC consultation council"
    assert [kind for kind, _r, _p in raiser_choices(meeting, issue)][:1] == ["nobody"]
