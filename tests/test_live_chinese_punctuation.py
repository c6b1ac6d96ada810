"""The live view's Chinese uses Chinese punctuation where it joins words: 程序动议：刘燕 and
老旧小区消防通道被车辆堵塞（西城社区）, not an ASCII colon and brackets in a Chinese line."""

from __future__ import annotations

import pytest
from room_helpers import live_demo, live_view, seen_across_panels, who

from roomtui.domain.model import Raiser, SpeakerKind

WORDS = {"en": ("point of order: Li", "Cars block the fire"),
         "zh": ("程序动议：刘燕", "老旧小区消防通道被车辆堵塞（西城社区）")}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_point_of_order_and_place_read_in_the_language(tmp_path, language, size):
    archive, meeting_id, clock, session = live_demo(tmp_path, language)
    liu = who(session.meeting, "刘燕" if language == "zh" else "Liu Yan")
    session.do("raise", lambda c: c.raise_issue(4, raiser=Raiser.GROUP, queue_answer=False))
    session.do("order", lambda c: c.speaking_order().add(liu, SpeakerKind.POINT_OF_ORDER, c.now()))
    session.close()
    async with live_view(archive, meeting_id, clock, language, size) as (app, pilot):
        order, place = WORDS[language]
        assert order in await seen_across_panels(app, pilot, lambda text: order in text)
        assert place in await seen_across_panels(app, pilot, lambda text: place in text)
