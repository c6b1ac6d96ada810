"""One id rule at every door: a full match (a regex's "$" also matches before a trailing newline),
and an id refused for its form is said to be refused, not "already used"."""

from __future__ import annotations

import json

import pytest

from roomtui.cli import main
from roomtui.domain.followup import parse_ref
from roomtui.domain.model import Meeting
from roomtui.domain.validation import is_meeting_id, meeting_id_problem
from roomtui.minutes.json_ import render_json
from roomtui.plan.errors import PlanImportError
from roomtui.plan.toml_plan import load_plan
from roomtui.store import Archive, MeetingNotFound

BAD_IDS = ["abc\n", "abc\r\n", "\nabc", "abc ", "../../etc/evil", "a/b", "a\\b", "a.json", "-abc", "", "a" * 82,
           "abc\x1b[2J", "abc\u0663", "ＡＢＣ", "abc\x00"]


@pytest.mark.parametrize("bad", BAD_IDS)
def test_the_rule_is_a_full_match(bad):
    assert not is_meeting_id(bad) and meeting_id_problem(bad)
    assert parse_ref(f"{bad}#r1.1") is None
    assert is_meeting_id("2019-11-22-a1b2c3") and parse_ref("abc#r1.2") == ("abc", 1, 2)
    assert parse_ref("abc#r1.2\n") is None and parse_ref("abc#r\u0663.1") is None


@pytest.mark.parametrize("bad", ["abc\n", "abc\r\n"])
def test_a_plan_s_id_with_a_trailing_newline_is_refused_with_its_field(bad):
    with pytest.raises(PlanImportError) as refused:
        load_plan(f'[meeting]\ntitle = "T"\nid = {json.dumps(bad)}\n')
    assert "id" in str(refused.value)


@pytest.mark.parametrize("bad", ["abc\n", "../../etc/evil", "a/b"])
def test_the_store_never_names_a_file_after_a_bad_id(tmp_path, bad):
    archive = Archive(tmp_path / "data")
    new_id = archive.create(Meeting(id=bad, title="T"))
    assert new_id != bad and is_meeting_id(new_id)
    assert [p.name for p in (tmp_path / "data" / "meetings").glob("*.json")] == [f"{new_id}.json"]
    with pytest.raises(MeetingNotFound):
        archive.path_of(bad)
    assert not archive.exists(bad)


def test_a_file_named_with_a_newline_in_meetings_is_ignored_not_listed(tmp_path, capsys):
    data = tmp_path / "data"
    archive = Archive(data)
    good = archive.create(Meeting(id="", title="T"))
    (data / "meetings" / f"{good}.json").rename(data / "meetings" / "abc\n.json")
    assert main(["list", "--data", str(data)]) == 0
    captured = capsys.readouterr()
    assert "abc" not in captured.out and "Ignored abc\\x0a.json" in captured.err


@pytest.mark.parametrize("bad", ["abc\n", "../../etc/evil", "a\x1b]52;c;eA==\x07"])
def test_a_json_import_s_refused_id_is_described_as_refused(tmp_path, capsys, bad):
    data = tmp_path / "data"
    source = tmp_path / "meeting.json"
    source.write_text(render_json(Meeting(id="placeholder", title="T"), public=False).replace(
        '"placeholder"', json.dumps(bad)), encoding="utf-8")
    assert main(["import", str(source), "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "refused" in out and "already used" not in out and "\x1b" not in out and "\x07" not in out
    (made,) = (data / "meetings").glob("*.json")
    assert is_meeting_id(made.stem)


def test_a_taken_id_is_still_described_as_taken(tmp_path, capsys):
    data = tmp_path / "data"
    source = tmp_path / "meeting.json"
    source.write_text(render_json(Meeting(id="council-1", title="T"), public=False), encoding="utf-8")
    assert main(["import", str(source), "--data", str(data)]) == 0
    assert main(["import", str(source), "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "already used" in out and "refused" not in out
