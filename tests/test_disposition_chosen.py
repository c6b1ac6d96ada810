"""The response form's disposition starts unchosen: the secretary picks it, nothing is assumed.

The disposition is what the department promised (resolve now, step by step, higher-level
support). The form showed "resolve now" already chosen, with its fields, so a response saved
without looking at it was recorded as a promise to resolve now.
"""

from __future__ import annotations

import pytest
from live_helpers import fill
from room_helpers import live_demo, live_view

from roomtui.domain.model import Raiser
from roomtui.i18n import _
from roomtui.tui.live.response_form import ResponseForm


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_a_response_without_a_chosen_disposition_is_refused(tmp_path, language, size):
    archive, meeting_id, clock, session = live_demo(tmp_path, language)
    session.do("raise", lambda c: c.raise_issue(4, raiser=Raiser.GROUP))
    session.close()
    async with live_view(archive, meeting_id, clock, language, size) as (app, pilot):
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ResponseForm)
        assert app.screen.values()["disposition"] in (None, "")
        assert not app.screen.query_one("#row-action").display  # no disposition, no fields of one
        fill(app, text="We will look at it.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ResponseForm) and not app.session.meeting.responses
        assert _("choose a disposition") in str(app.screen.query_one("#form-problems").render())
        fill(app, disposition="resolve_now")
        await pilot.pause()
        assert app.screen.query_one("#row-action").display
