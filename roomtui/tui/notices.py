"""Notices: one line over the title bar, or a dialog when one line cannot hold them.

Textual's toasts float over the panels, and its compositor divides every row at each widget's
edge below: a Chinese character of a toast that straddles such an edge was drawn as two spaces
(`第二块屏  上`), and a long notice covered the speaking order or the QR code for half a minute.
So a notice is one line at the top right, over the meeting bar or the header (one widget each,
with no edge to divide at under a right-aligned line); what does not fit in one line (the room
view's command, the export's folder, a refusal with its reasons) opens as a small dialog that
Esc, Enter or a click closes. A brief confirmation that is too long is shortened ("…"), never
turned into a dialog. Any notice on screen goes with Esc (the app's binding) or a click.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from textual.notifications import Notification, Notify

from roomtui.i18n import N_, _
from roomtui.tui.translated import TranslatedBindings
from roomtui.tui.textual_compat import withdraw_toast

ONE_LINE_SHARE = 0.75  # of the terminal's width: a one-line notice leaves the start of the bar readable


def one_line(message: str, title: str = "") -> str:
    """The notice as one line: its title, then its lines, joined by " · "."""
    parts = [title.strip()] if title.strip() else []
    parts += [line.strip() for line in message.splitlines() if line.strip()]
    return " · ".join(parts)


def fits_one_line(text: str, width: int) -> bool:
    """Whether ``text`` (with the toast's padding of one cell each side) fits the one-line notice."""
    return cell_len(text) + 2 <= int(width * ONE_LINE_SHARE)


class NoticeDialog(TranslatedBindings, ModalScreen[None]):
    """A notice too long for one line, shown in full until Esc, Enter, space or a click.

    Any other key closes it and does what it does on the view below: a refusal read in passing
    never costs the secretary the next key (pressing b after a refused + still adds a speaker).
    """

    BINDINGS = [Binding("escape,enter,space", "close", N_("Close"), id="notice.close")]

    def __init__(self, message: str, title: str = "", severity: str = "information") -> None:
        super().__init__(classes=f"-{severity}")
        self.message, self.title_text, self.severity = message, title, severity

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog notice-dialog"):
            if self.title_text:
                yield Label(Text(self.title_text), classes="dialog-title")
            yield Static(Text(self.message), classes="notice-message")
            yield Label(_("Esc, Enter or a click closes this notice"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)

    def on_click(self, event: events.Click) -> None:
        self.dismiss(None)

    def on_key(self, event: events.Key) -> None:
        if event.key in ("escape", "enter", "space"):
            return
        event.stop()
        event.prevent_default()
        self.dismiss(None)
        self.app.post_message(events.Key(event.key, event.character))  # to the view below, once this is gone


class NoticeBoard:
    """What the app has said and what still shows: the app's ``notify`` goes through here.

    A new notice ends the brief confirmation before it, and the same words said again replace
    themselves, so quick keys do not stack toasts (s pressed eight times: one warning).
    """

    def __init__(self, app) -> None:
        self.app = app
        self.said: list[str] = []  # every notice, as one line, in order (what the secretary was told)
        self._brief: Notification | None = None  # the last one-line confirmation shown
        self._showing: dict[tuple, Notification] = {}  # by its words: the same words replace it

    @property
    def showing(self) -> bool:
        return any(not n.has_expired for n in self._showing.values())

    def say(self, message: str, *, title: str = "", severity: str = "information", timeout: float | None = None,
            markup: bool = False, brief: bool | None = None) -> None:
        """``brief``: a confirmation of what a key just did ("+1 min — saved", "The floor: …"),
        shortened rather than shown as a dialog when it is too long for one line; by default any
        one-line information without a title. ``brief=False``: a result to read whole."""
        app = self.app
        line = one_line(message, title)
        self.said.append(line)
        if brief is None:
            brief = severity == "information" and not title and "\n" not in message
        if not brief and not fits_one_line(line, app.size.width or 80):
            # after the handler that spoke: a view that closes itself (the share) goes first
            app.call_later(self._show_dialog, message, title, severity)
            return
        notification = Notification(line, "", severity, app.NOTIFICATION_TIMEOUT if timeout is None else timeout,
                                    markup=markup)
        same = self._showing.get((line, severity))
        for old in {id(n): n for n in (self._brief, same) if n is not None and not n.has_expired}.values():
            self._withdraw(old)
        self._brief = notification if brief else None
        self._showing = {key: n for key, n in self._showing.items() if not n.has_expired}
        self._showing[(line, severity)] = notification
        app.post_message(Notify(notification))

    def _show_dialog(self, message: str, title: str, severity: str) -> None:
        top = self.app.screen
        if not (isinstance(top, NoticeDialog) and (top.message, top.title_text) == (message, title)):
            self.app.push_screen(NoticeDialog(message, title, severity))

    def _withdraw(self, notification: Notification) -> None:
        withdraw_toast(self.app, notification)  # expired, and its toast gone at once (no blank row)

    def dismiss_all(self) -> None:
        for notification in list(self._showing.values()):
            if not notification.has_expired:
                self._withdraw(notification)
        self._showing.clear()
        self._brief = None
        self.app.clear_notifications()
