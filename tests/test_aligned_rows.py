"""The live panels' columns (widgets/aligned_rows.py): aligned, cut to the width, Chinese counted double."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from roomtui.domain import FrozenClock
from roomtui.domain.demo import build_demo, play_demo
from roomtui.tui.widgets.agenda_panel import ONE_LINE_WIDTH, AgendaTable
from roomtui.tui.widgets.aligned_rows import AlignedRows, Column
from roomtui.tui.widgets.stats_panel import stats_tables

START = datetime(2019, 11, 22, 9, 0, 0)
COLUMNS = [Column(), Column("right"), Column(flexible=True), Column("right")]


def drawn(renderable, width: int) -> list[str]:
    console = Console(width=width, legacy_windows=False, color_system=None)
    return [line.rstrip("\n") for line in "".join(s.text for s in console.render(renderable)).splitlines()]


def test_columns_line_up_and_the_flexible_one_is_cut_with_an_ellipsis():
    rows = [[">", "1", "Opening of the council", "4/5m"], [" ", "12", "会议开始议程很长很长的标题", "15m"]]
    lines = drawn(AlignedRows(COLUMNS, rows), 24)
    assert all(cell_len(line) <= 24 for line in lines)
    assert lines[0].endswith("4/5m") and lines[1].endswith("15m")  # right-aligned to the edge
    assert lines[0].index("Opening") == lines[1].index("会")  # the titles start in one column
    assert "…" in lines[0] and "…" in lines[1]


def test_a_second_line_sits_under_its_own_column_and_a_header_is_bold():
    title = Text("Opening")
    title.append("\n  09:00–09:10")
    rows = AlignedRows(COLUMNS, [[">", "1", title, "4/5m"]], header=["", "#", "Item", "Min"])
    lines = drawn(rows, 30)
    assert len(lines) == 3
    assert lines[2].index("09:00") == lines[1].index("Opening") + 2
    bold = [segment.text for segment in Console(width=30).render(rows) if segment.style and segment.style.bold]
    assert "Item" in "".join(bold)


@settings(max_examples=150, deadline=None)
@given(cells=st.lists(st.lists(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Mn", "Me", "Cf")),
                                       max_size=30), min_size=4, max_size=4), min_size=1, max_size=6),
       width=st.integers(min_value=1, max_value=90))
def test_no_line_is_ever_wider_than_the_panel(cells, width):
    lines = drawn(AlignedRows(COLUMNS, cells), width)
    assert len(lines) == len(cells) and all(cell_len(line) <= width for line in lines)


def test_the_agenda_puts_times_beside_an_item_when_wide_and_below_it_when_narrow():
    meeting = play_demo(build_demo("zh"), FrozenClock(START))
    now = START.replace(hour=10, minute=30)
    items = len(meeting.agenda)
    wide = drawn(AgendaTable(meeting, now), ONE_LINE_WIDTH)
    narrow = drawn(AgendaTable(meeting, now), ONE_LINE_WIDTH - 1)
    started = sum(1 for item in meeting.agenda if item.started_at)
    assert len(wide) == items and len(narrow) == items + started
    assert "09:00–" in wide[0] and "09:00–" not in narrow[0] and "09:00–" in narrow[1]
    assert all(cell_len(line) <= ONE_LINE_WIDTH - 1 for line in narrow)


def test_speaking_time_counts_roles_and_people_in_columns():
    meeting = play_demo(build_demo("en"), FrozenClock(START))
    lines = drawn(stats_tables(meeting, START.replace(hour=11)), 40)
    assert lines[0].split() == ["Role", "Time", "Turns"]
    blank = lines.index("")
    assert lines[blank + 1].split() == ["Speaker", "Time", "Turns"]
    times = {line.rstrip()[-10:].split()[0] for line in lines[1:blank]}
    assert all(":" in time for time in times)
    assert all(cell_len(line) <= 40 for line in lines)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.text(max_size=20), min_size=4, max_size=4), min_size=1, max_size=6),
       st.integers(1, 60), st.sampled_from(["", "bold", "on blue"]))
def test_rows_drawn_one_by_one_and_kept_are_the_lines_rich_draws(cells, width, colour):
    """AlignedRows.strips (what the speaking-time panel shows: each row drawn once per look) gives
    Rich's own lines, whatever rows were drawn and kept before."""
    from rich.style import Style

    console = Console(width=width, legacy_windows=False, color_system="truecolor")
    style = Style.parse(colour) if colour else Style()
    def texts():
        return [[Text(c, style="dim" if n % 2 else "") for n, c in enumerate(row)] for row in cells]

    rows = AlignedRows(COLUMNS, texts(), header=["", "#", "Item", "Min"])
    rich = console.render_lines(rows, console.options.update(width=width, height=None), style=style, pad=True)
    for _twice in range(2):  # drawn, then from what was kept
        assert [list(strip) for strip in rows.strips(console, width, style)] == rich
    mirrored = [Column("right" if c.justify == "left" else "left", c.flexible) for c in COLUMNS]
    other = AlignedRows(mirrored, texts(), header=["", "#", "Item", "Min"])
    rich = console.render_lines(other, console.options.update(width=width, height=None), style=style, pad=True)
    assert [list(strip) for strip in other.strips(console, width, style)] == rich  # the same cells, other columns

