"""The Word minutes as a county office files them (GB/T 9704-2012), checked in the XML.

What a clerk noticed: rows split across pages, labels left at the foot of a page, 27 characters
a line instead of 28, later paragraphs flush left, dates and durations in the wrong form, "#4"
in headings, a nine-column speeches table, no document number or issuing office, and file
properties saying "Microsoft Macintosh Word" with a blank preview. tests/test_docx_render.py
checks the same file laid out by LibreOffice.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from roomtui.domain.clock import FrozenClock
from roomtui.domain.demo import build_demo, play_demo
from roomtui.minutes import build_minutes, export_minutes
from roomtui.minutes.official_forms import duration, official_date

START = datetime(2019, 11, 22, 9, 0)


def played(language: str, **filing):
    meeting = play_demo(build_demo(language), FrozenClock(START))
    for name, value in filing.items():
        setattr(meeting, name, value)
    return meeting


def document(meeting, public: bool = False):
    return docx.Document(io.BytesIO(export_minutes(meeting, "docx", public=public)))


@pytest.fixture(scope="module")
def documents():
    return {lang: document(played(lang)) for lang in ("en", "zh")}


def body_children(doc):
    return list(doc.element.body.iterchildren())


def keeps_with_next(doc, p) -> bool:
    """keepNext set on the paragraph, or on its style (or the style it is based on)."""
    ppr = p.find(qn("w:pPr"))
    if ppr is not None and ppr.find(qn("w:keepNext")) is not None:
        return ppr.find(qn("w:keepNext")).get(qn("w:val"), "true") not in ("0", "false")
    style_id = ppr.find(qn("w:pStyle")).get(qn("w:val")) if ppr is not None and ppr.find(qn("w:pStyle")) is not None \
        else None
    style = next((s for s in doc.styles if getattr(s, "style_id", None) == style_id), None) if style_id else None
    while style is not None:
        if style.paragraph_format.keep_with_next:
            return True
        style = style.base_style
    return False


# -- 1. rows stay whole; labels stay with what they introduce -------------------------------------------
@pytest.mark.parametrize("language", ["en", "zh"])
def test_no_table_row_can_split_across_pages(documents, language):
    rows = list(documents[language].element.body.iter(qn("w:tr")))
    assert len(rows) > 50
    unsplittable = [tr for tr in rows if tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None]
    assert len(unsplittable) == len(rows)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_what_introduces_a_table_or_a_text_keeps_with_it(documents, language):
    doc = documents[language]
    t = build_minutes(played(language), public=False).labels
    children = body_children(doc)
    before_tables = [children[i - 1] for i, child in enumerate(children) if child.tag == qn("w:tbl")]
    assert before_tables and all(keeps_with_next(doc, p) for p in before_tables)
    labels = [p for p in doc.paragraphs if p.text in (f"{t['response']}{t['colon']}", f"{t['commitments']}{t['colon']}",
                                                      f"{t['background']}{t['colon']}")]
    assert len(labels) >= 10 and all(keeps_with_next(doc, p._p) for p in labels)


# -- 2. the grid: 22 lines of 28 characters ------------------------------------------------------------
def test_chinese_document_sets_22_lines_of_28_characters(documents):
    doc = documents["zh"]
    section = doc.sections[0]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 28.95 pt: 225 mm / 22
    assert grid.get(qn("w:type")) == "lines"
    assert grid.get(qn("w:charSpace")) == "-848"  # 156 mm / 28 against 16 pt, in 4096ths of a point
    text_width = (section.page_width - section.left_margin - section.right_margin)
    lines = (section.page_height - section.top_margin - section.bottom_margin) / Pt(28.95)
    assert int(lines + 0.01) == 22
    spacing = doc.styles["Normal"].element.rPr.find(qn("w:spacing"))
    pitch = Pt(16 - (-int(spacing.get(qn("w:val")))) / 20)
    assert int(text_width / pitch) == 28  # 16 pt characters condensed to 15.75 pt: 28, not 27, a line
    assert int(text_width / Pt(16)) == 27  # what the page gave before
    for name in ("Table Text", "Table Heading", "Title"):  # small or large text keeps its own pitch
        snap = doc.styles[name].element.pPr.find(qn("w:snapToGrid"))
        assert snap is not None and snap.get(qn("w:val")) == "0"
        assert doc.styles[name].element.rPr.find(qn("w:spacing")).get(qn("w:val")) == "0"


def test_english_document_has_no_character_grid(documents):
    grid = documents["en"].sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid is None or grid.get(qn("w:type")) is None


# -- 3. paragraphs ---------------------------------------------------------------------------------
def test_each_paragraph_of_typed_text_is_its_own_and_indented_two_characters():
    meeting = played("zh")
    meeting.background = "第一段：调研组走访了十个社区。\n第二段：居民反映的问题集中在物业管理。\n\n第三段：建议如下。"
    doc = document(meeting)
    paragraphs = [p for p in doc.paragraphs if p.text.startswith(("第一段", "第二段", "第三段"))]
    assert [p.text[:3] for p in paragraphs] == ["第一段", "第二段", "第三段"]
    assert all(p.paragraph_format.first_line_indent == Pt(32) for p in paragraphs)
    assert not [p for p in doc.paragraphs if "\n" in p.text]
    body = [p for p in doc.paragraphs if p.style.name == "Normal" and p.text and p.alignment is None]
    assert body and all(p.paragraph_format.first_line_indent == Pt(32) for p in body)
    assert all(doc.styles[name].paragraph_format.first_line_indent == Pt(32) for name in ("Heading 1", "Heading 2"))


# -- 4. official forms -----------------------------------------------------------------------------
def test_official_date_and_duration_forms():
    assert official_date("2019-11-02", "zh") == "2019年11月2日"
    assert official_date(date(2020, 1, 5), "zh") == "2020年1月5日"
    assert official_date("2019-11-02", "en") == "2019-11-02"
    assert official_date("next spring", "zh") == "next spring"
    zh, en = (build_minutes(played(lang), public=True).labels for lang in ("zh", "en"))
    assert [duration(s, zh) for s in (240, 450, 45, None)] == ["4分钟", "7分30秒", "45秒", ""]
    assert [duration(s, en) for s in (240, 450, 45)] == ["4 min", "7 min 30 s", "45 s"]


def test_chinese_dates_are_written_in_the_official_form(documents):
    doc = documents["zh"]
    texts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "日期：2019年11月22日" in texts
    assert not [x for x in texts if re.search(r"\d{4}-\d{2}-\d{2}", x)]
    deadlines = [r.cells[4].text for t in doc.tables if len(t.columns) > 4 and t.rows[0].cells[4].text == "完成时限"
                 for r in t.rows[1:]]
    assert deadlines and all(re.fullmatch(r"\d{4}年[1-9]\d?月[1-9]\d?日", d) for d in deadlines)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_durations_are_words_and_headings_carry_no_hash(documents, language):
    doc = documents[language]
    t = build_minutes(played(language), public=True).labels
    columns = {t["actual"], t["time_used"]}
    for table in doc.tables:
        header = [c.text for c in table.rows[0].cells]
        for n, name in enumerate(header):
            if name in columns:
                cells = [row.cells[n].text for row in table.rows[1:] if len(row._tr.tc_lst) == len(header)]
                assert cells and not [c for c in cells if ":" in c], (name, cells)
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert not [h for h in headings if "#" in h]
    assert t["issue_heading"].format(number=4, title=played(language).issue(4).title) in " ".join(headings)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_speeches_table_has_five_columns_and_the_key_points_below(documents, language):
    doc = documents[language]
    t = build_minutes(played(language), public=True).labels
    table = next(t_ for t_ in doc.tables if t_.rows[0].cells[1].text == t["speaker"])
    assert len(table.columns) == 5
    notes = [row for row in table.rows[1:] if len(row._tr.tc_lst) == 1]
    assert notes and all(row._tr.tc_lst[0].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "5" for row in notes)
    widths = [c.width for c in table.rows[0].cells]
    assert min(widths) >= Mm(12)  # room for 序号 / "No." on one line


# -- 5. a document a clerk can file ----------------------------------------------------------------
FILING = {"document_number": "通政协纪〔2019〕5号", "issuing_office": "政协通江县委员会办公室",
          "issue_date": date(2019, 11, 25), "copy_to": "县委办公室，县政府办公室"}


def test_document_number_issuing_office_date_of_issue_and_copy_to():
    doc = document(played("zh", **FILING))
    texts = [p.text for p in doc.paragraphs]
    assert texts[1] == "通政协纪〔2019〕5号" and doc.paragraphs[1].alignment == 1  # centred under the title
    tail = [x for x in texts if x][-3:]
    assert tail == ["政协通江县委员会办公室", "2019年11月25日", "抄送：县委办公室、县政府办公室。"]
    date_line = next(p for p in doc.paragraphs if p.text == "2019年11月25日")
    assert date_line.alignment == 2 and date_line.paragraph_format.right_indent == Pt(64)  # 右空四字
    assert doc.core_properties.author == "政协通江县委员会办公室"
    # the sign-off never stands alone on a page: the body's last row keeps with it (GB/T 9704 7.3.5)
    last_row = doc.tables[-1].rows[-1]
    assert all(p.paragraph_format.keep_with_next for cell in last_row.cells for p in cell.paragraphs)


def test_without_filing_details_nothing_is_added():
    doc = document(played("zh"))
    assert not [p for p in doc.paragraphs if p.text.startswith("抄送")]
    assert doc.paragraphs[1].text.startswith("日期")


# -- 6. honest file properties ---------------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "zh"])
def test_file_properties_name_roomtui_and_the_office_and_have_no_blank_preview(language):
    meeting = played(language, issuing_office="Tongjiang CPPCC Office")
    data = export_minutes(meeting, "docx", public=True)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        app = etree.fromstring(archive.read("docProps/app.xml"))
        rels = archive.read("_rels/.rels").decode()
    assert "docProps/thumbnail.jpeg" not in names and "thumbnail" not in rels
    ns = {"ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}
    assert app.findtext("ep:Application", namespaces=ns) == "roomtui"
    assert app.findtext("ep:Company", namespaces=ns) == "Tongjiang CPPCC Office"
    assert b"Microsoft" not in zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml")
    props = docx.Document(io.BytesIO(data)).core_properties
    assert meeting.title in props.title and props.author == "Tongjiang CPPCC Office"


# -- set in plan files and through the Council (Prepare's details form calls set_details) ---------------
def test_filing_details_come_from_a_plan_file_and_go_back_into_it():
    from roomtui.plan import dump_plan, load_plan

    text = dump_plan(build_demo("zh")).replace(
        "[meeting]\n", '[meeting]\ndocument_number = "通政协纪〔2019〕5号"\nissuing_office = "政协通江县委员会办公室"\n'
                       'issue_date = 2019-11-25\ncopy_to = "县委办公室、县政府办公室"\n', 1)
    meeting = load_plan(text)
    assert (meeting.document_number, meeting.issuing_office, meeting.issue_date, meeting.copy_to) == (
        "通政协纪〔2019〕5号", "政协通江县委员会办公室", date(2019, 11, 25), "县委办公室、县政府办公室")
    assert dump_plan(load_plan(dump_plan(meeting))) == dump_plan(meeting)
    assert "issue_date = 2019-11-25" in dump_plan(meeting)


def test_filing_details_are_cleaned_and_checked_like_any_detail():
    from roomtui.domain.council import Council
    from roomtui.domain.validation import ValidationError

    meeting = build_demo("zh")
    council = Council(meeting)
    council.set_details(document_number="  通政协纪〔2019〕5号 ", issue_date="2019-11-25", copy_to="县委办公室")
    assert meeting.document_number == "通政协纪〔2019〕5号" and meeting.issue_date == date(2019, 11, 25)
    with pytest.raises(ValidationError) as error:
        council.set_details(issue_date="2019-13-40")
    assert [p.field for p in error.value.problems] == ["issue_date"]
