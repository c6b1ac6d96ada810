"""Ending the meeting (e in the live view, c in the minutes view) stops the phones taking part.

The README says the phones take part until w on their codes, ending the meeting, or quitting;
ending left the server up: phones kept a page of a meeting that had ended, and the room view
kept showing the share's codes instead of the hand-out it shows once the meeting is ended.
"""

from __future__ import annotations

import pytest
from live_helpers import make_app

from roomtui.domain.model import MeetingStatus
from roomtui.i18n import set_language
from roomtui.share import Discovery, WifiNetwork
from roomtui.share.network import AddressKind, LocalAddress
from roomtui.share.notice import notice_path
from roomtui.tui.dialogs import ConfirmDialog
from roomtui.tui.screens.live import LiveScreen
from roomtui.tui.screens.share import ShareScreen

HOTSPOT_HERE = LocalAddress("wlan0", "127.0.0.1", 8, AddressKind.HOTSPOT)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_ending_the_meeting_stops_the_phones(tmp_path, monkeypatch, language, size):
    set_language(language)
    monkeypatch.setattr("roomtui.tui.screens.share.discover",
                        lambda folder: Discovery([HOTSPOT_HERE], WifiNetwork("roomtui-test", "k3v9wq2mzp")))
    app, archive, meeting_id, clock = make_app(tmp_path, language)
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            speeches = next(a.id for a in app.session.meeting.agenda if a.kind.value == "speeches")
            assert app.act("start", lambda c: (c.start_meeting(), c.start_item(speeches))).done
            await pilot.press("h")
            for _n in range(20):
                await app.workers.wait_for_complete()
                await pilot.pause()
                if isinstance(app.screen, ShareScreen):
                    break
            assert isinstance(app.screen, ShareScreen) and app.phones is not None
            sharing = app.phones.sharing
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, LiveScreen) and sharing.running  # Esc: the phones go on
            assert notice_path(archive.root, meeting_id).exists()
            app.confirm_close_meeting()  # e
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await pilot.pause()
            assert app.session.meeting.status is MeetingStatus.CLOSED
            assert app.phones is None and not sharing.running
            assert not notice_path(archive.root, meeting_id).exists()  # the room view shows the hand-out again
    finally:
        set_language("en")
