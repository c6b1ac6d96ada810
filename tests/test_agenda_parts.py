"""An item with parts runs while any of its parts runs; the predicted end counts the parts."""

from __future__ import annotations

import io
from datetime import date, datetime, time

from rich.console import Console

from roomtui.domain import Council, Meeting
from roomtui.domain.stats import item_remaining_minutes, predicted_end
from roomtui.store import Archive
from roomtui.tui.app import RoomApp


def council_with_parts(clock) -> Council:
    """Opening 10, speeches 60 (parts 20 + 30), closing 10: planned 09:00-10:20."""
    meeting = Meeting(id="parts", title="Parts", date=date(2019, 11, 22), start_time=time(9, 0), planned_minutes=80)
    council = Council(meeting, clock)
    council.add_agenda_item("Opening", "opening", 10)
    speeches = council.add_agenda_item("Speeches", "speeches", 60)
    council.add_agenda_item("Members", "speeches", 20, parent_id=speeches.id)
    council.add_agenda_item("Residents", "speeches", 30, parent_id=speeches.id)
    council.add_agenda_item("Closing", "closing", 10)
    return council


def test_entering_a_part_keeps_its_item_running(clock):
    council = council_with_parts(clock)
    opening, speeches, members, residents, closing = council.meeting.agenda
    council.start_meeting()
    assert predicted_end(council.meeting, clock.now()) == datetime(2019, 11, 22, 10, 20)
    clock.advance(10 * 60)
    council.next_item()  # speeches
    clock.advance(5 * 60)
    council.next_item()  # into the first part
    assert speeches.ended_at is None and speeches.started_at == datetime(2019, 11, 22, 9, 10)
    assert predicted_end(council.meeting, clock.now()) == datetime(2019, 11, 22, 10, 20)
    clock.advance(30 * 60)  # the first part runs 10 minutes over its 20: the item's slack absorbs 5
    assert item_remaining_minutes(council.meeting, speeches, clock.now()) == 30
    assert predicted_end(council.meeting, clock.now()) == datetime(2019, 11, 22, 10, 25)
    council.next_item()  # second part
    assert members.ended_at is not None and speeches.ended_at is None
    clock.advance(30 * 60)
    council.next_item()  # closing: the last part and its item end together
    assert residents.ended_at == speeches.ended_at == datetime(2019, 11, 22, 10, 15)
    assert predicted_end(council.meeting, clock.now()) == datetime(2019, 11, 22, 10, 25)


def test_going_back_into_a_part_runs_its_item_again(clock):
    council = council_with_parts(clock)
    _opening, speeches, _members, residents, _closing = council.meeting.agenda
    council.start_meeting()
    for _ in range(4):
        clock.advance(60)
        council.next_item()
    assert speeches.ended_at is not None
    council.previous_item()
    assert council.meeting.current_item is residents and speeches.ended_at is None


async def test_live_agenda_shows_the_item_running_and_the_right_end(tmp_path, clock):
    archive = Archive(tmp_path / "data")
    meeting_id = archive.create(council_with_parts(clock).meeting)
    app = RoomApp(archive, meeting_id=meeting_id, view="live", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("right")
        clock.advance(10 * 60)
        await pilot.press("right")
        clock.advance(5 * 60)
        await pilot.press("right")  # into part 2.1
        await pilot.pause()
        meeting = app.session.meeting
        assert meeting.current_item.title == "Members"
        shown = app.screen.query_one("#agenda-body").content  # what the agenda panel shows
        console = Console(width=60, record=True, file=io.StringIO())
        console.print(shown)
        lines = console.export_text().splitlines()
        speeches_line = next(line for line in lines if "Speeches" in line)
        assert speeches_line.lstrip().startswith(">") and "5/60m" in speeches_line, speeches_line
        assert "✓" in next(line for line in lines if "Opening" in line)
        assert any(line.strip().startswith("ends ~10:20") for line in lines), lines
    stored = archive.load(meeting_id)
    speeches = stored.agenda[1]
    assert speeches.started_at is not None and speeches.ended_at is None
