"""The Word minutes, read back with python-docx as Word would open them.

Chinese minutes must look like an official document (GB/T 9704-2012: A4, 37/35/28/26 mm, 仿宋
三号 with the East Asian font attribute set, 黑体/楷体 headings, page numbers at the foot), English
ones like plain business minutes; both hold what the Markdown minutes hold, in the same order,
with real tables whose header rows repeat on every page. Public files hold no contact and no note;
hostile text gives a valid file; the same record always gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from roomtui.cli import main
from roomtui.domain.clock import FrozenClock
from roomtui.domain.demo import build_demo, play_demo
from roomtui.minutes import available_formats, build_minutes, default_filename, export_minutes, render_docx
from roomtui.minutes.docx import chinese_number

GOLDEN = Path(__file__).parent / "golden" / "docx"
UPDATE = os.environ.get("ROOMTUI_UPDATE_GOLDEN") == "1"
START = datetime(2019, 11, 22, 9, 0)
NOTES = ("PRIVNOTE-PERSON after 6pm", "PRIVNOTE-ISSUE stay anonymous", "PRIVNOTE-RESPONSE budget")


def played(language: str):
    return play_demo(build_demo(language), FrozenClock(START))


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def files():
    """The four demo documents: (language, public) -> bytes."""
    return {(lang, public): export_minutes(played(lang), "docx", public=public)
            for lang in ("en", "zh") for public in (True, False)}


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def all_text(data: bytes) -> str:
    """Every text node of every XML part, document, footers and properties included."""
    texts = []
    for name, blob in parts(data).items():
        if name.endswith((".xml", ".rels")):
            texts.append("\n".join(etree.fromstring(blob).itertext()))
    return "\n".join(texts)


def font_of(style) -> dict[str, str]:
    fonts = style.element.rPr.rFonts
    return {key.split("}")[1]: value for key, value in fonts.attrib.items()}


# -- golden and determinism -----------------------------------------------------------------------
@pytest.mark.parametrize("variant", ["public", "internal"])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_demo_docx_matches_golden_file(files, language, variant):
    """Compared part by part, uncompressed: zlib builds may compress the same XML differently."""
    actual = files[language, variant == "public"]
    path = GOLDEN / f"demo-{language}-{variant}.docx"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
    assert path.exists(), f"{path} is missing: run ROOMTUI_UPDATE_GOLDEN=1 pytest {__file__}"
    expected, got = parts(path.read_bytes()), parts(actual)
    assert list(got) == list(expected)
    for name in expected:
        if got[name] != expected[name]:
            old, new = expected[name].decode("utf-8", "replace"), got[name].decode("utf-8", "replace")
            at = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
            pytest.fail(f"{name} differs at {at}:\n  golden: {old[at - 80:at + 80]!r}\n  actual: {new[at - 80:at + 80]!r}")


def test_same_record_same_bytes_whenever_exported():
    meeting = played("zh")
    first = export_minutes(meeting, "docx", public=True)
    later = export_minutes(meeting, "docx", public=True, now=meeting.closed_at + timedelta(hours=1))
    assert first == later == export_minutes(played("zh"), "docx", public=True)


def test_zip_entries_and_core_properties_carry_the_record_moment(files):
    meeting = played("en")
    data = files["en", True]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        dates = {info.date_time for info in archive.infolist()}
    closed = meeting.closed_at
    assert dates == {(closed.year, closed.month, closed.day, closed.hour, closed.minute, closed.second // 2 * 2)}
    props = open_docx(data).core_properties
    # the record's own (local) time, written in the package's W3CDTF form
    assert props.created == props.modified == closed.replace(tzinfo=timezone.utc)
    assert props.author == meeting.series and props.last_modified_by == "roomtui" and props.revision == 1
    assert props.title == f"Minutes: {meeting.title}"
    assert zipfile.ZipFile(io.BytesIO(data)).namelist()[0] == "[Content_Types].xml"


# -- the Chinese layout (GB/T 9704-2012) ----------------------------------------------------------------
def test_chinese_page_is_a4_with_the_standard_margins(files):
    section = open_docx(files["zh", False]).sections[0]
    for actual, mm in ((section.page_width, 210), (section.page_height, 297), (section.top_margin, 37),
                       (section.bottom_margin, 35), (section.left_margin, 28), (section.right_margin, 26)):
        assert abs(actual - Mm(mm)) < Mm(0.1), (actual.mm, mm)


def test_chinese_fonts_are_set_for_east_asian_text(files):
    document = open_docx(files["zh", False])
    styles = document.styles
    expected = {"Normal": ("仿宋_GB2312", 16), "Title": ("方正小标宋简体", 22), "Heading 1": ("黑体", 16),
                "Heading 2": ("楷体_GB2312", 16), "Table Text": ("仿宋_GB2312", 10.5), "Table Heading": ("黑体", 10.5)}
    for name, (face, size) in expected.items():
        fonts = font_of(styles[name])
        assert fonts["eastAsia"] == face, name
        assert not [key for key in fonts if key.endswith("Theme") or key == "cstheme"], name  # a theme would win
        assert styles[name].font.size == Pt(size), name
    assert styles["Heading 1"].font.bold is False and styles["Heading 1"].font.italic is False
    cells = document.tables[0].rows
    assert cells[0].cells[0].paragraphs[0].style.name == "Table Heading"
    assert cells[1].cells[0].paragraphs[0].style.name == "Table Text"
    normal = styles["Normal"].paragraph_format
    assert normal.line_spacing == Pt(28.95)  # 22 lines in the 225 mm text block
    lang = styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"


def test_chinese_fonts_fall_back_to_the_system_faces(files):
    table = etree.fromstring(parts(files["zh", False])["word/fontTable.xml"])
    alternatives = {font.get(qn("w:name")): font.find(qn("w:altName")).get(qn("w:val"))
                    for font in table.iter(qn("w:font")) if font.find(qn("w:altName")) is not None}
    assert alternatives["方正小标宋简体"] == "宋体" and alternatives["仿宋_GB2312"] == "仿宋"


def test_chinese_title_and_numbered_headings(files):
    document = open_docx(files["zh", True])
    title = document.paragraphs[0]
    assert title.style.name == "Title" and title.text == "通江县政协“有事来协商”协商议事会纪要"
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    level1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert level1[:3] == ["一、出席情况", "二、主题与背景", "三、会议议程"]
    assert level1[-1].startswith(f"{chinese_number(len(level1))}、后续跟踪")
    level2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert level2[:2] == ["（一）出席", "（二）缺席"]


def test_chinese_page_numbers_at_the_foot_odd_right_even_left(files):
    document = open_docx(files["zh", True])
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == align
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        instructions = [e.text for e in paragraph._p.iter(qn("w:instrText"))]
        assert instructions == [" PAGE "]
        assert font_of(paragraph.runs[0])["eastAsia"] == "宋体"


def test_chinese_number():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 23)] == ["一", "九", "十", "十一", "二十", "二十三"]


# -- English: plain business minutes ------------------------------------------------------------------
def test_english_is_plain_business_minutes(files):
    document = open_docx(files["en", True])
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.left_margin - Mm(25)) < Mm(0.1)
    normal = document.styles["Normal"]
    assert normal.font.name == "Calibri" and normal.font.size == Pt(11)
    assert document.paragraphs[0].text.startswith("Minutes: Tongjiang")
    level1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert level1[:3] == ["Attendance", "Theme and background", "Agenda"]
    assert not document.settings.odd_and_even_pages_header_footer
    assert [e.text for e in section.footer.paragraphs[0]._p.iter(qn("w:instrText"))] == [" PAGE "]


# -- content and order, as the Markdown minutes -------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "zh"])
def test_sections_in_the_order_of_the_markdown_minutes(files, language):
    meeting = played(language)
    md = export_minutes(meeting, "md", public=True).decode()
    md_sections = [line[3:] for line in md.splitlines() if line.startswith("## ")]
    document = open_docx(files[language, True])
    sections = [re.sub(r"^[一二三四五六七八九十]+、", "", p.text) for p in document.paragraphs
                if p.style.name == "Heading 1"]
    agenda = build_minutes(meeting, public=True).labels["agenda"]
    assert sections == md_sections[:2] + [agenda] + md_sections[2:]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_tables_are_real_tables_with_repeated_header_rows(files, language):
    minutes = build_minutes(played(language), public=False)
    document = open_docx(files[language, False])
    t = minutes.labels
    tables = {tuple(cell.text for cell in table.rows[0].cells): table for table in document.tables}
    for table in document.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])
    speeches = tables[t["number_column"], t["speaker"], t["kind"], t["start"], t["time_used"]]
    # each speech is a row; its key points (or issues) a full-width row under it
    speech_rows = [row for row in speeches.rows[1:] if len(row._tr.tc_lst) > 1]
    noted = [row for row in speeches.rows[1:] if len(row._tr.tc_lst) == 1]
    assert len(speech_rows) == len(minutes.speeches)
    assert [row.cells[1].text.split("\n")[0] for row in speech_rows] == [s.speaker for s in minutes.speeches]
    assert [row.cells[1].text.split("\n")[1] for row in speech_rows] == [s.role for s in minutes.speeches]
    assert [s.key_points for s in minutes.speeches if s.key_points] == \
        [row.cells[0].text.split(t["colon"], 1)[1].split("\n")[0] for row in noted if row.cells[0].text.startswith(
            t["key_points"])]
    summary = tables[t["number_column"], t["issue"], t["department"], t["disposition"], t["confirmed"]]
    assert [row.cells[3].text for row in summary.rows[1:]] == [r.disposition for r in minutes.responses]
    all_deliverables = [row.cells[3].text for table in document.tables
                        if table.rows[0].cells[1].text == t["lead_unit"] for row in table.rows[1:]]
    assert all_deliverables == [c.deliverable for r in minutes.responses for c in r.commitments]
    agenda = tables[t["number_column"], t["agenda_item"], t["planned_time"], t["start"], t["end"], t["actual"]]
    assert [row.cells[1].text for row in agenda.rows[1:]] == [a.title for a in minutes.agenda]
    assert agenda.rows[1].cells[3].text == "09:00" and agenda.rows[1].cells[5].text  # actual time held
    text = "\n".join(p.text for p in document.paragraphs)
    assert all(r.text.split("\n")[0] in text for r in minutes.responses if r.text)
    assert minutes.leader_summary.split("\n")[0] in text and all(item in text for item in minutes.agreed_items)


# -- privacy -----------------------------------------------------------------------------------------
def noted(language: str):
    meeting = played(language)
    meeting.participants[8].note = NOTES[0]
    meeting.issue(3).note = NOTES[1]
    meeting.issue(1).note = NOTES[1]
    meeting.responses[0].note = NOTES[2]
    return meeting


@pytest.mark.parametrize("language", ["en", "zh"])
def test_public_docx_holds_no_contact_and_no_note(language):
    meeting = noted(language)
    public, internal = (all_text(export_minutes(meeting, "docx", public=p)) for p in (True, False))
    contacts = [p.contact for p in meeting.participants if p.contact]
    assert len(contacts) >= 16
    variants = {v for c in contacts for v in (c, c.replace(" ", ""), c.replace(" ", "-"))}
    assert not [c for c in variants if c in public]
    assert not [n for n in NOTES if n in public] and "PRIVNOTE" not in public
    assert all(c in internal for c in contacts) and all(n in internal for n in NOTES)


# -- hostile text -------------------------------------------------------------------------------------
LONG_WORD = "Supercalifragilistic" * 500  # 10,000 characters without a space
NASTY = "\x1b[31mred\x1b[0m \x1b]0;title\x07 nul\x00 vt\x0b ff\x0c bell\x07 del\x7f bom\ufeff " \
        "nonchar\ufffe\uffff bidi\u202e end"


def test_hostile_text_gives_a_valid_file():
    meeting = played("zh")
    meeting.title = f"{NASTY} {LONG_WORD}"
    meeting.venue = NASTY
    meeting.participants[0].name = NASTY
    meeting.issue(4).title = LONG_WORD
    meeting.responses[0].text = f"{NASTY}\n\n{LONG_WORD}\n<w:t>&amp;</w:t>"
    meeting.agreed_items = [NASTY, LONG_WORD]
    for public in (True, False):
        data = export_minutes(meeting, "docx", public=public)
        document = open_docx(data)  # python-docx (lxml) reopens it
        text = all_text(data)
        assert "\x1b" not in text and "[31m" not in text
        assert not [c for c in text if (ord(c) < 32 and c not in "\t\n\r") or c in "\ufffe\uffff\u202e"]
        assert "red" in text and "end" in text and LONG_WORD in text and "<w:t>&amp;</w:t>" in text
        assert LONG_WORD in document.paragraphs[0].text  # one unbroken word: Word wraps it at the margin


def test_text_the_model_did_not_clean_is_still_made_safe():
    """An unclean model (e.g. built by other code) cannot make lxml refuse or the file invalid."""
    minutes = build_minutes(played("en"), public=True)
    raw = "a\x00b\x01c\x0bd\ufffee\ud800f"
    header = dataclasses.replace(minutes.header, title=raw, venue=raw)
    data = render_docx(dataclasses.replace(minutes, header=header, agreed_items=(raw,)))
    document = open_docx(data)
    assert document.paragraphs[0].text == "Minutes: abcdef"


# -- where it is offered: the CLI and the export of every format -------------------------------------------
def test_cli_exports_docx_to_a_file(tmp_path, capsys):
    data = tmp_path / "data"
    assert main(["demo", "--no-open", "--lang", "zh", "--data", str(data)]) == 0
    out = tmp_path / "纪要.docx"
    assert main(["export", "通江", "--format", "docx", "--public", "-o", str(out), "--data", str(data)]) == 0
    document = open_docx(out.read_bytes())
    assert document.paragraphs[0].text.startswith("通江县政协")
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_cli_refuses_to_write_docx_to_a_terminal(tmp_path, capsysbinary, monkeypatch):
    data = tmp_path / "data"
    assert main(["demo", "--no-open", "--data", str(data)]) == 0
    capsysbinary.readouterr()
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert main(["export", "Tongjiang", "--format", "docx", "--data", str(data)]) == 1
    out, err = capsysbinary.readouterr()
    assert out == b"" and b"-o PATH" in err and b"binary" in err


def test_cli_writes_docx_to_a_pipe(tmp_path, capsysbinary):
    data = tmp_path / "data"
    assert main(["demo", "--no-open", "--data", str(data)]) == 0
    capsysbinary.readouterr()
    assert main(["export", "Tongjiang", "--format", "docx", "--data", str(data)]) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith(b"PK") and open_docx(out).paragraphs[0].text.startswith("Minutes: Tongjiang")


def test_without_python_docx_the_cli_says_what_to_do(tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    assert main(["demo", "--no-open", "--data", str(data)]) == 0
    monkeypatch.setitem(__import__("sys").modules, "docx", None)  # as in the one-file build
    assert "docx" not in available_formats()
    out = tmp_path / "m.docx"
    assert main(["export", "Tongjiang", "--format", "docx", "-o", str(out), "--data", str(data)]) == 1
    assert "python-docx" in capsys.readouterr().err and not out.exists()


def test_export_all_writes_docx_public_and_internal(tmp_path):
    from roomtui.exporting import export_all

    meeting = played("zh")
    written = export_all(meeting, tmp_path)
    names = {p.name for p in written}
    assert {default_filename(meeting, "docx", True), default_filename(meeting, "docx", False)} <= names
    assert len(written) == 12
    assert open_docx((tmp_path / default_filename(meeting, "docx", True)).read_bytes()).tables
