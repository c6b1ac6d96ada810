"""Shared helpers for the live-screen tests: a demo council on a tmp folder and a frozen clock."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Input, Select, TextArea

from roomtui.domain.clock import FrozenClock
from roomtui.store import Archive
from roomtui.tui.app import RoomApp

START = datetime(2019, 11, 22, 9, 0, 0)


def make_app(tmp_path, language: str = "en", clock: FrozenClock | None = None) -> tuple[RoomApp, Archive, str,
                                                                                          FrozenClock]:
    archive = Archive(tmp_path / "data")
    meeting_id = archive.ensure_demo(language)
    clock = clock or FrozenClock(START)
    return RoomApp(archive, meeting_id=meeting_id, view="live", clock=clock), archive, meeting_id, clock


def fill(app: RoomApp, **values) -> None:
    """Set fields of the open form directly (typing every character would only slow the tests)."""
    form = app.screen
    for name, value in values.items():
        widget = form.query_one(f"#field-{name}")
        if isinstance(widget, TextArea):
            widget.text = value
        elif isinstance(widget, Select):
            widget.value = value
        elif isinstance(widget, Input):
            widget.value = value
        else:
            widget.value = value


def row_shown(app: RoomApp, name: str) -> bool:
    return bool(app.screen.query_one(f"#row-{name}").display)


async def export_minutes_to(app: RoomApp, pilot, folder) -> None:
    """e in the minutes view: the folder typed into the form and saved with ctrl+s."""
    await pilot.press("e")
    await pilot.pause()
    app.screen.query_one("#field-folder").value = str(folder)
    await pilot.press("ctrl+s")
    await pilot.pause()
