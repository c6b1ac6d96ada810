"""Plan files: the examples load, export then import gives the same meeting, and every broken
plan is refused whole with messages naming the file, the line and the field."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

import pytest

from roomtui.domain.codec import meeting_to_data
from roomtui.domain.council import Council
from roomtui.domain.demo import build_demo, play_demo
from roomtui.domain.model import AgendaKind, IssueSource, Meeting, Role
from roomtui.plan import PlanImportError, dump_plan, load_plan

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
DATA = Path(__file__).resolve().parent / "data" / "plan"


def refused(source, **kwargs) -> PlanImportError:
    with pytest.raises(PlanImportError) as caught:
        load_plan(source, **kwargs)
    return caught.value


def messages(error: PlanImportError) -> list[str]:
    return [str(p) for p in error.problems]


@pytest.fixture
def existing() -> Meeting:
    """A meeting already stored: a failed plan import must never touch it."""
    return build_demo("en")


def assert_untouched(meeting: Meeting, before: dict) -> None:
    assert meeting_to_data(meeting) == before


# -- the examples ------------------------------------------------------------------------------
@pytest.mark.parametrize("language, name", [("en", "example-plan.toml"), ("zh", "example-plan-zh.toml")])
def test_example_plan_is_the_demo_council_with_speeches_in_two_parts(language, name):
    meeting = load_plan(ASSETS / name)
    demo = build_demo(language)
    assert meeting.language == language
    for part in ("participants", "issues", "limits"):
        assert meeting_to_data(meeting)[part] == meeting_to_data(demo)[part]
    details = ("title", "theme", "series", "date", "start_time", "venue", "host", "recorder", "planned_minutes",
               "background", "next_theme")
    assert {k: getattr(meeting, k) for k in details} == {k: getattr(demo, k) for k in details}
    top = [(a.title, a.kind, a.planned_minutes) for a in meeting.agenda if a.parent_id is None]
    assert top == [(a.title, a.kind, a.planned_minutes) for a in demo.agenda]
    speeches = next(a for a in meeting.agenda if a.kind is AgendaKind.SPEECHES and a.parent_id is None)
    parts = [a for a in meeting.agenda if a.parent_id == speeches.id]
    assert [p.planned_minutes for p in parts] == [35, 25]
    assert meeting.agenda.index(parts[0]) == meeting.agenda.index(speeches) + 1  # parts follow their item
    assert meeting.created_at is None and meeting.id == ""  # the store gives it a fresh id (issue 10)


def test_example_plan_is_commented_for_each_section():
    text = (ASSETS / "example-plan.toml").read_text(encoding="utf-8")
    for header in ("[meeting]", "[limits]", "[[agenda]]", "[[agenda.parts]]", "[[participants]]", "[[issues]]"):
        before = text[:text.index(header)].rstrip().splitlines()[-1]
        assert before.startswith("#") or header == "[[agenda.parts]]", header


# -- round trip --------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "zh"])
def test_demo_plan_round_trip_gives_the_same_meeting(language):
    demo = build_demo(language)
    again = load_plan(dump_plan(demo), meeting_id=demo.id)
    assert meeting_to_data(again) == meeting_to_data(demo)
    assert dump_plan(again) == dump_plan(demo)


def test_round_trip_keeps_nesting_multiline_text_escapes_and_private_fields():
    meeting = Meeting(id="m-1", title='The "old" compound \\ council', language="zh")
    council = Council(meeting)
    council.set_details(date="2020-03-20", start_time="14:30", planned_minutes=90, review_date="2020-06-01",
                        background="Line one\n\n  indented line two\twith a tab\nline \"three\" with '''quotes'''\n\"\"\"")
    council.set_limits(booked="10:30", impromptu="4", resident="2:45", one_entry_per_person=True)
    opening = council.add_agenda_item("Opening", "opening", 10)
    council.add_agenda_item("Welcome", "other", 5, parent_id=opening.id)
    council.add_agenda_item("Speeches", "speeches", 60)
    council.add_participant("Wu Chaolin", Role.RESIDENT, affiliation="春场坪社区", contact="138 0000 0301",
                            note="hard of hearing: sit in front", present=False)
    council.add_participant("#1 [[participants]] = x", Role.OBSERVER)
    council.add_issue("No square", IssueSource.FLOOR, description="a\nb", suggestion="Build \\ one", note="private")
    meeting.created_at = datetime(2020, 3, 1, 8, 15, 30)
    text = dump_plan(meeting)
    again = load_plan(text, meeting_id="m-1")
    assert meeting_to_data(again) == meeting_to_data(meeting)
    assert [a.title for a in again.agenda] == ["Opening", "Welcome", "Speeches"]


def test_parts_added_later_come_back_under_their_item_renumbered_in_file_order():
    meeting = Meeting(id="m-2", title="T")
    council = Council(meeting)
    opening = council.add_agenda_item("Opening", "opening", 10)
    council.add_agenda_item("Speeches", "speeches", 60)
    council.add_agenda_item("Welcome", "other", 5, parent_id=opening.id)  # appended after Speeches
    again = load_plan(dump_plan(meeting), meeting_id="m-2")
    assert [(a.id, a.title, a.parent_id) for a in again.agenda] == [(1, "Opening", None), (2, "Welcome", 1),
                                                                    (3, "Speeches", None)]
    assert dump_plan(again) == dump_plan(meeting)


def test_export_of_a_played_meeting_holds_the_plan_but_no_live_records(clock):
    played = play_demo(build_demo("en"), clock)
    again = load_plan(dump_plan(played))
    assert again.speakers == [] and again.responses == [] and again.leader_summary == ""
    assert again.status.value == "draft" and again.current_item_id is None
    assert len(again.issues) == len(played.issues)
    floor = [i for i in again.issues if i.source is IssueSource.FLOOR]
    assert [i.title for i in floor] == ["Rubbish sorting bins missing"] and floor[0].raised_by is None
    absent = [p.name for p in again.participants if not p.present]
    assert absent == ["Zhou Min"]


def test_plan_id_is_taken_from_argument_then_plan_else_left_to_the_store():
    text = '[meeting]\ntitle = "T"\nid = "tongjiang-2019-11_a"\ndate = 2019-11-22\n'
    assert load_plan(text).id == "tongjiang-2019-11_a"
    assert load_plan(text, meeting_id="given").id == "given"
    # no id derived from the title any more: two plans with one title were one meeting (issue 10)
    assert load_plan('[meeting]\ntitle = "T"\n').id == ""
    assert "id '../etc' may hold only" in str(refused('[meeting]\ntitle = "T"\nid = "../etc"\n'))
    # the plan follows the store's rule for ids: a dot was accepted here and then dropped by the store
    assert "id 'a.b' may hold only" in str(refused('[meeting]\ntitle = "T"\nid = "a.b"\n'))


def test_accepts_dates_times_and_limits_in_their_friendly_forms():
    meeting = load_plan('[meeting]\ntitle = "T"\ndate = "2019-11-22"\nstart_time = 09:30:00\n'
                        'review_date = 2020-01-05\ncreated_at = "2019-11-21 17:00"\n'
                        '[limits]\nbooked = 8\nimpromptu = "4:30"\none_entry_per_person = "yes"\n')
    assert (meeting.date, meeting.start_time, meeting.review_date) == (date(2019, 11, 22), time(9, 30),
                                                                        date(2020, 1, 5))
    assert meeting.created_at == datetime(2019, 11, 21, 17, 0)
    assert (meeting.limits.booked, meeting.limits.impromptu, meeting.limits.one_entry_per_person) == (480, 270, True)


def test_text_is_cleaned_exactly_as_typed_text_is():
    meeting = load_plan('[meeting]\ntitle = "  Council \\u001b[31mred\\u202e  "\n'
                        '[[participants]]\nname = "Wu\\tChaolin"\nrole = "居民代表"\ncontact = 13800000301\n')
    typed = Meeting(id="x", title="")
    Council(typed).set_details(title="  Council \x1b[31mred\u202e  ")
    assert meeting.title == typed.title == "Council red"
    person = meeting.participants[0]
    assert (person.name, person.role, person.contact) == ("Wu Chaolin", Role.RESIDENT, "13800000301")


def test_reads_files_by_path_string_and_bytes_in_utf8_bom_and_gb18030(tmp_path):
    text = '[meeting]\ntitle = "通江县协商议事会"\n'
    for encoding in ("utf-8", "utf-8-sig", "gb18030"):
        path = tmp_path / f"{encoding}.toml"
        path.write_bytes(text.encode(encoding))
        assert load_plan(path).title == "通江县协商议事会"
        assert load_plan(str(path)).title == "通江县协商议事会"
        assert load_plan(text.encode(encoding)).title == "通江县协商议事会"


# -- broken plans ------------------------------------------------------------------------------
def test_every_problem_of_a_broken_plan_is_listed_in_file_order_with_its_line(existing):
    before = meeting_to_data(existing)
    error = refused(DATA / "many-problems.toml")
    assert messages(error) == [
        "many-problems.toml, line 6: date '2019-13-40' is not a date (use YYYY-MM-DD)",
        "many-problems.toml, line 7: start time '25:00' is not a time (use HH:MM)",
        "many-problems.toml, line 12: unknown field 'langauge' (known: id, origin, language, date, start_time, "
        "planned_minutes, review_date, issue_date, created_at, title, theme, series, venue, host, recorder, "
        "background, next_theme, document_number, issuing_office, copy_to)",
        "many-problems.toml, line 15: booked must be between 0:10 and 120:00",
        "many-problems.toml, line 22 ([[agenda.parts]] #1 of [[agenda]] #1): the parts of 'Speeches' add up "
        "to more than its 30 min",
        "many-problems.toml, line 33 ([[participants]] #2): unknown role 'boss' (one of: secretary, chair, "
        "member, resident, department, leader, observer)",
        "many-problems.toml, line 36 ([[participants]] #3): Wu Chaolin (Chunchangping community) is listed "
        "twice: lines 27 and 36",
        "many-problems.toml, line 39 ([[issues]] #1): title is required",
    ]
    assert [p.field for p in error.problems] == ["date", "start_time", "langauge", "booked", None, "role", "name",
                                                 None]
    assert_untouched(existing, before)


def test_bad_toml_names_the_line_and_column(existing):
    before = meeting_to_data(existing)
    error = refused('[meeting]\ntitle = "Council\nvenue = "x"\n', source_name="plan.toml")
    assert messages(error) == ['plan.toml, line 2: not valid TOML: Illegal character \'\\n\' (column 17)']
    assert_untouched(existing, before)


def test_unquoted_impossible_date_is_called_a_bad_date_not_a_syntax_error():
    error = refused('[meeting]\ntitle = "T"\nreview_date = 2019-13-40\n', source_name="plan.toml")
    assert messages(error) == ["plan.toml, line 3: review_date '2019-13-40' is not a date (use YYYY-MM-DD)"]
    assert error.problems[0].field == "review_date"


def test_raw_control_characters_are_refused_with_their_line():
    error = refused('[meeting]\n\ntitle = "bell\x07"\n'.encode(), source_name="plan.toml")
    assert messages(error) == ["plan.toml, line 3: not valid TOML: Illegal character '\\x07' (column 14)"]


def test_a_one_megabyte_field_is_refused_with_the_limit(existing):
    before = meeting_to_data(existing)
    big = "长" * 1_000_000
    error = refused(f'[meeting]\ntitle = "T"\n\n[[issues]]\ntitle = "Big"\ndescription = "{big}"\n',
                    source_name="plan.toml")
    assert messages(error) == ["plan.toml, line 6 ([[issues]] #1): description is 1,000,000 characters long; "
                               "the limit is 20,000"]
    assert error.problems[0].field == "description"
    assert_untouched(existing, before)


def test_duplicate_participant_names_both_lines():
    text = ('[meeting]\ntitle = "T"\n[[participants]]\nname = "Li Ming"\naffiliation = "Office"\n'
            '[[participants]]\nname = " Li  Ming "\naffiliation = "Office "\n')
    assert messages(refused(text, source_name="p.toml")) == [
        "p.toml, line 7 ([[participants]] #2): Li Ming (Office) is listed twice: lines 4 and 7"]


def test_wrong_shapes_and_types_are_named_not_crashed_on():
    text = ('plan_version = 2\nmeeting = 5\nagenda = ["Opening"]\n[limits]\nbooked = true\n'
            'one_entry_per_person = 3\n[[participants]]\nname = ["x"]\npresent = "maybe"\n'
            '[[issues]]\ntitle = "x"\nsource = "rumour"\n')
    assert messages(refused(text, source_name="p.toml")) == [
        "p.toml, line 1: plan_version 2 was written by a newer roomtui; this one reads up to 1",
        "p.toml, line 2: 'meeting' must be a table: [meeting]",
        "p.toml, line 2 ([meeting]): title is required",
        "p.toml, line 3: 'agenda' must be a list of tables: [[agenda]]",
        "p.toml, line 5: booked must be \"M:SS\" or whole minutes",
        "p.toml, line 6: one_entry_per_person must be true or false",
        "p.toml, line 8 ([[participants]] #1): name must be text in quotes",
        "p.toml, line 9 ([[participants]] #1): present must be true or false",
        "p.toml, line 12 ([[issues]] #1): source 'rumour' is not one of: report, floor",
    ]


def test_file_problems_name_the_file(tmp_path):
    assert messages(refused(tmp_path / "nope.toml")) == [f"nope.toml: file not found: {tmp_path / 'nope.toml'}"]
    big = tmp_path / "big.toml"
    from roomtui.domain.validation import MAX_FILE_BYTES

    with open(big, "wb") as handle:  # sparse: the size is refused before anything is read
        handle.truncate(MAX_FILE_BYTES + 1)
    limit = MAX_FILE_BYTES // 1024 // 1024
    assert messages(refused(big)) == [f"big.toml: the file is {limit}.0 MB; no meeting file is larger than {limit} MB"]
    folder = tmp_path / "plans.toml"
    folder.mkdir()
    assert messages(refused(str(folder))) == [f"plans.toml: {folder} is a folder, not a file"]
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b'[meeting]\ntitle = "caf\xe9"\n\xff\xfe')
    assert messages(refused(latin)) == ["latin.toml, line 2: the text is neither UTF-8 nor GB18030/GBK: "
                                        "save it as UTF-8"]


def test_deep_nesting_is_refused_plainly():
    assert "nested too deeply" in str(refused("a = " + "[" * 5000 + "]" * 5000))


def test_the_shown_list_is_capped():
    text = '[meeting]\ntitle = "T"\n' + "".join(f'[[participants]]\nname = "P{n}"\nrole = "x"\n' for n in range(30))
    error = refused(text)
    assert len(error.problems) == 30
    assert str(error).splitlines()[-1] == "... and 10 more" and len(str(error).splitlines()) == 21


def test_no_partial_meeting_escapes_a_refused_plan():
    text = dump_plan(build_demo("en")) + '\n[[participants]]\nname = "X"\nrole = "nobody"\n'
    with pytest.raises(PlanImportError):
        load_plan(text)
    replace(build_demo("en"))  # the demo builder still works: nothing global was disturbed
