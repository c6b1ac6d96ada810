"""Follow-up: dated grading history, closed meetings, and the report-back link across meetings."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from roomtui.domain.clock import FrozenClock
from roomtui.domain.council import Council
from roomtui.domain.followup import (
    Filter,
    MeetingFollowUp,
    Register,
    commitment_ref,
)
from roomtui.domain.report_back_agenda import add_report_back
from roomtui.domain.model import Grade, MeetingStatus
from roomtui.domain.validation import ValidationError
from roomtui.store.desk import Desk
from roomtui.store.followup_index import load_register
from tests.followup_helpers import FIRE, HOUSING, POLICE, SERIES_A, SERIES_B, council_with, two_series_folder

TODAY = date(2020, 4, 1)


def test_grade_and_note_make_a_dated_history():
    meeting = council_with("m", "Council", date(2019, 11, 22), SERIES_A,
                           [("Fire lane", FIRE, "Mark the lane", "2019-12-07")], closed=False)
    clock = FrozenClock(datetime(2019, 12, 1, 10, 0))
    council = Council(meeting, clock)
    council.record_progress(1, 0, grade="B", note="Survey done, paint ordered")
    clock.set(datetime(2019, 12, 6, 16, 30))
    council.record_progress(1, 0, grade=Grade.A)
    clock.set(datetime(2019, 12, 8, 9, 0))
    council.record_progress(1, 0, note="Checked on site: lane kept clear")
    c = meeting.responses[0].commitments[0]
    assert c.grade is Grade.A
    assert [(e.at.day, e.previous, e.grade, e.note) for e in c.history] == [
        (1, None, Grade.B, "Survey done, paint ordered"),
        (6, Grade.B, Grade.A, ""),
        (8, Grade.A, None, "Checked on site: lane kept clear"),
    ]
    with pytest.raises(ValidationError):
        council.record_progress(1, 0)  # neither a grade nor a note
    with pytest.raises(ValidationError):
        council.record_progress(1, 3, grade="A")


def test_closed_meeting_takes_follow_up_and_nothing_else(archive, clock):
    meeting_id = archive.create(council_with("m", "Council", date(2019, 11, 22), SERIES_A,
                                             [("Fire lane", FIRE, "Mark the lane", "2019-12-07")]))
    session = archive.open(meeting_id, clock=clock)
    session.do("grade", lambda c: c.record_progress(1, 0, grade="B", note="started"))
    with pytest.raises(ValidationError, match="closed"):
        session.do("rename", lambda c: c.set_details(title="Another title"))
    with pytest.raises(ValidationError, match="closed"):
        session.do("add", lambda c: c.add_issue("New issue"))
    session.close()
    stored = archive.load(meeting_id)
    assert stored.title == "Council"
    assert stored.responses[0].commitments[0].history[0].note == "started"
    assert stored.status is MeetingStatus.CLOSED


def _answer(desk, meeting_id, issue_id, disposition="resolve_now", **values):
    def act(c):
        issue = c.meeting.issue(issue_id)
        return c.record_response(issue_id, issue.expected_department, disposition, **values)

    return desk.act(meeting_id, "answer", act)


def test_report_back_answer_updates_the_original_and_undo_reverts_both(archive):
    two_series_folder(archive)
    register = load_register(archive, TODAY)
    open_a = register.open_in_series(SERIES_A, before=date(2020, 5, 8))
    assert {e.ref for e in open_a} == {commitment_ref("a-2019", r, 1) for r in (1, 2, 3)} | {"a-2020#r1.1"}
    nxt = council_with("a-2020b", "Next council", date(2020, 5, 8), SERIES_A, [], closed=False)
    archive.create(nxt)
    clock = FrozenClock(datetime(2020, 5, 8, 9, 30))
    desk = Desk(archive, clock)
    session = desk.open("a-2020b")
    desk.act("a-2020b", "report-back", lambda c: add_report_back(c, open_a))
    meeting = session.meeting
    assert meeting.agenda[1].title == "Report on earlier commitments"
    linked = {i.followup_of: i for i in meeting.issues}
    roof = linked["a-2019#r3.1"]
    assert roof.expected_department == HOUSING
    _answer(desk, "a-2020b", roof.id, action="Roof repaired in December", lead_unit=HOUSING, deadline="2020-05-08",
            text="All roofs repaired")
    original = archive.load("a-2019").responses[2].commitments[0]
    assert original.grade is Grade.A
    assert original.history[-1].source == "a-2020b#r1"
    assert "All roofs repaired" in original.history[-1].note
    # the register agrees
    entry = next(e for e in load_register(archive, TODAY).entries if e.ref == "a-2019#r3.1")
    assert entry.grade is Grade.A and entry.history[-1].source == "a-2020b#r1"
    # undo in the later meeting takes the answer back in both files
    desk.undo()
    assert not archive.load("a-2020b").responses
    original = archive.load("a-2019").responses[2].commitments[0]
    assert original.grade is None and original.history == []
    # higher-level support grades D
    sheds = linked["a-2019#r2.1"]
    _answer(desk, "a-2020b", sheds.id, "higher_level", reason="Provincial funds", body_asked="Province",
            next_step="Apply", interim_measure="Patrols")
    assert archive.load("a-2019").responses[1].commitments[0].grade is Grade.D
    desk.close()


def test_a_lost_copy_heals_from_the_register(archive):
    two_series_folder(archive)
    nxt = council_with("a-next", "Next council", date(2020, 5, 8), SERIES_A, [], closed=False)
    add_report_back(Council(nxt), load_register(archive, TODAY).open_in_series(SERIES_A))
    issue = next(i for i in nxt.issues if i.followup_of == "a-2020#r1.1")
    Council(nxt, FrozenClock(datetime(2020, 5, 8, 10))).record_response(
        issue.id, HOUSING, "step_by_step", plan="Design", milestones="June", target_date="2020-10-01")
    archive.create(nxt)  # written without carrying the answer over: as after a crash between writes
    assert archive.load("a-2020").responses[0].commitments[0].grade is None
    register = load_register(archive, TODAY)
    assert next(e for e in register.entries if e.ref == "a-2020#r1.1").grade is Grade.B
    assert register.out_of_step == {"a-2020"}
    assert Desk(archive).repair_copies(register) == []
    assert archive.load("a-2020").responses[0].commitments[0].grade is Grade.B
    assert load_register(archive, TODAY).out_of_step == set()


def test_register_over_two_series_sorts_filters_and_counts(archive):
    two_series_folder(archive)
    (archive.meetings_dir / "broken.json").write_text("{not json", encoding="utf-8")
    session = archive.open("a-2019", clock=FrozenClock(datetime(2019, 12, 5, 9)))
    session.do("solve", lambda c: c.record_progress(1, 0, grade="A"))  # fire lane, on time
    session.close()
    session = archive.open("b-2020", clock=FrozenClock(datetime(2020, 3, 1, 9)))
    session.do("solve late", lambda c: c.record_progress(1, 0, grade="A", note="patrols since March"))
    session.close()
    register = load_register(archive, TODAY)
    assert register.damaged and register.damaged[0][0] == "broken.json"
    refs = [e.ref for e in register.entries]
    # overdue first (roof repair 2019-12-22), then by deadline; no deadline last
    assert refs == ["a-2019#r3.1", "a-2019#r1.1", "b-2020#r1.1", "a-2020#r1.1", "a-2019#r2.1", "b-2020#r2.1"]
    assert [e.ref for e in register.select(Filter(department=HOUSING))] == ["a-2019#r3.1", "a-2020#r1.1",
                                                                            "a-2019#r2.1"]
    assert {e.ref for e in register.select(Filter(series=SERIES_B))} == {"b-2020#r1.1", "b-2020#r2.1"}
    assert [e.ref for e in register.select(Filter(grade="A"))] == ["a-2019#r1.1", "b-2020#r1.1"]
    assert len(register.select(Filter(open_only=True))) == 4
    counts = {c.department: c for c in register.counts()}
    assert (counts[FIRE].promised, counts[FIRE].solved, counts[FIRE].solved_on_time, counts[FIRE].overdue) == (1, 1, 1, 0)
    assert (counts[POLICE].promised, counts[POLICE].solved, counts[POLICE].solved_on_time) == (2, 1, 0)
    assert (counts[HOUSING].promised, counts[HOUSING].overdue) == (3, 1)
    # warm: the index answers without reading meeting files again
    again = load_register(archive, TODAY)
    assert [e.ref for e in again.entries] == refs


def test_history_survives_the_register_index_round_trip(archive):
    two_series_folder(archive)
    session = archive.open("a-2019", clock=FrozenClock(datetime(2019, 12, 5, 9)))
    session.do("note", lambda c: c.record_progress(2, 0, grade="C", note="在预算中"))
    session.close()
    first = load_register(archive, TODAY)
    second = load_register(archive, TODAY)
    assert first.entries == second.entries
    entry = next(e for e in second.entries if e.ref == "a-2019#r2.1")
    assert entry.latest_note.note == "在预算中" and entry.grade is Grade.C


def test_meeting_followup_of_a_meeting_without_commitments():
    meeting = council_with("x", "Empty", date(2020, 1, 1), SERIES_A, [])
    assert Register.build([MeetingFollowUp.of(meeting)], TODAY).entries == []


def test_history_is_in_the_internal_minutes_only():
    from roomtui.minutes import export_minutes

    meeting = council_with("m", "Council", date(2019, 11, 22), SERIES_A,
                           [("Fire lane", FIRE, "Mark the lane", "2019-12-07")])
    council = Council(meeting, FrozenClock(datetime(2019, 12, 6, 16, 30)))
    council.record_progress(1, 0, grade="A", note="Lane painted, signs up")
    internal = export_minutes(meeting, "md", public=False).decode("utf-8")
    public = export_minutes(meeting, "md", public=True).decode("utf-8")
    assert "Follow-up of commitment 1" in internal and "2019-12-06 A solved Lane painted, signs up" in internal
    assert "Lane painted" not in public
    public_json = export_minutes(meeting, "json", public=True).decode("utf-8")
    assert "Lane painted" not in public_json and "2019-12-06T16:30:00" in public_json
    assert "Lane painted" in export_minutes(meeting, "json", public=False).decode("utf-8")


def test_a_json_export_with_history_imports_back(archive):
    from roomtui.minutes.json_ import meeting_from_json, render_json

    meeting = council_with("m", "Council", date(2019, 11, 22), SERIES_A,
                           [("Fire lane", FIRE, "Mark the lane", "2019-12-07")])
    Council(meeting, FrozenClock(datetime(2019, 12, 6))).record_progress(1, 0, grade="B", note="进行中")
    back = meeting_from_json(render_json(meeting, public=False))
    assert back.responses[0].commitments[0].history == meeting.responses[0].commitments[0].history


def test_a_file_written_before_follow_up_history_still_opens(archive):
    """Schema 1 files from before this feature lack history and followup_of: they take defaults."""
    import json

    meeting_id = archive.create(council_with("old", "Council", date(2019, 11, 22), SERIES_A,
                                             [("Fire lane", FIRE, "Mark the lane", "2019-12-07")]))
    path = archive.path_of(meeting_id)
    data = json.loads(path.read_text(encoding="utf-8"))
    for row in data["responses"].values():
        for commitment in row["commitments"]:
            del commitment["history"]
    for row in data["issues"].values():
        del row["followup_of"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert "history" not in path.read_text(encoding="utf-8")
    loaded = archive.load(meeting_id)
    assert loaded.responses[0].commitments[0].history == [] and loaded.issues[0].followup_of == ""
    session = archive.open(meeting_id, clock=FrozenClock(datetime(2019, 12, 1)))
    session.do("grade", lambda c: c.record_progress(1, 0, grade="B"))
    session.close()
    assert archive.load(meeting_id).responses[0].commitments[0].history[0].grade is Grade.B


def test_a_closed_meeting_refuses_every_verb_but_follow_up_in_the_domain():
    meeting = council_with("m", "Council", date(2019, 11, 22), SERIES_A,
                           [("Fire lane", FIRE, "Mark the lane", "2019-12-07")])
    council = Council(meeting, FrozenClock(datetime(2019, 12, 1, 10, 0))).acting()  # no store involved
    for verb in (lambda: council.set_details(title="Another"), lambda: council.add_issue("New"),
                 lambda: council.update_response(1, text="rewritten", satisfaction="satisfied"),
                 lambda: council.speaking_order()):
        with pytest.raises(ValidationError, match="closed"):
            verb()
    assert meeting.title == "Council" and meeting.responses[0].text.startswith("We will")
    council.update_response(1, satisfaction="satisfied")  # the proposer's satisfaction is follow-up
    council.record_progress(1, 0, grade="B")
    council.reopen_meeting()
    council.set_details(title="Corrected")  # reopened: every verb again
    assert meeting.title == "Corrected" and meeting.responses[0].commitments[0].grade is Grade.B
