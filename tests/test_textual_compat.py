"""roomtui reaches inside Textual only in roomtui/tui/textual_compat.py, and each reach is checked
against the Textual it was written for: an upgrade that renames or reshapes one fails here."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from textual.app import App
from textual.scroll_view import ScrollView
from textual.widget import Widget
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Static

from roomtui.tui import textual_compat

TUI = Path(textual_compat.__file__).parent
OWNERS = {"App": App, "Widget": Widget, "ScrollView": ScrollView, "Footer": Footer}


@pytest.mark.parametrize("name", sorted(textual_compat.RECORDED))
def test_each_textual_method_roomtui_overrides_or_calls_still_has_its_recorded_signature(name):
    owner, method = name.split(".")
    function = getattr(OWNERS[owner], method, None)
    assert function is not None, f"Textual no longer has {name}: see textual_compat.py"
    assert str(inspect.signature(function)) == textual_compat.RECORDED[name], name


def test_the_attributes_roomtui_reads_inside_textual_are_still_there():
    app, widget, footer = App(), ScrollView(), Footer()
    assert isinstance(app._exit_renderables, list)
    assert widget._vertical_scrollbar is None and widget._container_size is not None
    assert footer._bindings_ready is False and textual_compat.footer_bindings_ready(footer) is False
    assert isinstance(widget.styles._cache_key, int)
    from textual.widgets._footer import FooterKey
    from textual.widgets import _toast

    assert textual_compat.FooterKey is FooterKey
    assert 'f"--textual-toast-{notification.identity}"' in inspect.getsource(_toast)  # withdraw_toast's query


async def test_a_withdrawn_notification_leaves_the_screen_at_once():
    class Plain(App):
        pass

    app = Plain()
    async with app.run_test(notifications=True) as pilot:
        app.notify("one", timeout=60)
        await pilot.pause()
        assert len(app.screen.query("Toast")) == 1
        notification = next(iter(app._notifications))
        textual_compat.withdraw_toast(app, notification)
        await pilot.pause()
        assert not list(app.screen.query("Toast"))


def _private_names_of_textual() -> set[str]:
    """Private attributes and methods of the Textual classes roomtui subclasses."""
    names = set()
    for thing in (App(), Screen(), ModalScreen(), Widget(), ScrollView(), Footer(), DataTable(), Static()):
        names |= {name for name in dir(thing) if name.startswith("_") and not name.startswith("__")}
    return names


def test_no_module_of_the_interface_but_the_compat_one_touches_a_private_name_of_textual():
    """grep of roomtui/tui for `._name`: a name Textual's classes have (theirs, or one ours would
    shadow) is used only in textual_compat.py. Private names of roomtui's own are fine."""
    textual_private = _private_names_of_textual()
    found = []
    for path in sorted(TUI.rglob("*.py")):
        if path.name == "textual_compat.py":
            continue
        text = path.read_text(encoding="utf-8")
        for name in sorted(set(re.findall(r"\.(_[a-z][a-z0-9_]*)", text)) & textual_private):
            found.append(f"{path.relative_to(TUI)}: {name}")
        if re.search(r"from textual[.\w]*\._|import textual[.\w]*\._", text):
            found.append(f"{path.relative_to(TUI)}: imports a private Textual module")
    assert not found, found
