"""The question "Start from the last meeting of the series?" names both its answers: n and Esc do
not cancel (the meeting is made, without copying), so that button says "Don't copy", not Cancel."""

from __future__ import annotations

import pytest

from roomtui.i18n import set_language
from roomtui.store import Archive
from roomtui.tui.app import RoomApp
from roomtui.tui.dialogs import ConfirmDialog, FormDialog

WORDS = {"en": ("Copy (y)", "Don't copy (n, Esc)", "Cancel"), "zh": ("复制（y）", "不复制（n、Esc）", "取消")}


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("key", ["y", "n", "escape"])
async def test_the_buttons_say_what_y_and_n_do(tmp_path, language, size, key):
    set_language(language)
    archive = Archive(tmp_path / "data")
    demo = archive.load(archive.ensure_demo(language))
    app = RoomApp(archive)
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, FormDialog)
            app.screen.query_one("#field-title").value = "Next council"
            app.screen.query_one("#field-date").value = "2099-01-01"
            app.screen.query_one("#field-series").value = demo.series
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            copy, keep, cancel = WORDS[language]
            buttons = [str(b.label) for b in app.screen.query("Button")]
            assert buttons == [copy, keep] and cancel not in " ".join(buttons)
            text = "".join(screen_text(app).split())
            assert "".join(copy.split()) in text and "".join(keep.split()) in text
            await pilot.press(key)
            await pilot.pause()
        made = [archive.load(s.id) for s in archive.list() if s.title == "Next council"]
        assert len(made) == 1  # n and Esc make the meeting too, as the button says
        assert bool(made[0].participants) == (key == "y")
    finally:
        set_language("en")
