"""The traps a secretary fell into in the trial council (issue 25): each is walked here by keys,
at 80x24 and 120x40, in English and Chinese, and the record is checked afterwards."""

from __future__ import annotations

import pytest
from live_helpers import fill, make_app
from textual.color import Color
from textual.widgets import OptionList, Static

from roomtui.domain.model import Disposition, Satisfaction
from roomtui.i18n import set_language
from roomtui.tui.dialogs import ConfirmDialog, PickerDialog

SIZES = [(80, 24), (120, 40)]
both = pytest.mark.parametrize("language", ["en", "zh"])
sizes = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


def raised_fire_lane(archive, meeting_id, clock) -> None:
    """The council started and the fire lane (issue 4) raised: the room waits for its answer."""
    session = archive.open(meeting_id, clock=clock)
    session.do("start", lambda c: c.start_meeting())
    session.do("raise", lambda c: c.raise_issue(4))
    session.close()


def answered_fire_lane(archive, meeting_id, clock) -> None:
    session = archive.open(meeting_id, clock=clock)
    session.do("start", lambda c: c.start_meeting())
    department = session.meeting.issue(4).expected_department
    session.do("raise", lambda c: c.raise_issue(4))
    session.do("respond", lambda c: c.record_response(4, department, Disposition.RESOLVE_NOW, action="Mark the lane",
                                                      lead_unit=department, deadline="2019-12-07"))
    session.close()


@both
@sizes
async def test_f_down_enter_records_satisfied_the_first_entry(tmp_path, language, size):
    """The first ↓ lands on the first entry (it was the second: 基本满意 for a satisfied proposer)."""
    set_language(language)
    app, archive, meeting_id, clock = make_app(tmp_path, language)
    answered_fire_lane(archive, meeting_id, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, PickerDialog)
        options = app.screen.query_one("#picker-options", OptionList)
        assert options.highlighted is None  # nothing looks chosen before the secretary chooses
        await pilot.press("down")
        await pilot.pause()
        assert options.highlighted == 0
        # the highlighted entry is drawn in the accent colour while the focus stays in the filter box
        style = options.get_component_rich_style("option-list--option-highlighted")
        accent = Color.parse(app.current_theme.accent)
        assert style.bgcolor is not None and max(abs(a - b) for a, b in zip(style.bgcolor.triplet, accent.rgb)) <= 2
        await pilot.press("enter")
        await pilot.pause()
    assert archive.load(meeting_id).responses[0].satisfaction is Satisfaction.SATISFIED


async def test_enter_alone_takes_the_first_entry_and_typing_filters(tmp_path):
    app, archive, meeting_id, clock = make_app(tmp_path)
    answered_fire_lane(archive, meeting_id, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f", "enter")
        await pilot.pause()
        assert archive.load(meeting_id).responses[0].satisfaction is Satisfaction.SATISFIED
        await pilot.press("f", *"dissat", "down", "enter")
        await pilot.pause()
    assert archive.load(meeting_id).responses[0].satisfaction is Satisfaction.DISSATISFIED


@both
@sizes
async def test_the_response_form_opens_in_the_response_text_and_reaches_every_field(tmp_path, language, size):
    set_language(language)
    app, archive, meeting_id, clock = make_app(tmp_path, language)
    raised_fire_lane(archive, meeting_id, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*"We will mark it")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#field-text").text == "We will mark it"  # what is typed first is kept
        assert form.focused.id == "field-text"
        await pilot.press("tab")
        assert form.focused.id == "field-disposition"
        for _ in range(3):
            await pilot.press("shift+tab")
        assert form.focused.id == "field-department"  # the pre-filled fields are reached backwards
        await pilot.press("escape", "y")
        await pilot.pause()


@both
@sizes
async def test_a_form_problem_goes_as_soon_as_its_field_is_filled(tmp_path, language, size):
    set_language(language)
    app, archive, meeting_id, clock = make_app(tmp_path, language)
    raised_fire_lane(archive, meeting_id, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        fill(app, disposition=Disposition.RESOLVE_NOW.value)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = app.screen.query_one("#form-problems", Static)
        before = str(shown.render())
        assert before.count("•") >= 2  # action and deadline (and perhaps lead unit) are missing
        assert app.screen.focused.id == "field-action"
        await pilot.press(*"Mark the lane")
        await pilot.pause()
        after = str(shown.render())
        assert after.count("•") == before.count("•") - 1, (before, after)
        fill(app, lead_unit="Police", deadline="2019-12-07")
        await pilot.pause()
        assert "•" not in str(shown.render())
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert archive.load(meeting_id).responses[0].action == "Mark the lane"


@both
@sizes
async def test_ending_the_meeting_names_the_issues_still_unanswered_and_asks(tmp_path, language, size):
    set_language(language)
    app, archive, meeting_id, clock = make_app(tmp_path, language)
    answered_fire_lane(archive, meeting_id, clock)
    session = archive.open(meeting_id, clock=clock)
    session.do("raise", lambda c: c.raise_issue(2))
    title = session.meeting.issue(2).title
    session.close()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        question = app.screen.question
        assert f"#2 {title}" in question and "#4 " not in question  # #4 has its answer
        await pilot.press("n")
        await pilot.pause()
        assert archive.load(meeting_id).status.value == "live"
        await pilot.press("e", "y")
        await pilot.pause()
    assert archive.load(meeting_id).status.value == "closed"


@both
async def test_ending_the_meeting_is_called_end_meeting_in_its_notice(tmp_path, language):
    """One word per action: the notice after e says what the footer, F1 and the README say."""
    from roomtui.i18n import _

    set_language(language)
    app, archive, meeting_id, clock = make_app(tmp_path, language)
    answered_fire_lane(archive, meeting_id, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        footer_word = next(b.binding.description for b in app.screen.active_bindings.values()
                           if b.binding.action == "end_meeting")
        await pilot.press("e", "y")
        await pilot.pause()
        notices = [str(t.render()) for t in app.screen.query("Toast")]
        assert any(_("{action} — saved", action=footer_word) in n for n in notices), notices


@both
@sizes
async def test_a_new_meeting_of_a_series_offers_the_last_ones_people_venue_host_and_limits(tmp_path, language, size):
    from roomtui.store import Archive
    from roomtui.tui.app import RoomApp

    set_language(language)
    archive = Archive(tmp_path / "data")
    demo_id = archive.ensure_demo(language)
    demo = archive.load(demo_id)
    assert demo.series and demo.participants
    app = RoomApp(archive, clock=make_app(tmp_path, language)[3])
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        fill(app, title="Report-back council", series=demo.series, date="2020-03-20", venue="")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert demo.title in app.screen.question and str(len(demo.participants)) in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
        new_id = app.session.meeting.id
    new = archive.load(new_id)
    assert [(p.name, p.role, p.affiliation) for p in new.participants] == [
        (p.name, p.role, p.affiliation) for p in demo.participants]
    assert (new.venue, new.host, new.recorder, new.limits) == (demo.venue, demo.host, demo.recorder, demo.limits)
    assert new.issues == [] and new.speakers == [] and new.series == demo.series


@both
@sizes
async def test_raising_an_issue_whose_department_head_is_marked_absent_says_so(tmp_path, language, size):
    set_language(language)
    app, archive, meeting_id, clock = make_app(tmp_path, language)
    session = archive.open(meeting_id, clock=clock)
    department = session.meeting.issue(4).expected_department
    head = session.council.department_head(department)
    session.do("absent", lambda c: c.set_present(head.id, False))
    session.do("start", lambda c: c.start_meeting())
    session.close()
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("I")
        await pilot.pause()
        app.screen.query_one("#picker-filter").value = "#4 "
        await pilot.pause()
        await pilot.press("enter", "enter")  # the issue, then who raised it (the first answer offered)
        await pilot.pause()
        assert any(head.name in said and department in said for said in app.notices.said), app.notices.said


@both
@sizes
async def test_raising_an_issue_whose_department_is_absent_says_so(tmp_path, language, size):
    set_language(language)
    app, archive, meeting_id, clock = make_app(tmp_path, language)
    session = archive.open(meeting_id, clock=clock)
    department = session.meeting.issue(4).expected_department
    heads = [p.id for p in session.meeting.participants if p.affiliation == department]
    for person in heads:
        session.do("remove", lambda c, person=person: c.remove_participant(person))
    session.do("start", lambda c: c.start_meeting())
    session.close()
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("I")
        await pilot.pause()
        app.screen.query_one("#picker-filter").value = "#4 "
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # who raised it (tests/test_raiser.py): the first answer offered
        await pilot.pause()
        assert any(department in said for said in app.notices.said), app.notices.said
    stored = archive.load(meeting_id)
    assert stored.issue(4).raised_at is not None and not [s for s in stored.speakers if s.issue_id == 4]


def test_the_previous_meeting_of_a_series_is_the_latest_earlier_one_and_only_people_carry_over():
    from datetime import date

    from roomtui.domain.model import Meeting, Participant, Role
    from roomtui.domain.series import carry_over, previous_in_series

    def meeting(mid, day, series="Tongjiang councils", people=()):
        return Meeting(id=mid, title=mid, date=day, series=series, venue=f"hall {mid}", host=f"host {mid}",
                       participants=[Participant(i, name, Role.DEPARTMENT, "Bureau", present=False)
                                     for i, name in enumerate(people, 3)])

    spring = meeting("spring", date(2020, 3, 1), people=["Wu"])
    autumn = meeting("autumn", date(2020, 9, 1), people=["Li", "Sun"])
    later = meeting("later", date(2021, 1, 1), people=["Zhao"])
    other = meeting("other", date(2020, 10, 1), series="Nuojiang town hall", people=["Qian"])
    new = meeting("new", date(2020, 11, 1))
    new.venue, new.host = "new hall", ""  # the new-meeting form asks for a venue, not a host
    assert previous_in_series(new, [spring, autumn, later, other]) is autumn
    assert previous_in_series(meeting("x", None, series=" tongjiang COUNCILS "), [spring, autumn]) is autumn
    assert previous_in_series(meeting("y", date(2020, 1, 1), series=""), [spring]) is None
    made = carry_over(autumn, new)
    assert [(p.id, p.name, p.present) for p in made.participants] == [(1, "Li", True), (2, "Sun", True)]
    assert (made.venue, made.host, made.issues, made.id) == ("new hall", "host autumn", [], "new")
