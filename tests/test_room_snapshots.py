"""The room view as the audience sees it: 120x40 and 200x60 in English and Chinese, and 80x24.

The state: during the speeches a department head answers issue #4 with 20 seconds left (the
warning colours), a response already recorded, four people waiting. And after the meeting, while
the laptop shares the minutes over Wi-Fi: the share's two codes.
"""

from __future__ import annotations

from datetime import date

import pytest
from room_helpers import live_demo, put_up_share, who

from roomtui.domain.model import Disposition
from roomtui.i18n import set_language
from roomtui.store import Archive
from roomtui.tui.room.app import RoomViewApp

RESPONSE = {
    "en": ("County Public Security Bureau", "Sun Wei", "Mark the fire lane and enforce it", "County traffic police"),
    "zh": ("县公安局", "孙伟", "施划消防通道标线并依法执法", "县交警大队"),
}


def _room(tmp_path, language: str, *, state: str = "answer", sharing: bool = False) -> RoomViewApp:
    set_language(language)  # `roomtui show` speaks the meeting's language
    archive, meeting_id, clock, session = live_demo(tmp_path, language)
    try:
        if state in ("answer", "ended"):
            department, responder, action, lead = RESPONSE[language]
            session.do("issue", lambda c: c.raise_issue(4, raised_by=who(c.meeting, responder)))
            answer = session.meeting.speakers[-1].id
            session.do("answer", lambda c: c.speaking_order().start(answer, c.now()))
            clock.advance(100)
            session.do("respond", lambda c: c.record_response(
                4, department, Disposition.RESOLVE_NOW, responder=responder, action=action, lead_unit=lead,
                deadline=date(2019, 12, 7)))
        if state == "ended":
            session.do("close", lambda c: c.close_meeting())
    finally:
        session.close()
    if sharing:
        put_up_share(archive.root, meeting_id, language=language)
    return RoomViewApp(Archive(archive.root, read_only=True), meeting_id, clock=clock, poll_seconds=None,
                       carousel_seconds=None)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", [(120, 40), (200, 60)])
def test_room_view_answer(snap_compare, tmp_path, language, size):
    assert snap_compare(_room(tmp_path, language), terminal_size=size)


def test_room_view_80x24_zh(snap_compare, tmp_path):
    assert snap_compare(_room(tmp_path, "zh"), terminal_size=(80, 24))


def test_room_view_between_speakers_120x40_en(snap_compare, tmp_path):
    assert snap_compare(_room(tmp_path, "en", state="between"), terminal_size=(120, 40))


def test_room_view_ended_120x40_en(snap_compare, tmp_path):
    assert snap_compare(_room(tmp_path, "en", state="ended"), terminal_size=(120, 40))


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", [(120, 40), (200, 60)])
def test_room_view_wifi_codes(snap_compare, tmp_path, language, size):
    assert snap_compare(_room(tmp_path, language, state="ended", sharing=True), terminal_size=size)
