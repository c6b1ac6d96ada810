"""The speaking order of the current agenda item: who waits, in which order, and who spoke."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from roomtui.domain.model import Meeting, SpeakerEntry, SpeakerKind
from roomtui.domain.speaking import SpeakingOrder
from roomtui.domain.stats import format_seconds
from roomtui.i18n import _, ngettext


def entry_label(meeting: Meeting, entry: SpeakerEntry, number: int) -> Text:
    person = meeting.participant(entry.participant_id)
    name = person.name if person else "?"
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(f"{number:>2} ")
    if entry.kind is SpeakerKind.POINT_OF_ORDER:
        line.append("! " + _("point of order") + ": ", style="bold red")
        line.append(name, style="bold")
    elif entry.kind is SpeakerKind.ANSWER:
        line.append("  " + name)
        issue = meeting.issue(entry.issue_id)
        line.append(" " + (_("(answer to #{id})", id=issue.id) if issue else _("(answer)")), style="cyan")
    else:
        line.append("  " + name)
        line.append(f" ({entry.kind.label})", style="dim" if entry.kind is SpeakerKind.IMPROMPTU else "")
    line.append(f" {format_seconds(entry.limit_seconds)}", style="dim")
    return line


def interrupted_label(meeting: Meeting, entry: SpeakerEntry, now: datetime) -> Text:
    """The speaker a point of order interrupted: he is owed the floor back, with the time he had left."""
    person = meeting.participant(entry.participant_id)
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append("⏸ " + _("interrupted: {name}, {left} left, resumes next (n)", name=person.name if person else "?",
                          left=format_seconds(entry.remaining_seconds(now))), style="bold yellow")
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
    """The queue is an OptionList: up/down select a waiting speaker, Enter gives them the floor."""

    DEFAULT_CSS = """
    SpeakingPanel { border: round $primary-darken-1; border-title-align: left; height: 1fr; padding: 0 1; }
    SpeakingPanel #sp-head { height: auto; color: $text-muted; }
    SpeakingPanel #sp-queue { height: 1fr; border: none; padding: 0; background: transparent; }
    SpeakingPanel #sp-queue:focus { background-tint: $foreground 3%; }
    SpeakingPanel #sp-done { height: auto; max-height: 6; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="sp-head")
        yield OptionList(id="sp-queue")
        yield Static("", id="sp-done")

    def on_mount(self) -> None:
        self.border_title = _("Speaking order")

    @property
    def queue(self) -> OptionList:
        return self.query_one("#sp-queue", OptionList)

    def selected_entry_id(self) -> int | None:
        queue = self.queue
        if queue.highlighted is None or queue.option_count == 0:
            return None
        option = queue.get_option_at_index(queue.highlighted)
        return int(option.id) if option.id else None

    def select_entry(self, entry_id: int | None) -> None:
        if entry_id is None:
            return
        queue = self.queue
        try:
            queue.highlighted = queue.get_option_index(str(entry_id))
        except Exception:  # the entry is no longer waiting
            pass

    def refresh_view(self, meeting: Meeting, now: datetime) -> None:
        item = meeting.current_item
        queue = self.queue
        keep = self.selected_entry_id()
        keep_index = queue.highlighted
        if item is None:
            self.border_title = _("Speaking order")
            self.query_one("#sp-head", Static).update(_("No agenda item is current."))
            queue.clear_options()
            self.query_one("#sp-done", Static).update("")
            return
        order = SpeakingOrder(meeting, item.id)
        self.border_title = _("Speaking order · {title}", title=item.title)
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
            head.append_text(interrupted_label(meeting, suspended, now))
        self.query_one("#sp-head", Static).update(head)
        queue.clear_options()
        queue.add_options([Option(entry_label(meeting, entry, n), id=str(entry.id))
                           for n, entry in enumerate(waiting, 1)])
        if queue.option_count:
            ids = [e.id for e in waiting]
            if keep in ids:
                queue.highlighted = ids.index(keep)
            else:
                queue.highlighted = min(keep_index or 0, queue.option_count - 1)
        finished = order.finished
        done = Text(no_wrap=True, overflow="ellipsis")
        if finished:
            done.append(_("spoke: {n}", n=len(finished)) + "\n", style="bold")
            for index, entry in enumerate(finished[-4:]):
                if index:
                    done.append("\n")
                done.append_text(finished_label(meeting, entry, now))
        self.query_one("#sp-done", Static).update(done)
