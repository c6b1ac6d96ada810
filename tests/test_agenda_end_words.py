"""The agenda's last lines say which end is which: "ends ~11:15 (-20)", then "planned end 11:35"
(预计 11:15 结束（-20）, 计划 11:35 结束), not "plan 11:35", which read as a planned start when the meeting ran at another
time of day than planned."""

from __future__ import annotations

import re

import pytest
from room_helpers import live_demo, live_view, seen_across_panels

WORDS = {"en": r"ends ~\d\d:\d\d \([+-]\d+\) .*\n.* planned end \d\d:\d\d ",
         "zh": r"预计 \d\d:\d\d 结束（[+-]\d+） .*\n.* 计划 \d\d:\d\d 结束 "}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_the_agenda_names_the_predicted_and_the_planned_end(tmp_path, language, size):
    archive, meeting_id, clock, session = live_demo(tmp_path, language)
    session.close()
    async with live_view(archive, meeting_id, clock, language, size) as (app, pilot):
        seen = await seen_across_panels(app, pilot, lambda text: re.search(WORDS[language], text))
        assert re.search(WORDS[language], seen), seen
