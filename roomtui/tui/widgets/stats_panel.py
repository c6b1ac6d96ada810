"""Speaking time per role and per person, and the number of turns (stats.speaking_stats)."""

from __future__ import annotations

from datetime import datetime

from rich.console import Group
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from roomtui.domain.model import Meeting, Role
from roomtui.domain.stats import format_seconds, speaking_stats
from roomtui.i18n import _
from roomtui.tui.widgets.aligned_rows import AlignedRows, Column


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


class StatsPanel(VerticalScroll):
    DEFAULT_CSS = """
    StatsPanel { border: round $primary-darken-1; border-title-align: left; height: 1fr; padding: 0 1; }
    StatsPanel > Static { width: 1fr; height: auto; }
    """

    can_focus = False

    def compose(self):
        yield Static("", id="stats-body")

    def on_mount(self) -> None:
        self.border_title = _("Speaking time")

    _signature: tuple | None = None

    def refresh_view(self, meeting: Meeting, now: datetime) -> None:
        stats = by_person, by_role = speaking_stats(meeting, now)
        signature = tuple((pid, int(t.seconds), t.turns) for pid, t in sorted(by_person.items())) + (
            tuple((p.id, p.name, p.role) for p in meeting.participants),)
        if signature == self._signature:
            return  # called every second while someone speaks: redraw only on change
        self._signature = signature
        body = self.query_one("#stats-body", Static)
        body.update(stats_tables(meeting, now, stats))  # counted once per change
        # Its height, counted rather than measured: every row is one line (no_wrap). With height
        # auto, each layout of the live screen rendered both tables to measure them -- profiled,
        # a third of a live key with a long queue (whose scrolling relayouts the screen).
        body.styles.height = 1 + len(by_role) + 1 + 1 + len(by_person) if by_person else 1
