"""The commitments register as one printable HTML page, a section per lead unit.

Built like the HTML minutes: Markdown with every typed text escaped, rendered by markdown-it
with raw HTML off, the minutes' print stylesheet inlined and a CSP that forbids scripts and
network fetches. Each department's section starts on a new page when printed, so it can be
handed to that department.
"""

from __future__ import annotations

from html import escape

from roomtui.minutes.html import _CSP, _renderer, stylesheet
from roomtui.minutes.markdown import _table, escape_cell, escape_inline
from roomtui.minutes.register_model import RegisterDocument, share_words

_PAGE_BREAK = "h2 { break-before: page; } h2:first-of-type { break-before: auto; }"


def render_register_markdown(doc: RegisterDocument) -> str:
    t = doc.labels
    out = [f"# {escape_inline(t['title'])}", "", t["as_of"].format(date=doc.today.isoformat()), "",
           f"*{t['public_note'] if doc.public else t['internal_note']}*", ""]
    if doc.damaged:
        out += [f"**{t['damaged']}{t['colon'].rstrip()}**", ""]
        out += [f"- {escape_inline(name)}{t['colon']}{escape_inline(why)}" for name, why in doc.damaged] + [""]
    if doc.copies:
        out += [f"**{t['copies']}{t['colon'].rstrip()}**", ""]
        out += ["- " + escape_inline(t["copies_line"].format(
            meeting=f"{c.title} {c.date.isoformat()}" if c.date else c.title, kept=c.kept,
            others=t["list_separator"].join(c.others))) for c in doc.copies] + [""]
    if not doc.rows:
        return "\n".join(out + [t["empty"]]) + "\n"
    out += [f"## {escape_inline(t['summary'])}", ""]
    out += _table([t["lead_unit"], t["promised"], t["solved"], t["solved_on_time"], t["overdue"], t["room_share"],
                   t["room_follow_first"]],
                  [[c.department, str(c.promised), str(c.solved), str(c.solved_on_time), str(c.overdue),
                    share_words(c.room, t, "room_share_cell") or "—",
                    str(c.room.dissatisfied_answers) if c.room.answers else "—"]
                   for c, _rows in doc.sections]) + [""]
    for counts, rows in doc.sections:
        out += [f"## {escape_inline(counts.department)}", "",
                t["counts"].format(promised=counts.promised, solved=counts.solved, on_time=counts.solved_on_time,
                                   overdue=counts.overdue)
                + (t["and_then"] + share_words(counts.room, t) if counts.room.votes else ""), ""]
        header = [t["meeting_date"], t["meeting"], t["issue"], t["co_units"], t["deliverable"], t["deadline"],
                  t["grade"], t["overdue"], t["room_rating"]]
        if not doc.public:
            header.append(t["latest_note"])
        table_rows = []
        for r in rows:
            cells = [r.meeting_date, r.meeting, f"#{r.issue_number} {r.issue}", r.co_units, r.deliverable,
                     r.deadline, t["grade_on"].format(grade=r.grade, date=r.graded_on) if r.graded_on else r.grade,
                     t["yes"] if r.overdue else "", r.room]
            if not doc.public:
                cells.append(r.latest_note)
            table_rows.append(cells)
        out += _table(header, table_rows) + [""]
        if not doc.public:
            for r in rows:
                if r.history:
                    out += [f"**{escape_cell(r.ref)}** {escape_cell(r.deliverable)}", ""]
                    out += [f"- {escape_inline(h)}" for h in r.history] + [""]
    return "\n".join(out).rstrip("\n") + "\n"


def render_register_html(doc: RegisterDocument) -> str:
    body = _renderer().render(render_register_markdown(doc))
    lang = "zh" if doc.language == "zh" else "en"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="roomtui">\n'
        f"<title>{escape(doc.labels['title'])}</title>\n"
        f"<style>\n{stylesheet().rstrip()}\n@media print {{ {_PAGE_BREAK} }}\n</style>\n"
        "</head>\n"
        "<body>\n"
        "<main>\n"
        f"{body.rstrip()}\n"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )
