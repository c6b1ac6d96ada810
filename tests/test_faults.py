"""Faults the secretary may meet: a full disk, a damaged file, a second roomtui on the same meeting."""

from __future__ import annotations

import errno
import json
import os

import pytest

from roomtui.domain.codec import meeting_to_data
from roomtui.store import Archive, BadMeetingFile
from roomtui.store import storage as storage_module
from roomtui.store.meeting_file import SCHEMA
from roomtui.tui.app import RoomApp
from roomtui.tui.dialogs import ConfirmDialog


def damage(kind: str, path) -> bytes:
    good = path.read_bytes()
    damaged = {
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "not JSON": b"\x89PNG\r\n\x1a\n binary junk",
        "another program's JSON": json.dumps({"users": [{"name": "x"}]}).encode(),
        "a JSON list": b"[1, 2, 3]",
        "a newer schema": good.replace(b'"schema":%d' % SCHEMA, b'"schema":7'),
        "no meeting details": json.dumps({"meta": {"1": {"schema": 1, "format": "roomtui-meeting"}}}).encode(),
        "wrong field types": good.replace(b'"planned_minutes":165', b'"planned_minutes":"lots"'),
    }[kind]
    path.write_bytes(damaged)
    return damaged


@pytest.fixture
def backed_up(archive, monkeypatch):
    """The demo with a few saved actions, so that good backups exist."""
    monkeypatch.setattr(storage_module, "BACKUP_INTERVAL", 0)
    meeting_id = archive.ensure_demo("en")
    session = archive.open(meeting_id)
    for name in ("One", "Two"):
        session.do(f"add {name}", lambda c, name=name: c.add_participant(name))
    session.close()
    return meeting_id


@pytest.mark.parametrize("kind", ["empty", "truncated", "not JSON", "another program's JSON", "a JSON list",
                                  "a newer schema", "no meeting details", "wrong field types"])
def test_bad_file_is_named_kept_and_a_backup_offered(archive, backed_up, kind):
    path = archive.path_of(backed_up)
    damaged = damage(kind, path)
    with pytest.raises(BadMeetingFile) as refused:
        archive.open(backed_up)
    error = refused.value
    assert str(path) in str(error) and error.reason
    assert error.backup is not None and "newest good backup" in str(error)
    assert path.read_bytes() == damaged  # untouched for inspection
    (archive.root / "index.json").unlink()  # a rebuilt list still shows the damaged meeting
    assert Archive(archive.root).list()[0].title.startswith("(unreadable")
    assert path.read_bytes() == damaged


async def test_app_offers_the_backup_and_restores_it(archive, backed_up):
    path = archive.path_of(backed_up)
    damaged = damage("truncated", path)
    app = RoomApp(archive, meeting_id=backed_up)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert str(path) in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        assert app.session is not None and app.session.meeting.id == backed_up
    kept = [p for p in archive.meetings_dir.iterdir() if ".bad-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged


async def test_full_disk_in_the_app_says_not_saved_and_keeps_running(archive, monkeypatch):
    meeting_id = archive.ensure_demo("en")
    app = RoomApp(archive, meeting_id=meeting_id, view="prepare")
    notices = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(app, "notify", lambda message, **kw: notices.append((message, kw)))
        before = meeting_to_data(app.session.meeting)

        def full(fd):
            raise OSError(errno.ENOSPC, "No space left on device")

        real = os.fsync
        monkeypatch.setattr(storage_module.os, "fsync", full)
        refused = app.act("add Zhou", lambda c: c.add_participant("Zhou Yi"))
        assert not refused and "No space left on device" in refused.problems[0]
        assert any("Not saved" in m and "No space left" in m for m, _kw in notices)
        assert meeting_to_data(app.session.meeting) == before
        assert meeting_to_data(Archive(archive.root).load(meeting_id)) == before
        monkeypatch.setattr(storage_module.os, "fsync", real)
        assert app.act("add Zhou", lambda c: c.add_participant("Zhou Yi")).done
        await pilot.pause()
        assert app.is_running
    assert any(p.name == "Zhou Yi" for p in archive.load(meeting_id).participants)


async def test_second_instance_opens_read_only_and_says_so(archive):
    meeting_id = archive.ensure_demo("en")
    holder = archive.open(meeting_id)
    app = RoomApp(Archive(archive.root), meeting_id=meeting_id, view="prepare")
    notices = []
    async with app.run_test(size=(100, 30)) as pilot:
        app.notify = lambda message, **kw: notices.append(message)
        await pilot.pause()
        assert app.session.read_only
        assert not app.act("add", lambda c: c.add_participant("Intruder"))
        assert any("read-only" in m for m in notices)
    holder.close()
    assert all(p.name != "Intruder" for p in archive.load(meeting_id).participants)


FILE_SIZE_LIMIT_CHILD = r"""
import json, resource, signal, sys
from roomtui.store import Archive, SaveError
from roomtui.domain.codec import meeting_to_data

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
archive = Archive(sys.argv[1])
session = archive.open(sys.argv[2])
size = archive.path_of(sys.argv[2]).stat().st_size
before = meeting_to_data(session.meeting)
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (size + 200, hard))  # the disk is full part-way into the write
try:
    session.do("long note", lambda c: c.set_details(background="满" * 5000))
except SaveError as error:
    refused = str(error)
else:
    refused = ""
unchanged = meeting_to_data(session.meeting) == before and meeting_to_data(Archive(sys.argv[1]).load(sys.argv[2])) == before
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))  # space is back
session.do("long note", lambda c: c.set_details(background="满" * 5000))
print(json.dumps({"refused": refused, "unchanged": unchanged}))
"""


@pytest.mark.skipif(not hasattr(__import__("signal"), "SIGXFSZ"), reason="RLIMIT_FSIZE and SIGXFSZ are POSIX only")
def test_a_write_cut_short_by_a_file_size_limit_is_not_saved_and_then_is(archive):
    """A real part-way write failure: the process may not write past N bytes (like a full disk)."""
    import subprocess
    import sys

    meeting_id = archive.ensure_demo("zh")
    result = subprocess.run([sys.executable, "-c", FILE_SIZE_LIMIT_CHILD, str(archive.root), meeting_id],
                            capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert "Not saved" in report["refused"] and report["unchanged"]
    assert archive.load(meeting_id).background == "满" * 5000
    assert not list(archive.meetings_dir.glob(".roomtui-tmp-*"))


async def test_typed_markup_is_shown_as_typed_in_notifications(archive):
    app = RoomApp(archive, meeting_id=archive.ensure_demo("en"), view="prepare")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.act("add [red]Wu[/red] [/]", lambda c: c.add_participant("[red]Wu[/red] [/]"))
        await pilot.pause()
        assert app.is_running
        seen = list(app._notifications)  # what Textual was given to show
    assert seen and all(notification.markup is False for notification in seen)
    assert any("[red]Wu[/red] [/]" in notification.message for notification in seen)
