"""Domain rules: validation messages, dispositions, speaking order, timers, agenda progress."""

from __future__ import annotations

from datetime import date

import pytest

from roomtui.domain import Council, Disposition, FrozenClock, Meeting, Role, SpeakerKind, ValidationError
from roomtui.domain.codec import meeting_from_data, meeting_to_data
from roomtui.domain.demo import build_demo, play_demo
from roomtui.domain.stats import format_seconds, predicted_end, speaking_stats
from roomtui.domain.templates import new_meeting
from roomtui.domain.text import clean_text


@pytest.fixture
def council(clock) -> Council:
    return Council(build_demo("en"), clock)


def test_resolve_now_names_each_missing_field(council):
    with pytest.raises(ValidationError) as refused:
        council.record_response(1, "Housing Bureau", Disposition.RESOLVE_NOW)
    problems = " | ".join(refused.value.messages)
    for field in ("action", "lead unit", "deadline"):
        assert f"{field} is required for 'resolve now'" in problems
    # the problems are data too: each names the field it is about, whatever the language
    assert [p.field for p in refused.value.problems] == ["action", "lead_unit", "deadline"]
    assert not council.meeting.responses


def test_step_by_step_requires_plan_milestones_and_target_date(council):
    with pytest.raises(ValidationError) as refused:
        council.record_response(1, "Housing Bureau", Disposition.STEP_BY_STEP, plan="survey first")
    problems = refused.value.problems
    assert len(problems) == 2
    assert any("milestones" in p for p in problems) and any("target date" in p for p in problems)


def test_higher_level_requires_reason_body_next_step_interim(council):
    with pytest.raises(ValidationError) as refused:
        council.record_response(1, "Housing Bureau", Disposition.HIGHER_LEVEL, reason="beyond county budget")
    text = " ".join(refused.value.messages)
    for field in ("body asked", "next step", "interim measure"):
        assert field in text
    response = council.record_response(1, "Housing Bureau", Disposition.HIGHER_LEVEL, reason="budget",
                                       body_asked="Province", next_step="apply", interim_measure="patch roof")
    assert response.disposition is Disposition.HIGHER_LEVEL


def test_one_response_two_commitments(council):
    response = council.record_response(
        9, "Housing Bureau", Disposition.RESOLVE_NOW, action="clear drains", lead_unit="Utilities",
        deadline="2019-11-29",
        commitments=[{"lead_unit": "Utilities", "deliverable": "drains cleared", "deadline": "2019-11-29"},
                     {"lead_unit": "Housing", "co_units": "Finance, Planning", "deliverable": "pipe study",
                      "deadline": date(2020, 6, 30)}])
    assert [c.deliverable for c in response.commitments] == ["drains cleared", "pipe study"]
    assert response.commitments[1].co_units == ["Finance", "Planning"]


def test_commitment_without_deliverable_is_refused(council):
    with pytest.raises(ValidationError) as refused:
        council.record_response(1, "Housing", Disposition.RESOLVE_NOW, action="a", lead_unit="b",
                                deadline="2019-12-01", commitments=[{"lead_unit": "Housing"}])
    assert "commitment 1: deliverable is required" in refused.value.messages
    assert refused.value.problems[0].field == "deliverable"


@pytest.mark.parametrize("value, message", [
    ("2019-13-40", "deadline '2019-13-40' is not a date"),
    ("tomorrow", "deadline 'tomorrow' is not a date"),
    ("1850-01-01", "outside 1990-2100"),
])
def test_bad_dates_rejected_with_clear_message(council, value, message):
    with pytest.raises(ValidationError) as refused:
        council.record_response(1, "Housing", Disposition.RESOLVE_NOW, action="a", lead_unit="b", deadline=value)
    assert any(message in p for p in refused.value.problems)


@pytest.mark.parametrize("minutes", ["-5", "abc", "100000", True])
def test_bad_durations_rejected(council, minutes):
    with pytest.raises(ValidationError) as refused:
        council.add_agenda_item("Extra", "other", minutes)
    assert "planned minutes" in refused.value.problems[0]


def test_children_cannot_plan_longer_than_parent(council):
    parent = council.meeting.agenda[2]  # speeches, 60 min
    child = council.add_agenda_item("Residents", "speeches", 40)
    council.set_parent(child.id, parent.id)
    second = council.add_agenda_item("Members", "speeches", 30)
    with pytest.raises(ValidationError) as refused:
        council.set_parent(second.id, parent.id)
    assert "add up to more than its 60 min" in refused.value.problems[0]
    assert second.parent_id is None


def test_duplicate_participant_refused(council):
    with pytest.raises(ValidationError) as refused:
        council.add_participant("Wu Chaolin", Role.RESIDENT, affiliation="Chunchangping community")
    assert "already a participant" in refused.value.problems[0]


def test_unknown_role_is_named(council):
    with pytest.raises(ValidationError) as refused:
        council.add_participant("X", "mayor")
    assert "unknown role 'mayor'" in refused.value.problems[0]


def test_text_is_cleaned_of_escapes_controls_and_bidi():
    assert clean_text("Wu\x1b[31m Chao\u202elin\x07\n") == "Wu Chaolin"
    assert clean_text("line 1\r\nline 2\x00", multiline=True) == "line 1\nline 2"
    with pytest.raises(ValueError):
        clean_text("x" * 600)


def test_point_of_order_jumps_and_booked_before_impromptu(council, clock):
    council.start_meeting()
    order = council.speaking_order()
    people = {p.name: p.id for p in council.meeting.participants}
    order.add(people["Wu Chaolin"], SpeakerKind.IMPROMPTU, clock.now())
    order.add(people["Zhang Xiaojun"], SpeakerKind.BOOKED, clock.now())
    order.add(people["Fu Xiude"], SpeakerKind.POINT_OF_ORDER, clock.now())
    names = [council.meeting.participant(s.participant_id).name for s in order.waiting]
    assert names == ["Fu Xiude", "Zhang Xiaojun", "Wu Chaolin"]
    assert [s.limit_seconds for s in order.waiting] == [60, 480, 180]  # residents get 3 minutes


def test_one_entry_per_person(council, clock):
    council.set_limits(one_entry_per_person=True)
    council.start_meeting()
    order = council.speaking_order()
    order.add(5, SpeakerKind.BOOKED, clock.now())
    with pytest.raises(ValidationError):
        order.add(5, SpeakerKind.IMPROMPTU, clock.now())


def test_countdown_survives_pause_and_overtime(council, clock):
    council.start_meeting()
    order = council.speaking_order()
    order.add(9, SpeakerKind.IMPROMPTU, clock.now())
    entry = order.next(clock.now())
    clock.advance(100)
    order.pause(clock.now())
    clock.advance(600)  # a long pause does not count
    assert entry.remaining_seconds(clock.now()) == 80
    order.resume(clock.now())
    clock.advance(95)
    assert entry.remaining_seconds(clock.now()) == -15
    assert format_seconds(entry.remaining_seconds(clock.now())) == "-0:15"


def test_raising_an_issue_queues_its_department(council, clock):
    council.start_meeting()
    issue = council.raise_issue(3, raised_by=9)
    waiting = council.speaking_order().waiting
    assert waiting[-1].kind is SpeakerKind.ANSWER and waiting[-1].issue_id == issue.id
    assert council.meeting.participant(waiting[-1].participant_id).affiliation == issue.expected_department


def test_played_demo_records_everything_and_round_trips():
    meeting = play_demo(build_demo("zh"), FrozenClock(__import__("datetime").datetime(2019, 11, 22, 9, 0)))
    assert {r.disposition for r in meeting.responses} == set(Disposition)
    assert any(len(r.commitments) == 2 for r in meeting.responses)
    assert all(a.started_at and a.ended_at for a in meeting.agenda)
    assert meeting_from_data(meeting_to_data(meeting)) == meeting
    by_person, by_role = speaking_stats(meeting, meeting.closed_at)
    assert by_role[Role.RESIDENT].turns == 3  # Wu, Tang, then Luo in the follow-up questions


def test_predicted_end_follows_plan_and_overrun(council, clock):
    assert predicted_end(council.meeting, clock.now()).strftime("%H:%M") == "11:35"
    council.start_meeting()
    clock.advance(minutes=15)  # opening planned 5 min: 10 min over
    assert predicted_end(council.meeting, clock.now()).strftime("%H:%M") == "11:45"


def test_undo_friendly_agenda_progress(council, clock):
    council.start_meeting()
    clock.advance(300)
    council.next_item()
    first, second = council.meeting.agenda[:2]
    assert first.ended_at == clock.now() and second.started_at == clock.now()
    with pytest.raises(ValidationError):
        Council(new_meeting("Empty", "blank"), clock).start_meeting()


def test_meeting_codec_rejects_wrong_types():
    data = meeting_to_data(Meeting(id="x", title="t"))
    data["planned_minutes"] = "lots"
    with pytest.raises(ValueError, match="planned_minutes"):
        meeting_from_data(data)


def test_a_dissatisfied_proposer_reopens_the_issue(council):
    assert council.meeting.issue_open(9)
    response = council.record_response(9, "Housing", Disposition.RESOLVE_NOW, action="clear drains",
                                       lead_unit="Utilities", deadline="2019-11-29")
    assert not council.meeting.issue_open(9)
    council.update_response(response.id, satisfaction="dissatisfied")
    assert council.meeting.issue_open(9)
    council.update_response(response.id, satisfaction="basically_satisfied")
    assert not council.meeting.issue_open(9)


def test_the_codec_writes_each_time_as_it_is_even_from_its_cache():
    """Saves take the text of times and dates from a cache; two equal instants written with
    different offsets are still written each with its own offset."""
    from datetime import datetime, timedelta, timezone

    from roomtui.domain.codec import to_data
    from roomtui.domain.model import Pause

    utc, beijing = timezone.utc, timezone(timedelta(hours=8))
    same_instant = [Pause(started_at=datetime(2026, 11, 28, 2, 0, tzinfo=utc)),
                    Pause(started_at=datetime(2026, 11, 28, 10, 0, tzinfo=beijing)),
                    Pause(started_at=datetime(2026, 11, 28, 10, 0, 0, 500))]
    assert [to_data(p)["started_at"] for p in same_instant * 2] == [
        "2026-11-28T02:00:00+00:00", "2026-11-28T10:00:00+08:00", "2026-11-28T10:00:00.000500"] * 2
    assert to_data(date(2026, 11, 28)) == "2026-11-28"
