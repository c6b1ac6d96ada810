"""One Word document in the office's form: page, grid, fonts, page numbers, and the blocks a
council's papers are made of (headings, labelled text, tables that never split a row).

A Chinese document follows GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26 mm
(top/bottom/left/right), a document grid of 22 lines of 28 characters so that Word and WPS set
exactly 28 characters a line, the title in 方正小标宋简体 (Word and WPS fall back to 宋体),
body text in 仿宋_GB2312 at 16 pt (三号), every paragraph indented two characters, first-level
headings in 黑体 ("一、"), second-level in 楷体 ("（一）"), page numbers "— 1 —" at the foot,
right on odd pages and left on even ones. An English document gets a plain business style.

The minutes (docx.py) and the papers before the meeting (papers_docx.py) are both built on it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from roomtui.minutes.docx_xml import (
    ZIP_EPOCH,
    character_spacing,
    declare_fallback_fonts,
    document_grid,
    fixed_zip,
    keep_row_whole,
    no_grid_snap,
    page_field,
    remove_border,
    repeat_header,
    set_font,
    set_language,
    styled,
)
from roomtui.minutes.official_forms import chinese_number, official_date

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
    chars_per_line: int = 0  # a character grid of this many characters a line; 0: none

    @property
    def text_width_mm(self) -> float:
        return self.page_mm[0] - self.margins_mm[2] - self.margins_mm[3]


# GB/T 9704-2012: 22 lines of 28 characters in a 156 x 225 mm text block: a line pitch of
# 225 mm / 22 = 28.95 pt, and 三号 (16 pt) characters.
GBT9704 = Layout(
    page_mm=(210, 297), margins_mm=(37, 35, 28, 26), latin="Times New Roman", body="仿宋_GB2312",
    title="方正小标宋简体", heading1="黑体", heading2="楷体_GB2312", body_pt=16, title_pt=22, heading_pt=16,
    table_pt=10.5, line_pt=28.95, first_indent_chars=2, numbered=True, odd_even_page_numbers=True,
    chars_per_line=28,
)
BUSINESS = Layout(
    page_mm=(210, 297), margins_mm=(25, 25, 25, 25), latin="Calibri", body="Calibri", title="Calibri",
    heading1="Calibri", heading2="Calibri", body_pt=11, title_pt=18, heading_pt=13, table_pt=9,
    line_pt=None, first_indent_chars=0, numbered=False, odd_even_page_numbers=False,
)
# Where 方正小标宋简体 or 仿宋_GB2312 are missing, Word and WPS substitute by the font's
# name; these are the faces shipped with Windows and macOS that they fall back to.
FALLBACKS = {"方正小标宋简体": "宋体", "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体"}

def xml_text(value: object) -> str:
    return _NOT_XML.sub("", str(value))


def _property(value: str) -> str:
    """A core property: the package format allows at most 255 characters."""
    text = xml_text(value)
    return text if len(text) <= 255 else text[:254] + "…"


@dataclass(frozen=True)
class Properties:
    """What File > Properties shows: honest, and the same for the same record."""

    title: str
    author: str  # the issuing office (or the organiser); roomtui when none is known
    subject: str = ""
    comments: str = ""
    stamp: datetime | None = None


class OfficialDocument:
    """Builds one document: set-up in the constructor, then blocks in reading order."""

    def __init__(self, language: str, labels: Mapping[str, str], properties: Properties) -> None:
        from docx import Document

        self.language = language
        self.t = labels
        self.layout = GBT9704 if language == "zh" else BUSINESS
        self.doc = Document()
        self.h1_count = 0
        self.h2_count = 0
        self._setup_page()
        self._setup_styles()
        self._setup_page_numbers()
        self._setup_properties(properties)
        if self.layout.numbered:
            declare_fallback_fonts(self.doc, FALLBACKS)

    @property
    def indent(self):
        from docx.shared import Pt

        return Pt(self.layout.body_pt * self.layout.first_indent_chars) if self.layout.first_indent_chars else None

    # -- set-up ---------------------------------------------------------------------------------
    def _setup_page(self) -> None:
        from docx.shared import Mm

        lay = self.layout
        section = self.doc.sections[0]
        width, height = lay.page_mm
        top, bottom, left, right = lay.margins_mm
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.left_margin, section.right_margin = Mm(left), Mm(right)
        # GB/T 9704: the page number sits 7 mm below the text block (35 mm from the foot): 23 mm
        section.footer_distance = Mm(23 if lay.numbered else 12)
        section.header_distance = Mm(15 if lay.numbered else 12)
        if lay.chars_per_line and lay.line_pt:
            document_grid(self.doc, section, lay.line_pt, lay.body_pt, Mm(lay.text_width_mm).pt / lay.chars_per_line)

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
        fmt.widow_control = True
        if lay.line_pt:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(lay.line_pt)
        if self.language == "zh":
            set_language(normal, "zh-CN")
        if lay.chars_per_line:
            # 16 pt characters are wider than the grid's 15.79 pt: Word and WPS squeeze them onto
            # it, LibreOffice gives each two cells (14 a line). Condensed by a quarter point,
            # every one of them sets the same 28 a line.
            character_spacing(normal, -5)
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
            pf.first_line_indent = self.indent if name != "Title" else None
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
                no_grid_snap(style)  # 22 pt characters are not set on the body's 28-a-line grid
                character_spacing(style, 0)
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
            no_grid_snap(style)  # small table text keeps its own pitch instead of the body's grid
            if lay.chars_per_line:
                character_spacing(style, 0)
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

    def _setup_properties(self, properties: Properties) -> None:
        props = self.doc.core_properties
        stamp = properties.stamp or ZIP_EPOCH
        props.title = _property(properties.title)
        props.subject = _property(properties.subject)
        props.author = _property(properties.author or "roomtui")
        props.last_modified_by = "roomtui"
        props.comments = _property(properties.comments)
        props.keywords = ""
        props.category = ""
        props.language = "zh-CN" if self.language == "zh" else "en"
        props.revision = 1
        props.created = props.modified = stamp.replace(tzinfo=None)
        self.stamp = stamp
        self.properties = properties

    # -- building blocks ------------------------------------------------------------------------
    def title(self, text: str) -> None:
        styled(self.doc.add_paragraph(xml_text(text)), self.style["Title"])

    def paragraph(self, text: str = "", *, indent: bool = True, bold_label: str = ""):
        """A body paragraph, indented two characters in the official style."""
        p = self.doc.add_paragraph()
        if bold_label:
            run = p.add_run(xml_text(bold_label))
            run.bold = True
            if self.layout.numbered:
                set_font(run, self.layout.latin, self.layout.heading2, None)  # 楷体 labels, as 公文 do
                run.bold = False
        if text:
            p.add_run(xml_text(text))
        if indent and self.indent is not None:
            p.paragraph_format.first_line_indent = self.indent
        return p

    def paragraphs(self, text: str) -> None:
        """User text: each line its own paragraph, each indented (a blank line adds nothing)."""
        for part in text.split("\n"):
            if part.strip():
                self.paragraph(part.strip())

    def label(self, text: str) -> None:
        """A label alone on its line ("回应内容：") that stays on the page of what it introduces."""
        self.paragraph(bold_label=f"{text}{self.t['colon']}").paragraph_format.keep_with_next = True

    def field(self, label: str, value: str) -> None:
        """"label: value"; a value of several lines becomes the label and its paragraphs."""
        if not value.strip():
            return
        lines = [part.strip() for part in value.split("\n") if part.strip()]
        if len(lines) == 1:
            self.paragraph(lines[0], bold_label=f"{label}{self.t['colon']}")
        else:
            self.label(label)
            self.paragraphs(value)

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

    def table(self, header: list[str], rows: list[list[str]], weights: list[float],
              notes: list[tuple[str, str]] | None = None, *, row_height_mm: float = 0) -> None:
        """A real Word table: a header row repeated on every page, fixed column widths, and no
        row ever split across two pages. ``notes`` (label, text), one per row, adds under each
        row a full-width row with that text (the key points of a speech), kept with its row."""
        from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
        from docx.shared import Mm, Pt

        lay = self.layout
        notes = notes or []
        noted = [bool(note and note[1].strip()) for note in notes] + [False] * (len(rows) - len(notes))
        table = self.doc.add_table(rows=1 + len(rows) + sum(noted), cols=len(header))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = [Mm(lay.text_width_mm * w / sum(weights)) for w in weights]
        for column, width in zip(table.columns, widths):
            column.width = width
        rows_out = iter(table.rows)
        header_row = next(rows_out)
        repeat_header(header_row)
        self._fill(header_row, header, widths, self.style["Table Heading"])
        for values, has_note, note in zip(rows, noted, notes + [("", "")] * (len(rows) - len(notes))):
            row = next(rows_out)
            keep_row_whole(row)
            if row_height_mm:
                row.height, row.height_rule = Mm(row_height_mm), WD_ROW_HEIGHT_RULE.AT_LEAST
            self._fill(row, values, widths, self.style["Table Text"], keep_with_next=has_note)
            if has_note:
                below = next(rows_out)
                keep_row_whole(below)
                cell = below.cells[0].merge(below.cells[-1])
                paragraph = styled(cell.paragraphs[0], self.style["Table Text"])
                label, text = note
                if label:
                    paragraph.add_run(xml_text(f"{label}{self.t['colon']}")).bold = True
                paragraph.add_run(xml_text(text))
        self.doc.add_paragraph().paragraph_format.line_spacing = Pt(lay.table_pt * 1.2) if lay.line_pt else None

    def _fill(self, row, values: list[str], widths, style, *, keep_with_next: bool = False) -> None:
        for cell, width, value in zip(row.cells, widths, values):
            cell.width = width
            paragraph = styled(cell.paragraphs[0], style)
            paragraph.add_run(xml_text(value))
            if keep_with_next:
                paragraph.paragraph_format.keep_with_next = True

    def centred(self, text: str) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        p = self.paragraph(text, indent=False)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def sign_off(self, office: str, issued: str) -> None:
        """The issuing office and the date of issue at the end (GB/T 9704 7.3.5.1: the date right
        aligned four characters in from the right edge, the office centred above the date)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        if not (office or issued):
            return
        self._keep_last_block_with_next()  # 7.3.5: never a page with the office and the date alone
        self.paragraph()
        in_from_right = Pt(self.layout.body_pt * 4) if self.layout.numbered else None
        lines = [x for x in (office, official_date(issued, self.language) if issued else "") if x]
        for n, text in enumerate(lines):
            p = self.paragraph(text, indent=False)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.right_indent = in_from_right
            p.paragraph_format.keep_with_next = n < len(lines) - 1

    def _keep_last_block_with_next(self) -> None:
        """The body's last paragraph (or last table row, and the spacer after it) keeps with
        what follows, so that the sign-off starts on a page that holds text of the body."""
        from docx.oxml.ns import qn
        from docx.text.paragraph import Paragraph

        blocks = [c for c in self.doc.element.body.iterchildren() if c.tag in (qn("w:p"), qn("w:tbl"))]
        for block in reversed(blocks[-2:]):
            if block.tag == qn("w:tbl"):
                for p in block.findall(f"{qn('w:tr')}")[-1].iter(qn("w:p")):
                    Paragraph(p, self.doc).paragraph_format.keep_with_next = True
                return
            Paragraph(block, self.doc).paragraph_format.keep_with_next = True
            if Paragraph(block, self.doc).text.strip():
                return

    def copy_to(self, text: str) -> None:
        """The 抄送 line of the record's foot (版记): names separated by 、, a full stop at the end."""
        if not text.strip():
            return
        names = [x.strip() for x in re.split(r"[,，、;；\n]+", text) if x.strip()]
        joined = ("、" if self.language == "zh" else ", ").join(names) + ("。" if self.language == "zh" else "")
        self.paragraph()
        self.paragraph(joined, indent=False, bold_label=f"{self.t['copy_to']}{self.t['colon']}")

    # -- saving ---------------------------------------------------------------------------------
    def save(self) -> bytes:
        raw = io.BytesIO()
        self.doc.save(raw)
        return fixed_zip(raw.getvalue(), self.stamp, company=_property(self.properties.author))
