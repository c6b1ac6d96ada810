"""The minutes as a Word document (.docx), the form county offices edit, stamp and file.

Built with python-docx from the same minutes model as the Markdown minutes, in the same order.
A Chinese meeting follows the layout of GB/T 9704-2012 (党政机关公文格式) as far as a minutes
document uses it: A4, margins 37/35/28/26 mm (top/bottom/left/right), the title in
方正小标宋简体 (Word and WPS fall back to 宋体 where it is not installed), body text in
仿宋_GB2312 at 16 pt (三号), first-level headings in 黑体 ("一、"), second-level in 楷体
("（一）"), page numbers "— 1 —" at the foot, right on odd pages and left on even ones. An English
meeting gets a plain business-minutes style.

python-docx has no public API for three things used here: the East Asian font name
(``w:eastAsia``, without which Word and WPS show Chinese in the Latin font's fallback), table
header rows repeated on every page (``w:tblHeader``) and the page-number field. Those few
elements are made with python-docx's own oxml helpers; everything else goes through its API.

The same minutes always give the same bytes: the core properties carry the record's own moment,
not the clock, and the zip entries are rewritten with that same fixed date.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from roomtui.minutes.docx_xml import (
    ZIP_EPOCH,
    declare_fallback_fonts,
    fixed_zip,
    page_field,
    remove_border,
    repeat_header,
    set_font,
    set_language,
    styled,
)
from roomtui.minutes.model import Attendee, Minutes

# Characters XML 1.0 cannot carry at all; lxml refuses them. The model already removes control
# characters, so this is a second guard for a record that reaches the renderer some other way.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class DocxUnavailable(RuntimeError):
    """python-docx (or lxml, its compiled part) is not installed, e.g. in the one-file build."""


def docx_available() -> bool:
    try:
        import docx  # noqa: F401
        import lxml.etree  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class Layout:
    """Page, fonts and sizes of one document style."""

    page_mm: tuple[float, float]  # width, height
    margins_mm: tuple[float, float, float, float]  # top, bottom, left, right
    latin: str  # font for Latin letters and digits
    body: str  # East Asian body font (the Latin one for an English document)
    title: str
    heading1: str
    heading2: str
    body_pt: float
    title_pt: float
    heading_pt: float
    table_pt: float
    line_pt: float | None  # exact line pitch, or None for single spacing
    first_indent_chars: int  # first-line indent of body paragraphs, in characters
    numbered: bool  # headings numbered 一、（一） as the standard's levels do
    odd_even_page_numbers: bool


# GB/T 9704-2012: 22 lines of 28 characters in a 156 x 225 mm text block: a line pitch of
# 225 mm / 22 = 28.95 pt, and 三号 (16 pt) characters.
GBT9704 = Layout(
    page_mm=(210, 297), margins_mm=(37, 35, 28, 26), latin="Times New Roman", body="仿宋_GB2312",
    title="方正小标宋简体", heading1="黑体", heading2="楷体_GB2312", body_pt=16, title_pt=22, heading_pt=16,
    table_pt=10.5, line_pt=28.95, first_indent_chars=2, numbered=True, odd_even_page_numbers=True,
)
BUSINESS = Layout(
    page_mm=(210, 297), margins_mm=(25, 25, 25, 25), latin="Calibri", body="Calibri", title="Calibri",
    heading1="Calibri", heading2="Calibri", body_pt=11, title_pt=18, heading_pt=13, table_pt=9,
    line_pt=None, first_indent_chars=0, numbered=False, odd_even_page_numbers=False,
)
# Where 方正小标宋简体 or 仿宋_GB2312 are missing, Word and WPS substitute by the font's
# name; these are the faces shipped with Windows and macOS that they fall back to.
FALLBACKS = {"方正小标宋简体": "宋体", "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体"}

CHINESE_NUMERALS = "零一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一 (headings never pass 99)."""
    if n <= 10:
        return CHINESE_NUMERALS[n]
    tens, ones = divmod(n, 10)
    return (CHINESE_NUMERALS[tens] if tens > 1 else "") + "十" + (CHINESE_NUMERALS[ones] if ones else "")


def xml_text(value: object) -> str:
    return _NOT_XML.sub("", str(value))


def _property(value: str) -> str:
    """A core property: the package format allows at most 255 characters."""
    text = xml_text(value)
    return text if len(text) <= 255 else text[:254] + "…"


def render_docx(minutes: Minutes) -> bytes:
    """The whole minutes as a .docx file; the same minutes always give the same bytes."""
    try:
        import docx  # noqa: F401
    except ImportError as error:
        raise DocxUnavailable(str(error)) from error
    writer = _Writer(minutes)
    writer.write()
    return writer.save()


class _Writer:
    """Builds one document: section by section, in the order of the Markdown minutes."""

    def __init__(self, minutes: Minutes) -> None:
        from docx import Document

        self.m = minutes
        self.t = minutes.labels
        self.layout = GBT9704 if minutes.language == "zh" else BUSINESS
        self.doc = Document()
        self.h1_count = 0
        self.h2_count = 0
        self._setup_page()
        self._setup_styles()
        self._setup_page_numbers()
        self._setup_properties()
        if self.layout.numbered:
            declare_fallback_fonts(self.doc, FALLBACKS)

    # -- set-up ---------------------------------------------------------------------------------
    def _setup_page(self) -> None:
        from docx.shared import Mm

        section = self.doc.sections[0]
        width, height = self.layout.page_mm
        top, bottom, left, right = self.layout.margins_mm
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.left_margin, section.right_margin = Mm(left), Mm(right)
        # GB/T 9704: the page number sits 7 mm below the text block (35 mm from the foot): 23 mm
        section.footer_distance = Mm(23 if self.m.language == "zh" else 12)
        section.header_distance = Mm(15 if self.m.language == "zh" else 12)

    def _setup_styles(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
        from docx.shared import Pt, RGBColor

        lay = self.layout
        styles = self.doc.styles
        normal = styles["Normal"]
        set_font(normal, lay.latin, lay.body, lay.body_pt)
        fmt = normal.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0 if lay.line_pt else 4)
        if lay.line_pt:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(lay.line_pt)
        if self.m.language == "zh":
            set_language(normal, "zh-CN")
        for name, face, size, bold in (("Title", lay.title, lay.title_pt, lay.numbered is False),
                                       ("Heading 1", lay.heading1, lay.heading_pt, not lay.numbered),
                                       ("Heading 2", lay.heading2, lay.heading_pt if lay.numbered else lay.body_pt + 1,
                                        not lay.numbered),
                                       ("Heading 3", lay.body, lay.body_pt, True)):
            style = styles[name]
            set_font(style, lay.latin if not lay.numbered else face, face, size)
            style.font.bold = bold
            style.font.italic = False
            style.font.color.rgb = RGBColor(0, 0, 0)
            pf = style.paragraph_format
            pf.first_line_indent = Pt(lay.body_pt * lay.first_indent_chars) if name != "Title" and lay.numbered else None
            pf.space_before = Pt(0 if lay.numbered else 10)
            pf.space_after = Pt(0 if lay.numbered else 4)
            pf.keep_with_next = True
            if lay.line_pt:
                pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
                pf.line_spacing = Pt(lay.line_pt if name != "Title" else lay.title_pt * 1.6)
            if name == "Title":
                pf.alignment = WD_ALIGN_PARAGRAPH.CENTER if lay.numbered else WD_ALIGN_PARAGRAPH.LEFT
                pf.space_after = Pt(lay.line_pt or 6)
                remove_border(style)
        table = styles["Table Grid"]
        set_font(table, lay.latin, lay.body, lay.table_pt)
        # Paragraph styles for table cells: one style per cell instead of formatting every run
        # (fast, and an editor changes every table at once).
        for name, face, bold in (("Table Text", lay.body, False), ("Table Heading", lay.heading1, not lay.numbered)):
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.quick_style = False
            set_font(style, lay.latin, face, lay.table_pt)
            style.font.bold = bold
            pf = style.paragraph_format
            pf.first_line_indent = Pt(0)
            pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
            pf.space_before = pf.space_after = Pt(1)
            pf.keep_with_next = name == "Table Heading"
        # looked up once: a lookup by name searches the whole (large) styles part
        self.style = {name: styles[name] for name in ("Title", "Heading 1", "Heading 2", "Table Text",
                                                      "Table Heading")}

    def _setup_page_numbers(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        section = self.doc.sections[0]
        if self.layout.odd_even_page_numbers:
            # GB/T 9704: 4号半角宋体阿拉伯数字 with a dash either side, one character in from the
            # right edge on odd pages and from the left edge on even pages.
            self.doc.settings.odd_and_even_pages_header_footer = True
            for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                                  (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
                paragraph = footer.paragraphs[0]
                paragraph.alignment = align
                fmt = paragraph.paragraph_format
                fmt.right_indent = Pt(14) if align == WD_ALIGN_PARAGRAPH.RIGHT else None
                fmt.left_indent = Pt(14) if align == WD_ALIGN_PARAGRAPH.LEFT else None
                fmt.first_line_indent = Pt(0)
                fmt.line_spacing = 1.0
                self._page_number(paragraph, "— ", " —", "宋体", 14)
        else:
            paragraph = section.footer.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self._page_number(paragraph, "", "", self.layout.latin, 9)

    def _page_number(self, paragraph, before: str, after: str, face: str, size: float) -> None:
        from docx.shared import Pt

        runs = [paragraph.add_run(before)] if before else []
        field = paragraph.add_run()
        page_field(field)
        runs.append(field)
        if after:
            runs.append(paragraph.add_run(after))
        for run in runs:
            set_font(run, face, face, None)
            run.font.size = Pt(size)

    def _setup_properties(self) -> None:
        props = self.doc.core_properties
        stamp = self.m.stamp or ZIP_EPOCH
        props.title = _property(self.t["document_title"].format(title=self.m.header.title))
        props.subject = _property(self.m.header.series)
        props.author = "roomtui"
        props.last_modified_by = "roomtui"
        props.comments = _property(self.t["public_note"] if self.m.public else self.t["internal_note"])
        props.keywords = ""
        props.category = ""
        props.language = "zh-CN" if self.m.language == "zh" else "en"
        props.revision = 1
        props.created = props.modified = stamp.replace(tzinfo=None)
        self.stamp = stamp

    # -- building blocks ------------------------------------------------------------------------
    def paragraph(self, text: str = "", *, indent: bool = True, bold_label: str = ""):
        """A body paragraph; line breaks inside ``text`` stay line breaks."""
        from docx.shared import Pt

        p = self.doc.add_paragraph()
        if bold_label:
            run = p.add_run(xml_text(bold_label))
            run.bold = True
            if self.layout.numbered:
                set_font(run, self.layout.latin, self.layout.heading2, None)  # 楷体 labels, as 公文 do
                run.bold = False
        if text:
            p.add_run(xml_text(text))
        if indent and self.layout.first_indent_chars:
            p.paragraph_format.first_line_indent = Pt(self.layout.body_pt * self.layout.first_indent_chars)
        return p

    def paragraphs(self, text: str) -> None:
        """Multi-line user text: blank lines separate paragraphs, single breaks stay breaks."""
        for part in re.split(r"\n\s*\n", text):
            if part.strip():
                self.paragraph(part.strip("\n"))

    def field(self, label: str, value: str) -> None:
        if value.strip():
            self.paragraph(value, bold_label=f"{label}{self.t['colon']}")

    def heading1(self, text: str) -> None:
        self.h1_count += 1
        self.h2_count = 0
        prefix = f"{chinese_number(self.h1_count)}、" if self.layout.numbered else ""
        styled(self.doc.add_paragraph(xml_text(prefix + text)), self.style["Heading 1"])

    def heading2(self, text: str) -> None:
        self.h2_count += 1
        prefix = f"（{chinese_number(self.h2_count)}）" if self.layout.numbered else ""
        styled(self.doc.add_paragraph(xml_text(prefix + text)), self.style["Heading 2"])

    def none(self) -> None:
        self.paragraph(self.t["none"])

    def table(self, header: list[str], rows: list[list[str]], weights: list[float]) -> None:
        """A real Word table: a bold header row repeated on every page, fixed column widths."""
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.shared import Mm, Pt

        lay = self.layout
        table = self.doc.add_table(rows=1 + len(rows), cols=len(header))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        text_width = lay.page_mm[0] - lay.margins_mm[2] - lay.margins_mm[3]
        widths = [Mm(text_width * w / sum(weights)) for w in weights]
        for column, width in zip(table.columns, widths):
            column.width = width
        for r, (row, values) in enumerate(zip(table.rows, [header, *rows])):
            if r == 0:
                repeat_header(row)
            style = self.style["Table Heading" if r == 0 else "Table Text"]
            for cell, width, value in zip(row.cells, widths, values):
                cell.width = width
                paragraph = cell.paragraphs[0]
                styled(paragraph, style)
                paragraph.add_run(xml_text(value))
        self.doc.add_paragraph().paragraph_format.line_spacing = Pt(lay.table_pt * 1.2) if lay.line_pt else None

    # -- the sections, as in the Markdown minutes -------------------------------------------------
    def write(self) -> None:
        for part in (self._header, self._attendance, self._theme, self._agenda, self._speeches, self._responses,
                     self._statistics, self._remarks, self._agreed, self._follow_up):
            part()

    def _header(self) -> None:
        t, h = self.t, self.m.header
        styled(self.doc.add_paragraph(xml_text(t["document_title"].format(title=h.title))), self.style["Title"])
        when = "–".join(x for x in (h.start_time, h.end_time) if x)
        for label, value in ((t["date"], h.date), (t["time"], when), (t["venue"], h.venue), (t["host"], h.host),
                             (t["recorder"], h.recorder), (t["series"], h.series)):
            self.field(label, value)
        self.paragraph(t["public_note"] if self.m.public else t["internal_note"]).runs[0].italic = not self.layout.numbered
        if not h.closed:
            self.paragraph(t["provisional"])

    def _people(self, people: list[Attendee]) -> None:
        t = self.t
        if not people:
            self.none()
            return
        header = [t["role"], t["name"], t["affiliation"]] + ([] if self.m.public else [t["contact"], t["note"]])
        rows = [[p.role, p.name, p.affiliation] + ([] if self.m.public else [p.contact, p.note]) for p in people]
        self.table(header, rows, [2, 2, 4] + ([] if self.m.public else [2.5, 3]))

    def _attendance(self) -> None:
        t = self.t
        present = [p for group in self.m.present for p in group.attendees]
        self.heading1(t["attendance"])
        self.paragraph(t["present_count"].format(present=len(present), absent=len(self.m.absent)))
        self.heading2(t["present"])
        self._people(present)
        self.heading2(t["absent"])
        self._people(list(self.m.absent))

    def _theme(self) -> None:
        t = self.t
        self.heading1(t["theme_background"])
        if not (self.m.theme or self.m.background):
            self.none()
            return
        if self.m.theme:
            self.field(t["theme"], self.m.theme)
        if self.m.background:
            self.paragraph(bold_label=f"{t['background']}{t['colon']}")
            self.paragraphs(self.m.background)

    def _agenda(self) -> None:
        t, rows = self.t, self.m.agenda
        self.heading1(t["agenda"])
        if not rows:
            self.none()
            return
        self.table(["#", t["agenda_item"], t["planned_time"], t["start"], t["end"], t["actual"]],
                   [[a.number, a.title, a.planned, a.start, a.end, a.actual] for a in rows], [1, 6, 2, 2, 2, 2])

    def _speeches(self) -> None:
        t = self.t
        self.heading1(t["speeches"])
        if not self.m.speeches:
            self.none()
            return
        header = ["#", t["speaker"], t["role"], t["kind"], t["agenda_item"], t["start"], t["time_used"],
                  t["key_points"], t["issues_raised"]]
        rows = [[str(s.number), s.speaker, s.role, s.kind, s.agenda_item, s.start,
                 s.time_used + (f" (+{s.over_by})" if s.over_by else ""), s.key_points, self._issues_cell(s)]
                for s in self.m.speeches]
        self.table(header, rows, [1.2, 2.2, 2, 1.7, 2.4, 2, 2, 4.4, 3.4])

    def _issues_cell(self, speech) -> str:
        refs = [f"#{r.number} {r.title}" for r in speech.issues_raised]
        if speech.answers is not None:
            refs.append(self.t["answers_issue"].format(number=speech.answers.number) + f" {speech.answers.title}")
        return self.t["list_separator"].join(refs)

    def _responses(self) -> None:
        t, m = self.t, self.m
        self.heading1(t["responses"])
        if not m.responses:
            self.none()
            return
        yes_no = {True: t["yes"], False: t["no"]}
        self.table([t["issue_number"], t["issue"], t["location"], t["department"], t["disposition"], t["confirmed"]],
                   [[str(r.issue_number), r.issue_title, r.location, r.department, r.disposition, yes_no[r.confirmed]]
                    for r in m.responses], [1.5, 5, 2.5, 3, 3, 1.8])
        for r in m.responses:
            self.heading2(f"#{r.issue_number} {r.issue_title} — {r.department}")
            pairs = [(t["location"], r.location), (t["department"], r.department), (t["responder"], r.responder),
                     (t["disposition"], r.disposition), *r.details, (t["confirmed"], yes_no[r.confirmed]),
                     (t["satisfaction"], r.satisfaction), (t["room_rating"], r.room_rating)]
            if not m.public:
                pairs += [(t["issue_note"], r.issue_note), (t["response_note"], r.note)]
            for label, value in pairs:
                self.field(label, value)
            if r.text:
                self.paragraph(bold_label=f"{t['response']}{t['colon']}")
                self.paragraphs(r.text)
            if r.commitments:
                self.paragraph(bold_label=f"{t['commitments']}{t['colon']}")
                self.table(["#", t["lead_unit"], t["co_units"], t["deliverable"], t["deadline"], t["grade"]],
                           [[str(c.number), c.lead_unit, t["list_separator"].join(c.co_units), c.deliverable,
                             c.deadline, c.grade] for c in r.commitments], [0.8, 3, 3, 5, 2.4, 2])

    def _statistics(self) -> None:
        t = self.t
        self.heading1(t["statistics"])
        if not self.m.statistics:
            self.none()
            return
        rows = [[s.role, str(s.turns), s.time_used, s.share] for s in (*self.m.statistics, self.m.total_time)]
        self.table([t["role"], t["turns"], t["time_used"], t["share"]], rows, [4, 2, 2, 2])

    def _remarks(self) -> None:
        t = self.t
        self.heading1(t["remarks"])
        said = [(label, text) for label, text in ((t["leader_summary"], self.m.leader_summary),
                                                  (t["closing_remarks"], self.m.closing_remarks)) if text]
        if not said:
            self.none()
        for label, text in said:
            self.heading2(label)
            self.paragraphs(text)

    def _agreed(self) -> None:
        t = self.t
        self.heading1(t["agreed_items"])
        if not self.m.agreed_items:
            self.none()
        for n, item in enumerate(self.m.agreed_items, 1):
            self.paragraph(f"{n}. {item}" if not self.layout.numbered else f"{n}.{item}")

    def _follow_up(self) -> None:
        t, m = self.t, self.m
        self.heading1(t["follow_up"])
        self.field(t["review_date"], m.review_date)
        self.field(t["next_theme"], m.next_theme)
        self.heading2(t["open_commitments"])
        if m.open_commitments:
            self.table([t["deadline"], t["issue_number"], t["issue"], t["lead_unit"], t["co_units"], t["deliverable"],
                        t["grade"]],
                       [[c.deadline, str(c.issue_number), c.issue_title, c.lead_unit,
                         t["list_separator"].join(c.co_units), c.deliverable, c.grade] for c in m.open_commitments],
                       [2.4, 1.5, 4, 3, 3, 4, 1.8])
        else:
            self.none()
        self.heading2(t["unanswered"])
        if m.unanswered:
            header = [t["issue_number"], t["issue"], t["location"], t["expected_department"]]
            rows = [[str(i.number), i.title, i.location, i.expected_department] for i in m.unanswered]
            weights = [1.5, 6, 3, 3.5]
            if not m.public:
                header.append(t["note"])
                rows = [row + [i.note] for row, i in zip(rows, m.unanswered)]
                weights.append(4)
            self.table(header, rows, weights)
        else:
            self.none()

    # -- saving ---------------------------------------------------------------------------------
    def save(self) -> bytes:
        raw = io.BytesIO()
        self.doc.save(raw)
        return fixed_zip(raw.getvalue(), self.stamp)


__all__ = ["DocxUnavailable", "FALLBACKS", "GBT9704", "BUSINESS", "chinese_number", "docx_available", "render_docx"]
