"""A secretary leaning on the keyboard: hundreds of random keys on every view never crash the app.

Keys are drawn from every binding of every view plus Enter, Escape, Tab, arrows, letters and
Chinese text, with the clock moving on. Afterwards the app is still running and the stored
meeting still loads and round-trips.
"""

from __future__ import annotations

import random

import pytest
from textual.binding import Binding

from roomtui.domain.clock import FrozenClock
from roomtui.domain.codec import meeting_from_data, meeting_to_data
from roomtui.share import Discovery, WifiNetwork
from roomtui.share.network import AddressKind, LocalAddress
from roomtui.store import Archive
from roomtui.tui.app import RoomApp
from roomtui.tui.screens import view_bindings

from conftest import COUNCIL_START


def keyboard() -> list[str]:
    keys = {"enter", "escape", "tab", "up", "down", "left", "right", "space", "backspace", "a", "1", "2", "3",
            "4", "y", "n", "ctrl+s", "ctrl+z", "f2", "f3", "f4", "f5", "w", "吴"}
    for _title, bindings, _classes in view_bindings():
        for binding in bindings:
            if isinstance(binding, Binding):
                keys.update(k.strip() for k in binding.key.split(","))
    keys.discard("ctrl+q")  # quitting is tested on its own
    keys.discard("f1")  # the help screen is read-only; keep the run on the views
    keys.discard("h")  # letting phones in starts a server and a writer thread: tested on its own (test_phones_screen.py)
    return sorted(keys)


@pytest.mark.parametrize("seed, view", [(1, "live"), (2, "prepare"), (3, "live")])
async def test_random_keys_never_crash(tmp_path, monkeypatch, seed, view):
    # random typing may reach the export form: keep every file it could write inside tmp_path
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    exports = []
    monkeypatch.setattr("roomtui.tui.screens.minutes.export_all", lambda meeting, folder: exports.append(folder) or [])
    # w in the hand-out view may start sharing: on loopback only, never on a real network
    loopback = LocalAddress("lo", "127.0.0.1", 8, AddressKind.HOTSPOT)
    monkeypatch.setattr("roomtui.tui.screens.share.discover",
                        lambda folder: Discovery([loopback], WifiNetwork("roomtui-test", "k3v9wq2mzp")))
    rng = random.Random(seed)
    keys = keyboard()
    archive = Archive(tmp_path / "data")
    meeting_id = archive.ensure_demo(rng.choice(["en", "zh"]))
    clock = FrozenClock(COUNCIL_START)
    app = RoomApp(archive, meeting_id=meeting_id, clock=clock, view=view)
    async with app.run_test(size=rng.choice([(80, 24), (120, 40)])) as pilot:
        await pilot.pause()
        for _ in range(150):
            await pilot.press(rng.choice(keys))
            clock.advance(rng.randint(0, 40))
        await pilot.pause()
        assert app.is_running
        assert app.session is not None
        assert app.revision > 0, "the keys should have done something worth saving"
    stored = archive.load(meeting_id)
    assert meeting_from_data(meeting_to_data(stored)) == stored
