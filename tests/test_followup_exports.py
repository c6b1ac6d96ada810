"""The commitments register as CSV and printable HTML, public and internal, against golden files.

Regenerate after an intended change with ``ROOMTUI_UPDATE_GOLDEN=1 pytest tests/test_followup_exports.py``
and review the diff of tests/golden/register/ before committing it.
"""

from __future__ import annotations

import csv
import io
import os
from datetime import date, datetime
from pathlib import Path

import pytest

from roomtui.cli import main
from roomtui.domain.clock import FrozenClock
from roomtui.domain.followup import Filter
from roomtui.minutes.register_csv import render_register_csv
from roomtui.minutes.register_html import render_register_html
from roomtui.minutes.register_model import build_register_document
from roomtui.store import Archive
from roomtui.store.followup_index import load_register
from tests.followup_helpers import HOUSING, SERIES_A, council_with, rate, two_series_folder
from tests.test_minutes_golden import first_difference

GOLDEN = Path(__file__).parent / "golden" / "register"
UPDATE = os.environ.get("ROOMTUI_UPDATE_GOLDEN") == "1"
TODAY = date(2020, 4, 1)


def rated(meeting) -> None:
    """The room's ratings at the first council: the roofs answer mostly 不满意, the fire lane 满意."""
    if meeting.id == "a-2019":
        rate(meeting, 3, ["dissatisfied", "dissatisfied", "satisfied"])
        rate(meeting, 1, ["satisfied", "satisfied", "basically_satisfied", "satisfied"])


def folder(archive: Archive) -> Archive:
    two_series_folder(archive, rated)
    hostile = council_with("h-2020", "=HYPERLINK(\"http://x\") <script>", date(2020, 2, 2), SERIES_A, [
        ("| pipe # heading", "=cmd|' /C calc'!A0", "@SUM(1+1) **bold**", "2020-03-01"),
    ])
    archive.create(hostile)
    zh = council_with("zh-2020", "诺江镇协商议事会", date(2020, 2, 20), "通江县政协", [
        ("春场坪社区没有活动广场", "县住建局", "规划建设活动广场", "2020-08-31"),
    ], language="zh")
    rate(zh, 1, ["satisfied", "basically_satisfied", "dissatisfied"], closed=False)  # left open
    archive.create(zh)

    for meeting_id, when, grade, note in [("a-2019", datetime(2019, 12, 5, 9), "A", "Lane painted"),
                                          ("a-2019", datetime(2020, 1, 15, 9), "B", "Sheds: 3 of 12 built"),
                                          ("zh-2020", datetime(2020, 3, 1, 9), "C", "已列入年度计划")]:
        session = archive.open(meeting_id, clock=FrozenClock(when))
        index = 0 if note != "Sheds: 3 of 12 built" else 1
        session.do("progress", lambda c, i=index, g=grade, n=note: c.record_progress(i + 1, 0, grade=g, note=n))
        session.close()
    return archive


def document(archive, *, public: bool, language: str = "en", wanted: Filter = Filter()):
    register = load_register(archive, TODAY)
    return build_register_document(register.select(wanted), TODAY, language=language, public=public,
                                   damaged=register.damaged)


def check(name: str, actual: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
    assert path.exists(), f"{path} is missing: run ROOMTUI_UPDATE_GOLDEN=1 pytest {__file__}"
    expected = path.read_bytes()
    assert actual == expected, first_difference(expected, actual)


@pytest.mark.parametrize("variant", ["public", "internal"])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_register_exports_match_golden_files(archive, language, variant):
    doc = document(folder(archive), public=variant == "public", language=language)
    check(f"register-{language}-{variant}.csv", render_register_csv(doc))
    check(f"register-{language}-{variant}.html", render_register_html(doc).encode("utf-8"))


def test_csv_is_excel_safe_and_public_leaves_out_notes(archive):
    folder(archive)
    public = render_register_csv(document(archive, public=True))
    internal = render_register_csv(document(archive, public=False))
    assert public.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.reader(io.StringIO(public.decode("utf-8-sig"))))
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert any(cell == "'=cmd|' /C calc'!A0" for row in rows for cell in row)
    assert b"Lane painted" not in public and "Lane painted".encode() in internal
    assert "已列入年度计划".encode() in internal


def test_html_escapes_typed_text_and_has_one_section_per_department(archive):
    html = render_register_html(document(folder(archive), public=False))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<h2>") == 1 + 5  # the summary, then 5 lead units
    assert f"<h2>{HOUSING}</h2>" in html


def test_cli_followup_writes_the_filtered_register(archive, tmp_path, capsys):
    folder(archive)
    out = tmp_path / "housing.csv"
    assert main(["followup", "--data", str(archive.root), "--format", "csv", "--department", HOUSING,
                 "-o", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert len(rows) == 1 + 3 and all(row[5] == HOUSING for row in rows[1:])
    assert main(["followup", "--data", str(archive.root), "--open"]) == 0
    text = capsys.readouterr().out
    assert "Mark the fire lane" not in text  # solved: not open
    assert "Build charging sheds" in text


def test_cli_followup_names_a_damaged_file_and_lists_the_rest(archive, capsys):
    folder(archive)
    (archive.meetings_dir / "2020-01-01-bad.json").write_bytes(b"\x00garbage")
    assert main(["followup", "--data", str(archive.root), "--format", "html"]) == 0
    captured = capsys.readouterr()
    assert "2020-01-01-bad.json" in captured.err
    assert "2020-01-01-bad.json" in captured.out and "Build charging sheds" in captured.out
