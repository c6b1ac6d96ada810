"""The speaking order of the current agenda item: who waits, in which order, and who spoke."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from roomtui.caches import enabled
from roomtui.domain.model import Meeting, SpeakerEntry, SpeakerKind
from roomtui.domain.speaking import SpeakingOrder
from roomtui.domain.stats import format_seconds
from roomtui.i18n import _, ngettext
from roomtui.tui.widgets.speaker_queue import QueueRow, SpeakerQueue
from roomtui.tui.widgets.text_in_place import update_in_place


def entry_label(meeting: Meeting, entry: SpeakerEntry) -> Text:
    """A waiting speaker's row, after its number (which SpeakerQueue draws: it shifts, the row does not)."""
    person = meeting.participant(entry.participant_id)
    name = person.name if person else "?"
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(f"{format_seconds(entry.limit_seconds):>5} ", style="dim")  # before the name: a row is one line
    if entry.kind is SpeakerKind.POINT_OF_ORDER:
        line.append("! " + _("point of order: "), style="bold red")  # 程序动议：
        line.append(name, style="bold")
    elif entry.kind is SpeakerKind.ANSWER:
        line.append("  " + name)
        issue = meeting.issue(entry.issue_id)
        line.append(_(" (answer to #{id})", id=issue.id) if issue else _(" (answer)"), style="cyan")  # 邓海（回应 #3）
    else:
        line.append("  " + name)
        line.append(_(" ({kind})", kind=entry.kind.label), style="dim" if entry.kind is SpeakerKind.IMPROMPTU else "")
    return line


def interrupted_label(meeting: Meeting, entry: SpeakerEntry, now: datetime, *, next_up: bool = True) -> Text:
    """The speaker a point of order interrupted: he is owed the floor back, with the time he had left;
    ``next_up`` False while another point of order still comes first (SpeakingOrder.up_next)."""
    person = meeting.participant(entry.participant_id)
    name, left = person.name if person else "?", format_seconds(entry.remaining_seconds(now))
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append("⏸ " + (_("interrupted: {name}, {left} left, resumes next (n)", name=name, left=left) if next_up
                         else _("interrupted: {name}, {left} left, resumes after the point of order", name=name,
                                left=left)), style="bold yellow")
    return line


def finished_label(meeting: Meeting, entry: SpeakerEntry, now: datetime) -> Text:
    person = meeting.participant(entry.participant_id)
    used = entry.elapsed_seconds(now)
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append("✓ ", style="green")
    line.append(person.name if person else "?")
    over = used - entry.limit_seconds
    line.append(f" {format_seconds(used)}", style="red" if over > 0 else "dim")
    if over > 0:
        line.append(" (+" + format_seconds(over) + ")", style="red")
    return line


class SpeakingPanel(Vertical):
    """The queue is a SpeakerQueue: up/down select a waiting speaker, Enter gives them the floor."""

    DEFAULT_CSS = """
    SpeakingPanel { border: round $primary-darken-1; border-title-align: left; height: 1fr; padding: 0 1; }
    SpeakingPanel #sp-head { height: auto; color: $text-muted; }
    SpeakingPanel #sp-queue { height: 1fr; border: none; padding: 0; background: transparent; }
    SpeakingPanel #sp-queue:focus { background-tint: $foreground 3%; }
    SpeakingPanel #sp-done { height: auto; max-height: 6; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="sp-head")
        yield SpeakerQueue(id="sp-queue")
        yield Static("", id="sp-done")

    def on_mount(self) -> None:
        self.border_title = _("Speaking order")
        self._shown: list[tuple] = []  # what each queue row shows, to change only the rows that differ
        self._texts: dict[str, object] = {}

    @property
    def queue(self) -> SpeakerQueue:
        return self.query_one("#sp-queue", SpeakerQueue)

    def selected_entry_id(self) -> int | None:
        queue = self.queue
        if queue.highlighted is None or queue.row_count == 0:
            return None
        return int(queue.row_at(queue.highlighted).id)

    def select_entry(self, entry_id: int | None) -> None:
        if entry_id is None:
            return
        index = self.queue.index_of(str(entry_id))
        if index is not None:  # else the entry is no longer waiting
            self.queue.highlighted = index

    def _update(self, part: str, content: object) -> None:
        """Redraw a Static only when what it shows changed."""
        key = content.markup if isinstance(content, Text) else content
        if self._texts.get(part) != key or not enabled("redraw-guards"):
            self._texts[part] = key
            update_in_place(self.query_one(f"#{part}", Static), content)

    def _title(self, title: str) -> None:
        """Textual redraws the whole panel at every title set, the same title or not (~3 ms a key),
        and reads a str as markup: an item titled "[/]" stopped the app (MarkupError)."""
        if self._texts.get("title") != title:
            self._texts["title"] = title
            self.border_title = Content(title)  # as typed

    def _show_queue(self, meeting: Meeting, waiting: list[SpeakerEntry]) -> None:
        """Change only the rows that changed, in place, so the list keeps its scroll position.

        A label depends on the entry, its person's name and whether its issue exists; its number
        (the position) is drawn beside it. Rows of entries that left are removed, new entries at the
        end are added, and rows whose label changed get a new label, made when the row is drawn.
        Only a reordering (move, insert at a position) rebuilds the list.
        """
        queue = self.queue
        names = {p.id: p.name for p in meeting.participants}
        issue_ids = {i.id for i in meeting.issues} if any(e.issue_id is not None for e in waiting) else set()
        shown = [(e.id, e.kind, e.participant_id, names.get(e.participant_id), e.issue_id, e.issue_id in issue_ids,
                  e.limit_seconds) for e in waiting]
        if not enabled("redraw-guards"):
            self._shown = []  # every row made again, as for a list never shown
        if shown == self._shown and queue.row_count == len(shown):
            return
        keep = self.selected_entry_id()
        keep_index = queue.highlighted
        if shown == self._shown[1:] and queue.row_count == len(self._shown):  # the head left, as at each n
            queue.drop_head()
            self._shown = shown
            self._keep_highlight(keep, keep_index, [row[0] for row in shown])
            return
        ids = [e.id for e in waiting]
        old_ids = [row[0] for row in self._shown]
        if queue.row_count != len(old_ids):
            old_ids, self._shown = [], []
            queue.clear_rows()
        wanted = set(ids)
        staying = [entry_id for entry_id in old_ids if entry_id in wanted]
        if staying != ids[:len(staying)] or len(old_ids) - len(staying) > 50:
            old_ids, staying, self._shown = [], [], []
            queue.clear_rows()
        else:
            for entry_id in old_ids:
                if entry_id not in wanted:
                    queue.remove_row(str(entry_id))
        before = dict(zip(old_ids, self._shown))  # entry id -> what its row showed

        def label(entry: SpeakerEntry) -> Callable[[], Text]:
            return lambda: entry_label(meeting, entry)

        queue.relabel({n: label(entry) for n, (entry, row) in enumerate(zip(waiting, shown))
                       if n < len(staying) and before[entry.id] != row})
        queue.add_rows([QueueRow(label(entry), id=str(entry.id)) for entry in waiting[len(staying):]])
        self._shown = shown
        self._keep_highlight(keep, keep_index, ids)

    def _keep_highlight(self, keep: int | None, keep_index: int | None, ids: list[int]) -> None:
        """The same speaker stays highlighted; if they left, the row where they were."""
        queue = self.queue
        if queue.row_count:
            if keep in ids:
                queue.highlighted = ids.index(keep)
            else:
                queue.highlighted = min(keep_index or 0, queue.row_count - 1)

    def refresh_view(self, meeting: Meeting, now: datetime) -> None:
        item = meeting.current_item
        if item is None:
            self._title(_("Speaking order"))
            self._update("sp-head", _("No agenda item is current."))
            self._show_queue(meeting, [])
            self._update("sp-done", "")
            return
        order = SpeakingOrder(meeting, item.id)
        self._title(_("Speaking order · {title}", title=item.title))
        head = Text(no_wrap=True, overflow="ellipsis")
        waiting = order.waiting
        head.append(ngettext("{n} waiting", "{n} waiting", len(waiting)))
        if order.closed:
            head.append(" · " + _("LIST CLOSED"), style="bold red")
        if meeting.limits.one_entry_per_person:
            head.append(" · " + _("one entry per person"), style="yellow")
        suspended = order.interrupted
        if suspended is not None:
            head.append("\n")
            head.append_text(interrupted_label(meeting, suspended, now, next_up=order.up_next()[0] is suspended))
        self._update("sp-head", head)
        self._show_queue(meeting, waiting)
        finished = order.finished
        done = Text(no_wrap=True, overflow="ellipsis")
        if finished:
            done.append(_("spoke: {n}", n=len(finished)) + "\n", style="bold")
            for index, entry in enumerate(finished[-4:]):
                if index:
                    done.append("\n")
                done.append_text(finished_label(meeting, entry, now))
        self._update("sp-done", done)
