"""The live panels change only the rows that changed, and still show what the meeting holds."""

from __future__ import annotations

from contextlib import asynccontextmanager

from live_helpers import make_app

from roomtui.domain.model import SpeakerKind
from roomtui.domain.speaking import SpeakingOrder
from roomtui.tui.widgets.issues_panel import IssuesPanel
from roomtui.tui.widgets.speaking_panel import SpeakingPanel


def queue_lines(app) -> list[str]:
    """Every row of the queue as drawn (number and label), scrolled through as a person would."""
    queue = app.screen.query_one(SpeakingPanel).queue
    rows, height = {}, queue.scrollable_content_region.height
    for top in range(0, queue.row_count, height):
        queue.scroll_to(y=top, animate=False, immediate=True)
        top = queue.scroll_offset.y  # the last page stops at the end
        rows.update({top + y: queue.render_line(y).text.strip() for y in range(min(height, queue.row_count - top))})
    queue.scroll_to(y=0, animate=False, immediate=True)
    return [rows[index] for index in range(queue.row_count)]


def queue_speakers(app, count: int) -> None:
    """``count`` impromptu speakers, people 1-9 in turn, each one saved action."""
    for number in range(count):
        app.act("add", lambda c, number=number: c.speaking_order().add(1 + number % 9, SpeakerKind.IMPROMPTU, c.now()),
                quiet=True)


@asynccontextmanager
async def started(tmp_path, speakers: int = 0, size: tuple[int, int] = (160, 50)):
    """The demo council live on its first item with ``speakers`` queued (people 1-9 in turn, as
    often as it takes): yields (app, pilot, clock)."""
    app, _archive, _meeting_id, clock = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("right")  # start the meeting: the first item is current
        await pilot.pause()
        if speakers:
            app.act("one entry off", lambda c: c.set_limits(one_entry_per_person=False), quiet=True)
            queue_speakers(app, speakers)
            await pilot.pause()
        yield app, pilot, clock


def waiting_names(app) -> list[str]:
    meeting = app.session.meeting
    order = SpeakingOrder(meeting, meeting.current_item_id)
    return [meeting.participant(e.participant_id).name for e in order.waiting]


async def test_a_long_queue_is_renumbered_in_place_and_issues_are_left_alone(tmp_path):
    async with started(tmp_path, 60) as (app, pilot, _clock):
        app.act("issue", lambda c: c.raise_issue(title="Road", queue_answer=False), quiet=True)
        await pilot.pause()
        queue = app.screen.query_one(SpeakingPanel).queue
        second = queue.row_at(1)
        table = app.screen.query_one(IssuesPanel).table
        issue_row = table.get_row_at(0)
        await pilot.press("n")
        await pilot.pause()
        assert queue.row_count == 59
        assert queue.row_at(0) is second  # the row stayed; only its number changed
        lines = queue_lines(app)
        assert [line.split()[0] for line in lines] == [str(n) for n in range(1, 60)]
        assert [line.split(maxsplit=2)[2].startswith(name) for line, name in zip(lines, waiting_names(app))] == [
            True] * 59
        assert table.get_row_at(0) == issue_row and table.row_count == 1
        app.act("add at end", lambda c: c.speaking_order().add(3, SpeakerKind.IMPROMPTU, c.now()), quiet=True)
        await pilot.pause()
        assert queue.row_at(0) is second
        assert queue_lines(app)[-1].split()[0] == "60"
        first = app.session.meeting.speakers[-1].id
        app.act("move up", lambda c: c.speaking_order().move(first, -59), quiet=True)
        await pilot.pause()
        lines = queue_lines(app)
        assert [line.split(maxsplit=2)[2].startswith(name) for line, name in zip(lines, waiting_names(app))] == [
            True] * 60
        assert lines[0].split()[0] == "1" and len(lines) == 60


async def test_the_statistics_are_as_tall_as_their_rows(tmp_path):
    """Their height is counted, not measured by rendering the tables at every layout: it must
    still show every row (one line each: header, roles, a blank line, header, speakers)."""
    from roomtui.tui.widgets.stats_panel import StatsPanel

    app, _archive, _meeting_id, clock = make_app(tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        for number in range(3):
            app.act("add", lambda c: c.speaking_order().add(1 + number, SpeakerKind.IMPROMPTU, c.now()), quiet=True)
            await pilot.press("n")
            await pilot.pause()
        panel = app.screen.query_one(StatsPanel)
        lines = [line.text.strip() for line in panel.lines()]
        meeting = app.session.meeting
        names = {meeting.participant(e.participant_id).name for e in meeting.speakers if e.started_at}
        assert len(names) == 3 and all(any(line.startswith(name) for line in lines) for name in names)
        assert lines[-1] and panel.virtual_size.height == len(lines) == len([line for line in lines if line]) + 1
        await pilot.resize_terminal(160, 30)  # a panel shorter than its tables: scrolled by a line
        await pilot.pause()
        panel.scroll_to(y=1, animate=False)
        await pilot.pause()
        height, lines = panel.scrollable_content_region.height, [line.text.strip() for line in panel.lines()]
        assert panel.scroll_offset.y == 1 and height < len(lines)
        assert [panel.render_line(y).text.strip() for y in range(height)] == lines[1:height + 1]


async def test_the_statistics_take_the_colours_of_a_new_theme(tmp_path):
    """Their lines are drawn once per change and kept: a theme chosen from the palette must not
    leave them in the old colours until someone speaks again."""
    from roomtui.tui.widgets.stats_panel import StatsPanel

    app, _archive, _meeting_id, _clock = make_app(tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        stats = app.screen.query_one(StatsPanel)
        dark = stats.render_line(0)
        app.theme = "textual-light"
        await pilot.pause()
        light = stats.render_line(0)
        assert stats.rich_style.bgcolor != list(dark)[0].style.bgcolor
        assert list(light)[0].style.bgcolor == stats.rich_style.bgcolor


async def test_a_saved_action_in_a_long_meeting_seldom_wakes_the_collector(tmp_path):
    """A save builds the meeting as plain data (~20,000 dicts for 500 speakers, 300 issues): with
    Python's default thresholds the collector ran ~30 times per key, ~10 ms of a live key."""
    import gc

    from benchmark import START, crowded_meeting

    from roomtui.domain import FrozenClock
    from roomtui.store import Archive
    from roomtui.tui.app import RoomApp

    archive = Archive(tmp_path)
    meeting_id = archive.create(crowded_meeting(500, 300))
    app = RoomApp(archive, meeting_id=meeting_id, view="live", clock=FrozenClock(START))
    runs = []

    def count(phase, info):
        if phase == "start":
            runs.append(info["generation"])

    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        gc.callbacks.append(count)
        try:
            done = app.act("next", lambda c: c.speaking_order().next(c.now()), quiet=True)
        finally:
            gc.callbacks.remove(count)
        assert done and done.result is not None and len(runs) <= 3, runs


async def test_a_turn_given_in_a_long_meeting_draws_the_screen_once_with_its_scrollbars_right(tmp_path):
    """The queue's new height is found before the layout, the speaking-time panel's too, and the
    scrollbars are not refreshed after it for nothing (textual_compat.py): each of these made
    Textual lay out or draw the screen a second time after every saved action."""
    from benchmark import START, crowded_meeting
    from textual.screen import Screen

    from roomtui.domain import FrozenClock
    from roomtui.store import Archive
    from roomtui.tui.app import RoomApp
    from roomtui.tui.widgets.stats_panel import StatsPanel

    archive = Archive(tmp_path)
    meeting_id = archive.create(crowded_meeting(150, 60))
    app = RoomApp(archive, meeting_id=meeting_id, view="live", clock=FrozenClock(START))
    draws = []
    real = Screen._compositor_refresh

    def counted(screen):
        draws.append(screen)
        return real(screen)

    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        queue, stats = app.screen.query_one(SpeakingPanel).queue, app.screen.query_one(StatsPanel)
        for turn in range(20):  # until the last four who spoke fill their lines, and statistics scroll
            await pilot.press("n")
            await pilot.pause()
            assert not stats.show_horizontal_scrollbar and stats.max_scroll_x == 0  # never sideways
            if turn >= 5 and stats.show_vertical_scrollbar:
                break
        for _turn in range(4):  # each turn: one more waiting speaker gone, one more person in the statistics
            rows = stats.virtual_size.height
            Screen._compositor_refresh = counted
            try:
                await pilot.press("n")
                await pilot.pause()
                await pilot.pause(0.1)
            finally:
                Screen._compositor_refresh = real
            assert len(draws) == 1, f"the screen was drawn {len(draws)} times"
            draws.clear()
            waiting = len(SpeakingOrder(app.session.meeting, app.session.meeting.current_item_id).waiting)
            assert queue.vertical_scrollbar.window_virtual_size == queue.row_count == waiting
            assert stats.virtual_size.height == len(stats.lines()) > rows  # a person more, maybe a role
            assert stats.show_vertical_scrollbar and stats.vertical_scrollbar.window_virtual_size == len(stats.lines())


async def test_a_click_on_a_row_gives_that_speaker_the_floor_after_the_rows_moved_up(tmp_path):
    """The numbers are drawn beside kept labels; a click must still name the row where it is now."""
    async with started(tmp_path, 5) as (app, pilot, _clock):
        await pilot.press("n")  # the first takes the floor: every row moves up one
        await pilot.pause()
        waiting = SpeakingOrder(app.session.meeting, app.session.meeting.current_item_id).waiting
        second = waiting[1]
        queue = app.screen.query_one(SpeakingPanel).queue
        assert queue_lines(app)[1].split()[0] == "2"
        await pilot.click(queue, offset=(8, 1))
        await pilot.pause()
        meeting = app.session.meeting
        speaking = [e for e in meeting.speakers if e.started_at and not e.ended_at]
        assert [e.id for e in speaking] == [second.id]


async def test_a_click_or_a_hover_in_a_scrolled_queue_names_the_row_under_the_mouse(tmp_path):
    """Rows carry no meta (one Strip each): the row is found from the mouse's place and the scroll."""
    async with started(tmp_path, 60) as (app, pilot, _clock):
        queue = app.screen.query_one(SpeakingPanel).queue
        queue.scroll_to(y=20, animate=False, immediate=True)
        await pilot.pause()
        await pilot.hover(queue, offset=(8, 3))
        await pilot.pause()
        assert queue.hovered == 23
        await pilot.hover(queue, offset=(8, queue.size.height + 5))  # below the queue: no row
        await pilot.pause()
        assert queue.hovered is None
        target = SpeakingOrder(app.session.meeting, app.session.meeting.current_item_id).waiting[22]
        await pilot.click(queue, offset=(8, 2))
        await pilot.pause()
        speaking = [e for e in app.session.meeting.speakers if e.started_at and not e.ended_at]
        assert [e.id for e in speaking] == [target.id]


async def test_the_issues_table_comes_after_the_first_frame_and_enter_on_a_row_still_answers_it(tmp_path):
    """The panel draws its border at once and its table just after the screen's first frame
    (DataTable and its rows were ~35 ms of it); then the table holds every row, and Enter on a
    pending issue opens the response form for it, on a response the commitment form."""
    from textual.screen import Screen

    from roomtui.tui.live.response_form import ResponseForm

    app, _archive, _meeting_id, _clock = make_app(tmp_path)
    at_first_frame = []
    real = Screen._compositor_refresh

    def first_frame(screen):
        if not at_first_frame and type(screen).__name__ == "LiveScreen":
            at_first_frame.append(bool(screen.query("#issues-table")))
        return real(screen)

    Screen._compositor_refresh = first_frame
    try:
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.pause()
            panel = app.screen.query_one(IssuesPanel)
            assert at_first_frame == [False] and panel.ready
            from roomtui.tui.widgets.issues_panel import rows

            app.act("raise", lambda c: c.raise_issue(title="Bus shelter on Main Street", raised_by=3,
                                                     queue_answer=False), quiet=True)
            await pilot.pause()
            meeting = app.session.meeting
            assert panel.table.row_count == len(rows(meeting)) >= 1
            pending = meeting.issues[-1]
            panel.table.focus()
            panel.select_key(f"i{pending.id}")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ResponseForm)
            assert app.screen.query_one("#field-issue").value == pending.id
    finally:
        Screen._compositor_refresh = real


async def test_the_queue_keeps_its_rows_through_resizes_and_draws_them_at_the_new_width(tmp_path):
    """A queue row is one line at any width (drawn labels kept by width): after the terminal
    narrows, every row is still there, in order, cut to the new width; turns and scrolling at a
    steady size leave the queue's size alone."""
    from benchmark import START, crowded_meeting
    from rich.cells import cell_len

    from roomtui.domain import FrozenClock
    from roomtui.store import Archive
    from roomtui.tui.app import RoomApp
    archive = Archive(tmp_path)
    app = RoomApp(archive, meeting_id=archive.create(crowded_meeting(150, 20)), view="live", clock=FrozenClock(START))
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        queue = app.screen.query_one(SpeakingPanel).queue
        for _turn in range(6):  # the four last speakers fill their lines under the queue
            await pilot.press("n")
            await pilot.pause()
        sizes = {queue.size}
        for keys in (["n"], ["end"], ["n"], ["home"], ["pagedown"], ["n"]):
            await pilot.press(*keys)
            await pilot.pause()
            sizes.add(queue.size)
        assert queue.scroll_offset.y > 0 and len(sizes) == 1
        wide = queue_lines(app)
        wide_width = queue.scrollable_content_region.width
        await pilot.resize_terminal(130, 40)
        await pilot.pause()
        narrow = queue_lines(app)
        width = queue.scrollable_content_region.width
        assert len(narrow) == len(wide) == queue.row_count
        assert [row.split()[0] for row in narrow] == [row.split()[0] for row in wide]  # the same numbers
        assert all(cell_len(row) <= width for row in narrow) and width < wide_width


async def test_a_scrollbar_is_drawn_again_only_when_its_bar_would_look_different(tmp_path):
    """SteadyScrollBar keeps its lines while its segments are the same (500 waiting, one gone:
    the thumb mostly does not move by an eighth of a cell), and they are always Textual's own."""
    from textual.geometry import Region
    from textual.scrollbar import ScrollBar

    from benchmark import START, crowded_meeting
    from roomtui.domain import FrozenClock
    from roomtui.store import Archive
    from roomtui.tui.app import RoomApp
    from roomtui.tui.textual_compat import SteadyScrollBar

    archive = Archive(tmp_path)
    app = RoomApp(archive, meeting_id=archive.create(crowded_meeting(500, 10)), view="live", clock=FrozenClock(START))
    drawn = []
    real = ScrollBar.render_lines

    def counted(bar, crop):
        drawn.append(bar)
        return real(bar, crop)

    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        queue = app.screen.query_one(SpeakingPanel).queue
        bar = queue.vertical_scrollbar
        assert isinstance(bar, SteadyScrollBar) and bar.display

        def look() -> list:
            """The bar as Textual draws it, and as the screen shows it."""
            region = Region(0, 0, *bar.size)
            bar._styles_cache.clear()
            textual = real(bar, region)
            assert bar.render_lines(region) == textual
            return textual

        for _turn in range(6):  # until the list of who spoke has its full height
            await pilot.press("n")
            await pilot.pause()
        looks = [look()]
        ScrollBar.render_lines = counted
        try:
            for _turn in range(10):
                await pilot.press("n")
                await pilot.pause()
                looks.append(look())
            changes = sum(before != after for before, after in zip(looks, looks[1:]))
            assert drawn.count(bar) == changes < 5
            queue.scroll_to(y=queue.max_scroll_y, animate=False, immediate=True)  # the thumb goes down
            await pilot.pause()
            assert drawn.count(bar) == changes + 1 and look() != looks[-1]
        finally:
            ScrollBar.render_lines = real


async def test_the_issues_view_passes_over_a_change_of_the_queue_and_follows_a_change_of_issues(tmp_path, monkeypatch):
    """The session's versions tell the panel which lists a saved change touched."""
    from roomtui.tui.widgets import issues_panel

    async with started(tmp_path, 3) as (app, pilot, _clock):
        listed = []
        real = issues_panel.rows
        monkeypatch.setattr(issues_panel, "rows", lambda meeting: listed.append(1) or real(meeting))
        await pilot.press("n")
        await pilot.pause()
        assert listed == []
        panel = app.screen.query_one(IssuesPanel)
        count = panel.table.row_count
        app.act("raise", lambda c: c.raise_issue(title="Bus shelter on Main Street", queue_answer=False), quiet=True)
        await pilot.pause()
        assert listed and panel.table.row_count == count + 1
        app.action_undo()
        await pilot.pause()
        assert panel.table.row_count == count


async def test_the_speaking_time_panel_shows_the_lines_rich_draws_of_its_tables(tmp_path):
    """Its rows are drawn one by one and kept (AlignedRows.strips): still Rich's lines, turn after turn."""
    from roomtui.tui.widgets.stats_panel import StatsPanel

    async with started(tmp_path, 6) as (app, pilot, clock):
        stats = app.screen.query_one(StatsPanel)
        for _turn in range(5):
            clock.advance(seconds=75)
            await pilot.press("n")
            await pilot.pause()
            console, width = app.console, stats.scrollable_content_region.width
            rich = console.render_lines(stats._tables, console.options.update(width=width, height=None),
                                        style=stats.rich_style, pad=True)
            assert [list(line) for line in stats.lines()] == rich and len(rich) > 4


async def test_a_turn_does_not_draw_the_speaking_panel_around_the_queue_again(tmp_path):
    """Its title is set only when it changes: Textual redraws a widget at every title set."""
    async with started(tmp_path, 8) as (app, pilot, _clock):
        await pilot.press("n")
        await pilot.pause()
        panel = app.screen.query_one(SpeakingPanel)
        refreshed = []
        real = type(panel).refresh
        type(panel).refresh = lambda widget, *args, **kwargs: refreshed.append(kwargs) or real(widget, *args, **kwargs)
        try:
            await pilot.press("n")
            await pilot.pause()
        finally:
            type(panel).refresh = real
        assert refreshed == [] and "Speaking order" in str(panel.border_title)


async def test_an_item_titled_with_markup_shows_as_typed_over_the_speaking_order(tmp_path):
    """A title is never read as markup: "[/]" stopped the app (MarkupError) when its item began."""
    app, _archive, _meeting_id, _clock = make_app(tmp_path)
    typed = "Roads [/] [bold]bridges[/bold] [red"
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        assert app.act("rename", lambda c: c.update_agenda_item(c.meeting.agenda[0].id, title=typed), quiet=True)
        await pilot.press("right")  # the first item begins
        await pilot.pause()
        panel = app.screen.query_one(SpeakingPanel)
        assert typed in panel._border_title.plain


async def test_a_queue_row_too_long_for_its_panel_is_cut_with_an_ellipsis_not_wrapped_away(tmp_path):
    """Textual lays out a label by the widget's text-wrap, not the Text's no_wrap: the kind after a
    long name went to a second line, which a one-line row never shows."""
    async with started(tmp_path, 6, size=(120, 40)) as (app, pilot, _clock):
        queue = app.screen.query_one(SpeakingPanel).queue
        lines = queue_lines(app)
        assert all("(" in line for line in lines) and any(line.endswith("…") for line in lines), lines
        assert all(len(line) <= queue.scrollable_content_region.width for line in lines)


async def test_a_turn_at_a_steady_size_lays_out_nothing_and_a_taller_text_still_does(tmp_path):
    """New texts of the same height go in place (text_in_place.py), virtual sizes without a layout
    (QuietScrollbars.set_virtual_size_quietly); a point of order's second head line still gets its line."""
    from textual.widget import Widget

    from benchmark import START, crowded_meeting
    from roomtui.domain import FrozenClock
    from roomtui.store import Archive
    from roomtui.tui.app import RoomApp

    archive = Archive(tmp_path)
    app = RoomApp(archive, meeting_id=archive.create(crowded_meeting(150, 20)), view="live", clock=FrozenClock(START))
    laid_out = []
    real = Widget.refresh

    def refresh(widget, *regions, **kwargs):
        if kwargs.get("layout"):
            laid_out.append(f"{type(widget).__name__}#{widget.id}")
        return real(widget, *regions, **kwargs)

    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        for _turn in range(8):  # the list of who spoke and the speaking-time table reach their heights
            await pilot.press("n")
            await pilot.pause()
        Widget.refresh = refresh
        try:
            await pilot.press("n")
            await pilot.pause()
            assert laid_out == []
            head = app.screen.query_one("#sp-head")
            assert head.size.height == 1
            app.act("order", lambda c: c.speaking_order().add(2, SpeakerKind.POINT_OF_ORDER, c.now()), quiet=True)
            await pilot.press("n")  # the point of order interrupts: the head says who resumes, on a second line
            await pilot.pause()
            assert "SpeakingPanel#speakers" not in laid_out and "Static#sp-head" in laid_out
            assert head.size.height >= 2
        finally:
            Widget.refresh = real


def test_a_text_keeps_its_line_count_only_when_no_line_can_wrap():
    from rich.text import Text

    from roomtui.tui.widgets.text_in_place import line_count

    assert line_count(Text("4 waiting"), 30) == 1
    assert line_count(Text("4 waiting\n⏸ interrupted: Wu"), 30) == 2
    assert line_count("通江县政协委员" * 3, 30) is None  # 42 cells: it may wrap
    assert line_count("通江县政协委员" * 2, 28) == 1
    assert line_count("anything", 0) is None  # not laid out yet


async def test_the_queue_keys_move_the_highlight_as_a_list_does_and_enter_gives_the_floor(tmp_path):
    """Down past the last row comes back to the first, up from the first goes to the last, home
    and end jump, page keys move by a screenful; Enter gives the highlighted speaker the floor."""
    async with started(tmp_path, 40, size=(120, 40)) as (app, pilot, _clock):
        queue = app.screen.query_one(SpeakingPanel).queue
        queue.focus()
        await pilot.press("home")
        assert queue.highlighted == 0
        await pilot.press("up")
        assert queue.highlighted == 39 and queue.scroll_offset.y > 0  # the last row, scrolled into view
        await pilot.press("down")
        assert queue.highlighted == 0 and queue.scroll_offset.y == 0
        await pilot.press("pagedown")
        assert queue.highlighted == queue.scrollable_content_region.height
        await pilot.press("end", "up", "up")
        assert queue.highlighted == 37
        target = SpeakingOrder(app.session.meeting, app.session.meeting.current_item_id).waiting[37]
        await pilot.press("enter")
        await pilot.pause()
        speaking = [e for e in app.session.meeting.speakers if e.started_at and not e.ended_at]
        assert [e.id for e in speaking] == [target.id]
