"""Speaking time per role and per person, and the number of turns (stats.speaking_stats)."""

from __future__ import annotations

from datetime import datetime

from rich.console import Group, RenderableType
from rich.text import Text
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from roomtui.caches import enabled
from roomtui.domain.model import Meeting, Role
from roomtui.domain.stats import format_seconds, speaking_stats
from roomtui.i18n import _
from roomtui.tui.widgets.aligned_rows import AlignedRows, Column
from roomtui.tui.textual_compat import QuietScrollbars


def stats_tables(meeting: Meeting, now: datetime, stats: tuple | None = None) -> Group:
    """Speaking time per role and per person; ``stats`` is speaking_stats(meeting, now) if already counted."""
    by_person, by_role = stats or speaking_stats(meeting, now)
    if not by_person:
        return Group(Text(_("Nobody has spoken yet."), style="dim"))
    columns = [Column(flexible=True), Column("right"), Column("right")]
    roles = [(Text(role.label), format_seconds(by_role[role].seconds), str(by_role[role].turns))
             for role in Role if role in by_role]
    people = []
    for participant_id, total in sorted(by_person.items(), key=lambda pair: (-pair[1].seconds, pair[0])):
        person = meeting.participant(participant_id)
        name = Text(person.name if person else "?")
        if person is not None:
            name.append(f" · {person.role.label}", style="dim")
        people.append((name, format_seconds(total.seconds), str(total.turns)))
    return Group(AlignedRows(columns, roles, header=[_("Role"), _("Time"), _("Turns")]), Text(""),
                 AlignedRows(columns, people, header=[_("Speaker"), _("Time"), _("Turns")]))


class StatsPanel(QuietScrollbars, ScrollView):
    """The tables, scrolled when taller than the panel.

    Their height is counted (every row is one line), never measured by rendering, and set before
    the screen's layout: a scroll container whose content grows during a layout asks Textual for
    a second layout and a second draw of the screen (profiled: ~15 ms of a live key whenever a
    new person had spoken). The lines are drawn once per change, width and theme.
    """

    DEFAULT_CSS = """
    StatsPanel { border: round $primary-darken-1; border-title-align: left; height: 1fr; padding: 0 1;
                 overflow-x: hidden; }  /* the tables are drawn to the width they have: never sideways */
    """

    can_focus = False
    _signature: tuple | None = None

    def on_mount(self) -> None:
        self.border_title = _("Speaking time")
        self._tables: RenderableType = Text("")
        self._drawn: tuple[tuple, list[Strip]] | None = None  # ((width, colours), lines)

    def refresh_view(self, meeting: Meeting, now: datetime) -> None:
        stats = by_person, by_role = speaking_stats(meeting, now)
        signature = tuple((pid, int(t.seconds), t.turns) for pid, t in sorted(by_person.items())) + (
            tuple((p.id, p.name, p.role) for p in meeting.participants),)
        if signature == self._signature and enabled("redraw-guards"):
            return  # called every second while someone speaks: redraw only on change
        self._signature = signature
        self._tables = stats_tables(meeting, now, stats)  # counted once per change
        self._drawn = None
        height = 1 + len(by_role) + 1 + 1 + len(by_person) if by_person else 1
        self.set_virtual_size_quietly(Size(0, height))  # as wide as the panel: the tables are drawn to fit
        self.refresh()

    _this_draw: tuple | None = None  # (width, style) of the draw under way

    def lines(self) -> list[Strip]:
        """The tables drawn at the panel's width (what render_line shows, scrolled)."""
        width, style = self._this_draw or (self.scrollable_content_region.width, self.rich_style)
        if self._drawn is None or self._drawn[0] != (width, style):  # another width, or another theme
            console, lines = self.app.console, []
            for part in self._tables.renderables:
                if isinstance(part, AlignedRows):
                    lines += part.strips(console, width, style)  # only rows not drawn before are drawn
                else:
                    rendered = console.render_lines(part, console.options.update(width=width, height=None),
                                                    style=style, pad=True)
                    lines += [Strip(line, width) for line in rendered]
            self._drawn = ((width, style), lines)
        return self._drawn[1]

    def render_lines(self, crop: Region) -> list[Strip]:
        """The width and the style found once per draw: a widget's rich_style walks up the whole
        screen (profiled: two lookups per row were ~5 ms of each ~8 ms draw of this panel)."""
        self._this_draw = (self.scrollable_content_region.width, self.rich_style)
        try:
            return super().render_lines(crop)
        finally:
            self._this_draw = None

    def render_line(self, y: int) -> Strip:
        lines = self.lines()
        width, style = self._drawn[0]
        index = self.scroll_offset.y + y
        if index >= len(lines):
            return Strip.blank(width, style)
        return lines[index].crop_extend(self.scroll_offset.x, self.scroll_offset.x + width, style)
