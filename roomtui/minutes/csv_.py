"""The commitments as CSV, for the follow-up spreadsheet.

Excel guesses a legacy code page for BOM-less CSV and garbles Chinese, so the file is UTF-8
with a BOM and CRLF rows. A cell that begins like a formula (= + - @, or a tab or carriage
return that some spreadsheets skip before one) gets a leading apostrophe, so a department
name such as ``=HYPERLINK(...)`` is shown as text and never evaluated.
"""

from __future__ import annotations

import csv
import io

from roomtui.minutes.model import Minutes

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Make a cell inert for spreadsheets (OWASP CSV injection guidance)."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def render_csv(minutes: Minutes) -> bytes:
    """One row per commitment, in the order the responses were recorded."""
    t = minutes.labels
    header = [t["issue_number"], t["issue"], t["department"], t["disposition"], t["lead_unit"], t["co_units"],
              t["deliverable"], t["deadline"], t["grade"], t["confirmed"]]
    if not minutes.public:
        header.append(t["response_note"])
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for response in minutes.responses:
        for c in response.commitments:
            row = [str(response.issue_number), response.issue_title, response.department, response.disposition,
                   c.lead_unit, t["list_separator"].join(c.co_units), c.deliverable, c.deadline, c.grade,
                   t["yes"] if response.confirmed else t["no"]]
            if not minutes.public:
                row.append(response.note)
            writer.writerow([neutralise(cell) for cell in row])
    return "\ufeff".encode("utf-8") + buffer.getvalue().encode("utf-8")
