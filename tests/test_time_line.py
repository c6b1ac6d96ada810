"""The minutes say when the meeting was held; the plan appears (internal only) where it differs;
going live on another day than planned is warned about."""

from __future__ import annotations

from datetime import date, datetime

from live_helpers import make_app

from roomtui.domain import Council, FrozenClock
from roomtui.domain.demo import build_demo
from roomtui.domain.timeline import another_day_notice, held_times
from roomtui.minutes import export_minutes
from roomtui.store import Archive

EVENING = datetime(2026, 12, 5, 21, 40)


def held_late() -> Council:
    """The demo council (planned 2019-11-22 09:00) held on 2026-12-05 from 21:40 to 02:10."""
    clock = FrozenClock(EVENING)
    council = Council(build_demo("en"), clock)
    council.start_meeting()
    clock.advance(4 * 3600 + 30 * 60)
    council.close_meeting()
    return council


def header_lines(markdown: bytes) -> list[str]:
    return markdown.decode("utf-8").split("\n## ")[0].splitlines()


def test_held_times_are_the_actual_ones():
    held = held_times(held_late().meeting)
    assert held.day == date(2026, 12, 5) and held.start == EVENING
    assert held.end == datetime(2026, 12, 6, 2, 10) and held.differs_from_plan
    assert held.planned_start == datetime(2019, 11, 22, 9, 0)


def test_minutes_show_the_day_held_and_actual_start_and_end():
    meeting = held_late().meeting
    public = header_lines(export_minutes(meeting, "md", public=True))
    assert "- **Date:** 2026-12-05" in public
    assert "- **Time:** 21:40–2026-12-06 02:10" in public
    assert not any("Planned" in line or "2019" in line for line in public)
    internal = header_lines(export_minutes(meeting, "md", public=False))
    assert "- **Planned:** 2019-11-22 09:00" in internal


def test_zh_minutes_name_the_plan_in_chinese():
    clock = FrozenClock(EVENING)
    council = Council(build_demo("zh"), clock)
    council.start_meeting()
    clock.advance(3600)
    council.close_meeting()
    internal = header_lines(export_minutes(council.meeting, "md", public=False))
    assert "- **日期：** 2026-12-05" in internal and "- **时间：** 21:40–22:40" in internal
    assert "- **原定：** 2019-11-22 09:00" in internal


def test_no_planned_line_when_held_as_planned():
    clock = FrozenClock(datetime(2019, 11, 22, 9, 0, 30))
    council = Council(build_demo("en"), clock)
    council.start_meeting()
    clock.advance(3600)
    council.close_meeting()
    internal = header_lines(export_minutes(council.meeting, "md", public=False))
    assert "- **Time:** 09:00–10:00" in internal and not any("Planned" in line for line in internal)


def test_another_day_notice_only_before_the_start_and_only_on_another_day():
    meeting = build_demo("en")
    assert another_day_notice(meeting, date(2019, 11, 22)) == ""
    assert "planned for 2019-11-22, but today is 2026-12-05" in another_day_notice(meeting, date(2026, 12, 5))
    Council(meeting, FrozenClock(EVENING)).start_meeting()
    assert another_day_notice(meeting, date(2026, 12, 6)) == ""


async def test_by_keys_going_live_on_another_day_warns_and_the_minutes_keep_the_day_held(tmp_path):
    app, _archive, meeting_id, clock = make_app(tmp_path, clock=FrozenClock(EVENING))
    notices: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        original = app.notify
        app.notify = lambda message, **kw: (notices.append(str(message)), original(message, **kw))[1]
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()
        assert any("planned for 2019-11-22, but today is 2026-12-05" in n for n in notices), notices
        clock.advance(4 * 3600 + 30 * 60)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    stored = Archive(tmp_path / "data").load(meeting_id)
    internal = header_lines(export_minutes(stored, "md", public=False))
    assert "- **Date:** 2026-12-05" in internal and "- **Time:** 21:40–2026-12-06 02:10" in internal
    assert "- **Planned:** 2019-11-22 09:00" in internal


async def test_go_live_on_another_day_asks_once_and_says_the_day_once(tmp_path):
    from roomtui.tui.app import RoomApp
    from roomtui.tui.dialogs import ConfirmDialog

    archive = Archive(tmp_path / "data")
    meeting_id = archive.ensure_demo("en")
    app = RoomApp(archive, meeting_id=meeting_id, view="prepare", clock=FrozenClock(EVENING))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question.count("planned for 2019-11-22, but today is 2026-12-05") == 1
