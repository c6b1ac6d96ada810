"""The minutes view: preview public or internal, close the meeting, export every format at once."""

from __future__ import annotations

from textual.widgets import Input

from roomtui.domain.demo import build_demo, play_demo
from roomtui.tui.app import RoomApp
from roomtui.tui.widgets.minutes_preview import MinutesPreview
from roomtui.tui.dialogs import ConfirmDialog, FormDialog
from roomtui.tui.screens.handout import HandoutScreen
from roomtui.tui.screens.minutes import MinutesScreen


def preview_text(app) -> str:
    return app.screen.query_one(MinutesPreview).source


async def test_closed_meeting_opens_on_its_minutes_and_exports_everything(archive, clock, tmp_path):
    meeting_id = archive.create(play_demo(build_demo("zh"), clock))
    app = RoomApp(archive, meeting_id=meeting_id, clock=clock)
    notices = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen)
        app.notify = lambda message, **kw: notices.append(message)
        public = preview_text(app)
        assert "通江县政协" in public and "139 0000" not in public
        await pilot.press("v")
        await pilot.pause()
        assert "139 0000 0101" in preview_text(app)  # internal: contacts included
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#field-folder", Input).value = str(tmp_path / "usb")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen)
    files = sorted(p.name for p in (tmp_path / "usb").iterdir())
    assert len(files) == 12 and any(name.endswith(" - 纪要（公开版）.html") for name in files)  # named in Chinese
    assert any(name.endswith(" - 纪要（公开版）.docx") for name in files)  # 6 formats (Word too) x 2
    assert any(str(tmp_path / "usb") in n for n in notices)


async def test_closing_from_the_minutes_view_asks_first(archive, clock):
    meeting_id = archive.ensure_demo("en")
    app = RoomApp(archive, meeting_id=meeting_id, clock=clock, view="minutes")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert archive.load(meeting_id).status.value == "draft"
        await pilot.press("c", "y")
        await pilot.pause()
    assert archive.load(meeting_id).status.value == "closed"


async def test_f5_shows_the_hand_out_of_the_open_meeting(archive, clock):
    meeting_id = archive.create(play_demo(build_demo("en"), clock))
    app = RoomApp(archive, meeting_id=meeting_id, clock=clock)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, HandoutScreen)
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen)


async def test_f6_returns_to_the_meetings_list_and_releases_the_meeting(archive, clock):
    from roomtui.tui.screens.home import HomeScreen

    meeting_id = archive.ensure_demo("en")
    app = RoomApp(archive, meeting_id=meeting_id, clock=clock, view="live")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.session is None
        other = archive.open(meeting_id)  # the lock is free again
        assert not other.read_only
        other.close()
        await pilot.press("enter")  # open it again from the list
        await pilot.pause()
        assert app.session is not None and app.session.meeting.id == meeting_id


async def test_grading_a_commitment_takes_it_off_the_open_list(archive, clock):
    from textual.widgets import Input

    from roomtui.domain.model import Grade

    meeting_id = archive.create(play_demo(build_demo("en"), clock))
    app = RoomApp(archive, meeting_id=meeting_id, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Drains cleared" in preview_text(app).split("Open commitments")[-1]
        await pilot.press("g")
        await pilot.pause()
        app.screen.query_one("#picker-filter", Input).value = "drains cleared"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#picker-filter", Input).value = "A solved"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen)
        assert "Drains cleared" not in preview_text(app).split("Open commitments")[-1]
    graded = [c for r in archive.load(meeting_id).responses for c in r.commitments if c.deliverable == "Drains cleared"]
    assert graded[0].grade is Grade.A
    history = graded[0].history  # dated, as the register and the internal minutes show it
    assert [(e.grade, e.at) for e in history][-1] == (Grade.A, clock.now())
