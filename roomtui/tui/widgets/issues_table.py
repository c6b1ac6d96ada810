"""The live screen's table of issues and responses (IssuesPanel fills it)."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import DataTable

from roomtui.tui.textual_compat import QuietScrollbars


class IssuesTable(QuietScrollbars, DataTable):
    """Mounted by its panel after the screen's first frame; says so, so the panel fills it."""

    class Mounted(Message):
        pass

    def on_mount(self) -> None:
        self.post_message(self.Mounted())
