"""Issues raised in the room and the departments' responses, one row each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical

if TYPE_CHECKING:
    from textual.widgets import DataTable

    from roomtui.tui.widgets.issues_table import IssuesTable

from roomtui.caches import enabled
from roomtui.domain.model import Disposition, Issue, Meeting, Response
from roomtui.i18n import _, ngettext
from roomtui.tui.widgets.column_fit import cell_width, fit_widths, needs


def issue_cell(issue: Issue) -> Text:
    cell = Text(no_wrap=True, overflow="ellipsis")
    cell.append(issue.title)
    if issue.location:
        cell.append(_(" ({place})", place=issue.location), style="dim")  # （石牛嘴） in Chinese
    return cell


def response_status(response: Response, room_rejected: bool = False) -> Text:
    """What the room decided first (reopened, the proposer's word, confirmed), then the disposition:
    a narrow column cuts the details at its end, never the state (不满意 was cut at 120 columns).
    ``room_rejected``: the room's closed rating was mostly 不满意, which reopens the issue too."""
    cell = Text(no_wrap=True, overflow="ellipsis")
    if response.reopened or room_rejected:
        cell.append("⟲ " + _("reopened"), style="bold red")
        cell.append(" · ")
    if response.satisfaction is not None:
        cell.append(response.satisfaction.label, style="bold red" if response.reopened else "green")
        cell.append(" · ")
    if response.confirmed_at is not None:
        cell.append("✓ " + _("confirmed"), style="bold green")
        cell.append(" · ")
    style = {Disposition.RESOLVE_NOW: "green", Disposition.STEP_BY_STEP: "yellow",
             Disposition.HIGHER_LEVEL: "magenta"}[response.disposition]
    cell.append(response.disposition.label, style=style)
    when = response.deadline if response.disposition is Disposition.RESOLVE_NOW else response.target_date
    if when is not None:
        cell.append(" " + _("by {date}", date=when.isoformat()))
    if response.commitments:
        cell.append(" · " + ngettext("{n} commitment", "{n} commitments", len(response.commitments)))
    return cell


def rejected_responses(meeting: Meeting) -> frozenset[str]:
    """Row keys of the responses the room rejected (a closed rating, mostly 不满意)."""
    return frozenset(f"r{r.response_id}" for r in meeting.ratings if r.closed_at is not None and meeting.room_rejected(r))


def rows(meeting: Meeting) -> list[tuple[str, Issue, Response | None]]:
    """Raised issues without a response yet, then one row per response, in the room's order."""
    result: list[tuple[str, Issue, Response | None]] = []
    for issue in sorted((i for i in meeting.issues if i.raised_at is not None or meeting.responses_to(i.id)),
                        key=lambda i: (i.raised_at is None, i.raised_at or 0, i.id)):
        responses = meeting.responses_to(issue.id)
        if not responses:
            result.append((f"i{issue.id}", issue, None))
        for response in responses:
            result.append((f"r{response.id}", issue, response))
    return result


def row_cells(issue: Issue, response: Response | None, room_rejected: bool = False) -> tuple[str, Text, Text, Text]:
    if response is None:
        return (f"#{issue.id}", issue_cell(issue), Text(issue.expected_department, no_wrap=True, overflow="ellipsis"),
                Text(_("awaiting a response"), style="bold yellow", no_wrap=True, overflow="ellipsis"))
    department = Text(response.department, no_wrap=True, overflow="ellipsis")
    if response.responder:
        department.append(f" · {response.responder}", style="dim")
    return f"#{issue.id}", issue_cell(issue), department, response_status(response, room_rejected)


def row_signature(issue: Issue, response: Response | None, room_rejected: bool = False) -> tuple:
    """Everything a row shows, cheap to compare: a row is redrawn only when this changes."""
    shown = (issue.id, issue.title, issue.location, issue.expected_department)
    if response is None:
        return shown
    return shown + (response.department, response.responder, response.disposition, response.deadline,
                    response.target_date, len(response.commitments), response.confirmed_at is None,
                    response.satisfaction, response.reopened, room_rejected)


COLUMNS = ("id", "issue", "department", "status")
ISSUE_LEAST, DEPARTMENT_LEAST, RESPONSE_LEAST = 12, 10, 16
DEPARTMENT_CAP, RESPONSE_CAP = 0.3, 0.5  # shares of the room served before the issue title grows


def headers() -> tuple[str, str, str, str]:
    return "#", _("Issue"), _("Department"), _("Response")


def column_widths(room: int, wanted: list[int]) -> list[int]:
    """The number and what the room needs to see (department, response) first, up to their caps;
    the issue title, which the number already identifies, gets the rest."""
    number = wanted[0]
    return fit_widths(room, wanted, least=(number, ISSUE_LEAST, DEPARTMENT_LEAST, RESPONSE_LEAST),
                      caps=(number, ISSUE_LEAST, int(room * DEPARTMENT_CAP), int(room * RESPONSE_CAP)), rest=1)


class IssuesPanel(Vertical):
    DEFAULT_CSS = """
    IssuesPanel { border: round $primary-darken-1; border-title-align: left; height: 1fr; }
    IssuesPanel DataTable { height: 1fr; background: transparent; }
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._shown: dict[str, tuple] = {}  # row key -> the signature of what the row shows
        self._measured: dict[str, tuple[int, ...]] = {}  # row key -> its cells' display widths
        self._room = 0
        self._widths: list[int] = []

    def compose(self) -> ComposeResult:
        return iter(())  # the table comes once the screen is drawn (on_mount)

    def on_mount(self) -> None:
        self.border_title = _("Issues & responses")
        # The table comes just after the screen's first frame (the panel, its border and title, at
        # once): loading DataTable, its styles, parts and rows were ~35 ms of that first frame.
        self.call_after_refresh(self._mount_table)

    def _mount_table(self) -> None:
        from roomtui.tui.widgets.issues_table import IssuesTable

        self.mount(IssuesTable(id="issues-table", cursor_type="row", zebra_stripes=False))

    def on_issues_table_mounted(self, message: IssuesTable.Mounted) -> None:
        message.stop()
        self._fit_columns(self._room_now(), needs([], headers()))
        if self.app.session is not None:
            self.refresh_view(self.app.session.meeting)

    def _room_now(self) -> int:
        """Cells for the columns' text: the panel less the scrollbar's gutter (kept even while the
        rows fit, so widths do not jump) and one cell of padding each side of every column."""
        table = self.table
        width = self.content_region.width or self.app.size.width - 2
        return max(40, width - table.styles.scrollbar_size_vertical - 2 * table.cell_padding * len(COLUMNS))

    def _fit_columns(self, room: int, wanted: list[int]) -> None:
        """Columns fitted to the room and the content; rebuilt (and so the rows) only when their widths change."""
        self._room = room
        widths = column_widths(room, wanted)
        if widths == self._widths:
            return
        self._widths = widths
        table = self.table
        table.clear(columns=True)
        self._shown.clear()
        for key, label, width in zip(COLUMNS, headers(), widths):
            table.add_column(label, key=key, width=width)

    def on_resize(self) -> None:
        if self.ready and self._room_now() != self._room and self.app.session is not None:
            self.refresh_view(self.app.session.meeting)

    @property
    def table(self) -> DataTable:
        return self.query_one("#issues-table")

    @property
    def ready(self) -> bool:
        """False until the table is mounted, just after the screen's first frame."""
        return bool(self.query("#issues-table"))

    def selected_key(self) -> str | None:
        if not self.ready:
            return None
        table = self.table
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def selected_response_id(self) -> int | None:
        key = self.selected_key()
        return int(key[1:]) if key and key.startswith("r") else None

    def selected_issue_id(self, meeting: Meeting) -> int | None:
        key = self.selected_key()
        if not key:
            return None
        if key.startswith("i"):
            return int(key[1:])
        response = meeting.response(int(key[1:]))
        return response.issue_id if response else None

    def select_key(self, key: str) -> None:
        if not self.ready:
            return
        table = self.table
        try:
            table.move_cursor(row=table.get_row_index(key))
        except Exception:  # no such row (any more)
            pass

    _seen: tuple | None = None  # (versions of issues, responses, ratings, votes, sign-ins; room) last shown

    def refresh_view(self, meeting: Meeting, versions: dict[str, int] | None = None) -> None:
        """Change only the rows that differ from what is shown; rebuild only when rows left or moved,
        or when the content or the room calls for other column widths.

        Profiling the live key n with 300 issues (pyinstrument) showed a quarter of the time in
        clearing and re-adding every row, though a speaker change touches no issue at all. Rows
        are measured when they change, so fitting the columns costs nothing on such a key.
        """
        if not self.ready:
            return  # the table, once mounted, shows the meeting as it is then
        table = self.table
        room = self._room_now()
        seen = ((versions["issues"], versions["responses"], versions.get("ratings"), versions.get("votes"),
                 versions.get("sign_ins"), room) if versions is not None else None)
        if seen is not None and seen == self._seen and enabled("redraw-guards"):
            return  # neither list changed since it was shown (the session's versions): nothing to compare
        self._seen = seen
        rejected = rejected_responses(meeting)
        current = [(key, issue, response, row_signature(issue, response, key in rejected))
                   for key, issue, response in rows(meeting)]
        shown = self._shown
        if room == self._room and len(current) == len(shown) and all(
                shown.get(key) == signature for key, _i, _r, signature in current):
            return  # nothing the table shows changed (a speaker action, a pause): leave it, cursor and all
        keep = self.selected_key()
        cells = {key: row_cells(issue, response, key in rejected) for key, issue, response, signature in current
                 if shown.get(key) != signature}
        self._measured = {key: tuple(map(cell_width, cells[key])) if key in cells else self._measured[key]
                          for key, *_rest in current}
        self._fit_columns(room, needs(self._measured.values(), headers()))
        if [key for key, *_rest in current[:len(shown)]] != list(shown):
            table.clear()
            shown.clear()
        for key, issue, response, signature in current:
            old = shown.get(key)
            if old == signature:
                continue
            row = cells.get(key) or row_cells(issue, response, key in rejected)
            if old is None:
                table.add_row(*row, key=key)
            else:
                for column, cell in zip(COLUMNS, row):
                    table.update_cell(key, column, cell)
            shown[key] = signature
        self.border_title = _("Issues & responses ({n})", n=table.row_count)
        if keep is not None:
            self.select_key(keep)
