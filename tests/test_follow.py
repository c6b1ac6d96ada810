"""The follower reads what another roomtui saved, re-reads only on change, and never writes."""

from __future__ import annotations

from room_helpers import data_files, kill_writer_mid_action, live_demo

from roomtui.domain.speaking import current_speaker
from roomtui.store import Archive
from roomtui.store.follow import POLL_SECONDS, FollowState, MeetingFollower


def test_poll_rereads_only_when_the_file_changed(tmp_path):
    archive, meeting_id, clock, session = live_demo(tmp_path)
    follower = MeetingFollower(Archive(archive.root, read_only=True), meeting_id)
    assert follower.poll() and follower.state is FollowState.FOLLOWING
    assert current_speaker(follower.meeting) is None
    for _ in range(5):
        assert not follower.poll()
    assert follower.reads == 1

    session.do("next", lambda c: c.speaking_order().next(c.now()))
    assert follower.poll()
    assert follower.reads == 2 and follower.revision == 2
    assert current_speaker(follower.meeting).participant_id == current_speaker(session.meeting).participant_id
    session.do("extend", lambda c: c.speaking_order().extend(60))
    assert follower.poll()
    assert current_speaker(follower.meeting).limit_seconds == current_speaker(session.meeting).limit_seconds
    session.close()
    assert POLL_SECONDS <= 0.5


def test_following_creates_no_lock_and_writes_nothing(tmp_path):
    archive, meeting_id, clock, session = live_demo(tmp_path)
    title = session.meeting.title
    session.close()  # no writer at all: a follower must still not take the lock
    root = archive.root
    (root / "index.json").unlink()  # a writer would rebuild it; a watcher must not
    archive.path_of(meeting_id).with_suffix(".lock").unlink()  # a closed writer leaves it; a watcher makes none
    before = data_files(root)
    watcher = Archive(root, read_only=True)
    follower = MeetingFollower(watcher, meeting_id)
    for _ in range(3):
        follower.poll()
    assert watcher.find(title[:9]) == meeting_id  # resolving a title prefix writes no index either
    assert data_files(root) == before
    assert not archive.path_of(meeting_id).with_suffix(".lock").exists()


def test_a_writer_killed_mid_action_leaves_a_meeting_that_is_still_followed(tmp_path):
    archive, meeting_id, clock, session = live_demo(tmp_path)
    session.close()
    kill_writer_mid_action(archive.root, meeting_id)
    lock = archive.path_of(meeting_id).with_suffix(".lock")
    strays = list(archive.meetings_dir.glob(".roomtui-tmp-*"))
    assert lock.exists() and strays, "the killed writer left its lock and its half-done temp file"
    before = data_files(archive.root)
    follower = MeetingFollower(Archive(archive.root, read_only=True), meeting_id)
    assert follower.poll() and follower.following
    assert current_speaker(follower.meeting) is None  # the unsaved action is not there
    assert len(follower.meeting.speakers) == 4
    assert data_files(archive.root) == before  # the stray temp file is not the watcher's to remove


def test_a_missing_or_damaged_file_is_a_state_and_the_follower_recovers(tmp_path):
    archive, meeting_id, clock, session = live_demo(tmp_path)
    path = archive.path_of(meeting_id)
    follower = MeetingFollower(Archive(archive.root, read_only=True), meeting_id)
    follower.poll()
    good = path.read_bytes()

    path.rename(path.with_suffix(".moved"))
    assert follower.poll()
    assert follower.state is FollowState.MISSING and path.name in follower.problem
    assert follower.meeting is not None  # the last good version stays on screen
    assert not follower.poll()
    path.with_suffix(".moved").rename(path)
    assert follower.poll() and follower.following and follower.problem == ""

    path.write_bytes(good[: len(good) // 2])
    assert follower.poll()
    assert follower.state is FollowState.DAMAGED and "not valid JSON" in follower.problem
    reads = follower.reads
    assert not follower.poll() and follower.reads == reads  # the bad version is not re-read every poll
    path.write_bytes(b'{"meta": {"1": {"format": "something else"}}}')
    assert follower.poll() and follower.state is FollowState.DAMAGED

    session.do("next", lambda c: c.speaking_order().next(c.now()))  # the writer saves again: a whole good file
    assert follower.poll() and follower.following
    assert current_speaker(follower.meeting) is not None
    session.close()
