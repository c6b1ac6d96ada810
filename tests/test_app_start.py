"""`roomtui open MEETING` goes straight to the meeting: no list built underneath, no frame drawn for
nothing; yet every way back (F6, Esc from the hand-out, a meeting that will not open) finds the list."""

from __future__ import annotations

from textual.widgets import DataTable

from roomtui.tui.app import RoomApp, Underneath
from roomtui.tui.dialogs import ConfirmDialog
from roomtui.tui.screens.handout import HandoutScreen
from roomtui.tui.screens.home import HomeScreen
from roomtui.tui.screens.live import LiveScreen

from test_faults import backed_up, damage  # noqa: F401 -- the fixture, used by name


def listed(app) -> int:
    return app.screen.query_one("#meetings", DataTable).row_count


async def test_open_builds_no_list_and_draws_the_meeting_after_textuals_start_up_batch(archive, clock, monkeypatch):
    meeting_id = archive.ensure_demo("en")
    lists = []
    real_list = archive.list
    monkeypatch.setattr(archive, "list", lambda: lists.append(1) or real_list())
    batches = []
    real_compose = LiveScreen.compose

    def compose(screen):
        batches.append(screen.app._batch_count)  # Textual draws nothing while a batch is open
        return real_compose(screen)

    monkeypatch.setattr(LiveScreen, "compose", compose)
    app = RoomApp(archive, meeting_id=meeting_id, clock=clock, view="live")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        assert [type(s) for s in app.screen_stack] == [Underneath, LiveScreen]
        assert lists == [] and batches == [0]  # composed once, outside the start-up batch (drawn, not discarded)
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.session is None and listed(app) == 1


async def escape_leads_to_the_list(app, first: type) -> None:
    """``app`` opens on a ``first`` screen; Esc there ends on the list of meetings, none open."""
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, first)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.session is None and listed(app) == 1


async def test_esc_from_the_handout_of_a_meeting_opened_directly_shows_the_list(archive, clock):
    meeting_id = archive.ensure_demo("en")
    await escape_leads_to_the_list(RoomApp(archive, meeting_id=meeting_id, clock=clock, view="handout"), HandoutScreen)


async def test_declining_the_backup_of_a_damaged_meeting_leaves_the_list(archive, backed_up):  # noqa: F811
    damage("truncated", archive.path_of(backed_up))
    await escape_leads_to_the_list(RoomApp(archive, meeting_id=backed_up), ConfirmDialog)


async def test_a_meeting_that_is_not_there_leaves_the_list_and_says_so(archive, clock):
    archive.ensure_demo("en")
    app = RoomApp(archive, meeting_id="no-such-meeting", clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and listed(app) == 1
        assert any("no-such-meeting" in said for said in app.notices.said)


async def test_the_list_does_not_offer_keys_that_need_an_open_meeting(archive, clock):
    from textual.widgets._footer import FooterKey

    meeting_id = archive.ensure_demo("en")
    app = RoomApp(archive, clock=clock)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        shown = {key.key for key in app.screen.query(FooterKey)}
        assert shown and not shown & {"f2", "f3", "f4", "f5", "f6", "f7", "ctrl+z"}
        assert "Room view" not in {command.title for command in app.get_system_commands(app.screen)}
        await pilot.press("f3")  # does nothing: no meeting is open
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None and app.session.meeting.id == meeting_id
        assert {"f3", "f6"} <= {key.key for key in app.screen.query(FooterKey)}
        assert "Room view" in {command.title for command in app.get_system_commands(app.screen)}


async def test_the_collector_paused_by_open_resumes_once_the_meeting_is_drawn(archive, clock, monkeypatch):
    """`roomtui open` pauses the collector while it loads (cli._open_app); the app resumes it once
    the meeting's view has been laid out and drawn, and freezes what was loaded. An app started
    with the collector running (tests, the other windows) leaves it alone."""
    import gc

    from textual.screen import Screen

    meeting_id = archive.ensure_demo("en")
    states = []
    real_layout = Screen._refresh_layout

    def layout(screen, *args, **kwargs):
        if isinstance(screen, LiveScreen):
            states.append(gc.isenabled())  # at the view's first layout and draw: still paused
        return real_layout(screen, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", layout)
    frozen = gc.get_freeze_count()
    gc.disable()
    try:
        app = RoomApp(archive, meeting_id=meeting_id, clock=clock, view="live")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, LiveScreen) and states and states[0] is False
            assert gc.isenabled() and gc.get_freeze_count() > frozen
    finally:
        gc.enable()
        gc.unfreeze()
    app = RoomApp(archive, meeting_id=meeting_id, clock=clock, view="live")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert gc.isenabled() and gc.get_freeze_count() == 0
