"""Papers before the council: the agenda and the sign-in sheet (签到表), as Word and printable HTML,
in the meeting's language, from the command line and from Prepare (key w); and the one-file
build's `export --all` saying that it leaves the Word files out."""

from __future__ import annotations

import io
import re
import sys

import docx
import pytest
from docx.oxml.ns import qn

from roomtui.cli import main
from roomtui.domain.demo import build_demo
from roomtui.domain.model import Role
from roomtui.exporting import PAPER_FORMATS, export_papers, paper_bytes, paper_filename
from roomtui.minutes.papers import FREE_LINES, SIGN_IN_ORDER, build_papers
from roomtui.store import Archive
from roomtui.tui.app import RoomApp
from roomtui.tui.dialogs import FormDialog


def demo(language: str):
    return build_demo(language)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_sign_in_sheet_lists_everyone_in_the_office_order_with_free_lines(language):
    meeting = demo(language)
    document = docx.Document(io.BytesIO(paper_bytes(meeting, "signin-docx")))
    table = document.tables[0]
    rows = table.rows[1:]
    assert len(rows) == len(meeting.participants) + FREE_LINES
    names = [row.cells[1].text for row in rows[:len(meeting.participants)]]
    expected = sorted(meeting.participants, key=lambda p: SIGN_IN_ORDER.index(p.role))
    assert names == [p.name for p in expected]
    assert expected[0].role is Role.LEADER and expected[-1].role is Role.SECRETARY
    assert all(row.cells[4].text == "" for row in rows)  # the signature column is for a hand
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)
    assert all(row.height is not None and row.height.mm >= 10 for row in rows)
    assert [c.text for c in table.rows[0].cells][-1] == {"en": "Signature", "zh": "签名"}[language]
    text = "\n".join(p.text for p in document.paragraphs)
    assert not [p.contact for p in meeting.participants if p.contact and p.contact in text]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_agenda_lists_items_with_planned_lengths_and_times(language):
    meeting = demo(language)
    document = docx.Document(io.BytesIO(paper_bytes(meeting, "agenda-docx")))
    rows = document.tables[0].rows[1:]
    assert [row.cells[1].text for row in rows] == [a.title for a in meeting.agenda]
    assert rows[0].cells[3].text == "09:00–09:05" and rows[1].cells[3].text == "09:05–09:20"
    assert rows[0].cells[2].text == {"en": "5 min", "zh": "5分钟"}[language]
    title = document.paragraphs[0].text
    assert meeting.title in title and title != meeting.title
    if language == "zh":
        assert "日期：2019年11月22日 09:00" in [p.text for p in document.paragraphs]


def test_agenda_times_stop_where_an_item_has_no_length():
    meeting = demo("en")
    meeting.agenda[1].planned_minutes = 0
    slots = [a.slot for a in build_papers(meeting).agenda]
    assert slots[0] == "09:00–09:05" and slots[1:] == [""] * (len(slots) - 1)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_printable_html_papers_escape_what_was_typed(language):
    meeting = demo(language)
    meeting.participants[0].name = "<script>alert(1)</script>"
    meeting.agenda[0].title = "<b>Opening</b> & welcome"
    for fmt in ("agenda-html", "signin-html"):
        page = paper_bytes(meeting, fmt).decode("utf-8")
        assert "<script>alert" not in page and "<b>Opening" not in page
        assert "Content-Security-Policy" in page and '<html lang="' in page
    sign_in = paper_bytes(meeting, "signin-html").decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in sign_in
    assert sign_in.count("<tr>") == 1 + len(meeting.participants) + FREE_LINES


@pytest.mark.parametrize("language", ["en", "zh"])
def test_cli_exports_every_paper(tmp_path, language):
    data = tmp_path / "data"
    assert main(["demo", "--no-open", "--lang", language, "--data", str(data)]) == 0
    title = {"en": "Tongjiang", "zh": "通江"}[language]
    for fmt in PAPER_FORMATS:
        out = tmp_path / f"paper.{fmt.split('-')[1]}"
        assert main(["export", title, "--format", fmt, "-o", str(out), "--data", str(data)]) == 0
        payload = out.read_bytes()
        assert payload.startswith(b"PK") if fmt.endswith("docx") else payload.startswith(b"<!DOCTYPE html>")


def test_file_names_say_which_paper():
    meeting = demo("zh")
    assert paper_filename(meeting, "signin-docx").endswith(" - 签到表.docx")
    assert paper_filename(demo("en"), "agenda-html") == "2019-11-22 Tongjiang County CPPCC consultation council - agenda.html"


async def test_prepare_prints_the_papers_with_w(tmp_path):
    archive = Archive(tmp_path / "data")
    meeting_id = archive.ensure_demo("zh")
    folder = tmp_path / "papers"
    app = RoomApp(archive, meeting_id=meeting_id, view="prepare")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#field-folder").value = str(folder)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 4 and any(n.endswith("签到表.docx") for n in names) and any(n.endswith("议程.html") for n in names)
    meeting = archive.load(meeting_id)
    assert export_papers(meeting, folder) and sorted(p.name for p in folder.iterdir()) == names  # twice: same files


def test_export_all_says_when_it_leaves_out_word(tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    assert main(["demo", "--no-open", "--data", str(data)]) == 0
    capsys.readouterr()
    monkeypatch.setitem(sys.modules, "docx", None)  # as in the one-file build
    assert main(["export", "Tongjiang", "--all", "-o", str(tmp_path / "out"), "--data", str(data)]) == 0
    out, err = capsys.readouterr()
    assert ".docx" not in out and re.search(r"Word \(\.docx\) left out", err)
    monkeypatch.undo()
    assert main(["export", "Tongjiang", "--all", "-o", str(tmp_path / "out2"), "--data", str(data)]) == 0
    out, err = capsys.readouterr()
    assert ".docx" in out and "left out" not in err
