"""Headings of the commitments register (督办台账), in the language the register is printed in.

The register spans meetings, so it has no single meeting language: it is printed in the language
asked for (the interface's, or ``--lang``). Like the minutes' labels these are document text, not
interface strings, so they live here rather than in the interface catalog.
"""

from __future__ import annotations

from roomtui.i18n import RecordTables
from roomtui.minutes.labels import LABELS, MINUTES_LANGUAGES, minutes_language

_ENGLISH: dict[str, str] = {
    "title": "Commitments register",
    "public_note": "Public register: progress notes and internal references are left out.",
    "internal_note": "Internal register: contains progress notes. Do not hand out.",
    "as_of": "As of {date}",
    "meeting_date": "Meeting date",
    "meeting": "Meeting",
    "series": "Series",
    "no_series": "(no series)",
    "graded_on": "Graded on",
    "grade_on": "{grade} ({date})",
    "overdue": "Overdue",
    "not_graded": "not graded",
    "latest_note": "Latest progress note",
    "history": "Follow-up history",
    "ref": "Reference",
    "counts": "{promised} promised, {solved} solved, {on_time} solved on time, {overdue} overdue",
    "summary": "Summary by department",
    "promised": "Promised",
    "solved": "Solved",
    "solved_on_time": "Solved on time",
    "damaged": "Meeting files that could not be read",
    "copies": "Meetings found more than once, counted once",
    "copies_line": "{meeting}: counted from {kept}; copies left out: {others}",
    "empty": "No commitments.",
    # the room's rating of the answer (满意度测评): counts only, never who voted how
    "room_satisfied": "Room: satisfied",
    "room_basically": "Room: basically satisfied",
    "room_dissatisfied": "Room: dissatisfied",
    "room_closed": "Rating closed",
    "room_follow_first": "Room mostly dissatisfied",
    "room_follow_first_note": "mostly dissatisfied: follow up first",
    "and_then": "; ",  # between the counts and the room's share in a department's line
    "room_share": "Satisfied (room)",
    "room_share_cell": "{percent}% ({satisfied} of {votes} votes)",
    "room_share_line": "the room satisfied with {percent}% ({satisfied} of {votes} votes); "
                       "answers mostly dissatisfied: {answers}",
}
REGISTER_LABELS = RecordTables("register", _ENGLISH, MINUTES_LANGUAGES)


def register_labels(language: str) -> dict[str, str]:
    """The register's own labels over the minutes' ones (issue, lead unit, deadline, grade...)."""
    code = minutes_language(language)
    return {**LABELS[code], **REGISTER_LABELS[code]}
