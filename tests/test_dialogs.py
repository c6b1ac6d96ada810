"""The shared dialogs: the picker filters by any part of a label and keeps early keystrokes."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Input

from roomtui.tui.dialogs import PickerDialog

CHOICES = [("Wu Chaolin · resident · Chunchangping", 9), ("吴朝林 · 居民代表 · 春场坪社区", 10),
           ("Sun Wei · department head · Public Security", 15)]


class PickerApp(App):
    def __init__(self) -> None:
        super().__init__()
        self.picked = "nothing"

    def on_mount(self) -> None:
        self.push_screen(PickerDialog("Pick", CHOICES), lambda value: setattr(self, "picked", value))


async def test_picker_filters_by_chinese_and_affiliation():
    app = PickerApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        dialog = app.screen
        assert [v for _l, v in dialog.matches("春场坪")] == [10]
        assert [v for _l, v in dialog.matches("public sec")] == [15]
        dialog.query_one("#picker-filter", Input).value = "春场坪"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert app.picked == 10


async def test_keys_typed_before_the_filter_has_focus_are_kept():
    app = PickerApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        app.screen.set_focus(None)
        await pilot.press("s", "u", "n")
        await pilot.pause()
        assert app.screen.query_one("#picker-filter", Input).value == "sun"
        await pilot.press("enter")
        await pilot.pause()
    assert app.picked == 15


async def test_help_lists_every_key_with_this_views_keys_first(archive):
    from rich.console import Console

    from roomtui.tui.app import RoomApp
    from roomtui.tui.screens.help import HelpScreen
    from roomtui.tui.screens.live import LiveScreen

    app = RoomApp(archive, meeting_id=archive.ensure_demo("en"), view="live")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, record=True)
        for static in app.screen.query("Static"):
            console.print(static.content)
        text = console.export_text()
        for binding in LiveScreen.BINDINGS:
            assert binding.description in text, binding.description
        assert text.index("Next speaker") < text.index("New meeting")  # live keys before the home keys


class ConfirmApp(App):
    """One confirmation; ``answers`` records what it returned."""

    def __init__(self, destructive: bool) -> None:
        super().__init__()
        self.destructive, self.answers = destructive, []

    def on_mount(self) -> None:
        from roomtui.tui.dialogs import ConfirmDialog

        self.push_screen(ConfirmDialog("Remove Wu?", "Remove", destructive=self.destructive), self.answers.append)


async def test_a_destructive_confirmation_highlights_cancel_and_shows_its_keys():
    from textual.widgets import Button

    app = ConfirmApp(destructive=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        labels = [str(button.label) for button in app.screen.query(Button)]
        assert labels == ["Remove (y)", "Cancel (n, Esc)"]  # the keys are on the buttons
        assert app.screen.focused.id == "no"
        await pilot.press("enter")  # a tired Enter is the safe choice
        await pilot.pause()
    assert app.answers == [False]
    app = ConfirmApp(destructive=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.answers == [True]


async def test_a_confirmation_that_only_moves_on_highlights_the_action():
    app = ConfirmApp(destructive=False)  # going live, restoring a backup
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.focused.id == "yes"
        await pilot.press("enter")
        await pilot.pause()
    assert app.answers == [True]


async def test_escape_leaves_an_untouched_form_at_once_and_asks_when_something_was_typed():
    from roomtui.tui.dialogs import ConfirmDialog, FormDialog, FormField

    closed = []

    class FormApp(App):
        def on_mount(self) -> None:
            self.push_screen(FormDialog("Add", [FormField("name", "Name")], lambda values: None), closed.append)

    app = FormApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert closed == [None]  # nothing typed: nothing to lose
    closed.clear()
    app = FormApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("W", "u")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and closed == []
        await pilot.press("enter")  # Cancel is highlighted: keep typing
        await pilot.pause()
        assert isinstance(app.screen, FormDialog) and app.screen.values()["name"] == "Wu"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert closed == [None]
