"""Importing from the meetings list: a new meeting unless a meeting to replace is chosen, and then
only after a confirmation naming it (twice for a meeting holding what the file lacks)."""

from __future__ import annotations

from textual.widgets import Input, Select, Static

from roomtui.domain.demo import DEMO_ID
from roomtui.importing import import_file
from roomtui.tui.app import RoomApp
from roomtui.tui.dialogs import ConfirmDialog


async def fill_import_form(pilot, path, target) -> None:
    await pilot.press("i")
    await pilot.pause()
    form = pilot.app.screen
    form.query_one("#field-path", Input).value = str(path)
    form.query_one("#field-replace", Select).value = target
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()


def question(app) -> str:
    assert isinstance(app.screen, ConfirmDialog)
    return str(app.screen.query_one(".dialog-question", Static).content)


async def test_replacing_a_draft_asks_once_naming_it(archive, tmp_path):
    first = tmp_path / "first.toml"
    first.write_text('[meeting]\ntitle = "First draft"\nid = "council-1"\n[[agenda]]\ntitle = "A"\n', encoding="utf-8")
    import_file(archive, first)
    plan = tmp_path / "second.toml"
    plan.write_text('[meeting]\ntitle = "Second draft"\n', encoding="utf-8")
    app = RoomApp(archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await fill_import_form(pilot, plan, "council-1")
        asked = question(app)
        assert "First draft" in asked and "council-1" in asked and "draft" in asked and "1 agenda items" in asked
        await pilot.press("n")  # cancel: nothing changes
        await pilot.pause()
        assert archive.load("council-1").title == "First draft"
        await fill_import_form(pilot, plan, "council-1")
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
    assert archive.load("council-1").title == "Second draft"
    assert len(archive.list()) == 1
    assert list((archive.root / "backups").glob("council-1-replaced-*.json"))


async def test_replacing_a_meeting_with_private_fields_asks_twice(archive, tmp_path):
    archive.ensure_demo("en")
    plan = tmp_path / "plan.toml"
    plan.write_text('[meeting]\ntitle = "Bare"\n', encoding="utf-8")
    app = RoomApp(archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await fill_import_form(pilot, plan, DEMO_ID["en"])
        assert "16 participants" in question(app)
        await pilot.press("y")
        await pilot.pause()
        assert "private" in question(app)  # the second question says what would be lost
        await pilot.press("y")
        await pilot.pause()
    assert archive.load(DEMO_ID["en"]).title == "Bare"


async def test_a_plain_import_from_the_list_is_a_new_meeting(archive, tmp_path):
    archive.ensure_demo("en")
    plan = tmp_path / "plan.toml"
    plan.write_text(f'[meeting]\ntitle = "New"\nid = "{DEMO_ID["en"]}"\n', encoding="utf-8")
    app = RoomApp(archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await fill_import_form(pilot, plan, "__new__")
        assert not isinstance(app.screen, ConfirmDialog)
    assert len(archive.list()) == 2 and archive.load(DEMO_ID["en"]).participants
