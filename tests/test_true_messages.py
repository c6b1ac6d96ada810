"""Messages that tell the truth: a folder that cannot hold a lock is not "another roomtui", a bad
port is a usage message, and a data folder named with an escape sequence is shown, not obeyed."""

from __future__ import annotations

import errno
import fcntl

import pytest

from roomtui.cli import main
from roomtui.store import Archive
from roomtui.store.follow import MeetingFollower
from roomtui.tui.widgets.meeting_bar import read_only_text

OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"


@pytest.mark.parametrize("code", [errno.ENOLCK, errno.EOPNOTSUPP, errno.EROFS, errno.EIO])
def test_a_folder_that_cannot_hold_a_lock_says_so(tmp_path, monkeypatch, code):
    archive = Archive(tmp_path / "data")
    meeting_id = archive.ensure_demo("en")

    def no_locks(fd, operation):
        raise OSError(code, "no locks here")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    session = archive.open(meeting_id)
    assert session.read_only
    assert "cannot hold a lock" in session.read_only_reason and "another roomtui" not in session.read_only_reason
    assert read_only_text(session) == "read-only: this data folder cannot hold a lock"
    session.close()


def test_a_lock_held_by_another_roomtui_is_still_named_as_such(tmp_path, monkeypatch):
    archive = Archive(tmp_path / "data")
    meeting_id = archive.ensure_demo("en")
    writer = archive.open(meeting_id)
    second = Archive(tmp_path / "data").open(meeting_id)
    assert second.read_only and "another roomtui" in second.read_only_reason
    assert read_only_text(second).startswith("read-only: roomtui process ")
    second.close()
    writer.close()


@pytest.mark.parametrize("port", ["70000", "-1", "abc", "65536", "1e3", "99999999999999999999"])
def test_a_port_out_of_range_is_a_usage_message(tmp_path, capsys, port):
    with pytest.raises(SystemExit) as stopped:
        main(["share", "demo", "--port", port, "--data", str(tmp_path / "data")])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "usage:" in err and "0 to 65535" in err and "crash" not in err
    assert not (tmp_path / "data" / "crash-reports").exists()


def test_a_data_folder_named_with_an_escape_is_shown_with_the_escape_visible(tmp_path, capsys):
    data = tmp_path / f"data{OSC52}"
    assert main(["list", "--data", str(data)]) == 0
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out + captured.err and "\\x1b]52" in captured.out
    (data / "meetings" / f"odd{OSC52}.json").write_text("{}")
    assert main(["list", "--data", str(data)]) == 0
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out + captured.err and "\\x1b]52" in captured.err
    assert main(["export", "nothing-here", "--data", str(data)]) == 1
    assert "\x1b" not in capsys.readouterr().err


def test_the_room_view_s_problem_shows_the_folder_s_escape_as_text(tmp_path):
    archive = Archive(tmp_path / f"data{OSC52}")
    meeting_id = archive.ensure_demo("en")
    follower = MeetingFollower(Archive(archive.root, read_only=True), meeting_id)
    assert follower.poll()
    archive.path_of(meeting_id).write_bytes(b"{")
    assert follower.poll()
    assert "\x1b" not in follower.problem and "\\x1b]52" in follower.problem
    archive.path_of(meeting_id).unlink()
    assert follower.poll()
    assert "\x1b" not in follower.problem and "\\x1b]52" in follower.problem


def test_a_lock_whose_holder_cannot_be_written_is_not_kept(tmp_path, monkeypatch):
    """A full disk while the lock file is written: read-only, said why, and the lock is let go."""
    import os

    archive = Archive(tmp_path / "data")
    meeting_id = archive.ensure_demo("en")
    real = os.ftruncate

    def full(fd, length):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "ftruncate", full)
    session = archive.open(meeting_id)
    assert session.read_only and "cannot hold a lock" in session.read_only_reason
    session.close()
    monkeypatch.setattr(os, "ftruncate", real)
    writer = Archive(tmp_path / "data").open(meeting_id)
    assert not writer.read_only  # nobody kept the lock
    writer.close()
