"""How fast roomtui answers, as ratios against anchors measured in the same run.

    python tests/benchmark.py            the whole table (a few minutes on a busy 2-core laptop)
    python tests/benchmark.py --quick    fewer samples, for a first look

Absolute times mean little on a shared machine, so every figure is roomtui's median divided by
the median of an anchor measured in the same run, samples interleaved where they can be (a
roomtui sample, an anchor sample, ...), so that a burst of load hits both:

  first screen      `roomtui open` in tmux until the meeting's title shows
                    / a hello-world Textual app (Header, Static, Footer) until its text shows
  saved action      one action on the played zh demo (codec, store, fsync'd write)
                    / temp file + write + fsync + replace + folder fsync of the same bytes
  saved action      the same with 1,000 meetings in the data folder / with 1 meeting
  live key n        500 queued speakers and 300 issues / 5 speakers and 10 issues (Pilot, 160x50)
  dialog            open the point-of-order picker and close it (o, Esc)
                    / a bare ModalScreen with 8 Inputs and a Select, in a hello-world app
  peak memory       the app on the live screen / the hello-world app
  plan import       5,000 agenda items through the import path (goal: under 2 s, and linear)

plus a scale check (1, 100, 1,000 meetings for save, `roomtui list` and the first screen; 5, 50,
500 speakers for a live key), whose cost should stay flat. Exits 1 when a ratio is over its goal.
Not a test: it is not part of the test command (timings flake on a shared machine).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

START = datetime(2019, 11, 22, 9, 0, 0)
SIZE = (160, 50)
PY = sys.executable
ROOT = Path(__file__).resolve().parent.parent

# (goal for roomtui / anchor) -- from issue 16; the scale checks ask for flat costs
GOALS = {
    "first screen": 1.5,
    "saved action": 2.0,
    "saved action, 1,000 meetings": 1.1,
    "live key n, 500 speakers / 300 issues": 1.3,
    "dialog open + close (o, Esc)": 1.2,
    "peak memory": 1.5,
    "scale: save, 100 meetings": 1.1,
    "scale: save, 1,000 meetings": 1.1,
    "scale: list, 100 meetings": 1.2,
    "scale: list, 1,000 meetings": 1.2,
    "scale: first screen, 100 meetings": 1.2,
    "scale: first screen, 1,000 meetings": 1.2,
    "scale: live key, 50 speakers": 1.3,
    "scale: live key, 500 speakers": 1.3,
    "live key n, 100 phones following, 60 voting": 1.3,
}
PLAN_ITEMS, PLAN_ANCHOR_ITEMS, PLAN_SECONDS = 5000, 250, 2.0


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def interleaved(runs: int, *measures: Callable[[], float]) -> list[list[float]]:
    """Run each measure once per round, in turn, so that load bursts hit all of them alike."""
    samples: list[list[float]] = [[] for _ in measures]
    for _ in range(runs):
        for index, measure in enumerate(measures):
            samples[index].append(measure())
    return samples


def timed(action: Callable[[], object]) -> Callable[[], float]:
    def measure() -> float:
        started = time.perf_counter()
        action()
        return time.perf_counter() - started
    return measure


# -- data folders ------------------------------------------------------------------------------
def played_demo(language: str, meeting_id: str):
    from roomtui.domain import FrozenClock
    from roomtui.domain.demo import build_demo, play_demo

    meeting = play_demo(build_demo(language), FrozenClock(START))
    meeting.id = meeting_id
    return meeting


def make_folder(root: Path, meetings: int) -> tuple[str, str]:
    """A data folder holding the played en demo (reopened: live) and ``meetings - 1`` other meetings.

    The fillers are copies of one stored draft under new ids, written without fsync (this is
    set-up, not a measure); the index is then rebuilt by the archive itself.
    """
    from roomtui.domain import Council, FrozenClock
    from roomtui.domain.demo import build_demo
    from roomtui.store import Archive

    archive = Archive(root)
    meeting = played_demo("en", "bench-live")
    Council(meeting, FrozenClock(START)).reopen_meeting()
    archive.create(meeting)
    if meetings > 1:
        filler = build_demo("en", "filler-0000")
        archive.create(filler)
        template = json.loads(archive.path_of("filler-0000").read_text("utf-8"))
        for number in range(1, meetings - 1):
            meeting_id = f"filler-{number:04d}"
            template["meta"]["1"]["meeting_id"] = meeting_id
            template["meeting"]["1"]["id"] = meeting_id
            template["meeting"]["1"]["title"] = f"Council {number}"
            template["meeting"]["1"]["date"] = f"20{10 + number % 15}-{1 + number % 12:02d}-{1 + number % 28:02d}"
            (archive.meetings_dir / f"{meeting_id}.json").write_text(json.dumps(template, ensure_ascii=False),
                                                                      "utf-8")
        archive.rebuild_index()
    return meeting.title, "bench-live"


# -- first screen in tmux ---------------------------------------------------------------------
HELLO = """
import sys
from textual.app import App
from textual.widgets import Footer, Header, Static
class Hello(App):
    def compose(self):
        yield Header()
        yield Static(sys.argv[1])
        yield Footer()
Hello().run()
"""


class Tmux:
    """One private tmux server; each run is a fresh session of 120x40 polled until ``marker`` shows."""

    def __init__(self) -> None:
        self.socket = f"roomtui-bench-{os.getpid()}"
        self.count = 0
        self._tmux("new-session", "-d", "-s", "idle", "-x", "120", "-y", "40", "cat")

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args], check=True,
                              capture_output=True, text=True).stdout

    def first_screen(self, argv: list[str], marker: str, timeout: float = 60.0) -> float:
        self.count += 1
        name = f"run{self.count}"
        env = "env LANG=C.UTF-8 TERM=xterm-256color ROOMTUI_LANG=en "
        started = time.perf_counter()
        self._tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", env + shlex.join(argv))
        try:
            while True:
                try:
                    screen = self._tmux("capture-pane", "-p", "-t", name)
                except subprocess.CalledProcessError:
                    raise RuntimeError(f"the program ended before {marker!r} showed: {argv}") from None
                if marker in screen:
                    return time.perf_counter() - started
                if time.perf_counter() - started > timeout:
                    raise TimeoutError(f"{marker!r} did not show within {timeout} s: {argv}")
                time.sleep(0.005)
        finally:
            subprocess.run(["tmux", "-L", self.socket, "kill-session", "-t", name], capture_output=True)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def roomtui_open(data: Path, meeting_id: str) -> list[str]:
    return [PY, "-m", "roomtui", "open", meeting_id, "--data", str(data)]


def hello_app(marker: str) -> list[str]:
    return [PY, "-c", HELLO, marker]


# -- saved actions -----------------------------------------------------------------------------
def anchor_write(path: Path, payload: bytes) -> Callable[[], None]:
    """The floor under any durable save: temp file, write, fsync, replace, fsync the folder."""
    def write() -> None:
        fd, temp = tempfile.mkstemp(prefix=".anchor-", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    return write


def toggling_action(session) -> Callable[[], None]:
    """Give someone the floor (set-up, untimed), then add and take back 30 seconds of his time
    (the + key and its opposite): real actions that change a speaker row and keep the file's size.
    (Adding and removing a speaker would not: a removed speaker stays on record, withdrawn.)"""
    from roomtui.domain import SpeakerKind

    if session.meeting.current_item is None:
        session.do("next item", lambda c: c.next_item())
    session.do("add speaker", lambda c: c.speaking_order().add(5, SpeakerKind.IMPROMPTU, c.now()))
    session.do("next speaker", lambda c: c.speaking_order().next(c.now()))
    state = {"sign": 1}

    def act() -> None:
        state["sign"] = -state["sign"]
        session.do("extend", lambda c: c.speaking_order().extend(30 * state["sign"]))
    return act


def open_played_zh(root: Path):
    from roomtui.domain import Council, FrozenClock
    from roomtui.store import Archive

    archive = Archive(root)
    meeting = played_demo("zh", "bench-played")
    Council(meeting, FrozenClock(START)).reopen_meeting()
    if not archive.exists("bench-played"):
        archive.create(meeting)
    return archive, archive.open("bench-played", clock=FrozenClock(START))


# -- live keys under Pilot ----------------------------------------------------------------------
def crowded_meeting(speakers: int, issues: int):
    """The en demo, live on its speeches item, with ``speakers`` waiting and ``issues`` raised."""
    from roomtui.domain import Council, FrozenClock, SpeakerKind
    from roomtui.domain.demo import build_demo

    meeting = build_demo("en", f"crowd-{speakers}-{issues}")
    council = Council(meeting, FrozenClock(START))
    council.start_meeting()
    meeting.limits.one_entry_per_person = False
    people = [p.id for p in meeting.participants]
    order = council.speaking_order()
    for number in range(speakers):
        order.add(people[number % len(people)], SpeakerKind.IMPROMPTU, council.now())
    for number in range(issues):
        council.raise_issue(title=f"Issue {number} about the road", raised_by=people[number % len(people)],
                            queue_answer=False)
    return meeting


async def live_key(root: Path, speakers: int, issues: int, presses: int) -> list[float]:
    """Press n (next speaker, saved) ``presses`` times; between presses, untimed, one speaker is
    queued again, so the queue keeps its length."""
    from roomtui.domain import FrozenClock, SpeakerKind
    from roomtui.store import Archive
    from roomtui.tui.app import RoomApp

    archive = Archive(root)
    meeting_id = archive.create(crowded_meeting(speakers, issues))
    app = RoomApp(archive, meeting_id=meeting_id, view="live", clock=FrozenClock(START))

    def queue_again(app, number: int) -> None:
        app.act("queue again", lambda c: c.speaking_order().add(1 + number % 5, SpeakerKind.IMPROMPTU, c.now()),
                quiet=True)

    return await timed_keys(app, ["n"], presses, between=queue_again)


async def timed_keys(app, keys: list[str], presses: int, between=None) -> list[float]:
    """Press ``keys`` in turn, ``presses`` rounds after two that warm caches up, timing each round;
    ``between(app, number)`` runs untimed after each round."""
    samples = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for number in range(presses + 2):
            started = time.perf_counter()
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            if number >= 2:
                samples.append(time.perf_counter() - started)
            if between is not None:
                between(app, number)
                await pilot.pause()
    return samples


async def live_keys(root: Path, configs: list[tuple[int, int]], rounds: int, presses: int) -> list[list[float]]:
    samples: list[list[float]] = [[] for _ in configs]
    for round_ in range(rounds):
        for index, (speakers, issues) in enumerate(configs):
            samples[index] += await live_key(root / f"{round_}-{index}", speakers, issues, presses)
    return samples


async def live_key_phones(root: Path, phones: bool, presses: int) -> list[float]:
    """Press n (as live_key, 5 speakers / 10 issues) while, if ``phones``, 100 phones reload the live
    frame every second and 60 signed-in phones change their vote all in the same second, again and
    again: the share's threads and the phones' grouped writes compete with the secretary's key."""
    import threading
    from types import SimpleNamespace

    from room_helpers_phones import Phone
    from roomtui.domain import Disposition, FrozenClock, SpeakerKind
    from roomtui.share import Sharing
    from roomtui.store import Archive
    from roomtui.tui.app import RoomApp
    from roomtui.tui.phones import PhonesOnline

    archive = Archive(root)
    meeting_id = archive.create(crowded_meeting(5, 10))
    app = RoomApp(archive, meeting_id=meeting_id, view="live", clock=FrozenClock(START))
    samples: list[float] = []
    stop = threading.Event()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        threads = []
        if phones:
            app.act("answer", lambda c: c.record_response(1, "Housing Bureau", Disposition.STEP_BY_STEP, plan="survey",
                                                          milestones="May", target_date="2027-01-01"), quiet=True)
            rating = app.act("rate", lambda c: c.open_rating(c.meeting.responses[0].id), quiet=True).result
            online = PhonesOnline(app)
            sharing = Sharing(app.session.meeting, "127.0.0.1", port=0, room=online.door).start()
            online.begin(sharing)
            room = SimpleNamespace(url=sharing.url, meeting_id=meeting_id)
            voters = [Phone(room, f"127.0.30.{n + 1}") for n in range(60)]
            followers = [Phone(room, f"127.0.31.{n + 1}") for n in range(100)]

            def sign_in(number: int) -> None:
                voters[number].get()
                voters[number].post("sign-in", {"name": f"Voter {number}"})
                voters[number].get()

            await asyncio.gather(*(asyncio.to_thread(sign_in, n) for n in range(60)))
            for follower in followers:
                await asyncio.to_thread(follower.get)

            def follow(phone) -> None:
                while not stop.wait(1.0):
                    phone.get("room/live")

            def vote(phone, number: int) -> None:
                step = 0
                while not stop.is_set():
                    second = time.time()
                    phone.post("vote", {"r": str(rating.id), "c": ("satisfied", "dissatisfied")[(number + step) % 2]})
                    step += 1
                    stop.wait(max(0.0, 2.0 - (time.time() - second)))  # within the per-phone rate limit

            threads = [threading.Thread(target=follow, args=(p,), daemon=True) for p in followers]
            threads += [threading.Thread(target=vote, args=(p, n), daemon=True) for n, p in enumerate(voters)]
            for thread in threads:
                thread.start()
            await asyncio.sleep(1.0)
        for number in range(presses + 2):
            started = time.perf_counter()
            await pilot.press("n")
            await pilot.pause()
            if number >= 2:
                samples.append(time.perf_counter() - started)
            app.act("queue again", lambda c: c.speaking_order().add(1 + number % 5, SpeakerKind.IMPROMPTU, c.now()),
                    quiet=True)
            await pilot.pause()
            await asyncio.sleep(0.1)
        stop.set()
        for thread in threads:
            await asyncio.to_thread(thread.join, 10)
        if phones:
            online.stop()
    return samples


async def phones_keys(root: Path, rounds: int, presses: int) -> tuple[list[float], list[float]]:
    calm, busy = [], []
    for round_ in range(rounds):
        calm += await live_key_phones(root / f"calm-{round_}", False, presses)
        busy += await live_key_phones(root / f"busy-{round_}", True, presses)
    return busy, calm


# -- dialogs ------------------------------------------------------------------------------------
def bare_dialog_app():
    from textual.app import App
    from textual.binding import Binding
    from textual.containers import Vertical
    from textual.screen import ModalScreen
    from textual.widgets import Footer, Header, Input, Select, Static

    class Bare(ModalScreen):
        BINDINGS = [Binding("escape", "dismiss", "Cancel")]

        def compose(self):
            with Vertical():
                for number in range(8):
                    yield Input(placeholder=f"field {number}")
                yield Select([("one", 1), ("two", 2), ("three", 3)])

    class Hello(App):
        BINDINGS = [Binding("o", "open", "Open")]

        def compose(self):
            yield Header()
            yield Static("Hello, world")
            yield Footer()

        def action_open(self) -> None:
            self.push_screen(Bare())

    return Hello()


async def open_close(app, presses: int) -> list[float]:
    return await timed_keys(app, ["o", "escape"], presses)


async def dialogs(root: Path, rounds: int, presses: int) -> tuple[list[float], list[float]]:
    from roomtui.domain import FrozenClock
    from roomtui.store import Archive
    from roomtui.tui.app import RoomApp

    archive = Archive(root)
    meeting = played_demo("en", "bench-dialog")
    from roomtui.domain import Council

    Council(meeting, FrozenClock(START)).reopen_meeting()
    archive.create(meeting)
    ours, anchor = [], []
    for _ in range(rounds):
        ours += await open_close(RoomApp(archive, meeting_id="bench-dialog", view="live", clock=FrozenClock(START)),
                                 presses)
        anchor += await open_close(bare_dialog_app(), presses)
    return ours, anchor


# -- peak memory --------------------------------------------------------------------------------
PEAK = """
import sys
def peak():  # VmHWM of this process image (ru_maxrss would carry the forking parent's peak over exec)
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
async def done(pilot):  # the first screen, a dialog opened and closed, then the peak
    await pilot.pause()
    await pilot.press("o")
    await pilot.pause()
    await pilot.press("escape")
    await pilot.pause()
    print(peak())
    pilot.app.exit()
"""
PEAK_ROOMTUI = PEAK + """
from roomtui.store import Archive
from roomtui.tui.app import RoomApp
RoomApp(Archive(sys.argv[1]), meeting_id=sys.argv[2]).run(headless=True, size=(160, 50), auto_pilot=done)
"""
PEAK_HELLO = PEAK + """
sys.path.insert(0, sys.argv[1])
from benchmark import bare_dialog_app
bare_dialog_app().run(headless=True, size=(160, 50), auto_pilot=done)
"""


def peak_kib(code: str, *args: str) -> float:
    out = subprocess.run([PY, "-c", code, *args], check=True, capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


# -- plan import --------------------------------------------------------------------------------
PLAN_IMPORT = """
import sys, time
from pathlib import Path
from roomtui.domain import Council
from roomtui.domain.model import Meeting
from roomtui.importing import import_file
from roomtui.plan.toml_plan import dump_plan
from roomtui.store import Archive
root, items = Path(sys.argv[1]), int(sys.argv[2])
meeting = Meeting(id=f"plan-{items}", title=f"A plan of {items} items")
council = Council(meeting)
for number in range(items):
    council.add_agenda_item(f"Item {number}", planned_minutes=5)
path = root / f"plan-{items}.toml"
path.write_text(dump_plan(meeting), "utf-8")
archive = Archive(root / f"data-{items}")
started = time.perf_counter()
import_file(archive, path)
print(time.perf_counter() - started)
"""


def plan_import_seconds(root: Path, items: int, timeout: float) -> float | None:
    """Write a TOML plan of ``items`` agenda items and time the import path (parse, check, store);
    None when it takes longer than ``timeout`` (the import runs in a child process that is stopped)."""
    folder = root / f"plan-{items}-{time.monotonic_ns()}"
    folder.mkdir(parents=True)
    try:
        out = subprocess.run([PY, "-c", PLAN_IMPORT, str(folder), str(items)], check=True, capture_output=True,
                             text=True, timeout=timeout).stdout
    except subprocess.TimeoutExpired:
        return None
    return float(out.strip().splitlines()[-1])


# -- absolute figures: what has no anchor but a goal of its own ----------------------------
def figures(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"median {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   max {ms[-1]:7.1f} ms   (n={len(ms)})"




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
    origin = archive.load("bench-0000").origin.encode()  # each its own meeting, not copies of one
    for number in range(1, meetings):
        payload = template.replace(b"bench-0000", f"bench-{number:04d}".encode())
        payload = payload.replace(origin, f"{number:016x}".encode())
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




async def minutes_view_change(runs: int = 6) -> list[float]:
    """A grade given in the minutes view (F4) until the preview is drawn again (played en demo)."""
    from roomtui.domain import FrozenClock
    from roomtui.domain.demo import build_demo, play_demo
    from roomtui.store import Archive
    from roomtui.tui.app import RoomApp

    with tempfile.TemporaryDirectory() as folder:
        archive = Archive(folder)
        meeting_id = archive.create(play_demo(build_demo("en"), FrozenClock(START)))
        app = RoomApp(archive, meeting_id=meeting_id, clock=FrozenClock(START))
        samples = []
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for number in range(runs + 1):
                started = time.perf_counter()
                app.act("grade", lambda c: c.record_progress(c.meeting.responses[0].id, 0, grade="BC"[number % 2]))
                await pilot.pause()
                if number:
                    samples.append(time.perf_counter() - started)
        return samples


# -- the report ---------------------------------------------------------------------------------
class Report:
    def __init__(self) -> None:
        self.over: list[str] = []

    def ratio(self, name: str, ours: list[float], anchor: list[float], unit: str = "ms") -> None:
        goal = GOALS[name]
        scale = 1000 if unit == "ms" else 1
        value = median(ours) / median(anchor)
        verdict = "ok" if value <= goal else "OVER"
        if value > goal:
            self.over.append(name)
        print(f"  {name:<40} {median(ours) * scale:9.2f} / {median(anchor) * scale:9.2f} {unit:<3}"
              f" = {value:5.2f}x  (goal <= {goal}x) {verdict}   n={len(ours)}/{len(anchor)}", flush=True)

    def absolute(self, name: str, samples: list[float], goal: float | None = None) -> None:
        verdict = ""
        if goal is not None:
            verdict = f"  (goal median < {goal * 1000:.0f} ms) " + ("ok" if median(samples) < goal else "OVER")
            if median(samples) >= goal:
                self.over.append(name)
        print(f"  {name:<40} {figures(samples)}{verdict}", flush=True)

    def line(self, text: str) -> None:
        print("  " + text, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples")
    parser.add_argument("--only", action="append", default=[],
                        help="screen, save, key, dialog, memory, plan, scale, room, exports, share, register, "
                             "phones (repeatable)")
    args = parser.parse_args()
    parts = set(args.only) or {"screen", "save", "key", "dialog", "memory", "plan", "scale", "room", "exports",
                               "share", "register", "phones"}
    runs = 3 if args.quick else 7
    report = Report()
    # As on a secretary's laptop, modules load from their compiled bytecode: a shell that sets
    # PYTHONDONTWRITEBYTECODE would make every child compile roomtui's sources again (textual's,
    # installed by pip, come compiled), charging roomtui ~0.1-0.2 s that no user pays.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "roomtui")], check=True, capture_output=True)
    print(f"roomtui benchmark: roomtui / anchor, medians, same run ({os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f})", flush=True)
    with tempfile.TemporaryDirectory(prefix="roomtui-bench-") as tmp:
        root = Path(tmp)
        folders = {n: root / f"folder-{n}" for n in (1, 100, 1000)}
        for n, folder in folders.items():
            title, live_id = make_folder(folder, n)

        if "screen" in parts or "scale" in parts:
            tmux = Tmux()
            try:
                marker = "· " + title[:24]
                screens = interleaved(runs, *(lambda f=f: tmux.first_screen(roomtui_open(f, live_id), marker)
                                              for f in folders.values()),
                                      lambda: tmux.first_screen(hello_app(marker), marker))
            finally:
                tmux.close()
            if "screen" in parts:
                report.ratio("first screen", screens[0], screens[3])
            if "scale" in parts:
                report.ratio("scale: first screen, 100 meetings", screens[1], screens[0])
                report.ratio("scale: first screen, 1,000 meetings", screens[2], screens[0])

        if "save" in parts or "scale" in parts:
            sessions = {}
            for n, folder in folders.items():
                _archive, sessions[n] = open_played_zh(folder)
            path = _archive.path_of("bench-played")
            payload = path.read_bytes()
            (root / "anchor").mkdir()
            anchor = anchor_write(root / "anchor" / "played.json", payload)
            count = 60 if args.quick else 150
            actions = [timed(toggling_action(s)) for s in sessions.values()]
            ours, floor = interleaved(count, actions[0], timed(anchor))  # the pair alone: nothing else between
            saves = interleaved(count, *actions)  # the scale check: the same action in the three folders
            for session in sessions.values():
                session.close()
            if "save" in parts:
                report.ratio("saved action", ours, floor)
                report.line(f"    (played zh demo, {len(payload) / 1024:.0f} KiB file)")
                report.ratio("saved action, 1,000 meetings", saves[2], saves[0])
            if "scale" in parts:
                report.ratio("scale: save, 100 meetings", saves[1], saves[0])
                report.ratio("scale: save, 1,000 meetings", saves[2], saves[0])
                lists = interleaved(runs, *(timed(lambda f=f: subprocess.run(
                    [PY, "-m", "roomtui", "list", "--data", str(f)], check=True, capture_output=True))
                    for f in folders.values()))
                report.ratio("scale: list, 100 meetings", lists[1], lists[0])
                report.ratio("scale: list, 1,000 meetings", lists[2], lists[0])

        if "key" in parts or "scale" in parts:
            presses = 6 if args.quick else 12
            configs = [(5, 10), (500, 300), (50, 10), (500, 10)]
            if "scale" not in parts:
                configs = configs[:2]
            if "key" not in parts:
                configs = [configs[0], *configs[2:]]
            keys = asyncio.run(live_keys(root / "keys", configs, 2, presses))
            by_config = dict(zip(configs, keys))
            if "key" in parts:
                report.ratio("live key n, 500 speakers / 300 issues", by_config[(500, 300)], by_config[(5, 10)])
            if "scale" in parts:
                report.ratio("scale: live key, 50 speakers", by_config[(50, 10)], by_config[(5, 10)])
                report.ratio("scale: live key, 500 speakers", by_config[(500, 10)], by_config[(5, 10)])

        if "phones" in parts:
            busy, calm = asyncio.run(phones_keys(root / "phones", 2, 8 if args.quick else 16))
            report.ratio("live key n, 100 phones following, 60 voting", busy, calm)

        if "dialog" in parts:
            ours, anchor = asyncio.run(dialogs(root / "dialog", 2, 6 if args.quick else 12))
            report.ratio("dialog open + close (o, Esc)", ours, anchor)

        if "memory" in parts:
            ours, anchor = [], []
            for _ in range(2 if args.quick else 3):
                ours.append(peak_kib(PEAK_ROOMTUI, str(folders[1]), live_id))
                anchor.append(peak_kib(PEAK_HELLO, str(Path(__file__).parent)))
            report.ratio("peak memory", [k / 1024 for k in ours], [k / 1024 for k in anchor], unit="MiB")

        if "plan" in parts:
            small = min(plan_import_seconds(root, PLAN_ANCHOR_ITEMS, 120) or 120 for _ in range(2))
            big = plan_import_seconds(root, PLAN_ITEMS, 10 * PLAN_SECONDS)
            if big is None:
                report.over.append("plan import")
                report.line(f"plan import, {PLAN_ITEMS:,} items: stopped after {10 * PLAN_SECONDS:.0f} s "
                            f"({PLAN_ANCHOR_ITEMS} items took {small:.2f} s; goal < {PLAN_SECONDS} s, linear) OVER")
            else:
                linear = (big / PLAN_ITEMS) / (small / PLAN_ANCHOR_ITEMS)
                verdict = "ok" if big < PLAN_SECONDS and linear <= 2 else "OVER"
                if verdict != "ok":
                    report.over.append("plan import")
                report.line(f"plan import, {PLAN_ITEMS:,} items: {big:.2f} s (goal < {PLAN_SECONDS} s); per item "
                            f"{linear:.2f}x the {PLAN_ANCHOR_ITEMS}-item import (goal <= 2x, linear) {verdict}")
        if parts & {"room", "exports", "share", "register"}:
            print("absolute figures (no anchor; goals of their own)", flush=True)
        if "room" in parts:
            delays, polls = asyncio.run(room_view_delay(str(root / "room")))
            report.absolute("room view: saved action -> repaint", delays, goal=0.75)
            report.absolute("room view: one poll that redraws", polls)
        if "exports" in parts:
            report.absolute("minutes view: a grade until redrawn", asyncio.run(minutes_view_change()), goal=1.0)
            minutes, handout = exports()
            report.absolute("minutes, 5 formats x 2 variants", minutes)
            report.absolute("hand-out pages + QR at 160x50", handout)
        if "share" in parts:
            samples, total = share_load()
            report.absolute("Wi-Fi share, 60 phones x 5 fetches", samples)
            report.line(f"    (all 300 fetches in {total:.2f} s)")
        if "register" in parts:
            folder = register_folder(str(root / "register"))
            for what, samples in register_timings(folder).items():
                report.absolute(f"register of 1,000 meetings, {what}", samples)
            report.absolute("follow-up view opens (f), 1,000 meetings", asyncio.run(register_view(folder)), goal=1.0)
    if report.over:
        print("over goal: " + ", ".join(report.over))
        return 1
    print("every ratio within its goal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
