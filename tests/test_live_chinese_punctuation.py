"""The live view's Chinese uses Chinese punctuation where it joins words: 程序动议：刘燕 and
老旧小区消防通道被车辆堵塞（西城社区）, not an ASCII colon and brackets in a Chinese line."""

from __future__ import annotations

import pytest
from room_helpers import live_demo, who

from roomtui.domain.model import Raiser, SpeakerKind
from roomtui.i18n import set_language
from roomtui.tui.app import RoomApp

WORDS = {"en": ("point of order: Li", "Cars block the fire"),
         "zh": ("程序动议：刘燕", "老旧小区消防通道被车辆堵塞（西城社区）")}


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_point_of_order_and_place_read_in_the_language(tmp_path, language, size):
    archive, meeting_id, clock, session = live_demo(tmp_path, language)
    liu = who(session.meeting, "刘燕" if language == "zh" else "Liu Yan")
    session.do("raise", lambda c: c.raise_issue(4, raiser=Raiser.GROUP, queue_answer=False))
    session.do("order", lambda c: c.speaking_order().add(liu, SpeakerKind.POINT_OF_ORDER, c.now()))
    session.close()
    set_language(language)
    app = RoomApp(archive, meeting_id=meeting_id, view="live", clock=clock)
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            order, place = WORDS[language]
            seen = screen_text(app)
            for _n in range(4):  # under 120 columns the panels are tabs: v shows the next one
                if order in seen:
                    break
                await pilot.press("v")
                await pilot.pause()
                seen = screen_text(app)
            assert order in seen
            for _n in range(4):
                if place in seen:
                    break
                await pilot.press("v")
                await pilot.pause()
                seen = screen_text(app)
            assert place in seen
    finally:
        set_language("en")
