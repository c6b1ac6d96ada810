"""Every write goes through the desk and moves the app's change signal exactly once.

A scripted session (live keys, leaving and reopening the meeting, the register's grade and
undo) runs under Textual's ``run_test(message_hook=...)``; every key, every write of a meeting
file and every move of ``app.revision`` is logged in order, then checked key by key.
"""

from __future__ import annotations

import sys
from datetime import datetime

from textual import events

from roomtui.domain.clock import FrozenClock
from roomtui.domain.model import Grade
from roomtui.store import Archive, storage
from roomtui.tui.app import RoomApp
from roomtui.tui.dialogs import PickerDialog
from roomtui.tui.screens.followup import FollowUpScreen
from roomtui.tui.screens.live import LiveScreen
from tests.followup_helpers import two_series_folder

NOW = datetime(2019, 11, 22, 9, 0)


def _inside_the_desk() -> bool:
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename.endswith("store/desk.py"):
            return True
        frame = frame.f_back
    return False


async def test_every_write_goes_through_the_desk_and_moves_revision_once(tmp_path, monkeypatch):
    archive = Archive(tmp_path / "data")
    two_series_folder(archive)
    demo = archive.ensure_demo("en")
    log: list[tuple] = []
    keys_seen: set[int] = set()
    real_write = storage.atomic_write

    def write(path, payload):
        if path.parent == archive.meetings_dir:
            log.append(("write", path.stem, _inside_the_desk()))
        return real_write(path, payload)

    monkeypatch.setattr(storage, "atomic_write", write)

    def hook(message) -> None:
        if isinstance(message, events.Key) and id(message) not in keys_seen:
            keys_seen.add(id(message))
            log.append(("key", message.key))

    app = RoomApp(archive, meeting_id=demo, view="live", clock=FrozenClock(NOW))
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await pilot.pause()
        app.watch(app, "revision", lambda value: log.append(("revision", value)), init=False)
        app.desk.listen(lambda change: log.append(("change", change.meeting_id, change.also)))
        assert isinstance(app.screen, LiveScreen)
        meeting = app.session.meeting
        await pilot.press("right", "right", "ctrl+z")  # the meeting starts, the next item; undo
        await pilot.pause()
        started = meeting.current_item_id
        await pilot.press("f6")  # leave the meeting
        await pilot.pause()
        await pilot.press("f")  # the register, on other meetings
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FollowUpScreen)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, PickerDialog)
        await pilot.press("A", "enter")
        await pilot.pause()
        graded = [e for e in app.screen.register.entries if e.grade is Grade.A]
        assert len(graded) == 1
        await pilot.press("ctrl+z", "escape")
        await pilot.pause()
        assert app.open_meeting(demo)  # reopened: its undo history is still there (issue 25, item 8)
        await pilot.pause()
        assert app.session.meeting.status.value == "live" and app.session.meeting.current_item_id == started
        await pilot.press("ctrl+z")
        await pilot.pause()
    assert archive.load(demo).status.value == "draft"  # both of its actions were taken back
    assert not [e for e in archive.load("a-2019").responses[0].commitments if e.history]

    assert [entry for entry in log if entry[0] == "write" and not entry[2]] == []  # no write bypasses the desk
    revisions = [entry[1] for entry in log if entry[0] == "revision"]
    assert revisions == list(range(revisions[0], revisions[0] + len(revisions)))  # one step at a time
    # key by key: each Change moved revision once, and wrote its meeting (and the copies it names)
    segments: list[list[tuple]] = [[]]
    for entry in log:
        if entry[0] == "key":
            segments.append([])
        else:
            segments[-1].append(entry)
    writes_total = 0
    for segment in segments:
        changes = [e for e in segment if e[0] == "change"]
        writes = [e for e in segment if e[0] == "write"]
        moves = [e for e in segment if e[0] == "revision"]
        assert len(moves) == len(changes), segment
        assert len(writes) == sum(1 + len(also) for _c, _m, also in changes), segment
        writes_total += len(writes)
    # right, right, ctrl+z, the register's grade and its undo, ctrl+z after reopening
    assert len(revisions) == 6 and writes_total == 6
