"""A speed cache never changes a result: what is drawn is the same with every cache turned off
(ROOMTUI_NO_CACHES, read in roomtui/caches.py only)."""

from __future__ import annotations

import pytest
from live_helpers import make_app
from test_live_panels import queue_lines, queue_speakers

from roomtui import caches
from roomtui.tui.widgets.stats_panel import StatsPanel


def test_the_switch_names_caches_one_by_one_or_all():
    assert all(caches.enabled(name) for name in caches.CACHES)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ROOMTUI_NO_CACHES", "1")
        assert not any(caches.enabled(name) for name in caches.CACHES)
        patch.setenv("ROOMTUI_NO_CACHES", "queue-labels")
        assert not caches.enabled("queue-labels") and caches.enabled("aligned-rows")
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


async def test_the_queue_and_the_speaking_time_are_drawn_the_same_with_and_without_caches(tmp_path, monkeypatch):
    cached = await _drawn(tmp_path / "cached")
    monkeypatch.setenv("ROOMTUI_NO_CACHES", "1")
    uncached = await _drawn(tmp_path / "uncached")
    assert uncached == cached and len(cached[0]) == 26 and cached[1]
