"""A footer names the way to the meetings list once: where Esc goes there (the register, the
minutes), "esc Meetings" is shown and "f6 Meetings" is not (F1 and the palette still list F6)."""

from __future__ import annotations

import pytest

from roomtui.i18n import _, set_language
from roomtui.store import Archive
from roomtui.tui.app import RoomApp
from roomtui.tui.widgets.footer import FittingFooter
from tests.followup_helpers import open_register, two_series_folder


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_the_register_and_minutes_footers_name_the_meetings_list_once(tmp_path, language, size):
    set_language(language)
    archive = Archive(tmp_path)
    two_series_folder(archive)
    meeting_id = archive.ensure_demo(language)
    try:
        app = RoomApp(archive)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await open_register(app, pilot)
            await pilot.pause()
            words = [(b.key, b.description) for b, _e, _t in app.screen.query_one(FittingFooter).chosen(size[0])]
            assert ("f6", _("Meetings")) not in words
            assert ("escape", _("Meetings")) in words  # at hand, like undo
        app = RoomApp(archive, meeting_id=meeting_id, view="minutes")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            words = [(b.key, b.description) for b, _e, _t in app.screen.query_one(FittingFooter).chosen(size[0])]
            assert [w for w in words if w[1] == _("Meetings")] == [("escape", _("Meetings"))]
            assert "f6" in [b.key for _n, b, _e, _t in app.screen.active_bindings.values()]  # still a key (F1)
    finally:
        set_language("en")
