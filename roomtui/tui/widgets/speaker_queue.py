"""The waiting speakers, one line each, drawn with Textual's line API (ScrollView.render_line).

A queue of 500 changes at every key (the head takes the floor, everyone moves up one). OptionList
measured every label each time the list changed and forgot all it drew when one option went
(profiled with pyinstrument: most of a live key with 500 waiting). Here a row is one line at any
width, so the rows' count is the queue's height; a row's number (its position) is drawn beside its
label, not in it, and drawn labels are kept by what they show (row, its version, style, width),
so the head leaving costs the visible rows' numbers, not their labels. Toolong's LogLines and
this project's RegisterTable are built the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.events import Click, Leave, MouseMove
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual, visualize

from roomtui.caches import enabled
from roomtui.tui.textual_compat import QuietScrollbars


class QueueRow:
    """One waiting speaker's row: the entry id, and a label made the first time the row is drawn
    (most rows of a long queue never are)."""

    __slots__ = ("id", "version", "_make", "_label")

    def __init__(self, make_label: Callable[[], Text], id: str) -> None:
        self.id = id
        self.version = 0  # a new label, a new key in the queue's kept drawings
        self._make: Callable[[], Text] | None = make_label
        self._label: Text | None = None

    def relabel(self, make_label: Callable[[], Text]) -> None:
        self._make, self._label = make_label, None
        self.version += 1

    @property
    def label(self) -> Text:
        if self._make is not None:
            self._label, self._make = self._make(), None
        return self._label


class SpeakerQueue(QuietScrollbars, ScrollView, can_focus=True):
    """Up/down (home, end, page keys) highlight a waiting speaker; Enter or a click chooses them
    (SpeakerQueue.Selected). Every row is one line: labels are cut with … (CSS text-overflow)."""

    BINDINGS: ClassVar[list[BindingType]] = [  # no descriptions: the live screen's keys say what they do
        Binding("down", "cursor_down", show=False),
        Binding("end", "last", show=False),
        Binding("enter", "select", show=False),
        Binding("home", "first", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("up", "cursor_up", show=False),
    ]

    # OptionList's look (the screens' snapshots were made with it), for this widget's own rows.
    DEFAULT_CSS = """
    SpeakerQueue {
        height: auto; max-height: 100%; color: $foreground; overflow-x: hidden;
        border: tall $border-blurred; padding: 0 1; background: $surface;
        text-wrap: nowrap; text-overflow: ellipsis;
        & > .speaker-queue--row-highlighted {
            color: $foreground; background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border; background-tint: $foreground 5%;
            & > .speaker-queue--row-highlighted {
                color: $block-cursor-foreground; background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .speaker-queue--row-hover { background: $block-hover-background; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "speaker-queue--row", "speaker-queue--row-highlighted", "speaker-queue--row-hover"}

    highlighted: reactive[int | None] = reactive(None)
    hovered: reactive[int | None] = reactive(None)  # the row under the mouse

    class Selected(Message):
        """A waiting speaker was chosen (Enter or a click): ``row.id`` is the entry's id."""

        def __init__(self, queue: SpeakerQueue, row: QueueRow, index: int) -> None:
            super().__init__()
            self.queue, self.row, self.index = queue, row, index

        @property
        def control(self) -> SpeakerQueue:
            return self.queue

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._rows: list[QueueRow] = []
        self._drawn: LRUCache[tuple, Strip] = LRUCache(maxsize=2048)
        self._this_draw: tuple | None = None

    # -- the rows ----------------------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        return len(self._rows)

    def row_at(self, index: int) -> QueueRow:
        return self._rows[index]

    def index_of(self, row_id: str) -> int | None:
        return next((n for n, row in enumerate(self._rows) if row.id == row_id), None)

    def add_rows(self, rows: Iterable[QueueRow]) -> None:
        count = len(self._rows)
        self._rows.extend(rows)
        if len(self._rows) != count:
            self._rows_changed()

    def remove_row(self, row_id: str) -> None:
        index = self.index_of(row_id)
        if index is not None:
            del self._rows[index]
            self._rows_changed()

    def clear_rows(self) -> None:
        if self._rows:
            self._rows.clear()
            self._rows_changed()

    def drop_head(self) -> None:
        """The first row goes (the head took the floor); every other row keeps its drawn label."""
        if self._rows:
            del self._rows[0]
            self._rows_changed()

    def relabel(self, labels: dict[int, Callable[[], Text]]) -> None:
        """New labels for the rows at these indexes, made when drawn; the rows stay where they are."""
        if labels:
            for index, make_label in labels.items():
                self._rows[index].relabel(make_label)
            self.refresh()

    def _rows_changed(self) -> None:
        """The queue's height is its rows' count, set now (before the layout: a height found while
        drawing asks Textual for a second layout and draw of the screen, ~12 ms at 500 waiting)."""
        self.hovered = None
        self.highlighted = self.highlighted  # validated against the new count
        self.set_virtual_size_quietly(Size(0, len(self._rows)))
        self.refresh()

    # -- the highlight and the keys ----------------------------------------------------------------
    def validate_highlighted(self, index: int | None) -> int | None:
        if index is None or not self._rows:
            return None
        return max(0, min(len(self._rows) - 1, index))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        if new is not None and self.is_mounted:
            self.scroll_to_region(Region(0, new, self.scrollable_content_region.width, 1), force=True,
                                  animate=False, immediate=True)
        self._refresh_rows(old, new)

    def watch_hovered(self, old: int | None, new: int | None) -> None:
        self._refresh_rows(old, new)

    def _refresh_rows(self, *indexes: int | None) -> None:
        for index in indexes:
            if index is not None:
                self.refresh_line(index)

    def action_cursor_down(self) -> None:
        if self._rows:  # as OptionList: past the last, the first
            self.highlighted = 0 if self.highlighted is None else (self.highlighted + 1) % len(self._rows)

    def action_cursor_up(self) -> None:
        if self._rows:
            self.highlighted = len(self._rows) - 1 if self.highlighted is None else (
                (self.highlighted - 1) % len(self._rows))

    def action_first(self) -> None:
        if self._rows:
            self.highlighted = 0

    def action_last(self) -> None:
        if self._rows:
            self.highlighted = len(self._rows) - 1

    def action_page_down(self) -> None:
        if self._rows:
            self.highlighted = (self.highlighted or 0) + self.scrollable_content_region.height

    def action_page_up(self) -> None:
        if self._rows:
            self.highlighted = (self.highlighted or 0) - self.scrollable_content_region.height

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self._rows[self.highlighted], self.highlighted))

    # -- the mouse: a row is found by its place and the scroll (rows carry no meta) ---------------
    def row_under(self, event: MouseMove | Click) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        index = self.scroll_offset.y + offset.y
        return index if 0 <= index < len(self._rows) else None

    def on_click(self, event: Click) -> None:
        index = self.row_under(event)
        if index is not None:
            self.highlighted = index
            self.action_select()

    def on_mouse_move(self, event: MouseMove) -> None:
        self.hovered = self.row_under(event)

    def on_leave(self, event: Leave) -> None:
        self.hovered = None

    # -- drawing -----------------------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        """What every row of this draw shares is found once (profiled: the region and the styles,
        looked up per row, were most of a row's cost)."""
        self._this_draw = self._draw_state()
        try:
            return super().render_lines(crop)
        finally:
            self._this_draw = None

    def _draw_state(self) -> tuple:
        """(content width, widget width, first row shown, highlighted, hovered, styles by state)."""
        return (self.scrollable_content_region.width, self.size.width, self.scroll_offset.y, self.highlighted,
                self.hovered, {})

    def _row_style(self, styles: dict, state: str):
        style = styles.get(state)
        if style is None:
            style = styles[state] = self.get_visual_style("speaker-queue--row", *((state,) if state else ()))
        return style

    def render_line(self, y: int) -> Strip:
        width, full_width, top, highlighted, hovered, styles = self._this_draw or self._draw_state()
        index = top + y
        if index >= len(self._rows):
            return Strip.blank(width, self._row_style(styles, "").rich_style)
        row = self._rows[index]
        state = ("speaker-queue--row-highlighted" if highlighted == index else
                 "speaker-queue--row-hover" if hovered == index else "")
        style = self._row_style(styles, state)
        number = f"{index + 1:>{max(2, len(str(len(self._rows))))}} "
        label_width = max(0, width - len(number))
        key = (row, row.version, style, label_width)
        label = self._drawn.get(key) if enabled("queue-labels") else None
        if label is None:
            visual = visualize(self, row.label, markup=False)
            label = Visual.to_strips(self, visual, label_width, None, style)[0]
            label = label.crop_extend(0, label_width, style.rich_style)
            self._drawn[key] = label
        # one Strip per row (each is ~10 us to make), as wide as the widget (its scrollbar is drawn
        # over the last cells), or Textual makes a second one to extend it
        under_bar = max(0, full_width - width)
        segments = [Segment(number, style.rich_style), *label]
        if under_bar:
            segments.append(Segment(" " * under_bar, style.rich_style))
        return Strip(segments, len(number) + label.cell_length + under_bar)
