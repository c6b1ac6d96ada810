"""Shared helpers for the room view and follower tests: a writer, file hashes, a killed writer,
a share's notice as a sharer leaves it."""

from __future__ import annotations

import contextlib
import hashlib
import re
import subprocess
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from roomtui.domain.clock import FrozenClock
from roomtui.domain.model import SpeakerKind
from roomtui.share.notice import ShareNotice, notice_path, write_notice
from roomtui.share.wifi import WifiNetwork
from roomtui.store import Archive

START = datetime(2019, 11, 22, 9, 0, 0)
SHARE_URL = "http://10.42.0.1:8765/Qx7vN2kLm9pR4tYw8zAb3c/"
ROOM_URL = SHARE_URL + "room"  # the phones' take-part page, under the share's random path
SHARE_NETWORK = {"en": WifiNetwork("roomtui-k7mp", "h3q9xv2kdm"), "zh": WifiNetwork("县政协会议室", "h3q9xv2kdm")}


def data_files(root: Path) -> dict[str, str]:
    """Every file under the data folder with the SHA-256 of its bytes (locks and temps included)."""
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


def who(meeting, name: str) -> int:
    return next(p.id for p in meeting.participants if p.name == name)


def live_demo(tmp_path, language: str = "en"):
    """The demo council on a tmp folder, started, three speakers queued on the speeches item.

    Returns (archive, meeting_id, clock, session): the session is the secretary's writer.
    """
    archive = Archive(tmp_path / "data")
    meeting_id = archive.ensure_demo(language)
    clock = FrozenClock(START)
    session = archive.open(meeting_id, clock=clock)
    session.do("start", lambda c: c.start_meeting())
    session.do("item", lambda c: c.next_item())
    session.do("item", lambda c: c.next_item())  # 3: speeches
    names = (("Zhang Xiaojun", "张晓军"), ("Wu Chaolin", "吴朝林"), ("Liu Yan", "刘燕"), ("Tang Lihua", "唐丽华"))
    for en, zh in names:
        person = who(session.meeting, zh if language == "zh" else en)
        session.do("add", lambda c, person=person: c.speaking_order().add(person, SpeakerKind.IMPROMPTU, c.now()))
    return archive, meeting_id, clock, session


KILL_MID_ACTION = """
import os, signal, sys
from datetime import datetime
from roomtui.domain.clock import FrozenClock
from roomtui.store import Archive
import roomtui.store.storage as storage

session = Archive(sys.argv[1]).open(sys.argv[2], clock=FrozenClock(datetime(2019, 11, 22, 9, 30)))
assert not session.read_only
def killed(fd):  # the temp file is written, not yet swapped in: die like a pulled plug
    os.kill(os.getpid(), signal.SIGKILL)
storage.os.fsync = killed
session.do("next", lambda c: c.speaking_order().next(c.now()))
"""


def kill_writer_mid_action(data: Path, meeting_id: str) -> None:
    """A writer that dies in the middle of saving an action: its lock file and temp file stay."""
    done = subprocess.run([sys.executable, "-c", KILL_MID_ACTION, str(data), meeting_id], capture_output=True,
                          text=True)
    assert done.returncode == -9, done.stderr


def put_up_share(root: Path, meeting_id: str, *, pid: int | None = None, language: str = "en",
                 with_wifi: bool = True, room: bool = False) -> ShareNotice:
    """The notice a share of this meeting leaves for the room view, written the way a sharer writes
    it; from this process unless ``pid`` says otherwise; ``room``: phones take part. Fixed values, so snapshots do not move (the
    time it was written is not shown: it is now, as the room view checks the sharer began before it)."""
    notice = ShareNotice.now(SHARE_URL, SHARE_NETWORK[language] if with_wifi else None, ROOM_URL if room else None)
    notice = replace(notice, pid=pid or notice.pid)
    write_notice(notice_path(root, meeting_id), notice)
    return notice


def dead_pid() -> int:
    """The pid of a process that has ended (and been waited for)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


# -- the room view beside the secretary's app ------------------------------------------------
ITEM_SHOWN = re.compile(r"(?:item|议程) (\d+(?:\.\d+)?/\d+)")


def room_beside(archive: Archive, meeting_id: str, clock: FrozenClock):
    """A read-only room view of the meeting the secretary's app runs, polled by hand (``look``)."""
    from roomtui.tui.room.app import RoomViewApp

    return RoomViewApp(Archive(archive.root, read_only=True), meeting_id, clock=clock, poll_seconds=None,
                       carousel_seconds=None)


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def part_lines(app, selector: str) -> list[str]:
    """The lines one widget shows (inside its border), trailing spaces cut."""
    region = app.screen.query_one(selector).content_region
    return [line.crop(region.x, region.right).text.rstrip()
            for line in app.screen._compositor.render_strips()[region.y:region.bottom]]


def item_shown(app) -> str:
    """'3.1/7': the agenda position the screen shows first (the app's bar, the room view's item line)."""
    found = ITEM_SHOWN.search("\n".join(screen_lines(app)))
    return found.group(1) if found else ""


def next_shown(room) -> list[str]:
    """The names the room view lists as next, in order."""
    return [line.split(" ", 1)[1].split(" · ")[0] for line in part_lines(room, "#room-next")
            if " " in line and line.split(" ", 1)[0].isdigit()]


async def look(room, pilot) -> None:
    """One poll of the room view, as its timer would do (in the room view's own loop, so that two
    apps can run in one test: the room's ``run_test`` outside, the secretary's inside), then let
    it draw."""
    room.call_later(room.poll)
    await pilot.pause()
    await pilot.pause()


def screen_text(app) -> str:
    """What the app's screen shows, line by line, as text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@contextlib.asynccontextmanager
async def live_view(archive, meeting_id: str, clock, language: str, size: tuple[int, int]):
    """The app on the live view of ``meeting_id``, in ``language`` at ``size``, drawn once;
    the interface speaks English again afterwards."""
    from roomtui.i18n import set_language
    from roomtui.tui.app import RoomApp

    set_language(language)
    app = RoomApp(archive, meeting_id=meeting_id, view="live", clock=clock)
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            yield app, pilot
    finally:
        set_language("en")


async def seen_across_panels(app, pilot, found) -> str:
    """The screen's text once ``found(text)`` holds: under 120 columns the live panels are tabs,
    and v shows the next one (four at most)."""
    seen = screen_text(app)
    for _n in range(4):
        if found(seen):
            break
        await pilot.press("v")
        await pilot.pause()
        seen = screen_text(app)
    return seen
