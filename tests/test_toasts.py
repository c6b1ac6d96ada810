"""Notifications show at the top right, over the meeting bar's far end: never over the tables the secretary reads."""

from __future__ import annotations

import pytest
from live_helpers import export_minutes_to, make_app

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


async def test_an_error_is_shown_in_full_clear_of_the_panels_and_stays(tmp_path):
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
        assert len(error) == 1 and error[0].region.y == 0 and error[0].region.height == 1  # over the bar
        assert "…" not in str(error[0].render())  # the whole refusal, with its reason
        for panel in (IssuesPanel, SpeakingPanel):
            assert not error[0].region.overlaps(app.screen.query_one(panel).region)


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


# -- issue 25, bug 6: notices never eat Chinese characters, never sit over the panels, and all go with Esc or a click
both = pytest.mark.parametrize("language", ["en", "zh"])
sizes = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")


def screen_rows(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


@both
@sizes
async def test_the_room_view_notice_is_read_in_full_and_goes_with_esc(tmp_path, language, size):
    """F7's command covered the speaking order for 30 s, and in Chinese lost characters at the panels' edges."""
    from roomtui.i18n import set_language
    from roomtui.tui.notices import NoticeDialog

    set_language(language)
    app, _archive, meeting_id, _clock = make_app(tmp_path, language)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, NoticeDialog)
        assert f"roomtui show {meeting_id}" in app.screen.message
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, NoticeDialog) and not toasts(app)


@both
@sizes
async def test_a_notice_is_one_whole_line_over_the_bar_and_goes_with_esc_or_a_click(tmp_path, language, size):
    from roomtui.i18n import set_language

    set_language(language)
    app, _archive, _meeting_id, _clock = make_app(tmp_path, language)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("right")
        await pilot.pause()
        await pilot.press("s")  # nobody has the floor: a warning, which stays its time
        await pilot.pause()
        await pilot.pause()
        shown = [t for t in toasts(app) if not t.has_class("-information")]
        assert len(shown) == 1 and shown[0].region.height == 1 and shown[0].region.y == 0
        words = app.notices.said[-1]
        assert words in screen_rows(app)[0], (words, screen_rows(app)[0])  # every character, none cut to a space
        await pilot.press("escape")
        await pilot.pause()
        assert not [t for t in toasts(app) if not t.has_class("-information")]
        await pilot.press("s")
        await pilot.pause()
        await pilot.pause()
        toast = toasts(app)[-1]
        await pilot.click(toast)
        await pilot.pause()
        assert toast not in toasts(app)


@both
async def test_the_export_notice_leaves_the_qr_code_free(tmp_path, language):
    from roomtui.i18n import set_language
    from roomtui.tui.notices import NoticeDialog
    from roomtui.tui.widgets.qr_code import QRCodeView

    set_language(language)
    app, archive, meeting_id, clock = make_app(tmp_path, language)
    session = archive.open(meeting_id, clock=clock)
    session.do("start", lambda c: c.start_meeting())
    session.do("close", lambda c: c.close_meeting())
    session.close()
    app._initial_view = "minutes"
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await export_minutes_to(app, pilot, tmp_path / "usb")
        await pilot.pause()
        if isinstance(app.screen, NoticeDialog):
            assert str(tmp_path / "usb") in app.screen.message
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        await pilot.pause()
        codes = [code.region for code in app.screen.query(QRCodeView)]
        assert codes
        assert not any(toast.region.overlaps(code) for toast in toasts(app) for code in codes)


async def test_a_result_is_read_whole_and_a_quick_confirmation_is_shortened(tmp_path):
    """下载：2 次 lost its count in a toast: results (counts, files, imports) show whole, in a dialog
    when one line is too short; what a key just did ("The floor: …") is shortened, never a dialog."""
    from roomtui.tui.notices import NoticeDialog

    app, _archive, _meeting_id, _clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        long = "Sharing stopped. Phones that took the minutes: 12 · downloads: 30, and a long tail of words."
        app.notify(long, brief=False)
        await pilot.pause()
        assert isinstance(app.screen, NoticeDialog) and app.screen.message == long
        await pilot.press("escape")
        await pilot.pause()
        app.notify("The floor: " + "a very long name and affiliation " * 3, timeout=2)
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, NoticeDialog)
        shown = toasts(app)
        assert len(shown) == 1 and shown[0].region.height == 1 and shown[0].region.y == 0
