"""At 80 columns the meetings list shows each meeting's whole id, which the CLI needs."""

from __future__ import annotations

from datetime import date

from roomtui.domain.templates import new_meeting
from roomtui.store import Archive
from roomtui.tui.app import RoomApp


async def test_ids_are_whole_at_80_columns_even_with_long_titles(tmp_path):
    archive = Archive(tmp_path / "data")
    ids = [archive.create(new_meeting("同江县政协“有事来协商”社区服务管理水平提升专题协商议事会 " * 2, "council",
                                      language="zh", date=date(2019, 11, 22))),
           archive.ensure_demo("en")]
    app = RoomApp(archive)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#meetings")
        shown = [table.render_line(y).text for y in range(table.size.height)]
        for meeting_id in ids:
            assert any(meeting_id in line for line in shown), (meeting_id, shown)


async def test_opening_a_meeting_straight_away_does_not_list_the_folder(tmp_path, monkeypatch):
    """`roomtui open` with 1,000 meetings must not fill the list behind the meeting; going back does."""
    archive = Archive(tmp_path / "data")
    meeting_id = archive.ensure_demo("en")
    listed = []
    real_list = archive.list
    monkeypatch.setattr(archive, "list", lambda: (listed.append(1), real_list())[1])
    app = RoomApp(archive, meeting_id=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.session is not None and listed == []
        app.action_home()
        await pilot.pause()
        table = app.screen.query_one("#meetings")
        assert listed and table.row_count == 1 and app.session is None
