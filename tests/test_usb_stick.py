"""Data folders on FAT32/exFAT USB sticks: no hard links, 2 s modification times, names that
ignore case, no POSIX permissions.

The kill tests run on a real vfat file system where the machine lets a test mount one (a loop
image made with mkfs.vfat), and always on a simulation (os.link refused as FAT refuses it).
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from room_helpers import live_demo

from roomtui.domain.model import Meeting
from roomtui.share.settings import load_network, save_network
from roomtui.share.wifi import WifiNetwork
from roomtui.store import DAMAGED, Archive
from roomtui.store.follow import FollowState, MeetingFollower

REPO = Path(__file__).resolve().parent.parent

# The child creates one meeting and SIGKILLs itself at the KILL_AT-th call of the file operations
# a create makes; with NO_LINKS, os.link fails as on FAT (EPERM).
CHILD = textwrap.dedent("""
    import os, signal, sys, tempfile
    from roomtui.domain.model import Meeting
    from roomtui.store import Archive

    data, kill_at, no_links = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
    archive = Archive(data)
    calls = [0]

    def hooked(real):
        def call(*args, **kwargs):
            calls[0] += 1
            if calls[0] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        return call

    def refused_link(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    for name in ("open", "fdopen", "fsync", "replace", "rename", "unlink", "link", "write", "close"):
        setattr(os, name, hooked(refused_link if no_links and name == "link" else getattr(os, name)))
    tempfile.mkstemp = hooked(tempfile.mkstemp)
    print(archive.create(Meeting(id="usb-council", title="On a stick")), flush=True)
""")


def kill_creates(data: Path, no_links: bool) -> set[int]:
    """Kill a create at every point in turn; after each, the folder lists no damaged meeting."""
    ended = set()
    for kill_at in range(1, 40):
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir()
        result = subprocess.run([sys.executable, "-c", CHILD, str(data), str(kill_at), "1" if no_links else "0"],
                                capture_output=True, text=True, cwd=REPO, timeout=60)
        archive = Archive(data)
        listed = archive.list()
        assert all(s.status != DAMAGED for s in listed), (kill_at, listed)
        assert [s.id for s in listed] in ([], ["usb-council"]), (kill_at, listed)
        if listed:
            assert archive.load("usb-council").title == "On a stick"
        if result.returncode == 0:
            assert result.stdout.strip() == "usb-council"
            return ended
        assert result.returncode == -signal.SIGKILL, result.stderr
        ended.add(kill_at)
    raise AssertionError("the create never finished")


def test_a_kill_while_creating_a_meeting_without_hard_links_never_leaves_a_damaged_file(tmp_path):
    killed = kill_creates(tmp_path / "data", no_links=True)
    assert len(killed) >= 8  # every step of the create was interrupted once


def test_the_same_with_hard_links(tmp_path):
    assert len(kill_creates(tmp_path / "data", no_links=False)) >= 8


@pytest.fixture(scope="module")
def vfat(tmp_path_factory):
    """A real FAT32 file system mounted from a loop image, where the machine allows it."""
    mkfs = shutil.which("mkfs.vfat") or shutil.which("mkfs.fat")
    if mkfs is None:
        pytest.skip("mkfs.vfat (dosfstools) is not installed")
    root = tmp_path_factory.mktemp("vfat")
    image, mount = root / "stick.img", root / "mnt"
    mount.mkdir()
    with open(image, "wb") as handle:
        handle.truncate(64 * 1024 * 1024)
    subprocess.run([mkfs, "-F", "32", str(image)], check=True, capture_output=True)
    mounted = subprocess.run(["mount", "-o", f"loop,uid={os.getuid()}", str(image), str(mount)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a vfat image here: {mounted.stderr.strip() or mounted.returncode}")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_on_a_real_vfat_stick_a_killed_create_leaves_no_damaged_file(vfat):
    folder = vfat / "kill"
    killed = kill_creates(folder, no_links=False)  # FAT itself refuses the link
    assert len(killed) >= 8


def test_on_a_real_vfat_stick_two_ids_differing_by_case_are_two_meetings(vfat):
    archive = Archive(vfat / "case")
    first = archive.create(Meeting(id="council-a", title="first"))
    second = archive.create(Meeting(id="COUNCIL-A", title="second"))
    assert first == "council-a" and second.lower() != "council-a"
    assert archive.load(first).title == "first" and archive.load(second).title == "second"
    save_network(vfat / "case", WifiNetwork("roomtui-k7mp", "h3q9xv2kdm"))  # no POSIX permissions there
    assert load_network(vfat / "case") == WifiNetwork("roomtui-k7mp", "h3q9xv2kdm")


def test_a_stick_without_permissions_still_saves_the_share_settings(tmp_path, monkeypatch):
    def refused(path, mode, **kwargs):
        raise PermissionError(errno.EPERM, "Operation not permitted", str(path))

    monkeypatch.setattr(os, "chmod", refused)
    save_network(tmp_path, WifiNetwork("roomtui-k7mp", "h3q9xv2kdm"))
    assert load_network(tmp_path) == WifiNetwork("roomtui-k7mp", "h3q9xv2kdm")


def coarse(real_stat):
    """os.stat as FAT gives it: mtime to 2 s, ctime the same, inode numbers reused."""
    def stat(path, *args, **kwargs):
        info = real_stat(path, *args, **kwargs)
        mtime_ns = info.st_mtime_ns // 2_000_000_000 * 2_000_000_000
        fields = list(info[:10])
        fields[1] = 1  # st_ino
        fields[8] = fields[9] = mtime_ns // 1_000_000_000
        return os.stat_result(fields, {"st_mtime_ns": mtime_ns, "st_ctime_ns": mtime_ns,
                                       "st_atime_ns": info.st_atime_ns})
    return stat


def test_the_room_view_sees_a_save_within_the_same_two_seconds_of_the_same_size(tmp_path, monkeypatch):
    archive, meeting_id, clock, session = live_demo(tmp_path)
    follower = MeetingFollower(Archive(archive.root, read_only=True), meeting_id)
    monkeypatch.setattr(os, "stat", coarse(os.stat))
    path = archive.path_of(meeting_id)
    assert follower.poll() and follower.state is FollowState.FOLLOWING
    before = os.stat(path)
    session.do("title", lambda c: c.set_details(title=session.meeting.title.replace("a", "e", 1)))
    after = os.stat(path)
    os.utime(path, ns=(after.st_atime_ns, before.st_mtime_ns))  # as FAT would have it: the same 2 s
    assert (after.st_size, os.stat(path).st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert follower.poll()  # the same stamp, but a recent one: the bytes tell
    assert follower.meeting.title == session.meeting.title
    assert not follower.poll()  # and the same bytes are not a change
    session.close()


def test_the_register_and_the_list_see_a_save_within_the_same_two_seconds_of_the_same_size(tmp_path, monkeypatch):
    from datetime import date

    from followup_helpers import council_with

    from roomtui.store.followup_index import load_register

    archive = Archive(tmp_path / "data")
    archive.create(council_with("usb-1", "Council one", date(2020, 1, 10), "S",
                                [("Fire lane", "Fire Brigade", "Mark the lane", "2020-02-01")], closed=False))
    path = archive.path_of("usb-1")
    before = os.stat(path)  # to the nanosecond: what a directory listing sees
    monkeypatch.setattr(os, "stat", coarse(os.stat))
    assert [e.deliverable for e in load_register(archive, date(2020, 1, 1)).entries] == ["Mark the lane"]
    assert [s.title for s in archive.list()] == ["Council one"]
    other = path.read_bytes().replace(b"Mark the lane", b"Mark the road").replace(b"Council one", b"Council two")
    path.write_bytes(other)  # another roomtui's save, of the same size, in the same 2 s
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert [e.deliverable for e in load_register(archive, date(2020, 1, 1)).entries] == ["Mark the road"]
    assert [s.title for s in archive.list()] == ["Council two"]
