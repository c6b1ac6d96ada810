"""Chinese wording: minutes of parts read as minutes, an issue without a response is 待回应, and the
read-only notice speaks Chinese."""

from __future__ import annotations

import os

from test_agenda_parts import council_with_parts

from roomtui.domain import Council, FrozenClock
from roomtui.domain.demo import build_demo
from roomtui.i18n import set_language
from roomtui.store import Archive
from roomtui.tui.app import RoomApp
from roomtui.tui.widgets.issues_panel import IssuesPanel

from live_helpers import START


def test_read_only_notice_goes_through_the_catalog(archive):
    set_language("zh")
    meeting_id = archive.ensure_demo("zh")
    first = archive.open(meeting_id)
    second = Archive(archive.root).open(meeting_id)
    try:
        assert second.read_only
        reason = second.read_only_reason
        assert reason.startswith(f"另一个 roomtui（进程 {os.getpid()}") and reason.endswith("现以只读方式显示"), reason
    finally:
        second.close()
        first.close()


async def test_prepare_agenda_says_the_parts_plan_minutes(tmp_path, clock):
    set_language("zh")
    archive = Archive(tmp_path / "data")
    meeting_id = archive.create(council_with_parts(clock).meeting)
    app = RoomApp(archive, meeting_id=meeting_id, view="prepare")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        table = app.screen.query_one("#agenda-table")
        speeches = app.session.meeting.agenda[1]
        cells = [str(c) for c in table.get_row(str(speeches.id))]
        minutes = next(c for c in cells if c.startswith("60 "))
        assert "50 分钟" in minutes and "个部分" not in minutes, cells  # 50 minutes of parts, not 50 parts


async def test_issue_without_a_response_awaits_a_response(tmp_path):
    set_language("zh")
    archive = Archive(tmp_path / "data")
    clock = FrozenClock(START)
    council = Council(build_demo("zh"), clock)
    council.start_meeting()
    council.raise_issue(4)
    meeting_id = archive.create(council.meeting)
    app = RoomApp(archive, meeting_id=meeting_id, view="live", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(IssuesPanel).table
        assert str(table.get_cell("i4", "status")) == "待回应"
