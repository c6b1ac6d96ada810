"""A speed cache never changes a result: what is drawn is the same with every cache turned off
(ROOMTUI_NO_CACHES, read in roomtui/caches.py only)."""

from __future__ import annotations

import pytest
import council_script
from live_helpers import make_app
from test_live_panels import queue_lines, queue_speakers

from roomtui import caches
from roomtui.tui.widgets.stats_panel import StatsPanel


@pytest.fixture
def switch(monkeypatch):
    """Sets ROOMTUI_NO_CACHES for one test, and the switch back as it was after it."""

    def turn_off(value: str) -> None:
        monkeypatch.setenv("ROOMTUI_NO_CACHES", value)
        caches.read_switch()

    yield turn_off
    monkeypatch.undo()
    caches.read_switch()


def test_the_switch_names_caches_one_by_one_or_all(switch):
    assert all(caches.enabled(name) for name in caches.CACHES)
    switch("1")
    assert not any(caches.enabled(name) for name in caches.CACHES)
    switch("queue-labels")
    assert not caches.enabled("queue-labels") and caches.enabled("file-splice")
    with pytest.raises(KeyError):
        caches.enabled("no-such-cache")


async def _drawn(tmp_path) -> tuple[list[str], list[list]]:
    """The queue's rows and the speaking-time panel's lines after a few turns; the queue drawn
    twice (the second time from whatever the caches kept)."""
    app, _archive, _meeting_id, _clock = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        app.act("one entry off", lambda c: c.set_limits(one_entry_per_person=False), quiet=True)
        queue_speakers(app, 30)
        for _turn in range(4):
            await pilot.press("n")
            await pilot.pause()
        stats = app.screen.query_one(StatsPanel)
        first = (queue_lines(app), [list(line) for line in stats.lines()])
        again = (queue_lines(app), [list(line) for line in stats.lines()])
        assert again == first
        return first


async def test_the_queue_and_the_speaking_time_are_drawn_the_same_with_and_without_caches(tmp_path, switch):
    cached = await _drawn(tmp_path / "cached")
    switch("1")
    uncached = await _drawn(tmp_path / "uncached")
    assert uncached == cached and len(cached[0]) == 26 and cached[1]


def _files_written(root, steps) -> list[bytes]:
    """The meeting file's bytes after each step of the scripted council (and each undo after)."""
    from roomtui.store import Archive

    archive = Archive(root)
    meeting_id = archive.create(council_script.fresh_meeting())
    moment = council_script.clock()
    session = archive.open(meeting_id, clock=moment)
    path = archive.path_of(meeting_id)
    written = []
    try:
        for label, action in steps:
            moment.advance(7)
            try:
                session.do(label, action)
            except Exception as error:  # a step the rules refuse is refused alike either way
                written.append(type(error).__name__.encode())
            written.append(path.read_bytes())
        for _undo in range(5):
            session.undo()
            written.append(path.read_bytes())
    finally:
        session.close()
    return written


def test_the_meeting_file_is_byte_for_byte_the_same_with_and_without_caches(tmp_path, switch):
    """The encoders compiled from type hints, the records' kept dicts and the spliced file bytes
    only save time: a scripted council of 120 actions writes the same bytes at every step."""
    steps = council_script.steps(120)
    cached = _files_written(tmp_path / "cached", steps)
    switch("1")
    uncached = _files_written(tmp_path / "uncached", steps)
    assert len(cached) == 125 and uncached == cached
    assert len(set(cached)) > 60  # the steps changed the file


async def _live_screen_after_keys(tmp_path) -> list[str]:
    """The live screen as drawn after each of a few keys (turns, a pause, +1 min, a point of order)."""
    app, _archive, _meeting_id, clock = make_app(tmp_path)
    shots = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        app.act("one entry off", lambda c: c.set_limits(one_entry_per_person=False), quiet=True)
        queue_speakers(app, 12)
        for keys in (["n"], ["space"], ["plus"], ["space"], ["n"], ["n"]):
            clock.advance(seconds=40)
            await pilot.press(*keys)
            await pilot.pause()
            shots.append(app.export_screenshot(title="live"))
    return shots


async def test_the_live_screen_looks_the_same_with_and_without_caches_and_redraw_guards(tmp_path, switch):
    """Every panel redrawn at every key (guards off, nothing kept) shows what the guarded ones show."""
    cached = await _live_screen_after_keys(tmp_path / "cached")
    switch("1")
    uncached = await _live_screen_after_keys(tmp_path / "uncached")
    assert len(set(cached)) > 3 and uncached == cached
