"""The agenda's last lines say which end is which: "ends ~11:15 (-20)", then "planned end 11:35"
(预计 11:15 结束（-20）, 计划 11:35 结束), not "plan 11:35", which read as a planned start when the meeting ran at another
time of day than planned."""

from __future__ import annotations

import re

import pytest
from room_helpers import live_demo

from roomtui.i18n import set_language
from roomtui.tui.app import RoomApp

WORDS = {"en": r"ends ~\d\d:\d\d \([+-]\d+\) .*\n.* planned end \d\d:\d\d ",
         "zh": r"预计 \d\d:\d\d 结束（[+-]\d+） .*\n.* 计划 \d\d:\d\d 结束 "}


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_the_agenda_names_the_predicted_and_the_planned_end(tmp_path, language, size):
    archive, meeting_id, clock, session = live_demo(tmp_path, language)
    session.close()
    set_language(language)
    app = RoomApp(archive, meeting_id=meeting_id, view="live", clock=clock)
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            seen = screen_text(app)
            for _n in range(4):  # under 120 columns the panels are tabs: v shows the next one
                if re.search(WORDS[language], seen):
                    break
                await pilot.press("v")
                await pilot.pause()
                seen = screen_text(app)
            assert re.search(WORDS[language], seen), seen
    finally:
        set_language("en")
