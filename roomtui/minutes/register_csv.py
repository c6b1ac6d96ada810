"""The commitments register as CSV: one row per commitment, overdue first.

Same conventions as the commitments CSV of one meeting (csv_.py): UTF-8 with a BOM so Excel
reads Chinese, CRLF rows, and every cell neutralised so nothing typed can run as a formula.
"""

from __future__ import annotations

import csv
import io

from roomtui.minutes.csv_ import neutralise
from roomtui.minutes.register_model import RegisterDocument


def render_register_csv(doc: RegisterDocument) -> bytes:
    t = doc.labels
    header = [t["meeting_date"], t["meeting"], t["series"], t["issue_number"], t["issue"], t["lead_unit"],
              t["co_units"], t["deliverable"], t["deadline"], t["grade"], t["graded_on"], t["overdue"],
              t["room_satisfied"], t["room_basically"], t["room_dissatisfied"], t["room_closed"],
              t["room_follow_first"]]
    if not doc.public:
        header += [t["latest_note"], t["history"], t["ref"]]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for r in doc.rows:
        row = [r.meeting_date, r.meeting, r.series, r.issue_number, r.issue, r.lead_unit, r.co_units, r.deliverable,
               r.deadline, r.grade, r.graded_on, t["yes"] if r.overdue else t["no"],
               *(str(n) for n in r.room_counts or ("", "", "")),  # counts only: never who voted how
               (t["yes"] if r.room_closed else t["no"]) if r.room_counts else "",
               (t["yes"] if r.room_dissatisfied else t["no"]) if r.room_counts else ""]
        if not doc.public:
            row += [r.latest_note, " | ".join(r.history), r.ref]
        writer.writerow([neutralise(cell) for cell in row])
    return "\ufeff".encode("utf-8") + buffer.getvalue().encode("utf-8")
