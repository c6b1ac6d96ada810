"""Special and huge files wherever roomtui reads one: a FIFO, a symlink to /dev/zero, a socket,
a folder, a sparse file of 2 GB, and a file swapped for one of these between a check and the open.

Every reader goes through roomtui/safe_read.py: it must answer at once (a FIFO never waits for a
writer), read at most the meeting limit, and name the file as unreadable without a traceback.
Each test runs under an alarm: a reader that blocks fails the test instead of hanging the run.
"""

from __future__ import annotations

import os
import signal
import socket
import time
from datetime import date
from pathlib import Path

import pytest
from followup_helpers import two_series_folder
from room_helpers import live_demo

from roomtui.cli import main
from roomtui.domain.validation import MAX_FILE_BYTES
from roomtui.exporting import free_name
from roomtui.safe_read import FileTooLarge, NotARegularFile, read_regular
from roomtui.share.notice import read_notice
from roomtui.share.settings import load_network
from roomtui.store import Archive
from roomtui.store.follow import FollowState, MeetingFollower
from roomtui.store.followup_index import _MEMORY, INDEX_NAME, load_register
from roomtui.store.lock import MeetingLock

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes (mkfifo) are POSIX only")

KINDS = ("fifo", "dev-zero", "sparse", "folder", "socket")
HUGE = 2 * 1024 ** 3


class Blocked(BaseException):
    """Not an OSError: no reader's own error handling may swallow it."""


@pytest.fixture(autouse=True)
def no_reader_may_block():
    """A read that waits (a FIFO) or runs on (/dev/zero) fails the test after 10 s."""
    def stop(signum, frame):
        raise Blocked("a reader blocked on a special file")

    before = signal.signal(signal.SIGALRM, stop)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, before)


def make_special(path: Path, kind: str) -> object:
    """Put a special file of ``kind`` at ``path``; returns what must stay alive (a bound socket)."""
    if path.exists() or path.is_symlink():
        path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "sparse":
        with open(path, "wb") as handle:
            handle.truncate(HUGE)  # 2 GB that take no disk
    elif kind == "folder":
        path.mkdir()
    elif kind == "socket":
        if len(str(path).encode()) > 100:
            pytest.skip("the path is too long for a unix socket")
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        return server
    return None


@pytest.mark.parametrize("kind", KINDS)
def test_read_regular_refuses_at_once_and_reads_no_more_than_the_cap(tmp_path, kind):
    path = tmp_path / "x.json"
    keep = make_special(path, kind)
    started = time.monotonic()
    with pytest.raises((NotARegularFile, IsADirectoryError, FileTooLarge)) as refused:
        read_regular(path, MAX_FILE_BYTES)
    assert time.monotonic() - started < 1
    assert refused.value.strerror and refused.value.filename == str(path)
    del keep


def test_a_file_that_grows_past_the_cap_while_read_is_refused(tmp_path, monkeypatch):
    """stat said small; what is read decides (a writer appending, a sparse file's size changed)."""
    path = tmp_path / "grows.json"
    path.write_bytes(b"x" * 10)
    real_fstat = os.fstat

    def small(fd):
        info = real_fstat(fd)
        return os.stat_result((info.st_mode, *info[1:6], 1, *info[7:]))  # st_size = 1

    monkeypatch.setattr(os, "fstat", small)
    with pytest.raises(FileTooLarge):
        read_regular(path, 5)
    assert read_regular(path, 10) == b"x" * 10


def test_a_swap_between_the_check_and_the_open_is_caught(tmp_path, monkeypatch):
    """`roomtui list` saw a regular meeting file; it is a FIFO by the time it is opened: the
    fstat of the open descriptor sees it, the list names it and does not wait."""
    data = tmp_path / "data"
    archive = Archive(data)
    meeting_id = archive.ensure_demo("en")
    (data / "index.json").unlink()  # every file is read again
    path = archive.path_of(meeting_id)
    real_scan = Archive._scan

    def scan_then_swap(self):
        found = real_scan(self)
        assert meeting_id in found  # listed as a regular file
        path.unlink()
        os.mkfifo(path)
        return found

    monkeypatch.setattr(Archive, "_scan", scan_then_swap)
    (summary,) = archive.list()
    assert summary.status == "damaged" and "named pipe" in summary.problem


def test_a_swap_just_before_the_open_is_caught(tmp_path, monkeypatch):
    """Whatever was checked of the name before, the open itself must not block and the
    descriptor's fstat decides: here the file becomes a FIFO at the very moment it is opened."""
    path = tmp_path / "m.json"
    path.write_bytes(b"{}")
    real_open = os.open

    def swap_then_open(name, flags, *args, **kwargs):
        path.unlink()
        os.mkfifo(path)
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", swap_then_open)
    with pytest.raises(NotARegularFile):
        read_regular(path, 100)


@pytest.mark.parametrize("kind", ("fifo", "dev-zero", "sparse"))
def test_list_and_followup_name_a_special_meeting_file_and_list_the_others(tmp_path, capsys, kind):
    data = tmp_path / "data"
    assert main(["demo", "--no-open", "--data", str(data)]) == 0
    keep = make_special(data / "meetings" / "2020-01-01-special.json", kind)
    capsys.readouterr()
    started = time.monotonic()
    assert main(["list", "--data", str(data)]) == 0
    listed = capsys.readouterr()
    out = listed.out
    assert "demo-tongjiang-2019" in out
    if kind != "sparse":  # not a regular file: not a meeting, and said so
        assert "Ignored 2020-01-01-special.json" in listed.err
        assert {"fifo": "named pipe", "dev-zero": "device"}[kind] in listed.err
    if kind == "sparse":  # a regular file: listed as damaged, named with why
        assert "2020-01-01-special\t-\tDAMAGED\t(unreadable: the file is 2048.0 MB" in out
    assert main(["followup", "--data", str(data)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("Commitments register")
    assert captured.err.count("could not be read") == 1 and "2020-01-01-special.json could not be read" in captured.err
    assert main(["list", "--data", str(data)]) == 0  # a second time from the index: still no hang
    assert time.monotonic() - started < 5
    del keep


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("suffix", (".toml", ".json", ".csv"))
def test_import_refuses_a_special_file_at_once(tmp_path, capsys, kind, suffix):
    data = tmp_path / "data"
    source = tmp_path / f"plan{suffix}"
    keep = make_special(source, kind)
    if suffix == ".csv":
        from roomtui.plan.csv_import import read_participants_csv
        from roomtui.plan.errors import PlanImportError

        with pytest.raises(PlanImportError) as refused:
            read_participants_csv(source)
        said = str(refused.value)
    else:
        assert main(["import", str(source), "--data", str(data)]) == 1
        said = capsys.readouterr().err
        assert len(said.strip().splitlines()) == 1 and "Traceback" not in said
    wanted = {"fifo": "named pipe", "dev-zero": "device", "sparse": "2048.0 MB", "folder": "folder",
              "socket": "socket"}[kind]
    assert wanted in said
    assert not list((data / "meetings").glob("*.json")) if (data / "meetings").exists() else True
    del keep


@pytest.mark.parametrize("kind", ("fifo", "dev-zero", "sparse", "folder"))
def test_the_register_s_cache_and_the_index_of_a_special_kind_are_rebuilt(tmp_path, capsys, kind):
    data = tmp_path / "data"
    titles = two_series_folder(Archive(data))
    _MEMORY.clear()  # as a new process finds it
    for name in ("index.json", INDEX_NAME):
        make_special(data / name, kind)
    archive = Archive(data)
    assert {s.id for s in archive.list()} == set(titles)
    register = load_register(archive, date(2020, 1, 1))
    assert len(register.entries) == 6 and not register.damaged


@pytest.mark.parametrize("kind", ("fifo", "dev-zero", "sparse"))
def test_the_room_view_s_follower_names_a_special_file_and_recovers(tmp_path, kind):
    archive, meeting_id, clock, session = live_demo(tmp_path)
    follower = MeetingFollower(Archive(archive.root, read_only=True), meeting_id)
    assert follower.poll() and follower.state is FollowState.FOLLOWING
    path = archive.path_of(meeting_id)
    good = path.read_bytes()
    keep = make_special(path, kind)
    started = time.monotonic()
    assert follower.poll()
    assert follower.state is FollowState.DAMAGED and follower.meeting is not None
    assert time.monotonic() - started < 1
    assert not follower.poll()  # remembered: not tried again every half second
    del keep
    path.unlink()
    path.write_bytes(good)
    assert follower.poll() and follower.state is FollowState.FOLLOWING
    session.close()


@pytest.mark.parametrize("kind", ("fifo", "dev-zero"))
async def test_the_room_view_stays_responsive_and_q_quits(tmp_path, kind):
    from roomtui.tui.room.app import RoomViewApp

    archive, meeting_id, clock, session = live_demo(tmp_path)
    app = RoomViewApp(Archive(archive.root, read_only=True), meeting_id, clock=clock, poll_seconds=0.05,
                      carousel_seconds=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        make_special(archive.path_of(meeting_id), kind)
        await pilot.pause(0.3)  # a few polls of the timer
        assert app.screen.query_one("#room-problem").display
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    session.close()


@pytest.mark.parametrize("kind", ("fifo", "dev-zero", "sparse"))
def test_small_files_of_the_data_folder_are_read_with_a_cap(tmp_path, kind):
    """The lock's holder, the share's notice and the Wi-Fi settings: none waits, none reads on."""
    lock_path = tmp_path / "m.lock"
    make_special(lock_path, kind)
    assert MeetingLock(lock_path).holder() == ""
    notice = tmp_path / "sharing" / "m.json"
    notice.parent.mkdir()
    make_special(notice, kind)
    assert read_notice(notice) is None
    make_special(tmp_path / "share.json", kind)
    assert load_network(tmp_path) is None


@pytest.mark.parametrize("kind", ("fifo", "dev-zero", "sparse"))
def test_an_export_never_reads_a_special_file_it_would_write_beside(tmp_path, kind):
    target = tmp_path / "minutes.md"
    make_special(target, kind)
    assert free_name(target, b"# minutes\n") == tmp_path / "minutes (2).md"


@pytest.mark.parametrize("kind", ("fifo", "dev-zero", "sparse"))
def test_backups_of_a_special_kind_are_passed_over(tmp_path, kind):
    archive, meeting_id, clock, session = live_demo(tmp_path)
    session.close()
    backup = archive.backups_dir / f"{meeting_id}-20990101-000000-000.json"  # newest by name
    make_special(backup, kind)
    path = archive.path_of(meeting_id)
    path.write_bytes(b"{")
    from roomtui.store import BadMeetingFile

    with pytest.raises(BadMeetingFile) as refused:
        archive.load(meeting_id)
    assert refused.value.backup != backup
    if refused.value.backup is not None:
        archive.restore_backup(meeting_id, refused.value.backup)
        assert archive.load(meeting_id).id == meeting_id
    with pytest.raises(OSError):
        archive.restore_backup(meeting_id, backup)
