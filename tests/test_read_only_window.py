"""A second roomtui on the same meeting: it follows the first one's saves and refuses every action
key with "read-only", never with a message about the meeting. F7 gives the room view command."""

from __future__ import annotations

import os

from room_helpers import data_files, live_demo
from test_handout_decode import screen_text

from roomtui.domain.speaking import current_speaker
from roomtui.store import Archive
from roomtui.tui.app import RoomApp
from roomtui.tui.widgets.countdown import Countdown
from roomtui.tui.widgets.meeting_bar import MeetingBar


def spy_notices(app) -> list[str]:
    notices: list[str] = []
    real = app.notify

    def notify(message, **kw):
        notices.append(message)
        return real(message, **kw)

    app.notify = notify
    return notices


async def test_a_read_only_window_follows_and_answers_read_only(tmp_path):
    archive, meeting_id, clock, writer = live_demo(tmp_path)
    app = RoomApp(Archive(archive.root), meeting_id=meeting_id, view="live", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        notices = spy_notices(app)
        await pilot.pause()
        assert app.session.read_only
        bar = str(app.screen.query_one(MeetingBar).content)
        assert f"read-only: roomtui process {os.getpid()} on " in bar

        # the writer gives the floor and adds a minute: the read-only window shows both after one poll
        writer.do("next", lambda c: c.speaking_order().next(c.now()))
        writer.do("extend", lambda c: c.speaking_order().extend(60))
        assert app.follow_changes()
        await pilot.pause()
        assert current_speaker(app.session.meeting).limit_seconds == 360
        assert "limit 6:00" in screen_text(app) and "Zhang Xiaojun" in screen_text(app)
        assert app.screen.query_one(Countdown).query_one("#cd-digits").value == "6:00"
        assert not app.follow_changes()  # nothing new, nothing redrawn
        # an issue raised in the writer reaches the issues table (the session's versions move on follow)
        writer.do("issue", lambda c: c.raise_issue(title="Bus shelter on Main Street", queue_answer=False))
        assert app.follow_changes()
        await pilot.pause()
        assert "Bus shelter on Main Street" in screen_text(app)

        # every action key answers "read-only", whatever state the meeting is in
        before = data_files(archive.root)
        for key in ("n", "space", "plus", "s", "right", "e", "c", "ctrl+z", "a", "o", "i", "r", "w"):
            notices.clear()
            await pilot.press(key)
            await pilot.pause()
            assert len(app.screen_stack) == 2, f"{key} opened a dialog in a read-only window"
            assert notices and all(n.startswith("read-only: roomtui process") for n in notices), (key, notices)
        # reading keys still work: another view, and the room view command
        notices.clear()
        await pilot.press("f4")
        await pilot.pause()
        assert type(app.screen).__name__ == "MinutesScreen"
        for key in ("c", "g"):
            notices.clear()
            await pilot.press(key)
            await pilot.pause()
            assert notices and notices[0].startswith("read-only:"), (key, notices)
        assert data_files(archive.root) == before
        # the palette's commands pass the same door
        notices.clear()
        await app.run_action("close_meeting", app.screen)
        assert notices and notices[0].startswith("read-only:")
        assert not app.act("add", lambda c: c.add_participant("Intruder"))
        assert notices[-1].startswith("read-only:")
    writer.close()
    assert all(p.name != "Intruder" for p in archive.load(meeting_id).participants)


async def test_a_read_only_window_says_when_the_file_is_gone_and_catches_up(tmp_path):
    archive, meeting_id, clock, writer = live_demo(tmp_path)
    app = RoomApp(Archive(archive.root), meeting_id=meeting_id, view="live", clock=clock)
    path = archive.path_of(meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        notices = spy_notices(app)
        await pilot.pause()
        path.rename(path.with_suffix(".away"))
        assert not app.follow_changes()
        assert notices and path.name in notices[-1] and "not there" in notices[-1]
        path.with_suffix(".away").rename(path)
        writer.do("next", lambda c: c.speaking_order().next(c.now()))
        assert app.follow_changes()
        await pilot.pause()
        assert "Zhang Xiaojun" in screen_text(app)
        assert app.is_running
    writer.close()


async def test_f7_and_the_palette_give_the_exact_room_view_command(tmp_path):
    archive, meeting_id, clock, writer = live_demo(tmp_path)
    writer.close()
    app = RoomApp(archive, meeting_id=meeting_id, view="live", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        notices = spy_notices(app)
        await pilot.pause()
        assert not app.session.read_only
        await pilot.press("f7")
        await pilot.pause()
        command = f"roomtui show {meeting_id} --data {archive.root.resolve()}"
        assert notices and command in notices[-1]
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Room view" in titles
        notices.clear()
        next(c for c in app.get_system_commands(app.screen) if c.title == "Room view").callback()
        assert notices and command in notices[-1]
    # the command works as printed
    from roomtui import cli

    seen = []
    import roomtui.tui.room.app as room_app

    real_run = room_app.RoomViewApp.run
    room_app.RoomViewApp.run = lambda self: seen.append(self.follower.meeting_id)
    try:
        assert cli.main(command.split()[1:]) == 0
    finally:
        room_app.RoomViewApp.run = real_run
    assert seen == [meeting_id]
