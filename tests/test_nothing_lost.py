"""Nothing lost, round 2 (issue 10): imports never overwrite, every file read is checked, the data
folder tolerates what people and disks do to it, and no traceback ever reaches the screen.

Each test reproduces one way data was lost or a traceback shown before, and asserts on what is
really stored on disk afterwards.
"""

from __future__ import annotations

import errno
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from roomtui.cli import main
from roomtui.domain import Council, FrozenClock, MeetingStatus, ValidationError
from roomtui.domain.codec import meeting_to_data
from roomtui.domain.demo import DEMO_ID, build_demo, play_demo
from roomtui.importing import ImportRefused, import_file, replace_from_file
from roomtui.minutes import MinutesImportError, export_minutes, meeting_from_json
from roomtui.plan.toml_plan import dump_plan
from roomtui.store import DAMAGED, Archive, BadMeetingFile
from roomtui.store.desk import Desk
from roomtui.store.lock import MeetingLock

DEMO = DEMO_ID["en"]


def closed_demo(archive: Archive) -> str:
    """The demo council run from opening to closing and stored: speeches, responses, grades."""
    meeting = play_demo(build_demo("en"), FrozenClock(datetime(2019, 11, 22, 9)))
    assert meeting.status is MeetingStatus.CLOSED and meeting.responses
    return archive.create(meeting)


def data_of(archive: Archive, meeting_id: str) -> dict:
    return meeting_to_data(archive.load(meeting_id))


def write(tmp_path: Path, name: str, body: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(body.encode("utf-8") if isinstance(body, str) else body)
    return path


# -- 1. an import never silently replaces a meeting ------------------------------------------------
def test_the_same_plan_twice_makes_two_meetings(archive, tmp_path):
    plan = write(tmp_path, "plan.toml", dump_plan(build_demo("en")))
    first = import_file(archive, plan).meeting_id
    before = data_of(archive, first)
    second = import_file(archive, plan).meeting_id
    assert first != second and len(archive.list()) == 2
    assert data_of(archive, first) == before


def test_two_plans_with_one_title_and_date_are_two_meetings(archive, tmp_path):
    one = import_file(archive, write(tmp_path, "a.toml", '[meeting]\ntitle = "T"\ndate = 2019-11-22\n'))
    two = import_file(archive, write(tmp_path, "b.toml", '[meeting]\ntitle = "T"\ndate = 2019-11-22\nvenue = "V"\n'))
    assert one.meeting_id != two.meeting_id
    assert archive.load(one.meeting_id).venue == "" and archive.load(two.meeting_id).venue == "V"


def test_a_closed_meeting_survives_importing_its_own_plan_and_json(archive, tmp_path):
    closed = closed_demo(archive)
    before = data_of(archive, closed)
    meeting = archive.load(closed)
    import_file(archive, write(tmp_path, "plan.toml", dump_plan(meeting)))
    result = import_file(archive, write(tmp_path, "m.json", export_minutes(meeting, "json", public=False)))
    assert result.file_id == closed and result.meeting_id != closed  # the message names both
    assert data_of(archive, closed) == before
    assert archive.load(closed).status is MeetingStatus.CLOSED and archive.load(closed).responses


def test_a_public_export_never_strips_the_internal_meeting(archive, tmp_path):
    archive.ensure_demo("en")
    before = data_of(archive, DEMO)
    public = write(tmp_path, "public.json", export_minutes(archive.load(DEMO), "json", public=True))
    import_file(archive, public)
    assert data_of(archive, DEMO) == before
    assert any(p["contact"] for p in before["participants"])


def test_a_plan_naming_an_existing_id_gets_a_fresh_one(archive, tmp_path):
    archive.ensure_demo("en")
    before = data_of(archive, DEMO)
    result = import_file(archive, write(tmp_path, "p.toml", f'[meeting]\ntitle = "Other"\nid = "{DEMO}"\n'))
    assert result.meeting_id != DEMO and result.file_id == DEMO
    assert data_of(archive, DEMO) == before


def test_the_cli_says_the_import_is_a_new_meeting(tmp_path, capsys):
    data = tmp_path / "data"
    main(["demo", "--no-open", "--data", str(data)])
    plan = tmp_path / "p.toml"
    main(["export", DEMO, "--format", "plan", "-o", str(plan), "--data", str(data)])
    capsys.readouterr()
    assert main(["import", str(plan), "--data", str(data)]) == 0
    assert "as new meeting" in capsys.readouterr().out
    assert len(Archive(data).list()) == 2


def test_create_never_replaces_a_file_that_appeared_meanwhile(archive):
    from roomtui.store.new_file import write_new

    path = archive.meetings_dir / "taken.json"
    path.write_bytes(b"someone else's")
    assert write_new(path, b"ours") is False
    assert path.read_bytes() == b"someone else's"


def test_replace_a_draft_keeps_the_old_version_and_says_where(tmp_path, capsys):
    data = tmp_path / "data"
    first = write(tmp_path, "first.toml", '[meeting]\ntitle = "First"\nid = "council-1"\n[[agenda]]\ntitle = "A"\n')
    main(["import", str(first), "--data", str(data)])
    before = Path(data / "meetings" / "council-1.json").read_bytes()
    plan = write(tmp_path, "p.toml", '[meeting]\ntitle = "Replaced"\n')
    capsys.readouterr()
    assert main(["import", str(plan), "--replace", "council-1", "--data", str(data)]) == 0
    out = capsys.readouterr().out
    backup = Path(out.split("kept as ")[1].strip().rstrip("."))
    assert backup.read_bytes() == before and backup.parent == data / "backups"
    assert oct(backup.stat().st_mode & 0o777) == "0o600"
    assert Archive(data).load("council-1").title == "Replaced" and len(Archive(data).list()) == 1


def test_replacing_the_demo_with_a_plan_lacking_its_contacts_needs_force(tmp_path, capsys):
    data = tmp_path / "data"
    main(["demo", "--no-open", "--data", str(data)])
    plan = write(tmp_path, "p.toml", '[meeting]\ntitle = "Replaced"\n')
    capsys.readouterr()
    assert main(["import", str(plan), "--replace", DEMO, "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert "16 participants" in err and "draft" in err and "--force" in err and "private" in err
    assert Archive(data).load(DEMO).participants
    assert main(["import", str(plan), "--replace", DEMO, "--force", "--data", str(data)]) == 0
    assert Archive(data).load(DEMO).title == "Replaced"


def test_replacing_a_run_meeting_needs_force(archive, tmp_path):
    closed = closed_demo(archive)
    before = data_of(archive, closed)
    plan = write(tmp_path, "p.toml", dump_plan(archive.load(closed)))
    with pytest.raises(ImportRefused) as refused:
        replace_from_file(Desk(archive), plan, closed)
    message = str(refused.value)
    assert "--force" in message and "closed" in message and "responses" in message and closed in message
    assert data_of(archive, closed) == before
    result = replace_from_file(Desk(archive), plan, closed, force=True)
    assert archive.load(closed).status is MeetingStatus.DRAFT
    kept = json.loads(result.backup.read_bytes())
    assert kept["meeting"]["1"]["status"] == "closed"  # the run meeting is in the backup, whole


def test_replacing_with_a_public_export_needs_force(archive, tmp_path):
    archive.ensure_demo("en")
    public = write(tmp_path, "public.json", export_minutes(archive.load(DEMO), "json", public=True))
    with pytest.raises(ImportRefused, match="private"):
        replace_from_file(Desk(archive), public, DEMO)
    assert any(p.contact for p in archive.load(DEMO).participants)


def test_force_without_replace_is_refused(tmp_path, capsys):
    plan = write(tmp_path, "p.toml", '[meeting]\ntitle = "T"\n')
    assert main(["import", str(plan), "--force", "--data", str(tmp_path / "d")]) == 1
    assert "--replace" in capsys.readouterr().err


def test_replacing_a_meeting_open_in_another_roomtui_is_a_message(archive, tmp_path):
    archive.ensure_demo("en")
    before = data_of(archive, DEMO)
    other = Archive(archive.root).open(DEMO)  # holds the lock, as another roomtui would
    try:
        with pytest.raises(ImportRefused, match="another roomtui"):
            replace_from_file(Desk(archive), write(tmp_path, "p.toml", '[meeting]\ntitle = "X"\n'), DEMO, force=True)
    finally:
        other.close()
    assert data_of(archive, DEMO) == before


# -- 2. a JSON meeting file is checked as strictly as a plan ---------------------------------------
def demo_document() -> dict:
    meeting = play_demo(build_demo("en"), FrozenClock(datetime(2019, 11, 22, 9)))
    return json.loads(export_minutes(meeting, "json", public=False))


def refused_json(document: dict) -> str:
    with pytest.raises(MinutesImportError) as refused:
        meeting_from_json(json.dumps(document, ensure_ascii=False))
    return str(refused.value)


@pytest.mark.parametrize("change, expected", [
    (lambda m: m["speakers"][0].__setitem__("started_at", "2019-11-22T09:05:00+08:00"),
     "meeting.speakers[0].started_at: 2019-11-22T09:05:00+08:00 gives a time zone"),
    (lambda m: m.__setitem__("date", "9999-12-31"), "meeting.date: 9999-12-31 is outside 1990-2100"),
    (lambda m: m["speakers"][1].__setitem__("ended_at", "9999-12-31T23:59:59"), "meeting.speakers[1].ended_at"),
    (lambda m: m.__setitem__("planned_minutes", 10**12), "meeting.planned_minutes: 1000000000000 is outside"),
    (lambda m: m["agenda"][0].__setitem__("planned_minutes", -5), "meeting.agenda[0].planned_minutes: -5 is outside"),
    (lambda m: m["limits"].__setitem__("booked", -60), "meeting.limits.booked: -60 is outside"),
    (lambda m: m["speakers"][0].__setitem__("limit_seconds", 10**15), "meeting.speakers[0].limit_seconds"),
    (lambda m: m.__setitem__("title", "字" * 5_000_000), "meeting.title is 5,000,000 characters long"),
    (lambda m: m["issues"][0].__setitem__("description", "x" * 20_001), "meeting.issues[0].description is 20,001"),
    (lambda m: (m["agenda"][0].__setitem__("parent_id", m["agenda"][1]["id"]),
                m["agenda"][1].__setitem__("parent_id", m["agenda"][0]["id"])), "nest one level only"),
    (lambda m: m["agenda"][0].__setitem__("parent_id", m["agenda"][0]["id"]), "nest one level only"),
    (lambda m: m.__setitem__("language", "xx"), "meeting.language"),
    (lambda m: m["participants"].append(dict(m["participants"][0], id=999,
                                             name=m["participants"][0]["name"][:1] + "\u200b"
                                             + m["participants"][0]["name"][1:])), "listed twice"),
], ids=["time zone", "year 9999", "datetime 9999", "huge minutes", "negative minutes", "negative limit",
        "huge speaking limit", "5 MB title", "long description", "parent cycle", "own parent", "language",
        "invisible duplicate"])
def test_a_json_meeting_is_refused_naming_the_field(change, expected):
    document = demo_document()
    change(document["meeting"])
    assert expected in refused_json(document)


def test_a_deeply_nested_file_is_a_message_not_a_recursion_error(tmp_path):
    for depth in (50, 100_000):
        text = '{"format": "roomtui-meeting", "schema": 1, "meeting": ' + "[" * depth + "]" * depth + "}"
        with pytest.raises(MinutesImportError):
            meeting_from_json(text)
    document = demo_document()
    nested: list = []
    for _ in range(900):
        nested = [nested]
    document["meeting"]["extra"] = nested
    assert "nested" in refused_json(document)


@pytest.mark.parametrize("edit", ["time zone", "cycle", "year", "deep"])
def test_a_bad_meeting_file_on_disk_is_reported_like_other_bad_files(archive, edit):
    meeting_id = closed_demo(archive)
    path = archive.path_of(meeting_id)
    tables = json.loads(path.read_bytes())
    if edit == "time zone":
        tables["speakers"]["1"]["started_at"] = "2019-11-22T09:05:00+08:00"
    elif edit == "cycle":
        tables["agenda"]["1"]["parent_id"], tables["agenda"]["2"]["parent_id"] = 2, 1
    elif edit == "year":
        tables["meeting"]["1"]["closed_at"] = "9999-12-31T23:59:59"
    else:
        tables["meeting"]["1"]["junk"] = json.loads("[" * 900 + "]" * 900)
    damaged = json.dumps(tables).encode()
    path.write_bytes(damaged)
    with pytest.raises(BadMeetingFile) as refused:
        archive.open(meeting_id)
    assert str(path) in str(refused.value) and "has not been changed" in str(refused.value)
    assert path.read_bytes() == damaged
    (summary,) = [s for s in Archive(archive.root).list() if s.id == meeting_id]
    assert summary.status == DAMAGED and summary.problem


def test_a_meeting_file_on_disk_gets_the_same_messages_in_the_cli(tmp_path):
    data = tmp_path / "data"
    main(["demo", "--no-open", "--data", str(data)])
    path = data / "meetings" / f"{DEMO}.json"
    tables = json.loads(path.read_bytes())
    tables["meeting"]["1"]["date"] = "9999-01-01"
    path.write_bytes(json.dumps(tables).encode())
    result = subprocess.run([sys.executable, "-m", "roomtui", "export", DEMO, "--data", str(data)],
                            capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "meeting.date: 9999-01-01 is outside 1990-2100" in result.stderr


# -- 3. the data folder tolerates what people and disks do to it ----------------------------------
def test_a_stray_file_in_meetings_is_ignored_with_a_notice(tmp_path):
    data = tmp_path / "data"
    main(["demo", "--no-open", "--data", str(data)])
    copy_name = data / "meetings" / "X copy (1).json"
    copy_name.write_bytes((data / "meetings" / f"{DEMO}.json").read_bytes())
    (data / "meetings" / "notes.json").mkdir()
    result = subprocess.run([sys.executable, "-m", "roomtui", "list", "--data", str(data)], capture_output=True,
                            text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 0 and result.stdout.count("\n") == 1 and DEMO in result.stdout
    assert "X copy (1).json" in result.stderr and "Traceback" not in result.stderr
    assert copy_name.exists()  # left alone


@pytest.mark.parametrize("index", [b"[1,2]", b'{"_default": {"1": 5}}', b'{"_default": {"1": {"id": 7}}}',
                                   b'{"_default": []}', b"\x00\x01", b'"text"'])
def test_an_index_of_the_wrong_shape_is_rebuilt(archive, index):
    archive.ensure_demo("en")
    (archive.root / "index.json").write_bytes(index)
    summaries = Archive(archive.root).list()
    assert [s.id for s in summaries] == [DEMO] and summaries[0].status == "draft"
    assert Archive(archive.root).list() == summaries


def test_a_damaged_meeting_is_marked_in_the_list(tmp_path):
    data = tmp_path / "data"
    main(["demo", "--no-open", "--data", str(data)])
    assert "draft" in subprocess.run([sys.executable, "-m", "roomtui", "list", "--data", str(data)],
                                     capture_output=True, text=True, timeout=60).stdout
    path = data / "meetings" / f"{DEMO}.json"
    path.write_bytes(path.read_bytes()[:100])  # the index still lists it as a draft
    listed = subprocess.run([sys.executable, "-m", "roomtui", "list", "--data", str(data)], capture_output=True,
                            text=True, encoding="utf-8", timeout=60)
    assert "DAMAGED" in listed.stdout and "draft" not in listed.stdout and listed.returncode == 0


def test_a_lock_file_that_cannot_be_made_opens_read_only_with_the_reason(archive, monkeypatch):
    archive.ensure_demo("en")

    def refuse(self):
        raise OSError(errno.EROFS, "Read-only file system", str(self.path))

    monkeypatch.setattr(MeetingLock, "acquire", refuse)
    session = archive.open(DEMO)
    try:
        assert session.read_only and "lock file" in session.read_only_reason
        assert "Read-only file system" in session.read_only_reason
    finally:
        session.close()


# -- 4. no traceback reaches the screen -----------------------------------------------------------
PHONE = "139 0000 4242"


def test_the_cli_writes_a_report_and_prints_one_line(tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    main(["demo", "--no-open", "--data", str(data)])
    capsys.readouterr()

    def broken(self):
        contact = PHONE  # a local variable Textual or rich would have shown
        raise RuntimeError(f"unexpected, near {contact}")

    monkeypatch.setattr(Archive, "list", broken)
    assert main(["list", "--data", str(data)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err and PHONE not in err
    report = Path(err.strip().split("The report is in ")[1])
    assert report.parent == data / "crash-reports" and oct(report.stat().st_mode & 0o777) == "0o600"
    assert "Traceback" in report.read_text() and "RuntimeError" in report.read_text()


CRASHING_APP = """
import sys
from roomtui.store import Archive
from roomtui.tui.app import RoomApp

archive = Archive(sys.argv[1])
app = RoomApp(archive, meeting_id=archive.ensure_demo("en"))

def boom():
    contact = "%s"
    raise RuntimeError("boom")

async def pilot(p):
    await p.pause()
    p.app.call_later(boom)
    await p.pause()

app.run(headless=True, size=(100, 30), auto_pilot=pilot)
sys.exit(app.return_code or 0)
""" % PHONE


def test_the_app_shows_a_short_message_never_locals(tmp_path):
    data = tmp_path / "data"
    result = subprocess.run([sys.executable, "-c", CRASHING_APP, str(data)], capture_output=True, text=True,
                            encoding="utf-8", timeout=120)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert PHONE not in output and "Traceback" not in output and "locals" not in output
    assert "unexpected error (RuntimeError)" in output and "safe" in output
    (report,) = (data / "crash-reports").iterdir()
    assert oct(report.stat().st_mode & 0o777) == "0o600" and "boom" in report.read_text()


# -- 5. messages are as clean as stored text ------------------------------------------------------
OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"


@pytest.mark.parametrize("plan", [
    f'[meeting]\ntitle = "T"\nlanguage = "{OSC52}"\n',
    f'[meeting]\ntitle = "T"\ndate = "{OSC52}"\n',
    f'[meeting]\ntitle = "T"\nid = "{OSC52}"\n',
    f'[meeting]\ntitle = "T"\nplanned_minutes = "{OSC52}"\n',
    f'[meeting]\ntitle = "T"\n[limits]\nbooked = "{OSC52}"\n',
    f'[meeting]\ntitle = "T"\n[[agenda]]\ntitle = "A"\nkind = "{OSC52}"\n',
    f'[meeting]\ntitle = "T"\n[[agenda]]\ntitle = "A"\nplanned_minutes = "{OSC52}"\n',
    f'[meeting]\ntitle = "T"\n[[participants]]\nname = "A"\nrole = "{OSC52}"\n',
    f'[meeting]\ntitle = "T"\n"{OSC52}" = 1\n',
    f'[meeting]\ntitle = "T"\n[[issues]]\ntitle = "I"\nsource = "{OSC52}"\n',
], ids=["language", "date", "id", "planned_minutes", "limit", "kind", "item minutes", "role", "unknown key",
        "source"])
def test_plan_messages_show_escape_sequences_visibly(tmp_path, plan):
    path = write(tmp_path, "plan.toml", plan.replace("\x1b", "\\u001b").replace("\x07", "\\u0007"))
    result = subprocess.run([sys.executable, "-m", "roomtui", "import", str(path), "--data", str(tmp_path / "d")],
                            capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\x9b" not in result.stderr
    assert "\\x1b]52" in result.stderr  # shown, so the secretary sees what the file holds


def test_csv_and_json_messages_show_escape_sequences_visibly(tmp_path):
    from roomtui.plan import PlanImportError, read_participants_csv

    with pytest.raises(PlanImportError) as refused:
        read_participants_csv(f"name,role\nWu,{OSC52}\n".encode(), source_name="p.csv")
    assert "\x1b" not in str(refused.value) and "\\x1b" in str(refused.value)
    document = demo_document()
    document["meeting"]["participants"][0]["role"] = OSC52
    message = refused_json(document)
    assert "\x1b" not in message and "\x07" not in message
    with pytest.raises(ValidationError) as typed:
        Council(build_demo("en")).add_participant("Wu", OSC52)
    assert "\x1b" not in str(typed.value) and all("\x07" not in p for p in typed.value.problems)


# -- 6. CSV and text details ------------------------------------------------------------------------
def test_an_unclosed_quote_is_refused_at_the_line_it_opens():
    from roomtui.plan import PlanImportError, read_participants_csv

    text = "name,role,contact\nZhao,member,1\nWang Ming,\"member,139 1111\nLi Si,member,138\nZhang San,resident,137\n"
    with pytest.raises(PlanImportError) as refused:
        read_participants_csv(text.encode(), source_name="people.csv")
    (problem,) = refused.value.problems
    assert problem.line == 3 and "quote" in problem.message


def test_a_quote_closing_lines_later_in_a_one_line_field_is_named():
    from roomtui.plan import PlanImportError, read_participants_csv

    text = "name,affiliation,contact\nWang Ming,\"Dongcheng,139\nLi Si,member,138\"\nZhang San,x,137\n"
    with pytest.raises(PlanImportError) as refused:
        read_participants_csv(text.encode(), source_name="people.csv")
    assert refused.value.problems[0].line == 2 and "quote" in refused.value.problems[0].message


def test_private_use_characters_in_names_are_kept(tmp_path):
    from roomtui.plan import import_participants_csv

    meeting = build_demo("zh")
    (person,) = import_participants_csv(meeting, "姓名,身份\n王\ue000明,委员\n".encode("gb18030"), source_name="p.csv")
    assert person.name == "王\ue000明"
    Council(meeting).update_participant(person.id, affiliation="\ue001社区")
    assert person.affiliation == "\ue001社区"


def test_invisible_characters_do_not_let_a_duplicate_through():
    from roomtui.plan import PlanImportError, import_participants_csv, read_participants_csv

    with pytest.raises(PlanImportError, match="listed twice"):
        read_participants_csv("姓名\n张三\n张\u200b三\n".encode(), source_name="p.csv")
    meeting = build_demo("zh")
    council = Council(meeting)
    council.add_participant("张三", "member")
    with pytest.raises(ValidationError):
        council.add_participant("张\u200b三", "member")
    with pytest.raises(PlanImportError, match="already participant"):
        import_participants_csv(meeting, "姓名\n张\u2060三\n".encode(), source_name="p.csv")


def test_an_unterminated_osc_removes_only_the_sequence():
    from roomtui.domain.text import clean_text

    assert clean_text("Council \x1b]0;of Tongjiang") == "Council of Tongjiang"
    assert clean_text("A\x1b]52;c;Zm9v\x07B") == "AB"
    assert clean_text("A\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\B") == "AlinkB"


# -- 7. size limits that hold together --------------------------------------------------------------
def test_agenda_checks_are_linear(monkeypatch):
    """No per-item scan of the agenda while a plan is built: lookups and agenda checks are counted."""
    from roomtui.domain import council as council_module
    from roomtui.domain import model
    from roomtui.domain import validation
    from roomtui.plan.toml_plan import load_plan

    calls = {"lookups": 0, "whole agenda checks": 0}
    original_item, original_next, original_parts = model.Meeting.agenda_item, model.Meeting.next_id, \
        validation.parts_problems

    def counted(name, function):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(model.Meeting, "agenda_item", counted("lookups", original_item))
    monkeypatch.setattr(model.Meeting, "next_id", counted("lookups", original_next))
    monkeypatch.setattr(validation, "parts_problems", counted("whole agenda checks", original_parts))
    monkeypatch.setattr(council_module, "parts_problems", counted("whole agenda checks", original_parts))
    lines = ['[meeting]', 'title = "Big"']
    for i in range(400):
        lines += ['[[agenda]]', f'title = "Item {i}"', 'planned_minutes = 5', '[[agenda.parts]]',
                  f'title = "Part {i}"', 'planned_minutes = 2']
    meeting = load_plan("\n".join(lines) + "\n")
    assert len(meeting.agenda) == 800
    assert calls == {"lookups": 0, "whole agenda checks": 1}  # one pass in record_problems


def test_an_action_that_would_outgrow_the_meeting_is_refused(archive, monkeypatch):
    from roomtui.domain import validation

    archive.ensure_demo("en")
    session = archive.open(DEMO)
    try:
        before = meeting_to_data(session.meeting)
        monkeypatch.setattr(validation, "MAX_MEETING_BYTES", len(json.dumps(before, ensure_ascii=False)) + 100)
        with pytest.raises(ValidationError, match="a meeting holds at most"):
            session.do("background", lambda c: c.set_details(background="字" * 2000))
        assert meeting_to_data(session.meeting) == before
    finally:
        session.close()
    assert data_of(archive, DEMO) == before


def test_exports_stay_within_the_import_limit_whatever_the_shape():
    """The import limit is IMPORT_SIZE_FACTOR times the meeting limit: no export is relatively larger
    than that, tiny records included (many short speaker turns with pauses, deep in the file)."""
    from roomtui.domain import SpeakerKind
    from roomtui.domain.validation import IMPORT_SIZE_FACTOR, encoded_size

    clock = FrozenClock(datetime(2019, 11, 22, 9))
    meeting = build_demo("en")
    council = Council(meeting, clock)
    council.start_meeting()
    order = council.speaking_order()
    for _ in range(300):
        order.add(meeting.participants[0].id, SpeakerKind.IMPROMPTU, clock.now())
        order.next(clock.now())
        order.pause(clock.advance(5))
        order.resume(clock.advance(5))
        order.stop(clock.advance(5))
    assert len(meeting.speakers) >= 300 and all(s.pauses for s in meeting.speakers)
    stored = encoded_size(meeting_to_data(meeting))
    for fmt in ("json", "plan"):
        from roomtui.exporting import export_bytes

        assert len(export_bytes(meeting, fmt, public=False)) < IMPORT_SIZE_FACTOR * stored


def test_a_meeting_near_the_size_limit_exports_and_imports_back(tmp_path, monkeypatch):
    from roomtui.domain import validation

    monkeypatch.setattr(validation, "MAX_MEETING_BYTES", 600_000)
    monkeypatch.setattr(validation, "MAX_FILE_BYTES", 4 * 600_000)
    archive = Archive(tmp_path / "data")
    meeting = build_demo("zh")
    council = Council(meeting)
    n = 0
    while validation.encoded_size(meeting_to_data(meeting)) < 560_000:
        n += 1
        council.add_participant(f"参会人{n}", "resident", affiliation="社区", note="备注" * 2000)
    meeting_id = archive.create(meeting)
    for fmt, name in (("json", "m.json"), ("plan", "m.toml")):
        from roomtui.exporting import export_bytes

        path = write(tmp_path, name, export_bytes(archive.load(meeting_id), fmt, public=False))
        assert len(path.read_bytes()) > 560_000
        again = import_file(archive, path).meeting_id
        assert len(archive.load(again).participants) == len(meeting.participants)
