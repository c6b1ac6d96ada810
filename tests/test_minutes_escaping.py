"""Hostile text reaches every format as inert text: no markup, no formula, no broken structure.

Council methods clean what is typed, so the hostile strings are also set directly on the
dataclasses, the way an old file or a hand-edited import could bring them in.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from html.parser import HTMLParser

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from roomtui.domain.clock import FrozenClock
from roomtui.domain.demo import build_demo, play_demo
from roomtui.domain.model import Commitment
from roomtui.minutes import FORMATS, export_minutes
from roomtui.minutes.csv_ import neutralise
from roomtui.minutes.ics import escape_text, fold
from roomtui.minutes.markdown import escape_inline

SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x")'
ANSI = "\x1b[31mred alert\x1b[0m"
PUNCT = "a;b,c\\d|e"
LINK = "[click](javascript:alert(1))"
HOSTILE_TITLE = f"{SCRIPT} | # not a heading *bold* `code` {LINK} &amp; {PUNCT}"


def hostile_meeting():
    meeting = play_demo(build_demo("en"), FrozenClock(datetime(2019, 11, 22, 9, 0)))
    meeting.title = f"Council {SCRIPT}"
    meeting.venue = ANSI
    meeting.theme = "# Theme\n- not a list"
    meeting.background = f"{SCRIPT}\n\n1. not a list\n    indented code?"
    meeting.participants[4].name = f"{SCRIPT} Zhang"
    meeting.participants[4].affiliation = "+1"
    meeting.participants[4].note = "@SUM(A1:A9)"
    issue = meeting.issue(4)
    issue.title = HOSTILE_TITLE
    issue.location = "line one\nline two"
    response = meeting.responses[0]
    assert response.issue_id == 4
    response.department = FORMULA
    response.responder = "@SUM(A1:A2)"
    response.text = f"first line\n{SCRIPT}\n| a | b |\n{ANSI}"
    response.action = "-2 ; drop"
    response.commitments = [Commitment(lead_unit="+1 unit", deliverable=f"{PUNCT}\nsecond line {ANSI}",
                                       deadline=meeting.responses[0].commitments[0].deadline,
                                       co_units=["=1+1", "\tTabbed"])]
    response.note = "\r=cmd|' /C calc'!A0"
    meeting.speakers[2].summary = f"{SCRIPT}\n| pipe |"
    meeting.agreed_items = [FORMULA, f"{SCRIPT}\n2. two"]
    meeting.leader_summary = f"> quote {SCRIPT}"
    return meeting


@pytest.fixture(scope="module")
def outputs():
    meeting = hostile_meeting()
    return {(fmt, public): export_minutes(meeting, fmt, public=public) for fmt in FORMATS for public in (True, False)}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("public", [True, False])
def test_no_escape_sequence_or_control_character_survives(outputs, fmt, public):
    text = outputs[fmt, public].decode("utf-8-sig")
    assert "\x1b" not in text and "[31m" not in text
    assert "red alert" in text or fmt in ("csv", "ics")  # the venue's words survive, only the escapes go
    allowed = "\r\n" if fmt in ("csv", "ics") else "\n"
    assert not [c for c in text if ord(c) < 32 and c not in allowed]


# -- Markdown -------------------------------------------------------------------------------
def test_markdown_escapes_markup_in_user_text(outputs):
    md = outputs["md", False].decode()
    assert SCRIPT not in md and "\\<script\\>alert(1)\\</script\\>" in md
    assert "\\[click\\](javascript:alert(1))" in md
    # in table cells '#' starts nothing and stays as typed; inline markup is still escaped
    assert "# not a heading \\*bold\\* \\`code\\`" in md
    assert "\\&amp;" in md and "a;b,c\\\\d\\|e" in md
    assert "\n# Theme" not in md and "\n- not a list" not in md


def _markdown_tokens(md: str):
    return MarkdownIt("commonmark", {"html": False}).enable("table").parse(md)


def _plain(token) -> str:
    """The text an inline token shows, escapes resolved."""
    return "".join(c.content for c in token.children or () if c.type == "text")


def test_markdown_user_text_adds_no_structure(outputs):
    """Only the minutes' own headings, lists and tables exist; none come from user text."""
    tokens = _markdown_tokens(outputs["md", False].decode())
    kinds = {t.type for t in tokens}
    assert not kinds & {"html_block", "html_inline", "code_block", "fence", "hr"}
    inline_kinds = {c.type for t in tokens if t.children for c in t.children}
    assert not inline_kinds & {"html_inline", "link_open", "code_inline", "em_open", "image"}
    headings = [_plain(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "Theme" not in headings and not any(h.startswith("not a heading") for h in headings)
    assert f"Issue 4: {HOSTILE_TITLE} — {FORMULA}" in headings


def test_markdown_table_rows_keep_their_column_count(outputs):
    md = outputs["md", False].decode()
    tokens = _markdown_tokens(md)
    rows, cells = [], 0
    for token in tokens:
        if token.type == "tr_open":
            cells = 0
        elif token.type in ("td_open", "th_open"):
            cells += 1
        elif token.type == "tr_close":
            rows.append(cells)
    speech_row = next(line for line in md.splitlines() if "pipe" in line)
    assert speech_row.count(" | ") + 1 >= 9
    assert rows and all(n in (3, 4, 5, 6, 7, 9) for n in rows)
    texts = [_plain(t) for t in tokens if t.type == "inline"]
    assert f"{SCRIPT} / | pipe |" in texts  # the speech's key points: one cell, lines joined


def test_escape_inline_neutralises_line_starts():
    for text in ("- item", "+ item", "= setext", "1. one", "3) three", "    code", "# h", "> quote"):
        tokens = _markdown_tokens(escape_inline(text))
        assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], text
        assert _plain(tokens[1]) == text.strip()


# -- HTML -----------------------------------------------------------------------------------
class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.cells: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


@pytest.mark.parametrize("public", [True, False])
def test_html_has_no_script_and_shows_hostile_text_as_text(outputs, public):
    page = Page()
    page.feed(outputs["html", public].decode())
    assert "script" not in page.tags and "a" not in page.tags and "img" not in page.tags
    assert not [name for name, _ in page.attributes if name.startswith("on") or name in ("src", "href")]
    text = "".join(page.text)
    assert SCRIPT in text and LINK in text and f"Council {SCRIPT}" in text
    assert HOSTILE_TITLE in page.cells  # the issue cell of the response table, pipes and all
    assert FORMULA in page.cells


def test_html_is_self_contained(outputs):
    html = outputs["html", True].decode()
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert "@media print" in html and "<style>" in html
    assert "<link" not in html and "http://" not in html.replace('HYPERLINK("http://x")', "").replace(
        "HYPERLINK(&quot;http://x&quot;)", "")
    assert "default-src 'none'" in html


def test_html_renderer_never_passes_raw_html_through():
    """Defence in depth: even unescaped markup in the Markdown would come out as text."""
    from roomtui.minutes.html import _renderer

    rendered = _renderer().render("<script>x</script> <b>y</b>\n")
    assert rendered == "<p>&lt;script&gt;x&lt;/script&gt; &lt;b&gt;y&lt;/b&gt;</p>\n"


# -- CSV ------------------------------------------------------------------------------------
def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


@pytest.mark.parametrize("public", [True, False])
def test_csv_cells_cannot_start_a_formula(outputs, public):
    data = outputs["csv", public]
    rows = _csv_rows(data)
    assert all(len(row) == len(rows[0]) for row in rows)
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    first = rows[1]
    assert first[0] == "4" and first[1] == HOSTILE_TITLE
    assert first[2] == "'" + FORMULA
    assert first[4] == "'+1 unit"
    assert first[5] == "'=1+1; Tabbed"
    assert first[6] == f"{PUNCT}\nsecond line red alert"
    if not public:
        assert first[-1] == "'=cmd|' /C calc'!A0"
    else:
        assert "calc" not in data.decode("utf-8")


def test_csv_rows_end_in_crlf(outputs):
    data = outputs["csv", True][3:]
    records = data.split(b"\r\n")
    assert records[-1] == b"" and len(records) == 1 + 1 + 6  # header, 6 commitments, trailing empty


def test_neutralise():
    assert [neutralise(v) for v in ("=1", "+1", "-1", "@A", "\tx", "\rx", "a=1", "", "'")] == [
        "'=1", "'+1", "'-1", "'@A", "'\tx", "'\rx", "a=1", "", "'"]


# -- ICS ------------------------------------------------------------------------------------
@pytest.mark.parametrize("public", [True, False])
def test_ics_parses_and_round_trips_hostile_text(outputs, public):
    data = outputs["ics", public]
    for physical in data.split(b"\r\n"):
        assert len(physical) <= 75
        physical.decode("utf-8")  # no line ends inside a character
    assert b"\n" not in data.replace(b"\r\n", b"")
    calendar = icalendar.Calendar.from_ical(data)
    todos = calendar.walk("VTODO")
    assert len(todos) == 6
    first = todos[0]
    assert str(first["SUMMARY"]) == f"#4 {PUNCT} second line red alert"
    description = str(first["DESCRIPTION"])
    assert f"Issue #4: {HOSTILE_TITLE}\nDepartment: {FORMULA}\n" in description
    assert "Co-units: =1+1; Tabbed" in description
    assert ("cmd|" in description) is (not public)
    assert first.decoded("DUE").isoformat() == "2019-12-07"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_fold_keeps_lines_short_and_unfolds_to_the_original(value):
    line = "DESCRIPTION:" + escape_text(value)
    folded = fold(line)
    physical = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in physical)
    assert all(p.startswith(" ") for p in physical[1:])
    assert folded.replace("\r\n ", "") == line


def test_escape_text():
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


# -- JSON -----------------------------------------------------------------------------------
def test_json_holds_clean_text(outputs):
    document = json.loads(outputs["json", False])
    meeting = document["meeting"]
    assert meeting["venue"] == "red alert"
    response = meeting["responses"][0]
    assert response["text"] == f"first line\n{SCRIPT}\n| a | b |\nred alert"
    assert response["note"] == "=cmd|' /C calc'!A0"  # the CR is a control character: gone
    assert response["commitments"][0]["co_units"] == ["=1+1", "Tabbed"]
