"""The agenda and the sign-in sheet as Word documents, on the same official page as the minutes
(GB/T 9704 for a Chinese meeting): the office edits, prints and files them like any paper."""

from __future__ import annotations

from roomtui.minutes.docx_document import DocxUnavailable, OfficialDocument, Properties
from roomtui.minutes.official_forms import official_date
from roomtui.minutes.papers import FREE_LINES, Papers, paper_title


def render_paper_docx(papers: Papers, paper: str) -> bytes:
    """``paper`` "agenda" or "signin" as a .docx file; the same plan always gives the same bytes."""
    try:
        import docx  # noqa: F401
    except ImportError as error:
        raise DocxUnavailable(str(error)) from error
    t = papers.labels
    title = paper_title(papers, paper)
    d = OfficialDocument(papers.language, t, Properties(title=title, author=papers.office or "roomtui",
                                                        subject=papers.title, stamp=papers.stamp))
    d.title(title)
    when = " ".join(x for x in (official_date(papers.date, papers.language) if papers.date else "", papers.start_time)
                    if x)
    for label, value in ((t["date"], when), (t["venue"], papers.venue), (t["host"], papers.host),
                         (t["theme"], papers.theme)):
        d.field(label, value)
    d.paragraph()
    if paper == "agenda":
        _agenda(d, papers)
    else:
        _sign_in(d, papers)
    return d.save()


def _agenda(d: OfficialDocument, papers: Papers) -> None:
    t = papers.labels
    if not papers.agenda:
        d.none()
        return
    d.table([t["number_column"], t["agenda_item"], t["planned_time"], t["slot"]],
            [[a.number, a.title, a.planned, a.slot] for a in papers.agenda], [1.5, 8, 2.6, 3.4])


def _sign_in(d: OfficialDocument, papers: Papers) -> None:
    t = papers.labels
    p = d.paragraph(t["signin_note"])
    p.paragraph_format.keep_with_next = True
    rows = [[str(p.number), p.name, p.affiliation, p.role, ""] for p in papers.sign_in]
    rows += [[str(len(rows) + n), "", "", "", ""] for n in range(1, FREE_LINES + 1)]
    # rows tall enough for a handwritten signature (11 mm: about two lines of 16 pt)
    d.table([t["number_column"], t["name"], t["affiliation"], t["role"], t["signature"]], rows,
            [1.5, 2.8, 5, 2.8, 3.6], row_height_mm=11)
