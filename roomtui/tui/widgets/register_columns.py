"""The register view's columns, and the room's rating of each commitment's answer: counts only.

State columns (overdue, deadline, grade, the room's tally) are whole at any width; the others share
what is left.

A county office reports the share of 满意 per department and follows up first the answers most of
the room rated 不满意, so the register shows the counts in a column of their own (state: never cut),
marks the mostly dissatisfied ones, and says it in words under the table and in the count lines.
"""

from __future__ import annotations

from datetime import date

from roomtui.domain.followup import RegisterEntry
from roomtui.domain.model import Grade
from roomtui.domain.room_tally import RoomShare, RoomTally
from roomtui.i18n import _, ngettext

# column widths (cells): overdue mark, deadline, grade, [the room's tally,] lead unit, deliverable, meeting,
# latest note
COLUMNS = (1, 10, 16, 18, 30, 26, 40)
STATE_COLUMNS = 3  # overdue, deadline, grade (and the room's tally): whole at any width; the others share the rest
LEAST = 8  # the narrowest a column that carries no state is cut to


def fit_columns(room: int, tally: int = 0) -> list[int]:
    """Column widths for ``room`` cells: the state whole, then every other column on screen, cut
    alike (at 120 columns the meeting and the progress note were pushed off the right edge).

    ``tally``: the width of the room's-rating column, 0 when no commitment's answer was rated. The
    mark column then has room for the ✗ of a mostly dissatisfied answer too, and the tally column is
    there only where it fits without cutting a state column (80 columns in English: the grade
    "D cannot be solved for now" needs its width; the counts are in the line under the table)."""
    from roomtui.tui.widgets.column_fit import fit_widths

    from rich.cells import cell_len

    grade = max(cell_len(label) for label in [g.label for g in Grade] + [_("not graded")])
    marks = (COLUMNS[0] + 1 if tally else COLUMNS[0], COLUMNS[1], grade)  # every grade whole, in either language
    others = COLUMNS[STATE_COLUMNS:]
    state = (*marks, tally)
    if not tally or sum(state) + LEAST * len(others) + len(state) + len(others) > room:
        state = marks
    wanted = (*state, *others)
    room -= len(wanted)  # one space after each column
    least = state + (LEAST,) * len(others)
    return fit_widths(room, wanted, least=least)


def mark_cell(entry: RegisterEntry, today: date, tallied: bool) -> tuple[str, str]:
    """! overdue; ✗ (with ``tallied``, where ratings are in the register) most of the room rated the
    answer 不满意: what a county office follows up first."""
    mark = ("!" if entry.overdue(today) else " ") + ("✗" if tallied and entry.room and entry.room.mostly_dissatisfied
                                                      else "")
    return (mark, "bold red") if mark.strip() else ("", "")


def tally_cell(entry: RegisterEntry) -> tuple[str, str]:
    """The room's votes on the commitment's answer: satisfied/basically/dissatisfied, red when most
    are 不满意."""
    room = entry.room
    if room is None:
        return "", ""
    return f"{room.satisfied}/{room.basically}/{room.dissatisfied}", "bold red" if room.mostly_dissatisfied else ""


def room_words(room: RoomTally) -> str:
    """The room's rating of the answer, counts only (never who voted how), and what it means."""
    words = _("Room's rating: {satisfied} satisfied, {basically} basically satisfied, {dissatisfied} dissatisfied "
              "({votes} in all)", satisfied=room.satisfied, basically=room.basically,
              dissatisfied=room.dissatisfied, votes=room.votes)
    if not room.closed:
        words += " · " + _("rating still open")
    if room.mostly_dissatisfied:
        words += " · " + _("mostly dissatisfied: follow up first")
    return words


def room_share_words(share: RoomShare) -> str:
    """A department's share of 满意 votes, for its count line ('' if the room rated none of its answers)."""
    if share.percent_satisfied is None:
        return ""
    words = " · " + _("room: satisfied {percent}% ({satisfied}/{votes} votes)", percent=share.percent_satisfied,
                      satisfied=share.satisfied, votes=share.votes)
    if share.dissatisfied_answers:
        words += ngettext("; {n} answer mostly dissatisfied", "; {n} answers mostly dissatisfied",
                          share.dissatisfied_answers)
    return words
