"""Every view's footer fits its width, in English and Chinese, at 80x24 and 120x40, with F1 always
shown and the keys of the moment first (a person must see the key they need, not half of them)."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from roomtui.i18n import set_language
from roomtui.tui.app import RoomApp
from roomtui.tui.widgets.footer import FittingFooter

SIZES = [(80, 24), (120, 40)]


def footer_keys(app) -> list[FooterKey]:
    footer = app.screen.query_one(FittingFooter)
    return list(footer.query(FooterKey))


def assert_fits(app, width: int) -> list[str]:
    keys = footer_keys(app)
    assert keys, "an empty footer"
    assert max(key.region.right for key in keys) <= width, [(k.key, k.description, k.region) for k in keys]
    actions = [key.action for key in keys]
    assert "help" in actions, f"F1 is not shown: {actions}"
    return actions


def live_demo(archive, clock, language: str, speaking: bool, *, last_item: bool = False) -> str:
    """The demo started and moved on two agenda items (to its last with ``last_item``); someone
    has the floor if ``speaking``."""
    meeting_id = archive.ensure_demo(language)
    session = archive.open(meeting_id, clock=clock)
    try:
        session.do("start", lambda c: c.start_meeting())
        moves = 0
        while (session.meeting.current_item.id != session.meeting.agenda[-1].id) if last_item else moves < 2:
            session.do("next", lambda c: c.next_item())
            moves += 1
        if speaking:
            person = session.meeting.participants[3].id
            session.do("add", lambda c: c.speaking_order().add(person, "booked", c.now()))
            session.do("floor", lambda c: c.speaking_order().next(c.now()))
    finally:
        session.close()
    return meeting_id


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", ["prepare", "minutes", "home"])
async def test_the_footer_of_each_view_fits(archive, clock, language, size, view):
    set_language(language)
    meeting_id = archive.ensure_demo(language)
    app = RoomApp(archive, meeting_id=None if view == "home" else meeting_id, clock=clock,
                  view=None if view == "home" else view)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert_fits(app, size[0])


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_live_footer_fits_and_follows_the_moment(archive, clock, language, size):
    set_language(language)
    meeting_id = live_demo(archive, clock, language, speaking=True)
    app = RoomApp(archive, meeting_id=meeting_id, clock=clock, view="live")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        during = assert_fits(app, size[0])
        assert during[:2] == ["next_speaker", "pause_resume"] or (size[0] < 120 and during[:3] == [
            "next_tab", "next_speaker", "pause_resume"]), during
        if size[0] < 120:
            assert "next_tab" in during  # the only way to the other panels at this width
        await pilot.press("s")  # the speech ends: between speakers the footer offers who is next
        await pilot.pause()
        between = assert_fits(app, size[0])
        assert "add_speaker('impromptu')" in between and "pause_resume" not in between


# -- the keys of the moment, and never a key that would be refused (issue 25) ------------------------
both = pytest.mark.parametrize("language", ["en", "zh"])
sizes = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


def shown_keys(app) -> list[str]:
    return [key.key for key in footer_keys(app)]


@both
@sizes
@pytest.mark.parametrize("speaking", [False, True], ids=["between", "speaking"])
async def test_the_live_footer_offers_the_summary_and_the_end_in_the_last_item(archive, clock, language, size,
                                                                                speaking):
    set_language(language)
    meeting_id = live_demo(archive, clock, language, speaking=speaking, last_item=True)
    app = RoomApp(archive, meeting_id=meeting_id, clock=clock, view="live")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        actions = assert_fits(app, size[0])
        assert "remarks" in actions and "end_meeting" in actions, actions
        assert "next_item" not in actions  # refused on the last item: "end the meeting instead"


@both
@sizes
async def test_after_the_end_the_live_footer_offers_no_speaking_keys(archive, clock, language, size):
    set_language(language)
    meeting_id = live_demo(archive, clock, language, speaking=True)
    session = archive.open(meeting_id, clock=clock)
    session.do("close", lambda c: c.close_meeting())
    session.close()
    app = RoomApp(archive, meeting_id=meeting_id, clock=clock, view="live")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        actions = assert_fits(app, size[0])
        assert not {"next_speaker", "pause_resume", "stop_speaker", "extend"} & set(actions), actions
        assert "view('minutes')" in actions


@both
@sizes
async def test_prepare_offers_go_live_only_before_the_meeting_and_keeps_f6_f7(archive, clock, language, size):
    set_language(language)
    meeting_id = archive.ensure_demo(language)
    app = RoomApp(archive, meeting_id=meeting_id, clock=clock, view="prepare")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        before = assert_fits(app, size[0])
        assert "go_live" in before and "home" in before and "undo" in before
        assert "view('prepare')" not in before  # the view on screen
        if size[0] >= 120:
            assert "room_view" in before, before
        app.act("start", lambda c: c.start_meeting(), quiet=True)
        await pilot.pause()
        await pilot.pause()
        assert "go_live" not in assert_fits(app, size[0])


@both
@sizes
async def test_the_meetings_list_offers_the_register_and_the_report_back(archive, clock, language, size):
    set_language(language)
    archive.ensure_demo(language)
    app = RoomApp(archive, clock=clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        actions = assert_fits(app, size[0])
        assert actions[:3] == ["new", "followup", "report_back"], actions


def test_every_key_a_live_moment_names_is_a_binding():
    """The footer names keys by binding id: a renamed id (or a typo) would drop a key silently."""
    from roomtui.tui.live.moments import MOMENTS
    from roomtui.tui.screens.live import LiveScreen

    ids = {binding.id for binding in LiveScreen.BINDINGS + RoomApp.BINDINGS}
    named = {key for keys in MOMENTS.values() for key in keys} | {"live.next_tab"}
    assert named <= ids, named - ids
