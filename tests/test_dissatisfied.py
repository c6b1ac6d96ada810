"""A dissatisfied proposer reopens the issue, and the live screen shows it; f always asks which
response and names the issue."""

from __future__ import annotations

from live_helpers import START
from rich.cells import cell_len

from roomtui.domain import Council, Disposition, FrozenClock
from roomtui.domain.demo import build_demo
from roomtui.store import Archive
from roomtui.tui.app import RoomApp
from roomtui.tui.dialogs import PickerDialog


def answered_council():
    clock = FrozenClock(START)
    council = Council(build_demo("en"), clock)
    council.start_meeting()
    council.raise_issue(4)
    council.raise_issue(9)
    council.record_response(4, "County Public Security Bureau", Disposition.RESOLVE_NOW, action="Mark the lane",
                            lead_unit="Traffic police", deadline="2019-12-07",
                            commitments=[{"lead_unit": "Traffic police", "deliverable": "Lane marked"}])
    council.record_response(9, "County Housing Bureau", Disposition.RESOLVE_NOW, action="Clear the drains",
                            lead_unit="Utilities", deadline="2019-11-29")
    return council.meeting, clock


def picker_labels(app) -> list[str]:
    options = app.screen.query_one("#picker-options")
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_dissatisfied_is_marked_reopened_and_the_second_f_asks_again(tmp_path):
    archive = Archive(tmp_path / "data")
    meeting, clock = answered_council()
    meeting_id = archive.create(meeting)
    app = RoomApp(archive, meeting_id=meeting_id, view="live", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        issues = app.screen.issues
        issues.select_key("r1")  # the fire lane's response is selected
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, PickerDialog) and app.screen.title_text == "Which response?"
        assert picker_labels(app)[0].startswith("#4 Cars block the fire lane")  # the selected one first
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerDialog)
        assert app.screen.title_text.startswith("Is the proposer of #4 Cars block the fire lane")
        await pilot.press(*"dissat", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, PickerDialog)
        cell = issues.table.get_cell("r1", "status")
        assert cell.plain.startswith("⟲ reopened · dissatisfied · resolve now"), cell.plain  # the state first
        width = issues.table.columns["status"].width  # the mark comes first: no cut hides it at 80 columns
        assert cell_len(cell.plain.split(" · ")[0]) <= width
        await pilot.press("f")  # the second time: asks again, names the issue and what was said
        await pilot.pause()
        assert isinstance(app.screen, PickerDialog) and app.screen.title_text == "Which response?"
        assert "reopened" in picker_labels(app)[0] and picker_labels(app)[0].startswith("#4 ")
        await pilot.press("escape")
        await pilot.pause()
    stored = archive.load(meeting_id)
    assert stored.response(1).reopened and stored.issue_open(4) and not stored.issue_open(9)
