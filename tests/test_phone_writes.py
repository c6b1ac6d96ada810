"""Phones' actions reach the meeting through one writer, in groups, acknowledged once on disk."""

from __future__ import annotations

import threading
import time
from datetime import datetime

import pytest

from roomtui.domain import FrozenClock, ValidationError
from roomtui.domain.demo import build_demo, play_demo
from roomtui.share.phone_writes import PhoneWrites, WriteFailed, WriteTimeout, act_together
from roomtui.store import Archive


def burst(writes: PhoneWrites, actions: list) -> list:
    """Every action proposed from its own thread at the same moment, as phones do."""
    results: list = [None] * len(actions)
    start = threading.Barrier(len(actions))

    def phone(number: int) -> None:
        start.wait()
        try:
            results[number] = writes.propose(actions[number])
        except Exception as error:  # noqa: BLE001 - the test looks at what each phone was told
            results[number] = error

    threads = [threading.Thread(target=phone, args=(n,)) for n in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_sixty_proposals_at_once_make_a_few_writes_and_each_gets_its_own_result():
    groups: list[int] = []

    def write_together(actions):
        time.sleep(0.02)  # an fsync
        groups.append(len(actions))
        return [action(None) for action in actions]

    writes = PhoneWrites(write_together).start()
    try:
        results = burst(writes, [lambda _c, n=n: n * n for n in range(60)])
    finally:
        writes.stop()
    assert results == [n * n for n in range(60)]
    assert sum(groups) == 60 and len(groups) <= 10, groups


def test_a_group_that_cannot_be_written_acknowledges_nobody():
    def write_together(actions):
        raise OSError("No space left on device")

    writes = PhoneWrites(write_together).start()
    try:
        results = burst(writes, [lambda _c: 1] * 5)
    finally:
        writes.stop()
    assert all(isinstance(r, WriteFailed) and "No space" in str(r) for r in results)


def test_a_write_that_takes_too_long_is_not_acknowledged():
    release = threading.Event()

    def write_together(actions):
        release.wait(10)
        return [None] * len(actions)

    writes = PhoneWrites(write_together, wait=0.3).start()
    try:
        with pytest.raises(WriteTimeout):
            writes.propose(lambda _c: None)
    finally:
        release.set()
        writes.stop()


def test_after_stop_nothing_is_taken():
    writes = PhoneWrites(lambda actions: [None] * len(actions)).start()
    writes.stop()
    with pytest.raises(WriteFailed):
        writes.propose(lambda _c: None)


def test_a_burst_of_votes_through_a_session_is_one_write_per_group_and_all_on_disk(tmp_path):
    archive = Archive(tmp_path)
    clock = FrozenClock(datetime(2026, 11, 28, 9, 0))
    meeting = play_demo(build_demo("en", "burst"), clock)
    meeting_id = archive.create(meeting)
    session = archive.open(meeting_id, clock)
    session.do("reopen", lambda c: c.reopen_meeting())
    phones = [f"{n:02d}" * 8 for n in range(60)]
    session.do("setup", lambda c: [c.open_rating(1)] + [c.claim(p, name=f"Resident {n}") for n, p in enumerate(phones)])
    rating_id = session.meeting.ratings[0].id
    saves: list[str] = []

    def do(label, action):
        saves.append(label)
        return session.do(label, action)

    writes = PhoneWrites(lambda actions: act_together(do, "votes from phones", actions)).start()
    try:
        votes = [lambda c, p=p: c.vote(p, rating_id, "dissatisfied") for p in phones]
        votes[7] = lambda c: c.vote("ffff" * 4, rating_id, "satisfied")  # a phone that never signed in
        results = burst(writes, votes)
    finally:
        writes.stop()
    assert isinstance(results[7], ValidationError)
    assert sum(1 for r in results if not isinstance(r, Exception)) == 59
    assert len(saves) <= 10, len(saves)
    session.close()
    on_disk = archive.load(meeting_id)
    assert len(on_disk.votes) == 59  # every acknowledged vote is in the file


def test_stopping_does_not_wait_for_long_on_a_write_in_flight():
    """The app stops the writer on its own thread, which the write in flight may be waiting for."""
    release = threading.Event()
    writes = PhoneWrites(lambda actions: release.wait(30) and [None] * len(actions)).start()
    told = []
    waiting = threading.Thread(target=lambda: told.append(writes.propose(lambda _c: "written")))
    waiting.start()
    time.sleep(0.2)
    started = time.monotonic()
    writes.stop(wait=0.5)
    assert time.monotonic() - started < 2
    release.set()
    waiting.join(30)
    assert told == [None]  # the write in flight still finished, and its phone was told so, after the stop
