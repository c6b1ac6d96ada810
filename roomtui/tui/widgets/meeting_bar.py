"""The one-line bar over every meeting view: which meeting, which item, and when it was saved."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from roomtui.caches import enabled
from roomtui.domain.planning import item_number, top_level_count
from roomtui.domain.stats import predicted_end
from roomtui.i18n import _
from roomtui.tui.widgets.phone_badge import badge


def read_only_text(session) -> str:
    """'read-only: roomtui process 4242 on laptop': the bar of a read-only window, and its answer to any action key."""
    if not session.held_by:  # nobody holds it: the folder cannot hold a lock (read-only, a full disk)
        return _("read-only: this data folder cannot hold a lock")
    pid, _space, host = session.held_by.partition(" ")
    if not pid or pid == "?":
        who = _("another roomtui")
    elif host:
        who = _("roomtui process {pid} on {host}", pid=pid, host=host)
    else:
        who = _("roomtui process {pid}", pid=pid)
    return _("read-only: {who}", who=who)


class MeetingBar(Static):
    """Shows "saved HH:MM:SS" only from the app's saved_text, which is set after a write returned."""

    DEFAULT_CSS = """
    MeetingBar { height: 1; background: $primary-background; color: $text; padding: 0 1; }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "saved_text", lambda _value: self.refresh_bar())
        self.refresh_bar()

    def refresh_bar(self) -> None:
        session = self.app.session
        if session is None:
            self._shown = None
            self.update("")
            return
        meeting = session.meeting
        bar = Text(no_wrap=True, overflow="ellipsis")
        # what the secretary checks at a glance comes first, so a narrow terminal cuts the title
        if session.read_only:
            bar.append(read_only_text(session), style="bold reverse")
        elif self.app.saved_text:
            bar.append(self.app.saved_text, style="bold green")
        else:
            bar.append(meeting.status.label)
        item = meeting.current_item
        if item is not None:
            bar.append(" · " + _("item {n}/{total} {title}", n=item_number(meeting, item),
                                 total=top_level_count(meeting), title=item.title))
        end = predicted_end(meeting, self.app.clock.now())
        if end is not None and meeting.status.value != "closed":
            bar.append(" · " + _("ends ~{time}", time=end.strftime("%H:%M")))
        waiting = badge(meeting) if meeting.sign_ins or meeting.ratings else ""
        if waiting:  # phones taking part: what waits for the secretary, before the title
            bar.append(" · ")
            bar.append(waiting, style="bold yellow")
        bar.append(" · ")
        bar.append(meeting.title, style="bold")
        if meeting.date:
            bar.append(f" · {meeting.date.isoformat()}")
        if bar.markup != getattr(self, "_shown", None) or not enabled("redraw-guards"):  # unchanged: no relayout
            self._shown = bar.markup
            self.update(bar)
