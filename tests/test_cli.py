"""The `roomtui` command, run as a secretary would run it (a real subprocess for the basics)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from roomtui import __version__
from roomtui.cli import main
from roomtui.domain.demo import DEMO_ID


def roomtui(*args, data=None, env=None):
    command = [sys.executable, "-m", "roomtui", *args]
    if data is not None:
        command += ["--data", str(data)]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)


@pytest.mark.parametrize("args", [[], ["demo"], ["list"], ["import"], ["export"], ["handout"], ["open"], ["show"]])
def test_help_everywhere(args):
    result = roomtui(*args, "--help")
    assert result.returncode == 0 and "usage: roomtui" in result.stdout and "--data" in result.stdout


def test_version():
    result = roomtui("--version")
    assert result.stdout.strip() == f"roomtui {__version__}"


def test_demo_creates_exactly_one_meeting_however_often_it_runs(tmp_path):
    for _ in range(3):
        result = roomtui("demo", "--no-open", data=tmp_path)
        assert result.returncode == 0 and result.stdout.strip() == DEMO_ID["en"]
    listed = roomtui("list", data=tmp_path).stdout.strip().splitlines()
    assert len(listed) == 1 and listed[0].startswith(DEMO_ID["en"])
    roomtui("demo", "--lang", "zh", "--no-open", data=tmp_path)
    assert "通江县政协" in roomtui("list", data=tmp_path).stdout


def test_list_on_an_empty_folder_says_what_to_do(tmp_path):
    result = roomtui("list", data=tmp_path)
    assert result.returncode == 0 and "roomtui demo" in result.stdout


def test_data_folder_from_the_environment(tmp_path):
    import os

    env = dict(os.environ, ROOMTUI_DATA=str(tmp_path / "env-data"))
    assert roomtui("demo", "--no-open", env=env).returncode == 0
    assert (tmp_path / "env-data" / "meetings" / f"{DEMO_ID['en']}.json").exists()


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv", "ics", "plan"])
def test_export_every_format_to_a_file(tmp_path, capsys, fmt):
    data = tmp_path / "data"
    assert main(["demo", "--no-open", "--data", str(data)]) == 0
    out = tmp_path / f"minutes.{fmt}"
    assert main(["export", "Tongjiang", "--format", fmt, "--public", "-o", str(out), "--data", str(data)]) == 0
    body = out.read_bytes()
    assert body.startswith(b"\xef\xbb\xbf") if fmt == "csv" else b"Tongjiang" in body  # CSV: commitments only
    assert b"139 0000" not in body  # public: no phone numbers
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_export_all_writes_what_the_minutes_view_writes(tmp_path, capsys):
    """`roomtui export --all` and the minutes view's e go through one function: same names, same bytes."""
    from roomtui.exporting import export_all
    from roomtui.minutes import available_formats
    from roomtui.store import Archive

    data = tmp_path / "data"
    assert main(["demo", "--no-open", "--data", str(data)]) == 0
    capsys.readouterr()
    assert main(["export", "Tongjiang", "--all", "-o", str(tmp_path / "cli"), "--data", str(data)]) == 0
    printed = capsys.readouterr().out.splitlines()
    from_view = export_all(Archive(data).load(DEMO_ID["en"]), tmp_path / "view")
    cli_files = sorted((tmp_path / "cli").iterdir())
    assert [p.name for p in cli_files] == sorted(p.name for p in from_view)
    assert len(cli_files) == 2 * len(available_formats()) and all(p.endswith(tuple(available_formats())) for p in printed)
    for path in cli_files:
        if path.suffix != ".docx":  # a Word file carries its own creation time
            assert path.read_bytes() == (tmp_path / "view" / path.name).read_bytes()


def test_export_then_import_json_round_trips(tmp_path, capsys):
    data = tmp_path / "data"
    main(["demo", "--no-open", "--data", str(data)])
    exported = tmp_path / "meeting.json"
    main(["export", DEMO_ID["en"], "--format", "json", "-o", str(exported), "--data", str(data)])
    fresh = tmp_path / "fresh"
    assert main(["import", str(exported), "--data", str(fresh)]) == 0
    again = tmp_path / "again.json"
    main(["export", DEMO_ID["en"], "--format", "json", "-o", str(again), "--data", str(fresh)])
    assert json.loads(again.read_bytes()) == json.loads(exported.read_bytes())


def test_plan_import_creates_a_meeting(tmp_path, capsys):
    from importlib.resources import files

    plan = files("roomtui.assets") / "example-plan-zh.toml"
    assert main(["import", str(plan), "--data", str(tmp_path)]) == 0
    assert "Imported" in capsys.readouterr().out
    assert main(["list", "--data", str(tmp_path)]) == 0
    assert "通江" in capsys.readouterr().out


def test_broken_import_gives_a_message_not_a_traceback(tmp_path):
    bad = tmp_path / "plan.toml"
    bad.write_text('[meeting]\ntitle = "x"\ndate = "2019-13-40"\n', encoding="utf-8")
    result = roomtui("import", str(bad), data=tmp_path / "data")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "plan.toml" in result.stderr and "line 3" in result.stderr and "2019-13-40" in result.stderr
    assert roomtui("list", data=tmp_path / "data").stdout.startswith("No meetings")


def test_unknown_meeting_is_named(tmp_path):
    result = roomtui("export", "nothing-like-this", data=tmp_path)
    assert result.returncode == 1 and "nothing-like-this" in result.stderr and "Traceback" not in result.stderr


def test_handout_text_in_a_plain_terminal(tmp_path):
    roomtui("demo", "--lang", "zh", "--no-open", data=tmp_path)
    result = roomtui("handout", DEMO_ID["zh"], "--text", data=tmp_path)
    assert result.returncode == 0 and "通江县政协" in result.stdout and "138 0000" not in result.stdout


def test_global_options_work_before_or_after_the_command(tmp_path):
    roomtui("demo", "--no-open", data=tmp_path)
    before = subprocess.run([sys.executable, "-m", "roomtui", "--data", str(tmp_path), "--lang", "zh", "list"],
                            capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert DEMO_ID["en"] in before.stdout and "筹备中" in before.stdout  # status label in the interface language
    assert DEMO_ID["en"] in roomtui("list", "--lang", "en", data=tmp_path).stdout


def test_a_plan_with_only_a_title_imports_and_opens_in_prepare(tmp_path, capsys):
    from pathlib import Path

    from roomtui.store import Archive

    plan = Path(__file__).parent / "data" / "plan" / "valid-minimal.toml"
    assert main(["import", str(plan), "--data", str(tmp_path)]) == 0
    (summary,) = Archive(tmp_path).list()
    meeting = Archive(tmp_path).load(summary.id)
    assert meeting.title == "Dongcheng residents' meeting" and meeting.status.value == "draft"
    assert not meeting.agenda and not meeting.participants


def test_export_all_public_keeps_private_data_off_the_stick_and_never_overwrites(tmp_path, capsys, monkeypatch):
    """--all --public writes the public minutes only; a second export leaves identical files alone
    and keeps a file changed since (a Word file stamped by hand) beside the new one."""
    from roomtui.minutes import available_formats

    data, out = tmp_path / "data", tmp_path / "stick"
    assert main(["demo", "--no-open", "--data", str(data)]) == 0
    assert main(["export", "Tongjiang", "--all", "--public", "-o", str(out), "--data", str(data)]) == 0
    files = sorted(out.iterdir())
    assert len(files) == len(available_formats()) and not any("internal" in p.name for p in files)
    assert not any(b"139 0000" in p.read_bytes() for p in files if p.suffix != ".docx")
    stamped = next(p for p in files if p.suffix == ".md")
    stamped.write_text("edited by hand", encoding="utf-8")
    assert main(["export", "Tongjiang", "--all", "--public", "-o", str(out), "--data", str(data)]) == 0
    again = sorted(out.iterdir())
    assert stamped.read_text(encoding="utf-8") == "edited by hand"
    assert len(again) == len(files) + 1 and stamped.with_name(f"{stamped.stem} (2).md") in again
    capsys.readouterr()
    assert main(["export", "Tongjiang", "--all", "--format", "md", "-o", str(out), "--data", str(data)]) == 1
    assert main(["export", "Tongjiang", "--all", "-o", str(stamped), "--data", str(data)]) == 1
    assert "is a file, not a folder" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)
    assert main(["export", "Tongjiang", "--format", "md", "-o", "-", "--data", str(data)]) == 0
    assert "Tongjiang" in capsys.readouterr().out and not (tmp_path / "-").exists()
