"""The phones' codes on a network without a known Wi-Fi say what Esc really does.

On a joined network (no hotspot: one code, "Phones must first join ..." first) the line for
phones replaced the wrong line: the screen kept "w or Esc stops sharing" while Esc goes back to
work and the phones keep taking part, and lost the count of phones that took the minutes.
"""

from __future__ import annotations

import pytest
from live_helpers import make_app

from roomtui.i18n import _, set_language
from roomtui.share import Discovery
from roomtui.share.network import AddressKind, LocalAddress
from roomtui.tui.dialogs import ConfirmDialog
from roomtui.tui.screens.live import LiveScreen
from roomtui.tui.screens.share import ShareScreen

LAN = LocalAddress("eth0", "127.0.0.1", 8, AddressKind.NETWORK)


def status(app) -> str:
    return str(app.screen.query_one("#share-status").render())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_phones_on_a_joined_network_are_told_esc_goes_back_to_work(tmp_path, monkeypatch, language, size):
    set_language(language)
    monkeypatch.setattr("roomtui.tui.screens.share.discover", lambda folder: Discovery([LAN]))
    app, archive, meeting_id, clock = make_app(tmp_path, language)
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, LiveScreen)
            speeches = next(a.id for a in app.session.meeting.agenda if a.kind.value == "speeches")
            assert app.act("start", lambda c: (c.start_meeting(), c.start_item(speeches))).done
            await pilot.press("h")
            for _n in range(20):
                await app.workers.wait_for_complete()
                await pilot.pause()
                if isinstance(app.screen, ConfirmDialog):
                    break
            await pilot.press("y")  # share on the joined network
            for _n in range(20):
                await pilot.pause()
                if isinstance(app.screen, ShareScreen):
                    break
            assert isinstance(app.screen, ShareScreen) and app.phones is not None
            text = status(app)
            stops = _("Only the public minutes are served. w or Esc stops sharing.")
            took = _("Phones that took the minutes: {phones} · downloads: {downloads}.", phones=0, downloads=0)
            assert stops not in text and took in text
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, LiveScreen) and app.phones is not None  # the phones go on
            app.phones.stop()
    finally:
        set_language("en")
