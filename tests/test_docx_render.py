"""The Word minutes laid out by LibreOffice (standing in for Word and WPS), read back from the PDF.

GB/T 9704 asks for 22 lines of 28 characters on a body page; a table row must never be cut
between two pages (a phone number on page 1 and its last digits on page 2). Runs where
LibreOffice (`soffice`, Debian's libreoffice-writer-nogui, which .ci/run installs) and pypdfium2
are installed; skips with the reason elsewhere.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from roomtui.domain.clock import FrozenClock
from roomtui.domain.demo import build_demo, play_demo
from roomtui.minutes import export_minutes

pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 reads the PDF LibreOffice writes (pip install pypdfium2)")
pdfium_c = pytest.importorskip("pypdfium2.raw")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                                                        "apt-get install libreoffice-writer-nogui")

START = datetime(2019, 11, 22, 9, 0)
CHINESE_LINE = re.compile("[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“” ]+")
# a long paragraph of plain Chinese: at least one page holding body text only (paragraphs of three
# lines would leave a line free at the foot: widow control keeps two lines of a paragraph together)
LONG = "".join("社区服务管理是基层治理的基础工作，各部门要加强协同配合，"
                 "着力解决群众反映强烈的突出问题，不断提升居民的获得感和满意度。" for _ in range(30))


def to_pdf(tmp_path: Path, name: str, data: bytes) -> Path:
    source = tmp_path / f"{name}.docx"
    source.write_bytes(data)
    profile = tmp_path / "lo-profile"  # its own profile: never the user's, never shared between runs
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180,
                   env={**os.environ, "HOME": str(tmp_path)})
    return tmp_path / f"{name}.pdf"


def page_lines(page) -> list[tuple[float, float, str]]:
    """(top, font size, text) of each line of the page, top to bottom, from its characters."""
    text = page.get_textpage()
    chars = []
    for index in range(text.count_chars()):
        char = chr(pdfium_c.FPDFText_GetUnicode(text.raw, index))
        if char in "\r\n":
            continue
        left, bottom, _right, _top = text.get_charbox(index)
        chars.append((page.get_height() - bottom, left, char, pdfium_c.FPDFText_GetFontSize(text.raw, index)))
    # one line: characters whose baselines lie within 5 pt (Latin and Chinese sit a little apart)
    lines: list[list[tuple]] = []
    for char in sorted(chars):
        if lines and char[0] - lines[-1][0][0] < 5:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [(line[0][0], max(c[3] for c in line), "".join(c[2] for c in sorted(line, key=lambda c: c[1])).strip())
            for line in lines]


@pytest.fixture(scope="module")
def zh_pdf(tmp_path_factory):
    meeting = play_demo(build_demo("zh"), FrozenClock(START))
    meeting.background = LONG
    path = to_pdf(tmp_path_factory.mktemp("zh"), "zh", export_minutes(meeting, "docx", public=False))
    return meeting, pdfium.PdfDocument(str(path))


def body(lines):
    """The 16 pt text of a page (headings and body), without the page number."""
    return [(top, text) for top, size, text in lines if abs(size - 16) < 0.6 and "—" not in text]


def test_a_body_page_has_22_lines_of_28_characters(zh_pdf):
    _, pdf = zh_pdf
    pages = [body(page_lines(pdf[n])) for n in range(len(pdf))]
    full = [lines for lines in pages if len(lines) >= 20]
    assert full, "no page of body text: " + repr([len(p) for p in pages])
    lines = full[0]
    assert len(lines) == 22, [text for _, text in lines]
    assert abs((lines[-1][0] - lines[0][0]) / 21 - 28.95) < 0.2  # the line pitch: 225 mm / 22
    # a comma or full stop may hang past the line's end (Chinese typesetting allows it)
    squeezed = [text.replace(" ", "") for _, text in lines if CHINESE_LINE.fullmatch(text)]
    widths = [len(text.rstrip("，。、；：") if len(text) > 28 else text) for text in squeezed]
    assert max(widths) == 28 and widths.count(28) >= len(widths) - 6, widths


@pytest.mark.parametrize("language", ["en", "zh"])
def test_no_row_is_cut_between_two_pages(tmp_path, language):
    """Each person's row (name, role, phone number) is on one page: the phone number was cut
    over pages 1-2 before rows were marked cantSplit. Each page that starts inside a table
    starts with its repeated header row."""
    meeting = play_demo(build_demo(language), FrozenClock(START))
    for number, person in enumerate(meeting.participants):  # rows of several lines: some meet a page's foot
        person.note = f"S{number:02d}X " + "address and hours of the office " * 3 + f"E{number:02d}X"
    pdf = pdfium.PdfDocument(str(to_pdf(tmp_path, language, export_minutes(meeting, "docx", public=False))))
    pages = [[text for _, _, text in page_lines(pdf[n])] for n in range(len(pdf))]
    flat = ["".join("".join(page).split()) for page in pages]
    for number, person in enumerate(meeting.participants):
        contact, first_name = "".join(person.contact.split()), person.name.split()[0]
        assert any(contact in text and first_name in text and f"S{number:02d}X" in text
                   and f"E{number:02d}X" in text for text in flat), (person.name, person.contact)
    # no word broken inside a cell ("booke/d", "部门负/责人" in the nine-column table of old)
    from roomtui.minutes import build_minutes

    for speech in build_minutes(meeting, public=False).speeches:
        for word in (speech.role, speech.kind):
            assert any("".join(word.split()) in text for text in flat), word
    t_role = {"en": "Role Name Affiliation", "zh": "身份 姓名 单位"}[language]
    for number, page in enumerate(pages[1:], 2):
        if number <= 3 and page[0].split()[0] in ("Role", "身份"):  # the attendance list goes on
            assert page[0].startswith(t_role), (number, page[:2])
