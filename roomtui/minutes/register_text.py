"""The commitments register as plain text, for a terminal: one line per commitment, then counts."""

from __future__ import annotations

from roomtui.minutes.model import line
from roomtui.minutes.register_model import RegisterDocument, share_words


def render_register_text(doc: RegisterDocument) -> str:
    t = doc.labels
    out = [f"{t['title']} · {t['as_of'].format(date=doc.today.isoformat())}"]
    if not doc.rows:
        out.append(t["empty"])
    for r in doc.rows:
        flag = "!" if r.overdue else " "
        out.append(f"{flag} {r.deadline or '----------'}  {line(r.grade)}  {line(r.lead_unit)}: "
                   f"{line(r.deliverable)}  ({r.meeting_date} {line(r.meeting)} #{r.issue_number})")
        if r.room:
            out.append(f"    {t['room_rating']}{t['colon']}{r.room}")
        if r.latest_note:
            out.append(f"    {line(r.latest_note)}")
    if doc.sections:
        out += ["", t["summary"]]
        for counts, _rows in doc.sections:
            share = share_words(counts.room, t)
            out.append(f"  {line(counts.department)}{t['colon']}" + t["counts"].format(
                promised=counts.promised, solved=counts.solved, on_time=counts.solved_on_time,
                overdue=counts.overdue) + (t["and_then"] + share if share else ""))
    return "\n".join(out) + "\n"
