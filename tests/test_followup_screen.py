"""The follow-up view by keys: open it from the meetings list, filter, grade, note, undo."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Input, Select, Static, TextArea

from roomtui.domain.clock import FrozenClock
from roomtui.domain.model import Grade
from roomtui.tui.app import RoomApp
from roomtui.tui.dialogs import ConfirmDialog, FormDialog, PickerDialog
from roomtui.tui.screens.followup import FollowUpScreen
from roomtui.tui.widgets.register_table import RegisterTable
from tests.followup_helpers import FIRE, HOUSING, SERIES_A, two_series_folder

NOW = datetime(2020, 4, 1, 10, 0)


def rows(app) -> list[str]:
    return list(app.screen.query_one("#followup-table", RegisterTable).keys)


async def test_register_view_filters_grades_notes_and_undoes(archive):
    two_series_folder(archive)
    (archive.meetings_dir / "2020-02-02-broken.json").write_text("{", encoding="utf-8")
    app = RoomApp(archive, clock=FrozenClock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FollowUpScreen)
        assert rows(app)[:3] == ["a-2019#r1.1", "a-2019#r3.1", "b-2020#r1.1"]  # overdue first, by deadline
        damaged = app.screen.query_one("#followup-damaged", Static)
        assert "2020-02-02-broken.json" in str(damaged.content)
        # filter: one department
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#field-department", Select).value = HOUSING
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert rows(app) == ["a-2019#r3.1", "a-2020#r1.1", "a-2019#r2.1"]
        # grade the first (the overdue roof repair) A
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, PickerDialog)
        await pilot.press("A", "enter")
        await pilot.pause()
        assert archive.load("a-2019").responses[2].commitments[0].grade is Grade.A
        # a progress note on the next one
        await pilot.press("down", "n")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#field-note", TextArea).text = "设计方案已完成"
        await pilot.press("ctrl+s")
        await pilot.pause()
        stored = archive.load("a-2020").responses[0].commitments[0]
        assert stored.history[-1].note == "设计方案已完成" and stored.history[-1].at == NOW
        detail = str(app.screen.query_one("#followup-detail", Static).content)
        assert "设计方案已完成" in detail
        # open only hides the solved one
        await pilot.press("o")
        await pilot.pause()
        assert "a-2019#r3.1" not in rows(app)
        # undo takes the note back, then the grade
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert archive.load("a-2020").responses[0].commitments[0].history == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert archive.load("a-2019").responses[2].commitments[0].grade is None
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, FollowUpScreen)
    # the view's sessions are closed: the meetings can be opened for writing again
    session = archive.open("a-2019")
    assert not session.read_only
    session.close()


async def test_new_meeting_of_a_series_is_offered_the_report_back(archive):
    two_series_folder(archive)
    app = RoomApp(archive, clock=FrozenClock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-title", Input).value = "Spring council"
        form.query_one("#field-date", Input).value = "2020-05-08"
        form.query_one("#field-series", Input).value = SERIES_A
        await pilot.press("ctrl+s")
        await pilot.pause()
        if isinstance(app.screen, ConfirmDialog) and "participant" in app.screen.question:
            await pilot.press("n")  # the series' last meeting's people: not wanted here (tests/test_secretary_traps.py)
            await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        meeting = app.session.meeting
    linked = [i for i in meeting.issues if i.followup_of]
    assert len(linked) == 4
    assert {i.expected_department for i in linked} == {HOUSING, FIRE}
    stored = archive.load(meeting.id)
    assert any(item.title == "Report on earlier commitments" for item in stored.agenda)
