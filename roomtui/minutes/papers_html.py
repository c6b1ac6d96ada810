"""The agenda and the sign-in sheet as one printable HTML page each: self-contained, no script,
no network (the minutes' Content-Security-Policy and stylesheet), A4 when printed from any
browser. Everything from the plan is escaped: typed text stays text."""

from __future__ import annotations

from html import escape

from roomtui.minutes.official_forms import official_date
from roomtui.minutes.html import html_page
from roomtui.minutes.papers import FREE_LINES, Papers, paper_title

# Signature cells need room for a hand.
_PAPER_CSS = """
table.paper { width: 100%; }
table.paper td { height: 2.4em; }
@media print { table.paper td { height: 11mm; } }
"""


def _table(header: list[str], rows: list[list[str]], classes: str = "") -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>\n" for row in rows)
    return f'<table class="{classes}">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n'


def render_paper_html(papers: Papers, paper: str) -> str:
    t = papers.labels
    title = paper_title(papers, paper)
    when = " ".join(x for x in (official_date(papers.date, papers.language) if papers.date else "",
                                 papers.start_time) if x)
    fields = "".join(f"<li><strong>{escape(label)}{escape(t['colon'].rstrip())}</strong> {escape(value)}</li>\n"
                     for label, value in ((t["date"], when), (t["venue"], papers.venue), (t["host"], papers.host),
                                          (t["theme"], papers.theme)) if value)
    if paper == "agenda":
        rows = [[a.number, a.title, a.planned, a.slot] for a in papers.agenda]
        body = _table([t["number_column"], t["agenda_item"], t["planned_time"], t["slot"]], rows, "paper") \
            if rows else f"<p>{escape(t['none'])}</p>\n"
    else:
        rows = [[str(p.number), p.name, p.affiliation, p.role, ""] for p in papers.sign_in]
        rows += [[str(len(rows) + n), "", "", "", ""] for n in range(1, FREE_LINES + 1)]
        body = f"<p>{escape(t['signin_note'])}</p>\n" + _table(
            [t["number_column"], t["name"], t["affiliation"], t["role"], t["signature"]], rows, "paper")
    return html_page(title, papers.language, f"<h1>{escape(title)}</h1>\n<ul>\n{fields}</ul>\n{body}",
                     extra_css=_PAPER_CSS.strip())
