"""Notifications show at the top right, over the meeting bar's far end: never over the tables the secretary reads."""

from __future__ import annotations

import pytest
from live_helpers import make_app

from roomtui.domain.model import SpeakerKind

from roomtui.tui.widgets.issues_panel import IssuesPanel
from roomtui.tui.widgets.speaking_panel import SpeakingPanel


def toasts(app) -> list:
    return list(app.screen.query("Toast"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_toast_after_an_action_covers_neither_the_issues_nor_the_speaking_order(tmp_path, size):
    app, _archive, _meeting_id, _clock = make_app(tmp_path)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("right", "right")  # start, then the briefing: "… — saved" each time
        await pilot.pause()
        app.act("add", lambda c: c.speaking_order().add(1, SpeakerKind.BOOKED, c.now()), quiet=True)
        await pilot.press("n", "plus")  # "The floor: …", then "+1 min — saved"
        await pilot.pause()
        await pilot.pause()
        shown = toasts(app)
        assert [toast.region.height for toast in shown] == [1]  # quick keys: only the newest confirmation
        covered = [app.screen.query_one(IssuesPanel).region, app.screen.query_one(SpeakingPanel).region]
        assert all(not toast.region.overlaps(panel) for toast in shown for panel in covered if panel.area)
        assert "+1" in str(shown[0].render())
        assert shown[0].region.y == 0 and shown[0].region.right == size[0]  # over the meeting bar, at its end


async def test_an_error_is_shown_in_full_clear_of_the_issues_and_stays(tmp_path):
    app, _archive, _meeting_id, _clock = make_app(tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("right")
        await pilot.pause()
        await pilot.press("plus")  # nobody has the floor: refused
        await pilot.pause()
        await pilot.press("right")  # a confirmation after it does not end the error
        await pilot.pause()
        await pilot.pause()
        error = [toast for toast in toasts(app) if toast.has_class("-error")]
        assert len(error) == 1 and error[0].region.height >= 4  # padded: title and problem, not one thin line
        assert not error[0].region.overlaps(app.screen.query_one(IssuesPanel).region)


async def test_the_same_warning_again_replaces_itself(tmp_path):
    """A tired secretary pressing s eight times with nobody on the floor sees one warning, not eight."""
    app, _archive, _meeting_id, _clock = make_app(tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("right")
        await pilot.pause()
        for _ in range(8):
            await pilot.press("s")
        await pilot.pause()
        await pilot.pause()
        shown = [str(toast.render()) for toast in toasts(app)]
        assert len(shown) == 1, shown
