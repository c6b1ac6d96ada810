"""The minutes preview shows every table cell whole at 120 columns, in Chinese as in English."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets._markdown import MarkdownTableCellContents, MarkdownTableContent

from roomtui.domain.clock import FrozenClock
from roomtui.domain.demo import build_demo, play_demo
from roomtui.store import Archive
from roomtui.tui.app import RoomApp
from roomtui.tui.widgets.minutes_preview import minimal_width


def test_a_chinese_cell_may_break_between_characters_but_a_date_may_not():
    assert minimal_width("县住房和城乡建设局") == 2
    assert minimal_width("2020-06-30") == 10
    assert minimal_width("完成 2020-06-30 前") == 10
    assert minimal_width("Pipe rebuild budgeted") == len("budgeted")


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_preview_tables_wrap_and_cut_nothing(tmp_path, language):
    archive = Archive(tmp_path / "data")
    clock = FrozenClock(datetime(2019, 11, 22, 9, 0))
    meeting_id = archive.create(play_demo(build_demo(language), clock))
    app = RoomApp(archive, meeting_id=meeting_id, view="minutes", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tables = list(app.screen.query(MarkdownTableContent))
        assert len(tables) >= 8
        cells = [cell for table in tables for cell in table.query(MarkdownTableCellContents)]
        cut = []
        for cell in cells:
            shown = "".join(cell.render_line(y).text for y in range(cell.size.height))
            if "".join(shown.split()) != "".join(str(cell.visual.plain).split()):
                cut.append((str(cell.visual.plain), shown))
        assert not cut, cut[:5]
        deadlines = [c for c in cells if str(c.visual.plain) == "2020-06-30"]
        assert deadlines and all(c.size.width >= 10 for c in deadlines)
