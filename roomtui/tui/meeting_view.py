"""The base of every view of the open meeting: it follows the app's change signal.

A view holds no copy of the meeting. It reads ``app.session.meeting`` and redraws once per
change, when ``app.revision`` moves: after an action, an undo, or (in a read-only window) a
change another roomtui saved. Views under a dialog redraw too, so closing the dialog shows the
result without a second redraw.
"""

from __future__ import annotations

from textual.screen import Screen

from roomtui.domain.model import Meeting
from roomtui.tui.translated import TranslatedBindings


class MeetingScreen(TranslatedBindings, Screen):
    def on_mount(self) -> None:
        self.watch(self.app, "revision", self._meeting_changed, init=False)

    def _meeting_changed(self, _revision: int) -> None:
        if self.app.session is not None and self.is_attached:
            self.refresh_view()

    @property
    def meeting(self) -> Meeting:
        return self.app.session.meeting

    def refresh_view(self) -> None:
        """Redraw what shows the meeting (each view says how)."""
