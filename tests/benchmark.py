"""How fast roomtui answers, in figures: run `python tests/benchmark.py`.

Not a test (timings flake on a shared machine); it prints what a secretary would feel:
how long until the first frame, how long one saved action takes, how long a key takes on the
live screen, how far the room view trails a saved action, and how long the minutes and the
hand-out take to make.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def figures(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"median {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   max {ms[-1]:7.1f} ms   (n={len(ms)})"


def wall(command: list[str], runs: int = 5) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        samples.append(time.perf_counter() - started)
    return samples


FIRST_FRAME = """
import sys, time
started = time.perf_counter()
from roomtui.store import Archive
from roomtui.tui.app import RoomApp
archive = Archive(sys.argv[1])
app = RoomApp(archive, meeting_id=archive.ensure_demo("en"), view=sys.argv[2])
async def first_frame(pilot):
    await pilot.pause()
    print(time.perf_counter() - started)
    pilot.app.exit()
app.run(headless=True, size=(120, 40), auto_pilot=first_frame)
"""


def first_frame(data: str, view: str, runs: int = 5) -> list[float]:
    samples = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", FIRST_FRAME, data, view], check=True, capture_output=True,
                             text=True).stdout
        samples.append(float(out.strip().splitlines()[-1]))
    return samples


def action_latency(data: str) -> tuple[list[float], int]:
    from roomtui.domain import FrozenClock, SpeakerKind
    from roomtui.domain.demo import build_demo, play_demo
    from roomtui.store import Archive

    archive = Archive(data)
    meeting = play_demo(build_demo("zh"), FrozenClock(__import__("datetime").datetime(2019, 11, 22, 9)))
    meeting.id = "bench-played"
    archive.create(meeting)
    session = archive.open("bench-played")
    session.do("reopen", lambda c: c.reopen_meeting())
    samples = []
    for number in range(200):
        started = time.perf_counter()
        session.do("add speaker", lambda c: c.speaking_order().add(5 + number % 8, SpeakerKind.IMPROMPTU, c.now()))
        samples.append(time.perf_counter() - started)
    size = archive.path_of("bench-played").stat().st_size
    session.close()
    return samples, size


async def live_keys(data: str) -> dict[str, list[float]]:
    from roomtui.store import Archive
    from roomtui.tui.app import RoomApp

    archive = Archive(data)
    meeting_id = archive.ensure_demo("en")
    session = archive.open(meeting_id)
    session.do("start", lambda c: c.start_meeting())
    session.close()
    app = RoomApp(archive, meeting_id=meeting_id, view="live")
    samples: dict[str, list[float]] = {"unbound key (Pilot's own)": [], "saved action (n, space, +)": [],
                                       "open a dialog (o)": []}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(20):
            for key in ("z", "o", "escape", "n", "space", "space", "plus"):
                started = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                if key == "z":
                    samples["unbound key (Pilot's own)"].append(time.perf_counter() - started)
                elif key == "o":
                    samples["open a dialog (o)"].append(time.perf_counter() - started)
                elif key != "escape":
                    samples["saved action (n, space, +)"].append(time.perf_counter() - started)
    return samples


async def room_view_delay(data: str, actions: int = 20) -> tuple[list[float], list[float]]:
    """From a saved action of the secretary to the room view's repaint, with its own poll timer;
    and the cost of one poll that finds a change and redraws (the part that is not waiting)."""
    from roomtui.domain import SpeakerKind
    from roomtui.store import Archive
    from roomtui.tui.room.app import RoomViewApp

    archive = Archive(data)
    meeting_id = archive.ensure_demo("en")
    writer = archive.open(meeting_id)
    writer.do("start", lambda c: c.start_meeting())
    for person in range(5, 13):
        writer.do("add", lambda c, person=person: c.speaking_order().add(person, SpeakerKind.IMPROMPTU, c.now()))
    writer.do("next", lambda c: c.speaking_order().next(c.now()))
    delays, polls = [], []
    app = RoomViewApp(Archive(data, read_only=True), meeting_id)  # the real timer, POLL_SECONDS
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for number in range(actions):
            await asyncio.sleep(0.05 + (number % 7) * 0.061)  # land anywhere in the poll interval
            seen = app.repaints
            writer.do("extend", lambda c: c.speaking_order().extend(60))
            started = time.perf_counter()
            while app.repaints == seen:
                await asyncio.sleep(0.002)
            await pilot.pause()  # the frame is composed
            delays.append(time.perf_counter() - started)
    app = RoomViewApp(Archive(data, read_only=True), meeting_id, poll_seconds=None)  # polled by hand
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(actions):
            writer.do("extend", lambda c: c.speaking_order().extend(60))
            started = time.perf_counter()
            app.poll()
            await pilot.pause()
            polls.append(time.perf_counter() - started)
    writer.close()
    return delays, polls


def exports() -> tuple[list[float], list[float]]:
    from roomtui.domain import FrozenClock
    from roomtui.domain.demo import build_demo, play_demo
    from roomtui.handout import handout_document, plan_layout
    from roomtui.minutes import FORMATS, export_minutes

    meeting = play_demo(build_demo("zh"), FrozenClock(__import__("datetime").datetime(2019, 11, 22, 9)))
    minutes, handout = [], []
    for _ in range(10):
        started = time.perf_counter()
        for fmt in FORMATS:
            for public in (True, False):
                export_minutes(meeting, fmt, public=public)
        minutes.append(time.perf_counter() - started)
        started = time.perf_counter()
        plan_layout(handout_document(meeting), 160, 50)
        handout.append(time.perf_counter() - started)
    return minutes, handout


def main() -> None:
    with tempfile.TemporaryDirectory() as data:
        print("roomtui benchmark (this machine; lower is better)")
        print(f"  `roomtui list` (no UI)               {figures(wall([sys.executable, '-m', 'roomtui', 'list', '--data', data]))}")
        print(f"  first frame, prepare view            {figures(first_frame(data, 'prepare'))}")
        print(f"  first frame, live view               {figures(first_frame(data, 'live'))}")
        samples, size = action_latency(str(Path(data) / "actions"))
        print(f"  one saved action (fsync'd)           {figures(samples)}   file {size / 1024:.0f} KiB")
        for what, samples in asyncio.run(live_keys(str(Path(data) / "keys"))).items():
            print(f"  live key, {what:<27}{figures(samples)}")
        delays, polls = asyncio.run(room_view_delay(str(Path(data) / "room")))
        print(f"  room view: saved action -> repaint     {figures(delays)}")
        print(f"  room view: one poll that redraws     {figures(polls)}")
        minutes, handout = exports()
        print(f"  minutes, 5 formats x 2 variants      {figures(minutes)}")
        print(f"  hand-out pages + QR at 160x50        {figures(handout)}")


if __name__ == "__main__":
    main()
