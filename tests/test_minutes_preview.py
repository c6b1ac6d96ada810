"""The minutes preview shows every table cell whole at 120 columns, in Chinese as in English."""

from __future__ import annotations

from datetime import datetime

import pytest
from rich.cells import cell_len

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


def markdown_tables(markdown: str) -> list[tuple[list[str], list[list[str]]]]:
    """The pipe tables of a Markdown text, as header and rows of plain cells."""
    tables, block = [], []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            block.append([cell.strip().replace("\\|", "|") for cell in line.strip()[1:-1].split(" | ")])
        elif block:
            tables.append((block[0], block[2:]))
            block = []
    return tables


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_preview_tables_wrap_and_cut_nothing(tmp_path, language):
    """Every character of every cell is drawn (cells fold, nothing is cut with …), a date is never
    broken across lines where the columns' words fit, and no line is wider than the preview."""
    import io
    from collections import Counter

    from rich.console import Console

    from roomtui.tui.widgets.minutes_preview import FoldingTable, MinutesPreview

    archive = Archive(tmp_path / "data")
    clock = FrozenClock(datetime(2019, 11, 22, 9, 0))
    meeting_id = archive.create(play_demo(build_demo(language), clock))
    app = RoomApp(archive, meeting_id=meeting_id, view="minutes", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        preview = app.screen.query_one(MinutesPreview)
        tables = markdown_tables(preview.source)
        assert len(tables) >= 8
        width = preview.scrollable_content_region.width
        document = preview.query_one("#minutes-document")
        drawn = [document.render_line(y).text for y in range(document.size.height)]
        assert max(cell_len(line) for line in drawn) <= width
        assert any("┌" in line for line in drawn)  # the tables are drawn as tables
    console = Console(width=width, file=io.StringIO())
    for headers, rows in tables:
        shown = ["".join(s.text for s in line) for line in console.render_lines(FoldingTable(headers, rows), pad=False)]
        cells = [*headers, *(cell for row in rows for cell in row)]
        missing = Counter("".join("".join(cells).split())) - Counter("".join("".join(shown).split()))
        assert not missing, (missing, shown[:6])
        assert "…" not in "".join(shown) or "…" in "".join(cells)
        assert max(cell_len(line) for line in shown) <= width
        columns = list(zip(headers, *rows))
        if sum(max(map(minimal_width, column)) + 3 for column in columns) <= width:
            for date in {c for c in cells if len(c) == 10 and c[4] == "-" and c[7] == "-"}:
                assert any(date in line for line in shown), (date, shown)
