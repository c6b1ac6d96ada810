"""The new-meeting form completes the series from the meetings of the folder.

A series links a council to the report-back of the next one only when its name is typed exactly
(the demo's is 通江县政协“有事来协商”, with curly quotes); a name typed a little differently made
a meeting of no series, and no report-back was offered. The form offers the folder's series as
they are typed: a few characters, then →.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from roomtui.i18n import set_language
from roomtui.store import Archive
from roomtui.tui.app import RoomApp
from roomtui.tui.dialogs import FormDialog

SERIES = {"en": "Tongjiang County CPPCC", "zh": "通江县政协"}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_a_few_characters_then_right_complete_the_series(tmp_path, language, size):
    set_language(language)
    archive = Archive(tmp_path / "data")
    demo = archive.load(archive.ensure_demo(language))
    assert demo.series.startswith(SERIES[language])
    app = RoomApp(archive)
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, FormDialog)
            series = app.screen.query_one("#field-series", Input)
            series.focus()
            await pilot.pause()
            await pilot.press(*SERIES[language][:4].lower())
            await pilot.pause()
            await pilot.press("right")
            await pilot.pause()
            assert series.value == demo.series
    finally:
        set_language("en")
