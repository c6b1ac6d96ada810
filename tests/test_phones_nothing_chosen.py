"""The phones view chooses nothing by itself, like the pickers: the first ↓ lands on the first
request, a with nothing highlighted says what to highlight and accepts nobody. It highlighted the
first request from the start, so ↓ skipped it and a accepted a request nobody had chosen."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import OptionList

from roomtui.i18n import _
from roomtui.tui.phones import PhonesScreen
from test_phones_screen import let_phones_in, live_app, phone_takes_part  # noqa: F401


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("live_app", ["en", "zh"], indirect=True)
async def test_the_first_down_lands_on_the_first_request_and_a_acts_on_it(live_app, size):
    app, archive, meeting_id = live_app
    async with app.run_test(size=size) as pilot:
        await let_phones_in(app, pilot)
        await pilot.press("escape")
        first = await phone_takes_part(app, "127.0.6.1", 9)
        second = await phone_takes_part(app, "127.0.6.2", 10)
        for phone, topic in ((first, "bus stop"), (second, "street lights")):
            _s, headers, _b = await asyncio.to_thread(phone.post, "ask", {"topic": topic})
            assert headers["x-roomtui-result"] == "received"
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, PhonesScreen)
        listing = app.screen.query_one(OptionList)
        assert listing.highlighted is None
        await pilot.press("a")  # nothing chosen: told so, nobody accepted
        await pilot.pause()
        assert [r.state.value for r in app.session.meeting.floor_requests] == ["waiting", "waiting"]
        assert any(n.message == _("Highlight a request to speak first.") for n in app._notifications)
        await pilot.press("down")
        await pilot.pause()
        assert listing.highlighted_option.id == f"q{app.session.meeting.floor_requests[0].id}"
        await pilot.press("a")
        await pilot.pause()
        assert [r.state.value for r in app.session.meeting.floor_requests] == ["accepted", "waiting"]
