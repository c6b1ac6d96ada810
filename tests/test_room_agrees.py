"""The room view and the secretary's app say the same thing (issue 25, bug 3): the agenda
position of a part ("3.1/7"), who is next (an interrupted speaker resumes after the point of
order, and the room's list says so), and a department's answer named once ("answer to #6 ...",
not "answer · answer to #6 ...")."""

from __future__ import annotations

import pytest
from room_helpers import screen_lines, item_shown, look, next_shown, part_lines, room_beside, who

from roomtui.domain.clock import FrozenClock
from roomtui.domain.model import SpeakerKind
from roomtui.i18n import set_language
from roomtui.store import Archive
from roomtui.tui.app import RoomApp
from roomtui.tui.dialogs import PickerDialog

from room_helpers import START

NAMES = {"en": ("Zhang Xiaojun", "Fu Xiude", "Liu Yan", "Sun Wei", "He Jianping"),
         "zh": ("张晓军", "付秀德", "刘燕", "孙伟", "何建平")}
RESUMES = {"next": {"en": "resumes next (n)", "zh": "下一个恢复发言（n）"},
           "after": {"en": "resumes after the point of order", "zh": "程序动议后恢复发言"}}
PARTS = {"en": ("Members", "Residents"), "zh": ("委员发言", "居民发言")}
ANSWER = {"en": "answer to #4 ", "zh": "回应 #4 "}
STUTTER = {"en": "answer · answer", "zh": "回应 · 回应"}


def council_with_parts(tmp_path, language: str):
    archive = Archive(tmp_path / "data")
    meeting_id = archive.ensure_demo(language)
    clock = FrozenClock(START)
    session = archive.open(meeting_id, clock=clock)
    speeches = session.meeting.agenda[2].id
    for title in PARTS[language]:
        session.do("part", lambda c, title=title: c.add_agenda_item(title, "speeches", 15, parent_id=speeches))
    session.close()
    return archive, meeting_id, clock


def head(app) -> str:
    """The head of the app's speaking order (who waits, who was interrupted), shown or in a folded tab."""
    return str(app.screen.query_one("#sp-head").content)


async def pick(pilot, key: str, text: str) -> None:
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, PickerDialog), pilot.app.screen
    await pilot.press(*text, "enter")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_room_view_and_app_agree_step_by_step(tmp_path, language, size):
    archive, meeting_id, clock = council_with_parts(tmp_path, language)
    set_language(language)
    zhang, fu, liu, sun, he = NAMES[language]
    app = RoomApp(archive, meeting_id=meeting_id, view="live", clock=clock)
    room = room_beside(archive, meeting_id, clock)
    async with room.run_test(size=(120, 40)) as room_pilot, app.run_test(size=size) as pilot:  # room: a projector
        await pilot.pause()
        for _step in range(4):  # opening, briefing, speeches, its first part
            await pilot.press("right")
            await pilot.pause()
        await look(room, room_pilot)
        assert item_shown(app) == item_shown(room) == "3.1/7", "\n".join(screen_lines(room))

        await pick(pilot, "b", zhang)
        await pick(pilot, "b", liu)
        await pilot.press("n")  # Zhang speaks
        clock.advance(200)
        await pick(pilot, "o", fu)
        await look(room, room_pilot)
        assert next_shown(room) == [fu, liu]
        await pilot.press("n")  # Fu's point of order: Zhang is interrupted, owed the floor back
        clock.advance(40)
        await pilot.pause()
        await look(room, room_pilot)
        order = app.session.council.speaking_order()
        assert [app.session.meeting.participant(e.participant_id).name for e in order.up_next()] == [zhang, liu]
        assert next_shown(room) == [zhang, liu]
        assert RESUMES["next"][language] in head(app)
        await pick(pilot, "o", he)  # a second point of order: it comes before Zhang, and both screens say so
        await look(room, room_pilot)
        assert next_shown(room) == [he, zhang, liu]
        assert RESUMES["after"][language] in head(app)
        await pilot.press("n")  # He's point of order
        await pilot.pause()
        await look(room, room_pilot)
        assert next_shown(room) == [zhang, liu] and RESUMES["next"][language] in head(app)
        await pilot.press("s")  # He has finished; nobody speaks: the app and the room name the same next
        await pilot.pause()
        await look(room, room_pilot)
        assert next_shown(room) == [zhang, liu]
        assert any(zhang in line for line in part_lines(app, "#cd-speaker")), part_lines(app, "#cd-speaker")
        await pilot.press("n")  # Zhang resumes
        await pilot.pause()
        await look(room, room_pilot)
        assert next_shown(room) == [liu]

        await pilot.press("right")  # the second part
        await pilot.pause()
        await look(room, room_pilot)
        assert item_shown(app) == item_shown(room) == "3.2/7"
        await pilot.press("right")  # 4: department answers
        await pilot.pause()
        session = app.session
        session.do("raise", lambda c: c.raise_issue(4, raiser="group"))
        await pilot.press("n")  # Sun Wei answers #4
        await pilot.pause()
        await look(room, room_pilot)
        assert item_shown(app) == item_shown(room) == "4/7"
        turn = "\n".join(part_lines(room, "#floor-turn")).strip()
        assert turn.startswith(ANSWER[language]) and STUTTER[language] not in turn, turn
        assert app.session.meeting.participant(session.council.speaking_order().current.participant_id).name == sun
        assert session.council.speaking_order().current.kind is SpeakerKind.ANSWER
    assert who(archive.load(meeting_id), zhang)
