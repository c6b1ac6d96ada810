"""The speaking order of the current agenda item: who waits, in which order, and who spoke."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.segment import Segment
from rich.text import Text
from textual.app import ComposeResult
from textual.cache import LRUCache
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from roomtui.domain.model import Meeting, SpeakerEntry, SpeakerKind
from roomtui.domain.speaking import SpeakingOrder
from roomtui.domain.stats import format_seconds
from roomtui.i18n import _, ngettext
from roomtui.tui.widgets.quiet_scrollbars import QuietScrollbars
from roomtui.tui.widgets.text_in_place import update_in_place


def entry_label(meeting: Meeting, entry: SpeakerEntry) -> Text:
    """A waiting speaker's row, after its number (which SpeakerQueue draws: it shifts, the row does not)."""
    person = meeting.participant(entry.participant_id)
    name = person.name if person else "?"
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(f"{format_seconds(entry.limit_seconds):>5} ", style="dim")  # before the name: a row is one line
    if entry.kind is SpeakerKind.POINT_OF_ORDER:
        line.append("! " + _("point of order") + ": ", style="bold red")
        line.append(name, style="bold")
    elif entry.kind is SpeakerKind.ANSWER:
        line.append("  " + name)
        issue = meeting.issue(entry.issue_id)
        line.append(" " + (_("(answer to #{id})", id=issue.id) if issue else _("(answer)")), style="cyan")
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


class _LazyOption(Option):
    """An option whose label is made the first time the row is drawn (most of a long queue never is)."""

    __hash__ = object.__hash__  # by identity, as Option's own, without a Python call per option indexed

    def __init__(self, make_prompt: Callable[[], Text], id: str) -> None:
        super().__init__("", id=id)
        self._make_prompt: Callable[[], Text] | None = make_prompt
        self.version = 0  # a new label, a new key in the queue's cache of drawn labels

    def relabel(self, make_prompt: Callable[[], Text]) -> None:
        self._prompt, self._visual, self._make_prompt = "", None, make_prompt
        self.version += 1

    @property
    def prompt(self) -> Text:
        if self._make_prompt is not None:
            self._prompt, self._make_prompt = self._make_prompt(), None
        return self._prompt


class SpeakerQueue(QuietScrollbars, OptionList):
    """The waiting speakers: one line per speaker, always (labels are no_wrap, cut with …).

    Profiling the live key n with 500 waiting (pyinstrument) showed OptionList measuring every
    label (visualize + height) each time the list changed, and drawing every visible row again:
    the head leaving renumbers every row, and OptionList forgets all it drew when one option goes.
    Here every row is one line, so the line map is built without measuring; the number is drawn
    beside the label, not in it, and the drawn labels are kept by option (a label changes only
    when its entry does), so the head leaving costs the visible rows' numbers, not their labels.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._drawn: LRUCache[tuple, Strip] = LRUCache(maxsize=2048)

    def _update_lines(self) -> None:
        if not self.scrollable_content_region:
            return
        cache = self._line_cache
        lines = cache.lines
        options = self._options
        count = len(options)
        if not lines and not any(option._divider for option in options):  # all again (an option went): at once
            lines.extend(zip(range(count), [0] * count))
            cache.index_to_line.update(zip(range(count), range(count)))
            cache.heights.update(dict.fromkeys(range(count), 1))
        for index in range(lines[-1][0] + 1 if lines else 0, count):
            cache.index_to_line[index] = len(lines)
            cache.heights[index] = 1 + options[index]._divider
            lines.append((index, 0))
            if options[index]._divider:
                lines.append((index, 1))
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        last_divider = bool(options) and options[-1]._divider
        virtual_size = Size(width, len(lines) - (1 if last_divider else 0))
        self._set_virtual_size(virtual_size)

    def drop_head(self) -> None:
        """The first row goes (the head took the floor): OptionList's removal renumbers every
        option in a Python loop and forgets its line map (profiled: ~2 ms with 500 waiting). Every
        row here is one line, so the map of one row less is the map as it was, minus its last line.
        """
        options = self._options
        if not self._line_cache.lines or any(option._divider for option in options):  # never in a queue
            self.remove_option_at_index(0)
            return
        head = options.pop(0)
        if head._id is not None:
            del self._id_to_option[head._id]
        self._option_to_index = dict(zip(options, range(len(options))))
        cache = self._line_cache
        del cache.lines[len(options):]
        cache.index_to_line.pop(len(options), None)
        cache.heights.pop(len(options), None)
        self._mouse_hovering_over = None
        self.highlighted = self.highlighted  # validated against the shorter list
        self.refresh()

    def _option_at(self, event) -> int | None:
        """The index of the row under the mouse (rows carry no meta: see render_line)."""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        try:
            return self._line_cache.lines[self.scroll_offset.y + offset.y][0]
        except IndexError:
            return None

    async def _on_click(self, event) -> None:
        index = self._option_at(event)
        if index is not None and not self._options[index].disabled:
            self.highlighted = index
            self.action_select()

    def _on_mouse_move(self, event) -> None:
        self._mouse_hovering_over = self._option_at(event)
        event.prevent_default()  # OptionList's handler would read the meta the rows no longer carry

    def _on_resize(self, event) -> None:
        """OptionList forgets how its rows are laid out at every resize (its rows wrap to the
        width). Here a row is one line at any width and drawn labels are kept by width: nothing to
        forget, and no second draw of the screen when the rows under the queue take a line more.
        Textual runs the handler of every class of the widget, so OptionList's is stopped here."""
        event.prevent_default()

    def relabel(self, labels: dict[int, Callable[[], Text]]) -> None:
        """New labels for the rows at these indexes, made when drawn; the rows stay where they are."""
        if labels:
            for index, make_prompt in labels.items():
                self._options[index].relabel(make_prompt)
            self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return sum(1 + option._divider for option in self._options) - bool(self._options and self._options[-1]._divider)

    def render_lines(self, crop: Region) -> list[Strip]:
        """What every row of this draw shares is found once (profiled: the region, the line map and
        the styles, looked up per row, were ~0.1 ms of each row's ~0.13 ms)."""
        self._update_lines()
        self._this_draw = self._draw_state()
        try:
            return super(OptionList, self).render_lines(crop)  # OptionList's would update the lines again
        finally:
            self._this_draw = None

    _this_draw: tuple | None = None

    def _draw_state(self) -> tuple:
        """(width, first line shown, highlighted index, hovered index, styles by row state)."""
        return (self.scrollable_content_region.width, self.scroll_offset.y, self.highlighted,
                self._mouse_hovering_over, {})

    def _row_style(self, styles: dict, state: str):
        style = styles.get(state)
        if style is None:
            style = styles[state] = self.get_visual_style("option-list--option", *((state,) if state else ()))
        return style

    def render_line(self, y: int) -> Strip:
        if self._this_draw is None:  # a row asked for alone (tests read rows this way)
            self._update_lines()
        width, top, highlighted, hovered, styles = self._this_draw or self._draw_state()
        try:
            index, line = self._line_cache.lines[top + y]
            option = self._options[index]
        except IndexError:
            return Strip.blank(width, self._row_style(styles, "").rich_style)
        if line:  # a divider's rule: OptionList draws it
            return super().render_line(y)
        state = ("option-list--option-highlighted" if highlighted == index else
                 "option-list--option-hover" if hovered == index else "")
        style = self._row_style(styles, state)
        number = f"{index + 1:>{max(2, len(str(len(self._options))))}} "
        label_width = max(0, width - len(number))
        key = (option, getattr(option, "version", 0), style, label_width)
        label = self._drawn.get(key)
        if label is None:
            visual = self._get_visual(option)
            label = visual.to_strips(self, visual, label_width, None, style)[0]
            label = label.crop_extend(0, label_width, style.rich_style)
            self._drawn[key] = label
        # one Strip (each is ~10 us to make), and no meta: a click finds its row by position; as wide
        # as the widget (its scrollbar is drawn over the last cells), or Textual makes one more
        under_bar = max(0, self.size.width - width)
        segments = [Segment(number, style.rich_style), *label]
        if under_bar:
            segments.append(Segment(" " * under_bar, style.rich_style))
        return Strip(segments, len(number) + label.cell_length + under_bar)


class SpeakingPanel(Vertical):
    """The queue is an OptionList: up/down select a waiting speaker, Enter gives them the floor."""

    DEFAULT_CSS = """
    SpeakingPanel { border: round $primary-darken-1; border-title-align: left; height: 1fr; padding: 0 1; }
    SpeakingPanel #sp-head { height: auto; color: $text-muted; }
    SpeakingPanel #sp-queue { height: 1fr; border: none; padding: 0; background: transparent;
                              text-wrap: nowrap; text-overflow: ellipsis; }  /* a row is one line, cut with … */
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

    def _update(self, part: str, content: object) -> None:
        """Redraw a Static only when what it shows changed."""
        key = content.markup if isinstance(content, Text) else content
        if self._texts.get(part) != key:
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
        if shown == self._shown and queue.option_count == len(shown):
            return
        keep = self.selected_entry_id()
        keep_index = queue.highlighted
        if shown == self._shown[1:] and queue.option_count == len(self._shown):  # the head left, as at each n
            queue.drop_head()
            self._shown = shown
            self._keep_highlight(keep, keep_index, [row[0] for row in shown])
            queue._update_lines()  # see below
            return
        ids = [e.id for e in waiting]
        old_ids = [row[0] for row in self._shown]
        if queue.option_count != len(old_ids):
            old_ids, self._shown = [], []
            queue.clear_options()
        wanted = set(ids)
        staying = [entry_id for entry_id in old_ids if entry_id in wanted]
        if staying != ids[:len(staying)] or len(old_ids) - len(staying) > 50:
            old_ids, staying, self._shown = [], [], []
            queue.clear_options()
        else:
            for entry_id in old_ids:
                if entry_id not in wanted:
                    queue.remove_option(str(entry_id))
        before = dict(zip(old_ids, self._shown))  # entry id -> what its row showed

        def label(entry: SpeakerEntry) -> Callable[[], Text]:
            return lambda: entry_label(meeting, entry)

        queue.relabel({n: label(entry) for n, (entry, row) in enumerate(zip(waiting, shown))
                       if n < len(staying) and before[entry.id] != row})
        queue.add_options([_LazyOption(label(entry), id=str(entry.id)) for entry in waiting[len(staying):]])
        self._shown = shown
        self._keep_highlight(keep, keep_index, ids)
        # The list's new height, now: OptionList finds it when drawn, and a height found while
        # drawing asks for a second layout and a second draw of the screen (~12 ms at 500 waiting).
        queue._update_lines()

    def _keep_highlight(self, keep: int | None, keep_index: int | None, ids: list[int]) -> None:
        """The same speaker stays highlighted; if they left, the row where they were."""
        queue = self.queue
        if queue.option_count:
            if keep in ids:
                queue.highlighted = ids.index(keep)
            else:
                queue.highlighted = min(keep_index or 0, queue.option_count - 1)

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
