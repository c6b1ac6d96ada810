"""The register names meetings as people do (title and date), never by an internal id, and says
which copies of a meeting it found (issue 25, bugs 2 and 7)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from textual.widgets import Static

from roomtui.domain.clock import FrozenClock
from roomtui.domain.council import Council
from roomtui.domain.report_back_agenda import add_report_back
from roomtui.domain.model import Meeting, Role
from roomtui.i18n import set_language
from roomtui.importing import import_file
from roomtui.minutes.json_ import render_json
from roomtui.store.followup_index import load_register
from roomtui.tui.app import RoomApp
from roomtui.tui.widgets.register_table import RegisterTable
from tests.followup_helpers import FIRE, SERIES_A, open_register, two_series_folder

NOW = datetime(2020, 6, 1, 10, 0)
REPORT_BACK = {"en": "Spring council", "zh": "春季协商议事会"}
SAID = {"en": "(report-back at Spring council 2020-05-08)", "zh": "（春季协商议事会 2020-05-08 回头看）"}
COPIES = {"en": "is in this folder 2 times", "zh": "在本文件夹中有 2 份"}


def report_back_folder(archive, language: str) -> str:
    """The two-series folder and a later council of series A that heard the fire brigade report
    the fire lane marked: the earlier commitment's history names that council."""
    two_series_folder(archive)
    register = load_register(archive, NOW.date())
    meeting = Meeting(id="2020-05-08-0a1b2c", title=REPORT_BACK[language], date=date(2020, 5, 8), series=SERIES_A,
                      language=language)
    council = Council(meeting, FrozenClock(datetime(2020, 5, 8, 9, 30)))
    council.add_participant("Head of the fire brigade", Role.DEPARTMENT, affiliation=FIRE)
    add_report_back(council, [e for e in register.open_in_series(SERIES_A) if e.lead_unit == FIRE])
    issue = next(i for i in meeting.issues if i.followup_of == "a-2019#r1.1")
    council.record_response(issue.id, FIRE, "resolve_now", action="Lane marked", lead_unit=FIRE,
                            deadline="2020-05-08", text="The lane is marked.")
    return archive.create(meeting)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_a_report_back_is_named_by_its_meeting_and_copies_are_named(archive, language, size):
    source = report_back_folder(archive, language)
    export = archive.root / "a-2019.json"  # the meeting exported on one laptop, imported again
    export.write_text(render_json(archive.load("a-2019"), public=False), encoding="utf-8")
    copy = import_file(archive, export).meeting_id
    set_language(language)
    app = RoomApp(archive, clock=FrozenClock(NOW))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await open_register(app, pilot)
        table = app.screen.query_one("#followup-table", RegisterTable)
        keys = list(table.keys)
        assert len([k for k in keys if k.endswith("#r1.1") and k.split("#")[0] in ("a-2019", copy)]) == 1
        table.cursor = (next(n for n, k in enumerate(keys) if k.endswith("#r1.1")
                                   and k.split("#")[0] in ("a-2019", copy)))
        await pilot.pause()
        detail = str(app.screen.query_one("#followup-detail", Static).content)
        assert SAID[language] in detail, detail
        assert source not in detail and "#r1" not in detail
        notice = str(app.screen.query_one("#followup-damaged", Static).content)
        assert COPIES[language] in notice and "a-2019" in notice and copy in notice
