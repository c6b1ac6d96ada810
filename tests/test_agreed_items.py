"""Agreed items are captured at the leader's summary step, next theme and review date in Prepare >
Details; all of them reach the minutes."""

from __future__ import annotations

from datetime import date

from live_helpers import fill, make_app

from roomtui.domain import Council
from roomtui.domain.council import split_agreed_items
from roomtui.domain.demo import build_demo
from roomtui.minutes import export_minutes
from roomtui.store import Archive
from roomtui.tui.app import RoomApp
from roomtui.tui.dialogs import FormDialog


def test_agreed_items_one_per_line_without_the_numbers_typed():
    assert split_agreed_items("1. Monthly follow-up\n\n2、 县政协每月跟踪\n- Report back\n2.5 million for drains") == [
        "Monthly follow-up", "县政协每月跟踪", "Report back", "2.5 million for drains"]


def test_record_summary_is_one_action_with_the_agreed_items(clock):
    council = Council(build_demo("en"), clock)
    council.record_summary(leader_summary="Honour every commitment.", agreed_items="1. Monthly follow-up\n2. Report")
    assert council.meeting.leader_summary == "Honour every commitment."
    assert council.meeting.agreed_items == ["Monthly follow-up", "Report"]
    council.record_summary(closing_remarks="Thanks.")  # what is not given stays as it was
    assert council.meeting.agreed_items == ["Monthly follow-up", "Report"]


async def test_summary_step_t_takes_agreed_items_to_the_minutes(tmp_path):
    app, _archive, meeting_id, _clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("right")
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        fill(app, leader_summary="Honour every commitment.",
             agreed_items="1. Commitments followed up monthly\n2. 落实情况在下次协商会上通报")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        await pilot.press("t")  # the form shows them again, one per line
        await pilot.pause()
        assert app.screen.query_one("#field-agreed_items").text == (
            "Commitments followed up monthly\n落实情况在下次协商会上通报")
        await pilot.press("escape")
        await pilot.pause()
    stored = Archive(tmp_path / "data").load(meeting_id)
    minutes = export_minutes(stored, "md", public=True).decode("utf-8")
    agreed = minutes.split("## Agreed items")[1].split("##")[0]
    assert "1. Commitments followed up monthly" in agreed and "2. 落实情况在下次协商会上通报" in agreed


async def test_prepare_details_take_next_theme_and_review_date(tmp_path):
    archive = Archive(tmp_path / "data")
    meeting = build_demo("en")
    meeting.next_theme, meeting.review_date = "", None
    meeting_id = archive.create(meeting)
    app = RoomApp(archive, meeting_id=meeting_id, view="prepare")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        fill(app, next_theme="Rural-gentry culture", review_date="2020-03-20")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog), app.screen.query_one("#form-problems").content
        await pilot.press("e")
        await pilot.pause()
        fill(app, review_date="2020-02-30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "review date" in str(app.screen.query_one("#form-problems").content)
        await pilot.press("escape")
        await pilot.pause()
    stored = archive.load(meeting_id)
    assert stored.next_theme == "Rural-gentry culture" and stored.review_date == date(2020, 3, 20)
    follow_up = export_minutes(stored, "md", public=True).decode("utf-8").split("## Follow-up")[1]
    assert "- **Review date:** 2020-03-20" in follow_up and "- **Next theme:** Rural-gentry culture" in follow_up
