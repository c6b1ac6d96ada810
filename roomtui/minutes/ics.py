"""The commitment deadlines as an iCalendar file (RFC 5545): one VTODO per dated commitment.

Written by hand, because the format is small and the rules that matter are few: TEXT values
escape backslash, semicolon, comma and newline; lines end in CRLF; lines longer than 75 octets
are folded without cutting a UTF-8 character in two. UIDs and DTSTAMP come from the meeting
itself, so exporting twice gives the same file and calendars update events instead of
duplicating them.
"""

from __future__ import annotations

import re

from roomtui.minutes.model import Minutes

LINE_OCTETS = 75
_ESCAPE_OR_CHAR = re.compile(r"\\.|.", re.DOTALL)
# Follow-up grade -> VTODO STATUS (section 3.8.1.11); ungraded commitments need action.
_STATUS = {"A": "COMPLETED", "B": "IN-PROCESS", "C": "NEEDS-ACTION", "D": "CANCELLED"}


def escape_text(value: str) -> str:
    """An RFC 5545 TEXT value (section 3.3.11)."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(content_line: str) -> str:
    """Fold one content line at 75 octets (section 3.1); continuation lines start with a space.

    Cuts fall between characters, and never inside a two-character escape such as ``\\n``:
    RFC 5545 would allow it, but some calendar readers unfold too late and then misread it.
    """
    out: list[str] = []
    current: list[str] = []
    size, limit = 0, LINE_OCTETS
    for token in _ESCAPE_OR_CHAR.findall(content_line):
        width = len(token.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1
        current.append(token)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out)


def _stamp(minutes: Minutes) -> str:
    """DTSTAMP from the record (closing time, else the last event, else the meeting date).

    RFC 5545 wants UTC here; the record keeps the room's local time, which is written as is:
    DTSTAMP only orders revisions of the same UID, and a fixed value keeps the export stable.
    """
    if minutes.stamp is not None:
        return minutes.stamp.strftime("%Y%m%dT%H%M%SZ")
    return (minutes.header.date or "1970-01-01").replace("-", "") + "T000000Z"


def render_ics(minutes: Minutes) -> str:
    t = minutes.labels
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//roomtui//minutes//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:" + escape_text(t["calendar_name"].format(title=minutes.header.title)),
    ]
    stamp = _stamp(minutes)
    for response in minutes.responses:
        for c in response.commitments:
            if not c.deadline:
                continue
            description = [
                t["description_issue"].format(number=response.issue_number, title=response.issue_title),
                f"{t['department']}{t['colon']}{response.department}",
                f"{t['disposition']}{t['colon']}{response.disposition}",
                f"{t['lead_unit']}{t['colon']}{c.lead_unit}",
            ]
            if c.co_units:
                description.append(f"{t['co_units']}{t['colon']}{t['list_separator'].join(c.co_units)}")
            if c.grade:
                description.append(f"{t['grade']}{t['colon']}{c.grade}")
            if response.note and not minutes.public:
                description.append(f"{t['response_note']}{t['colon']}{response.note}")
            description.append(f"{minutes.header.title} {minutes.header.date}".strip())
            lines += [
                "BEGIN:VTODO",
                f"UID:{escape_text(minutes.meeting_id)}-r{response.response_id}-c{c.number}@roomtui",
                f"DTSTAMP:{stamp}",
                f"DUE;VALUE=DATE:{c.deadline.replace('-', '')}",
                "SUMMARY:" + escape_text(f"#{response.issue_number} {c.deliverable}".replace("\n", " ")),
                "DESCRIPTION:" + escape_text("\n".join(description)),
                "STATUS:" + _STATUS.get(c.grade_key, "NEEDS-ACTION"),
                "END:VTODO",
            ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
