"""Table columns get their width from what their cells show: nothing is cut while a column has room to spare."""

from __future__ import annotations

import pytest

from roomtui.domain.clock import FrozenClock
from roomtui.domain.demo import build_demo, play_demo
from roomtui.i18n import set_language
from roomtui.store import Archive
from roomtui.tui.app import RoomApp
from roomtui.tui.widgets.column_fit import cell_width, fit_widths
from roomtui.tui.widgets.issues_panel import IssuesPanel

from conftest import COUNCIL_START


def played_council(tmp_path, language: str) -> RoomApp:
    """The demo council as held: responses of every disposition, commitments, long department names."""
    set_language(language)
    archive = Archive(tmp_path / "data")
    meeting_id = archive.create(play_demo(build_demo(language), FrozenClock(COUNCIL_START)))
    return RoomApp(archive, meeting_id=meeting_id, view="live", clock=FrozenClock(COUNCIL_START))


async def issues_table(app, pilot):
    """The live view's issue table, on its own tab where the screen is too narrow for both panels."""
    await pilot.pause()
    if app.screen.narrow:
        app.screen.query_one("#live-tabs").active = "tab-issues"
        await pilot.pause()
    return app.screen.query_one(IssuesPanel).table


def columns_and_cells(table) -> list[tuple[int, int, list[int]]]:
    """Per column: its width, its header's width, and the widths of its cells."""
    return [(column.width, cell_width(column.label), [cell_width(table.get_cell_at((row, index)))
                                                      for row in range(table.row_count)])
            for index, column in enumerate(table.ordered_columns)]


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_issue_columns_are_cut_only_when_no_column_has_room_to_spare(tmp_path, language, size):
    app = played_council(tmp_path, language)
    async with app.run_test(size=size) as pilot:
        table = await issues_table(app, pilot)
        assert table.row_count == 6
        columns = columns_and_cells(table)
        _number, _issue, department, response = columns
        cut = [width < max(cells) for width, _header, cells in (department, response)]
        spare = [width > max([header, *cells]) for width, header, cells in columns]
        assert not (any(cut) and any(spare)), (language, size, columns)
        assert table.max_scroll_x == 0  # and every column is on screen
        # at 120 columns "县住房和城乡建设局 · 杨志远" and "研究后逐步解决 2021-06-30 前 · 1 项承诺 · ✓ 已确认" show whole
        if size == (120, 40) and language == "zh":
            assert cut == [False, False], columns


def test_the_room_goes_first_to_the_narrowest_columns_up_to_their_caps():
    # the number whole, department and response up to their caps, the title the rest
    assert fit_widths(60, [3, 40, 20, 30], least=[3, 12, 10, 16], caps=[3, 12, 18, 30], rest=1) == [3, 12, 18, 27]
    assert fit_widths(100, [3, 40, 20, 30], least=[3, 12, 10, 16], caps=[3, 12, 18, 30], rest=1) == [3, 47, 20, 30]
    # short of room, the widest columns are cut to about the same width
    assert fit_widths(30, [10, 50, 50], least=[0, 0, 0]) == [10, 10, 10]
    assert fit_widths(40, [5, 50, 50], least=[0, 0, 0]) == [5, 18, 17]


async def test_a_longer_department_widens_its_column_and_a_speaker_key_leaves_the_rows(tmp_path):
    from live_helpers import make_app

    from roomtui.domain.model import SpeakerKind

    app, _archive, _meeting_id, _clock = make_app(tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        app.act("issue", lambda c: c.raise_issue(4, queue_answer=False), quiet=True)  # County Public Security Bureau
        await pilot.pause()
        table = app.screen.query_one(IssuesPanel).table
        before = [column.width for column in table.ordered_columns]
        app.act("issue", lambda c: c.raise_issue(6, queue_answer=False), quiet=True)  # County Housing and Urban-…
        await pilot.pause()
        widths = [column.width for column in table.ordered_columns]
        assert widths[2] > before[2]
        assert table.get_row_at(1)[2].plain == "County Housing and Urban-Rural Construction Bureau"
        first_row = table.get_row_at(0)
        app.act("add", lambda c: c.speaking_order().add(3, SpeakerKind.IMPROMPTU, c.now()), quiet=True)
        await pilot.pause()
        assert [column.width for column in table.ordered_columns] == widths
        assert all(new is old for new, old in zip(table.get_row_at(0), first_row))  # the row was left alone


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("tab", ["2", "4"], ids=["participants", "issues"])
async def test_prepare_tables_show_every_column_and_cut_only_the_widest(tmp_path, language, size, tab):
    set_language(language)
    archive = Archive(tmp_path / "data")
    app = RoomApp(archive, meeting_id=archive.ensure_demo(language), view="prepare")
    async with app.run_test(size=size) as pilot:
        await pilot.press(tab)
        await pilot.pause()
        table = app.screen.query_one("#participants-table" if tab == "2" else "#issues-table")
        assert table.row_count >= 10
        columns = columns_and_cells(table)
        assert table.max_scroll_x == 0  # the last columns (contact, location, proposer) are on screen
        cut = [width for width, _header, cells in columns if width < max(cells)]
        spare = [width for width, header, cells in columns if width > max([header, *cells])]
        assert not (cut and spare), columns


# -- issue 25: the columns that carry state are never the ones cut ---------------------------------------------
@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_proposers_word_is_never_cut_from_a_response(tmp_path, language, size):
    """不满意 came last in the response cell, and a 120-column table cut it off."""
    from rich.cells import cell_len

    from roomtui.domain.model import Satisfaction

    app = played_council(tmp_path, language)
    for response in app.archive.load(app._initial_meeting).responses:
        session = app.archive.open(app._initial_meeting, clock=app.clock)
        session.do("rate", lambda c, r=response.id: c.update_response(r, satisfaction=Satisfaction.DISSATISFIED))
        session.close()
    async with app.run_test(size=size) as pilot:
        table = await issues_table(app, pilot)
        width = table.ordered_columns[3].width
        word = Satisfaction.DISSATISFIED.label
        for row in range(table.row_count):
            cell = table.get_cell_at((row, 3)).plain
            if word in cell:
                assert cell_len(cell[:cell.index(word) + len(word)]) <= width, (cell, width)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_register_shows_every_column_with_its_state_whole(tmp_path, language, size):
    from followup_helpers import open_register, two_series_folder

    from roomtui.i18n import _
    from roomtui.tui.screens.followup import COLUMNS, STATE_COLUMNS
    from roomtui.tui.widgets.register_table import RegisterTable

    set_language(language)
    archive = Archive(tmp_path / "data")
    two_series_folder(archive)
    app = RoomApp(archive, clock=FrozenClock(COUNCIL_START))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await open_register(app, pilot)
        table = app.screen.query_one(RegisterTable)
        assert table.virtual_size.width <= table.size.width  # the meeting and the progress note are on screen
        from rich.cells import cell_len

        from roomtui.domain.model import Grade

        grade = max(cell_len(label) for label in [g.label for g in Grade] + [_("not graded")])
        assert table.widths[:STATE_COLUMNS] == [*COLUMNS[:2], grade]  # overdue, deadline, every grade whole
        assert min(table.widths[STATE_COLUMNS:]) >= 8
