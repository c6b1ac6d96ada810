"""A report-back issue is titled by the original issue and the deliverable ("#4 老旧小区消防通道… —
每月巡查一次"), not the deliverable alone: the I picker and the issues table say what it answers."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from roomtui.domain.clock import FrozenClock
from roomtui.domain.report_back_agenda import add_report_back
from roomtui.i18n import set_language
from roomtui.store.desk import Desk
from roomtui.store.followup_index import load_register
from roomtui.tui.app import RoomApp
from roomtui.tui.dialogs import PickerDialog
from tests.followup_helpers import council_with

SERIES = "Tongjiang consultation councils"
LONG = "老旧小区消防通道被车辆堵塞，消防车进不去，居民多次反映仍未解决"
PROMISES = {
    "en": [("Fire lane blocked", "Fire Brigade", "Mark the fire lane", "2019-12-07"),
           ("Leaking roofs", "County Housing Bureau", "Temporary roof repair", "2019-12-22")],
    "zh": [("春场坪社区没有活动广场", "县住建局", "规划建设活动广场", "2020-08-31"),
           (LONG, "县消防救援大队", "每月巡查一次", "2020-06-30")],
}
WANTED = {"en": ["#1 Fire lane blocked — Mark the fire lane", "#2 Leaking roofs — Temporary roof repair"],
          "zh": ["#1 春场坪社区没有活动广场 — 规划建设活动广场", "#2 " + LONG[:23] + "… — 每月巡查一次"]}


def with_report_back(archive, language: str) -> str:
    archive.create(council_with("first", "First council", date(2019, 11, 22), SERIES, PROMISES[language],
                                language=language))
    archive.create(council_with("next", "Next council", date(2020, 5, 8), SERIES, [], closed=False,
                                language=language))
    items = load_register(archive, date(2020, 5, 1)).open_in_series(SERIES, before=date(2020, 5, 8))
    desk = Desk(archive, FrozenClock(datetime(2020, 5, 8, 9, 0)))
    desk.open("next")
    desk.act("next", "report-back", lambda c: add_report_back(c, items, language))
    desk.close()
    return "next"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_title_names_the_original_issue_then_the_deliverable(archive, language):
    meeting = archive.load(with_report_back(archive, language))
    titles = sorted(i.title for i in meeting.issues if i.followup_of)
    assert titles == WANTED[language]
    assert all(len(t) <= 200 for t in titles)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_the_i_picker_shows_what_each_report_back_issue_answers(archive, language, size):
    meeting_id = with_report_back(archive, language)
    set_language(language)
    app = RoomApp(archive, meeting_id=meeting_id, view="live", clock=FrozenClock(datetime(2020, 5, 8, 9, 0)))
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert app.act("start", lambda c: c.start_meeting()).done
            await pilot.pause()
            await pilot.press("I")
            await pilot.pause()
            assert isinstance(app.screen, PickerDialog)
            text = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
            first = WANTED[language][0]
            assert first[:size[0] // 3] in text  # the start of the title, however narrow the picker
            assert ("#1 Fire lane" if language == "en" else "#1 春场坪社区") in text
    finally:
        set_language("en")
