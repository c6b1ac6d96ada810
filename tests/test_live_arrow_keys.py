"""The live footer shows → for the next item, as the README says, and → does move on (it showed
^→, the ctrl+→ left over when the focused speaking queue claims → for scrolling sideways)."""

from __future__ import annotations

import pytest
from room_helpers import live_demo, live_view, screen_text

from roomtui.i18n import _
from roomtui.tui.widgets.footer import FittingFooter


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_the_footer_says_right_arrow_and_it_moves_to_the_next_item(tmp_path, language, size):
    archive, meeting_id, clock, session = live_demo(tmp_path, language)
    session.close()
    async with live_view(archive, meeting_id, clock, language, size) as (app, pilot):
        footer = app.screen.query_one(FittingFooter)
        shown = {b.description: app.get_key_display(b) for b, _e, _t in footer.chosen(size[0])}
        assert shown.get(_("Next item")) == "→"
        last = screen_text(app).splitlines()[-1]
        assert "→ " + _("Next item") in last and "^→" not in last
        before = app.session.meeting.current_item_id
        await pilot.press("right")
        await pilot.pause()
        assert app.session.meeting.current_item_id != before
