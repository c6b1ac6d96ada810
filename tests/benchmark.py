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


def big_plan_import(data: str, items: int = 5000, runs: int = 3) -> tuple[list[float], float]:
    """Import a plan of ``items`` agenda items (a fifth of them with four parts each), as
    `roomtui import` does: parse, check, store. Issue 10: under 2 s for 5,000 items."""
    from roomtui.importing import import_file
    from roomtui.store import Archive

    lines = ["[meeting]", 'title = "A very long agenda"']
    for number in range(items // 5):
        lines += ["[[agenda]]", f'title = "Item {number}"', "planned_minutes = 10"]
        for part in range(4):
            lines += ["[[agenda.parts]]", f'title = "Part {number}.{part}"', "planned_minutes = 2"]
    plan = Path(data) / "big-plan.toml"
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
    archive = Archive(Path(data) / "big")
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        import_file(archive, plan)
        samples.append(time.perf_counter() - started)
    return samples, plan.stat().st_size
def share_load(phones: int = 60, fetches: int = 5) -> tuple[list[float], float]:
    """The Wi-Fi share on loopback: ``phones`` clients at once, each fetching the page ``fetches`` times."""
    import http.client
    import threading
    from concurrent.futures import ThreadPoolExecutor
    from urllib.parse import urlsplit

    from roomtui.domain import FrozenClock
    from roomtui.domain.demo import build_demo, play_demo
    from roomtui.share import Sharing

    meeting = play_demo(build_demo("zh"), FrozenClock(__import__("datetime").datetime(2019, 11, 22, 9)))
    with Sharing(meeting, "127.0.0.1", port=0) as share:
        parts = urlsplit(share.url)
        start = threading.Barrier(phones)

        def phone(_: int) -> list[float]:
            start.wait()
            samples = []
            for _ in range(fetches):
                began = time.perf_counter()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
                connection.request("GET", parts.path)
                answer = connection.getresponse()
                answer.read()
                connection.close()
                assert answer.status == 200
                samples.append(time.perf_counter() - began)
            return samples

        began = time.perf_counter()
        with ThreadPoolExecutor(max_workers=phones) as pool:
            samples = [s for batch in pool.map(phone, range(phones)) for s in batch]
        return samples, time.perf_counter() - began
def register_folder(data: str, meetings: int = 1000) -> str:
    """``meetings`` closed councils in two series, 8 commitments each: a decade of follow-up."""
    from datetime import date

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from roomtui.store import Archive
    from tests.followup_helpers import council_with

    archive = Archive(data)
    promises = [(f"Issue {n}", f"Bureau {n % 5}", f"Deliverable {n}", f"2019-{n + 1:02d}-15") for n in range(8)]
    archive.create(council_with("bench-0000", "Council", date(2019, 1, 1), "series-A", promises))
    template = archive.path_of("bench-0000").read_bytes()
    for number in range(1, meetings):
        payload = template.replace(b"bench-0000", f"bench-{number:04d}".encode())
        if number % 2:
            payload = payload.replace(b"series-A", b"series-B")
        archive.path_of(f"bench-{number:04d}").write_bytes(payload)
    archive.list()  # the meetings index, as after the first start
    return data


def register_timings(data: str, runs: int = 5) -> dict[str, list[float]]:
    """Cold: no index, every meeting file read. New process: the index file. Again: the stamps only."""
    from datetime import date

    from roomtui.store import Archive
    from roomtui.store import followup_index
    from roomtui.store.followup_index import INDEX_NAME, load_register

    archive = Archive(data)
    samples: dict[str, list[float]] = {"cold index": [], "index file": [], "same process": []}
    for _ in range(runs):
        for what in samples:
            if what == "cold index":
                (Path(data) / INDEX_NAME).unlink(missing_ok=True)
            if what != "same process":
                followup_index._MEMORY.clear()
            started = time.perf_counter()
            register = load_register(archive, date(2020, 1, 1))
            samples[what].append(time.perf_counter() - started)
    assert len(register.entries) == 8 * len(list(archive.meetings_dir.glob("*.json")))
    return samples


async def register_view(data: str, runs: int = 5) -> list[float]:
    """From the f key in the meetings list to the whole register on screen (read in a worker)."""
    from roomtui.store import Archive
    from roomtui.tui.app import RoomApp
    from roomtui.tui.screens.followup import FollowUpScreen

    samples = []
    app = RoomApp(Archive(data))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(runs):
            started = time.perf_counter()
            await pilot.press("f")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, FollowUpScreen) and app.screen.register is not None
            samples.append(time.perf_counter() - started)
            await pilot.press("escape")
            await pilot.pause()
    return samples


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
        samples, size = big_plan_import(data)
        print(f"  import a 5,000-item plan             {figures(samples)}   file {size / 1024:.0f} KiB")
        samples, total = share_load()
        print(f"  Wi-Fi share, 60 phones x 5 fetches   {figures(samples)}   all 300 in {total:.2f} s")
        folder = register_folder(str(Path(data) / "register"))
        for what, samples in register_timings(folder).items():
            print(f"  register of 1,000 meetings, {what:<13}{figures(samples)}")
        print(f"  follow-up view opens (f), 1,000      {figures(asyncio.run(register_view(folder)))}")


if __name__ == "__main__":
    main()
