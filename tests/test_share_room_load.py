"""Load on loopback: 200 phones following the live frame while 60 vote in the same second.

Bounded in count (200 followers x 3 fetches, 60 votes) and in time; every address is its own
phone (127.0.x.y), as on the hotspot, so the per-address limits are those of a real room.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from room_helpers_phones import Phone, SharedRoom


@pytest.fixture
def room(tmp_path):
    shared = SharedRoom(tmp_path)
    yield shared
    shared.close()


def test_two_hundred_followers_and_sixty_votes_in_one_second(room):
    voters = []
    for n in range(60):  # sixty residents signed in from their phones before the rating opens
        phone = Phone(room, f"127.0.8.{n + 1}")
        phone.get()
        _, headers, _ = phone.post("sign-in", {"name": f"Resident {n}", "aff": "Shiniuzui"})
        assert headers["x-roomtui-result"] == "received"
        phone.get()
        voters.append(phone)
    rating = room.secretary(lambda c: c.open_rating(1))
    followers = [Phone(room, f"127.0.{9 + n // 200}.{n % 200 + 1}") for n in range(200)]
    for follower in followers:
        follower.get()
    groups_before = len(room.groups)
    start = threading.Barrier(260)

    def follow(phone: Phone) -> list[int]:
        start.wait()
        return [phone.get("room/live")[0] for _ in range(3)]

    def vote(phone: Phone) -> str:
        start.wait()
        return phone.post("vote", {"r": str(rating.id), "c": "dissatisfied"})[1].get("x-roomtui-result", "")

    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=260) as pool:
        followed = [pool.submit(follow, p) for p in followers]
        voted = [pool.submit(vote, p) for p in voters]
        statuses = [s for future in followed for s in future.result(timeout=120)]
        results = [future.result(timeout=120) for future in voted]
    took = time.monotonic() - began
    assert statuses == [200] * 600
    assert results == ["received"] * 60
    writes = len(room.groups) - groups_before
    assert writes <= 30, writes  # grouped: not sixty fsyncs in a row
    on_disk = room.archive.load(room.meeting_id)
    assert len(on_disk.votes) == 60
    assert took < 60, took
    live = followers[0].get("room/live")[2]
    assert "0 satisfied · 0 basically · 60 dissatisfied" in live
    print(f"\n200 followers x3 + 60 votes: {took:.2f} s, {writes} writes for 60 votes")
