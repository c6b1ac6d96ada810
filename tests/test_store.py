"""The store: durable, atomic, UTF-8, locked, backed up, owner-only, and honest about failures."""

from __future__ import annotations

import errno
import json
import os
import stat

import pytest

from roomtui.domain import SpeakerKind, ValidationError
from roomtui.domain.codec import meeting_to_data
from roomtui.domain.demo import DEMO_ID, build_demo, play_demo
from roomtui.store import Archive, BadMeetingFile, ReadOnlyError, SaveError
from roomtui.store import storage as storage_module


def test_round_trip_of_the_played_demo_in_chinese(archive, clock):
    meeting = play_demo(build_demo("zh"), clock)
    meeting_id = archive.create(meeting)
    assert meeting_to_data(archive.load(meeting_id)) == meeting_to_data(meeting)
    raw = archive.path_of(meeting_id).read_bytes()
    assert "通江县政协".encode("utf-8") in raw  # Chinese stored as itself
    assert b"\\u" not in raw


def test_every_action_is_on_disk_when_do_returns(archive, clock):
    session = archive.open(archive.ensure_demo("en"), clock=clock)
    session.do("start", lambda c: c.start_meeting())
    session.do("add", lambda c: c.speaking_order().add(9, SpeakerKind.IMPROMPTU, c.now()))
    stored = Archive(archive.root).load(session.meeting.id)
    assert [s.participant_id for s in stored.speakers] == [9]
    assert stored.status.value == "live"
    session.close()


def test_refused_action_changes_nothing(archive, clock):
    session = archive.open(archive.ensure_demo("en"), clock=clock)
    before = meeting_to_data(session.meeting)
    with pytest.raises(ValidationError):
        session.do("bad", lambda c: (c.add_participant("New person"), c.add_participant("")))
    assert meeting_to_data(session.meeting) == before
    assert meeting_to_data(archive.load(session.meeting.id)) == before
    session.close()


def test_undo_reverts_last_action_on_disk(archive, clock):
    session = archive.open(archive.ensure_demo("en"), clock=clock)
    session.do("add Zhou", lambda c: c.add_participant("Zhou Yi", "observer"))
    assert session.undo() == "add Zhou"
    assert all(p.name != "Zhou Yi" for p in archive.load(session.meeting.id).participants)
    with pytest.raises(LookupError):
        session.undo()
    session.close()


def test_undo_walks_back_through_the_files_as_they_were(archive, clock):
    """The history keeps each file's bytes as written (nothing more to make or to collect)."""
    session = archive.open(archive.ensure_demo("en"), clock=clock)
    states = [meeting_to_data(session.meeting)]
    for name in ("One", "Two", "Three"):
        session.do(f"add {name}", lambda c, name=name: c.add_participant(name))
        states.append(meeting_to_data(session.meeting))
    written = archive.path_of(session.meeting.id).read_bytes()
    session.do("add Four", lambda c: c.add_participant("Four"))
    assert (session._undo[-1].label, session._undo[-1].before) == ("add Four", written)
    for expected, label in zip(reversed(states), ("add Four", "add Three", "add Two", "add One")):
        assert session.undo() == label
        assert meeting_to_data(session.meeting) == expected
        assert meeting_to_data(archive.load(session.meeting.id)) == expected
    session.close()


def test_the_undo_history_keeps_the_latest_steps_within_its_memory(archive, clock, monkeypatch):
    """Each step keeps the file as it was: a meeting near the 8 MB limit must not keep 200 of
    them (1.6 GB). The oldest go first; the last action can always be undone."""
    from roomtui.store import session as session_module

    session = archive.open(archive.ensure_demo("en"), clock=clock)
    size = len(archive.path_of(session.meeting.id).read_bytes())
    monkeypatch.setattr(session_module, "UNDO_BYTES", 3 * size + size // 2)
    for name in ("One", "Two", "Three", "Four", "Five"):
        session.do(f"add {name}", lambda c, name=name: c.add_participant(name))
    assert [step.label for step in session._undo] == ["add Three", "add Four", "add Five"]
    monkeypatch.setattr(session_module, "UNDO_BYTES", 1)
    session.do("add Six", lambda c: c.add_participant("Six"))
    assert [step.label for step in session._undo] == ["add Six"] and session.undo() == "add Six"
    session.close()


def test_second_writer_is_refused_and_told_why(archive):
    meeting_id = archive.ensure_demo("en")
    first = archive.open(meeting_id)
    second = Archive(archive.root).open(meeting_id)
    assert second.read_only and str(os.getpid()) in second.read_only_reason
    with pytest.raises(ReadOnlyError):
        second.do("x", lambda c: c.add_participant("Intruder"))
    first.close()
    third = archive.open(meeting_id)  # released lock is free again
    assert not third.read_only
    third.close()


def test_unreadable_file_is_not_overwritten_and_named(archive, monkeypatch):
    monkeypatch.setattr(storage_module, "BACKUP_INTERVAL", 0)
    meeting_id = archive.ensure_demo("en")
    session = archive.open(meeting_id)
    session.do("one", lambda c: c.add_participant("Backup One"))
    session.close()
    path = archive.path_of(meeting_id)
    path.write_bytes(b'{"meta": {"1": {"schema"')  # truncated by some accident
    with pytest.raises(BadMeetingFile) as refused:
        archive.open(meeting_id)
    message = str(refused.value)
    assert str(path) in message and "not valid JSON" in message and "newest good backup" in message
    assert path.read_bytes() == b'{"meta": {"1": {"schema"'
    kept = archive.restore_backup(meeting_id, refused.value.backup)
    assert kept.read_bytes() == b'{"meta": {"1": {"schema"'
    assert archive.load(meeting_id).title


def test_newer_schema_is_refused_not_overwritten(archive):
    meeting_id = archive.ensure_demo("en")
    path = archive.path_of(meeting_id)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["1"]["schema"] = 99
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BadMeetingFile, match="newer roomtui"):
        archive.open(meeting_id)
    assert json.loads(path.read_text(encoding="utf-8"))["meta"]["1"]["schema"] == 99


def test_files_are_owner_only(archive):
    meeting_id = archive.ensure_demo("en")
    session = archive.open(meeting_id)
    session.do("x", lambda c: c.add_participant("Someone"))
    session.close()
    for path in [archive.path_of(meeting_id), archive.root / "index.json", *archive.backups_of(meeting_id)]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in (archive.root, archive.meetings_dir, archive.backups_dir):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_full_disk_reports_not_saved_and_keeps_the_meeting(archive, monkeypatch):
    meeting_id = archive.ensure_demo("en")
    session = archive.open(meeting_id)
    before = meeting_to_data(session.meeting)
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage_module.os, "fsync", full)
    with pytest.raises(SaveError, match="No space left"):
        session.do("add Zhou", lambda c: c.add_participant("Zhou Yi"))
    assert meeting_to_data(session.meeting) == before
    assert meeting_to_data(archive.load(meeting_id)) == before
    assert not list(archive.meetings_dir.glob(".roomtui-tmp-*"))
    monkeypatch.setattr(storage_module.os, "fsync", real_fsync)
    session.do("add Zhou", lambda c: c.add_participant("Zhou Yi"))  # space is back
    assert any(p.name == "Zhou Yi" for p in archive.load(meeting_id).participants)
    session.close()


def test_stray_temp_files_are_cleaned_at_start(archive):
    stray = archive.meetings_dir / ".roomtui-tmp-abc"
    stray.write_bytes(b"half")
    Archive(archive.root)
    assert not stray.exists()


def test_missing_index_is_rebuilt(archive):
    archive.ensure_demo("en")
    archive.ensure_demo("zh")
    (archive.root / "index.json").unlink()
    assert {s.id for s in Archive(archive.root).list()} == set(DEMO_ID.values())


def test_broken_index_is_rebuilt(archive):
    archive.ensure_demo("en")
    (archive.root / "index.json").write_text("not json")
    assert [s.id for s in Archive(archive.root).list()] == [DEMO_ID["en"]]


def test_demo_is_created_once(archive):
    assert archive.ensure_demo("en") == archive.ensure_demo("en")
    assert len(archive.list()) == 1


def test_delete_keeps_a_copy(archive):
    meeting_id = archive.ensure_demo("en")
    archive.delete(meeting_id)
    assert archive.list() == []
    assert list(archive.backups_dir.glob(f"{meeting_id}-deleted-*.json"))


def test_find_by_title_prefix(archive):
    archive.ensure_demo("en")
    assert archive.find("Tongjiang") == DEMO_ID["en"]


def test_find_by_id_looks_at_one_file_not_the_whole_folder(archive, monkeypatch):
    """`roomtui open ID` starts the app sooner in a folder of 1,000 meetings."""
    import re

    from roomtui.store.archive import new_meeting_id

    meeting_id = archive.ensure_demo("en")
    monkeypatch.setattr(archive, "list", lambda: pytest.fail("listed every meeting to find one by its id"))
    assert archive.find(meeting_id) == meeting_id
    assert re.fullmatch(r"2019-11-22-[0-9a-f]{6}", new_meeting_id(archive.load(meeting_id)))


def test_a_file_written_table_by_table_is_the_json_of_the_whole_meeting(archive, clock):
    session = archive.open(archive.ensure_demo("zh"), clock=clock)
    session.do("start", lambda c: c.start_meeting())
    for participant in (3, 4, 5):
        session.do("add", lambda c: c.speaking_order().add(participant, SpeakerKind.IMPROMPTU, c.now()))
    session.do("next", lambda c: c.speaking_order().next(c.now()))
    session.undo()
    path = archive.path_of(session.meeting.id)
    raw = path.read_bytes()
    assert raw == storage_module.encode(json.loads(raw))  # only changed tables were encoded again
    assert meeting_to_data(Archive(archive.root).load(session.meeting.id)) == meeting_to_data(session.meeting)
    session.close()


def test_a_save_that_changes_no_listed_field_neither_reads_nor_writes_the_index(archive, clock, monkeypatch):
    from roomtui.store import archive as archive_module

    from roomtui.store.desk import Desk

    desk = Desk(archive, clock)  # the index row is a follow-on effect of the desk's actions
    meeting_id = archive.ensure_demo("en")
    session = desk.open(meeting_id)
    desk.act(meeting_id, "start", lambda c: c.start_meeting())  # the status is listed: the index is written
    assert archive.list()[0].status == "live"
    index = archive.root / "index.json"
    aged = index.stat().st_mtime - 10  # a stamp is proof only once older than FAT's 2 s (safe_read.stamp_settled)
    os.utime(index, (aged, aged))
    archive.list()
    written, read = [], []
    for module in (storage_module, archive_module):
        real_write, real_read = module.atomic_write, module.read_json
        monkeypatch.setattr(module, "atomic_write", lambda path, payload, real=real_write: (
            written.append(path.name), real(path, payload))[1])
        monkeypatch.setattr(module, "read_json", lambda path, real=real_read: (read.append(path.name), real(path))[1])
    desk.act(meeting_id, "add", lambda c: c.speaking_order().add(9, SpeakerKind.IMPROMPTU, c.now()))
    assert written == [f"{session.meeting.id}.json"]  # one write, the meeting's own
    assert "index.json" not in read  # its rows are kept in the archive, checked by one stat
    desk.act(meeting_id, "title", lambda c: c.set_details(title="Renamed council"))
    assert written[1:] == [f"{session.meeting.id}.json", "index.json"]
    assert json.loads((archive.root / "index.json").read_text("utf-8"))["_default"]["1"]["title"] == "Renamed council"
    desk.close()


def test_the_index_written_by_another_roomtui_is_read_again(archive, clock):
    first = archive.ensure_demo("en")
    assert [s.id for s in archive.list()] == [first]
    other = Archive(archive.root)  # another roomtui on the same folder
    second = other.ensure_demo("zh")
    assert {s.id for s in archive.list()} == {first, second}
    session = archive.open(first, clock=clock)
    session.do("title", lambda c: c.set_details(title="Renamed council"))
    session.close()
    listed = {s.id: s.title for s in Archive(archive.root).list()}
    assert listed == {first: "Renamed council", second: other.load(second).title}


def test_a_temp_file_of_a_running_writer_is_left_alone(archive):
    """Another roomtui starting (a second window, `roomtui list`) must not remove a write in flight:
    the writer's replace would fail and its action would not be saved."""
    import subprocess
    import sys

    writer = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        in_flight = archive.meetings_dir / f".roomtui-tmp-{writer.pid}-abc"
        in_flight.write_bytes(b"being written")
        Archive(archive.root)
        assert in_flight.exists()
    finally:
        writer.kill()
        writer.wait()
    Archive(archive.root)  # its writer is gone now: a leftover
    assert not in_flight.exists()
