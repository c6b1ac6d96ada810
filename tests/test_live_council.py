"""Run the demo council on the live screen by keys, from opening to closing, then read the store."""

from __future__ import annotations

from datetime import date, datetime

from live_helpers import export_minutes_to, fill, make_app, row_shown
from room_helpers import item_shown, look, next_shown, part_lines, room_beside

from roomtui.domain.model import Disposition, Grade, MeetingStatus, Raiser, Satisfaction, SpeakerKind
from roomtui.minutes.model import build_minutes
from roomtui.store import Archive
from roomtui.tui.dialogs import ConfirmDialog, FormDialog, PickerDialog
from roomtui.tui.screens.followup import FollowUpScreen
from roomtui.tui.screens.live import LiveScreen
from roomtui.tui.widgets.countdown import Countdown


async def pick(pilot, text: str) -> None:
    assert isinstance(pilot.app.screen, PickerDialog), pilot.app.screen
    await pilot.press(*text)
    await pilot.press("enter")
    await pilot.pause()


async def add(pilot, key: str, name: str) -> None:
    await pilot.press(key)
    await pilot.pause()
    await pick(pilot, name)


async def speak(pilot, clock, seconds: int) -> None:
    await pilot.press("n")
    clock.advance(seconds)
    await pilot.pause()


def first_choice(app) -> str:
    """The entry Enter takes in the open picker."""
    options = app.screen.query_one("#picker-options")  # nothing highlighted until moved: Enter takes the first
    return str(options.get_option_at_index(options.highlighted or 0).prompt)


def who(meeting, name: str) -> int:
    return next(p.id for p in meeting.participants if p.name == name)


async def save_form(pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()


def problems(app) -> str:
    return str(app.screen.query_one("#form-problems").content)


async def test_whole_council_by_keys(tmp_path):
    """The trial's council, by keys, with the room view on the projector beside the app: after
    each step the record says who raised what and when, and the room view says what the app says."""
    app, archive, meeting_id, clock = make_app(tmp_path)
    room = room_beside(archive, meeting_id, clock)
    async with room.run_test(size=(120, 40)) as room_pilot, app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        meeting = app.session.meeting

        # last preparations: the follow-up questions come in two parts, members then residents
        await pilot.press("f2", "3")
        await pilot.pause()
        await pilot.press(*["down"] * 5)  # from the opening to the leader's summary
        for title, minutes in (("Residents' questions", "12"), ("Members' questions", "8")):
            await pilot.press("i")  # inserted above the leader's summary, then above the residents' part...
            await pilot.pause()
            await pilot.press(*title, "tab", "tab", "end", "ctrl+u", *minutes)
            await save_form(pilot)
            assert not isinstance(app.screen, FormDialog), problems(app)
            await pilot.press("greater_than_sign")  # ... and nested under the item above: the questions
            await pilot.pause()
        parts = [(item.title, meeting.agenda_item(item.parent_id).title, item.planned_minutes)
                 for item in meeting.agenda if item.parent_id is not None]
        assert parts == [("Members' questions", "Follow-up questions", 8),
                         ("Residents' questions", "Follow-up questions", 12)]
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)

        async def room_agrees() -> None:
            """The projector, one poll later, shows the item and who is next as the app has them."""
            await look(room, room_pilot)
            assert item_shown(room) == item_shown(app), (item_shown(room), item_shown(app))
            order = app.session.council.speaking_order()
            expected = [meeting.participant(e.participant_id).name for e in order.up_next()][:3]
            assert next_shown(room) == expected, (next_shown(room), expected)

        # 1 opening, 2 briefing
        await pilot.press("right")
        assert meeting.status is MeetingStatus.LIVE
        await room_agrees()
        assert item_shown(room) == "1/7"
        await add(pilot, "b", "chen")
        await speak(pilot, clock, 240)
        await pilot.press("right")
        await add(pilot, "b", "chen")
        await speak(pilot, clock, 12 * 60)

        # 3 speeches: booked before impromptu, a point of order jumps the queue
        await pilot.press("right")
        await add(pilot, "b", "zhang")
        await add(pilot, "a", "wu c")
        await add(pilot, "b", "liu")
        await add(pilot, "a", "tang")
        order = app.session.council.speaking_order()
        names = [meeting.participant(e.participant_id).name for e in order.waiting]
        assert names == ["Zhang Xiaojun", "Liu Yan", "Wu Chaolin", "Tang Lihua"]
        await room_agrees()
        await speak(pilot, clock, 7 * 60 + 30)  # Zhang, still speaking when Fu raises a point of order
        await add(pilot, "o", "fu x")
        assert meeting.participant(order.waiting[0].participant_id).name == "Fu Xiude"
        await room_agrees()
        await speak(pilot, clock, 45)  # the point of order interrupts Zhang, it does not end him
        assert meeting.participant(order.interrupted.participant_id).name == "Zhang Xiaojun"
        await room_agrees()  # the room lists Zhang first: he resumes after the point of order
        assert next_shown(room)[:2] == ["Zhang Xiaojun", "Liu Yan"]
        await pilot.press("n")  # Zhang resumes with the 30 seconds he had left
        app.screen.query_one(Countdown).tick()
        assert str(app.screen.query_one("#cd-digits").value) == "0:30"
        assert meeting.participant(order.current.participant_id).name == "Zhang Xiaojun"
        clock.advance(30)
        await pilot.press("n")  # Liu: paused while the microphone is fixed
        clock.advance(240)
        await pilot.press("space")
        assert order.current.paused
        clock.advance(90)
        await pilot.press("space")
        assert not order.current.paused
        clock.advance(240)
        await pilot.press("n")  # Wu, resident: 3 minutes, 40 s over
        countdown = app.screen.query_one(Countdown)
        clock.advance(220)
        countdown.tick()
        assert countdown.has_class("-overtime")
        assert str(app.screen.query_one("#cd-digits").value) == "+0:40"
        await pilot.press("I")  # the activity square, from the research report
        await pilot.pause()
        await pick(pilot, "square")
        # who raised it is asked, never assumed: the resident who has the floor is offered first
        assert first_choice(app) == "Wu Chaolin (has the floor)"
        await pilot.press("escape")  # not sure: nothing is recorded, nobody credited
        assert meeting.issue(3).raised_at is None and meeting.issue(3).raised_by is None
        await pilot.press("I")
        await pilot.pause()
        await pick(pilot, "square")
        await pilot.press("enter")
        await pilot.pause()
        assert (meeting.issue(3).raised_by, meeting.issue(3).raiser) == (who(meeting, "Wu Chaolin"), Raiser.PERSON)
        await speak(pilot, clock, 2 * 60 + 50)  # Tang
        await pilot.press("i")  # a new issue from the floor, raised by Tang
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        fill(app, title="Rubbish sorting bins missing", location="Shiniuzui community", category="environment",
             expected_department="County Housing and Urban-Rural Construction Bureau")
        await save_form(pilot)
        assert isinstance(app.screen, LiveScreen)
        floor_issue = meeting.issues[-1]
        assert floor_issue.source.value == "floor" and meeting.participant(floor_issue.raised_by).name == "Tang Lihua"

        # 4 department answers: answers still waiting from the speeches move on with the meeting;
        # all three dispositions, one response with two commitments
        await pilot.press("right")
        for title in ("fire", "e-bikes", "roofs", "floods"):
            await pilot.press("I")
            await pilot.pause()
            await pick(pilot, title)
            # nobody has the floor: the report's investigation group is offered first
            assert first_choice(app).startswith("the report's investigation group: Investigation group")
            await pilot.press("enter")
            await pilot.pause()
        assert {meeting.issue(n).raiser for n in (4, 6, 8, 9)} == {Raiser.GROUP}
        # Zhang presented the fire lane in his speech: corrected afterwards, with the same key
        await pilot.press("I")
        await pilot.pause()
        await pick(pilot, "fire")
        await pick(pilot, "zhang")
        assert (meeting.issue(4).raised_by, meeting.issue(4).raiser) == (who(meeting, "Zhang Xiaojun"), Raiser.PERSON)
        order = app.session.council.speaking_order()
        assert [(meeting.participant(e.participant_id).name, e.issue_id) for e in order.waiting] == [
            ("Deng Hai", 3), ("Yang Zhiyuan", floor_issue.id), ("Sun Wei", 4), ("Yang Zhiyuan", 6),
            ("Yang Zhiyuan", 8), ("Yang Zhiyuan", 9)]

        await room_agrees()
        assert item_shown(room) == "4/7"
        await speak(pilot, clock, 110)  # Deng: the activity square, step by step
        await look(room, room_pilot)
        turn = " ".join(part_lines(room, "#floor-turn")).strip()
        assert turn.startswith("answer to #3 No activity square") and "answer · answer" not in turn, turn
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.query_one("#field-issue").value == 3
        assert app.screen.query_one("#field-responder").value == "Deng Hai"
        fill(app, disposition="step_by_step")
        await pilot.pause()
        assert row_shown(app, "plan") and not row_shown(app, "action") and not row_shown(app, "reason")
        fill(app, plan="Reserve land in the detailed plan", milestones="Site by 2020-03", target_date="2021-06-30")
        await save_form(pilot)
        assert isinstance(app.screen, LiveScreen)
        await pilot.press("k")

        await speak(pilot, clock, 100)  # Yang: the floor issue, resolve now; the form names what is missing
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.query_one("#field-issue").value == floor_issue.id
        fill(app, disposition="resolve_now")
        await pilot.pause()
        assert row_shown(app, "action") and row_shown(app, "deadline") and not row_shown(app, "plan")
        await save_form(pilot)
        assert "action is required" in problems(app) and "deadline is required" in problems(app)
        fill(app, action="Place sorting bins", lead_unit="Sub-district office", deadline="2019-12-31")
        await save_form(pilot)
        assert isinstance(app.screen, LiveScreen)

        await speak(pilot, clock, 110)  # Sun Wei: the fire lane, resolve now with a commitment
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.query_one("#field-issue").value == 4
        assert app.screen.query_one("#field-responder").value == "Sun Wei"
        fill(app, disposition="resolve_now", text="The lane will be marked.", action="Mark the fire lane",
             lead_unit="Traffic police", deadline="2019-12-07", c_co_units="Fire brigade",
             c_deliverable="Fire lane marked")
        await save_form(pilot)
        assert isinstance(app.screen, LiveScreen)
        # asked once: the commitment's lead unit and deadline are the disposition's
        lane = app.session.meeting.responses[-1].commitments[0]
        assert (lane.lead_unit, lane.deadline.isoformat(), lane.co_units) == ("Traffic police", "2019-12-07",
                                                                             ["Fire brigade"])
        await pilot.press("k")

        await pilot.press("home", "shift+down")  # the roofs before the e-bikes
        assert [e.issue_id for e in order.waiting] == [8, 6, 9]
        await speak(pilot, clock, 110)  # Yang: leaking roofs, higher-level support
        await pilot.press("r")
        await pilot.pause()
        fill(app, disposition="higher_level", reason="Beyond the county budget", body_asked="Provincial housing")
        await pilot.pause()
        await save_form(pilot)
        text = problems(app)
        assert "next step is required" in text and "interim measure is required" in text
        assert "reason" not in text
        fill(app, next_step="Apply for next year's list", interim_measure="Roof repair within 30 days")
        await save_form(pilot)
        assert isinstance(app.screen, LiveScreen)
        await pilot.press("f")  # the proposer is asked, and is not satisfied: the issue is open again
        await pilot.pause()
        assert isinstance(app.screen, PickerDialog)
        await pilot.press("enter")  # the roofs, the response just recorded, offered first
        await pilot.pause()
        await pick(pilot, "dissatisfied")
        roofs_response = meeting.responses[-1]
        assert roofs_response.reopened and meeting.issue_open(roofs_response.issue_id)

        await pilot.press("home", "x")  # the e-bikes are answered in writing: off the list
        assert [e.issue_id for e in order.waiting] == [9]
        await speak(pilot, clock, 110)  # Yang: floods, resolve now with two commitments
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.query_one("#field-issue").value == 9
        fill(app, disposition="resolve_now", action="Clear the drains", lead_unit="Utilities office",
             deadline="2019-11-29", c_deliverable="Drains cleared")
        await save_form(pilot)
        await pilot.press("m")  # the selected (just recorded) response gets a second commitment
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        fill(app, lead_unit="Housing bureau", co_units="Finance bureau, Nuojiang sub-district",
             deliverable="Pipe rebuild budgeted", deadline="2020-06-30")
        await save_form(pilot)
        await pilot.press("k")
        await pilot.press("s")
        assert order.current is None

        # 5 questions, in two parts; 6 summary, 7 closing
        await pilot.press("right")
        await room_agrees()
        assert item_shown(room) == "5/7"
        await pilot.press("right")
        await room_agrees()
        assert item_shown(room) == "5.1/7"
        await add(pilot, "a", "luo")
        await room_agrees()
        await speak(pilot, clock, 120)
        await pilot.press("l")  # a follow-up: the last speaker again, at the front
        await speak(pilot, clock, 30)
        await pilot.press("c")  # the list is closed
        await pilot.press("a")
        await pilot.pause()
        await pick(pilot, "liu")
        assert not app.session.council.speaking_order().waiting
        await pilot.press("right")
        await room_agrees()
        assert item_shown(room) == "5.2/7"
        await pilot.press("right")
        await room_agrees()
        assert item_shown(room) == "6/7"
        await add(pilot, "b", "wang")
        await speak(pilot, clock, 9 * 60)
        await pilot.press("t")
        await pilot.pause()
        fill(app, leader_summary="Honour every commitment.\nReport back at the next council.",
             agreed_items="1. Commitments followed up monthly by the CPPCC office\n2. Results reported at the next council")
        await save_form(pilot)
        await pilot.press("right")
        await add(pilot, "b", "zhao")
        await speak(pilot, clock, 4 * 60)
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.query_one("#field-leader_summary").text.startswith("Honour")
        fill(app, closing_remarks="The next council discusses rural-gentry culture.")
        await save_form(pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert meeting.status is MeetingStatus.CLOSED
        await look(room, room_pilot)
        assert room.screen.has_class("-ended")
        # the minutes leave the room: F4, export everything to a stick
        await pilot.press("f4")
        await pilot.pause()
        await export_minutes_to(app, pilot, tmp_path / "usb")

        # the next council of the series opens with a report on the commitments made here
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        fill(app, title="Spring council", date="2020-05-08", series=meeting.series)
        await save_form(pilot)
        assert isinstance(app.screen, ConfirmDialog)  # offered this meeting's participants, venue, host, limits
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # offered the report-back
        await pilot.press("y")
        await pilot.pause()
        report_back = app.session.meeting
        assert [p.name for p in report_back.participants] == [p.name for p in meeting.participants]
        assert (report_back.venue, report_back.limits) == (meeting.venue, meeting.limits)
        assert report_back.id != meeting_id and report_back.origin != meeting.origin
        linked = sorted(i.followup_of for i in report_back.issues if i.followup_of)
        assert [ref.split("#")[0] for ref in linked] == [meeting_id] * 3  # fire lane, drains, pipes
        assert all(i.description.startswith(f"{meeting.title} 2019-11-22 #") for i in report_back.issues
                   if i.followup_of)  # named by title and date
        # the spring council opens: the traffic police report the fire lane marked
        clock.set(datetime(2020, 5, 8, 9, 0))
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("right", "right")  # opening, then the report on earlier commitments
        await pilot.pause()
        await pilot.press("I")
        await pilot.pause()
        await pick(pilot, "fire lane marked")
        await pick(pilot, "nobody")
        lane_issue = next(i for i in report_back.issues if i.followup_of and "Fire lane" in i.title)
        assert (lane_issue.raised_at, lane_issue.raiser) == (datetime(2020, 5, 8, 9, 0), Raiser.NOBODY)
        await pilot.press("r")
        await pilot.pause()
        fill(app, issue=lane_issue.id, department="Traffic police", disposition="resolve_now",
             text="The lane is marked and kept clear.", action="Lane marked", lead_unit="Traffic police",
             deadline="2020-05-08")
        await save_form(pilot)
        assert isinstance(app.screen, LiveScreen)

        # the internal export is imported again (another laptop's copy): asked, then counted once
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        internal_json = next((tmp_path / "usb").glob("*(internal).json"))
        fill(app, path=str(internal_json))
        await save_form(pilot)
        assert isinstance(app.screen, PickerDialog)
        assert first_choice(app).startswith(f"Open '{meeting.title}' ({meeting_id})")
        await pick(pilot, "another copy")
        await pilot.press("f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FollowUpScreen)
        register = app.screen.register
        assert len(register.entries) == 3 and len(register.copies) == 1
        assert {c.department: c.promised for c in register.counts()} == {
            "Housing bureau": 1, "Traffic police": 1, "Utilities office": 1}
        (lane,) = [e for e in register.entries if e.deliverable == "Fire lane marked"]
        assert lane.grade is Grade.A and register.source_name(lane.history[-1].source) == "Spring council 2020-05-08"
        table = app.screen.query_one("#followup-table")
        table.cursor = register.select(app.screen.filter).index(lane)
        await pilot.pause()
        detail = str(app.screen.query_one("#followup-detail").content)
        assert "(report-back at Spring council 2020-05-08)" in detail and report_back.id not in detail

    exported = {p.name: p for p in (tmp_path / "usb").iterdir()}
    assert len(exported) == 12  # 6 formats (docx since issue 18) x public/internal
    public_md = next(p for name, p in exported.items() if name.endswith("minutes (public).md")).read_text(encoding="utf-8")
    for fact in ("Old compound floods when it rains", "resolve now", "Drains cleared", "Pipe rebuild budgeted",
                 "needs higher-level support", "Roof repair within 30 days", "Fu Xiude", "point of order",
                 "Honour every commitment.", "The next council discusses rural-gentry culture."):
        assert fact in public_md, fact
    agreed = public_md.split("## Agreed items")[1].split("\n## ")[0]
    assert "1. Commitments followed up monthly by the CPPCC office" in agreed
    assert "2. Results reported at the next council" in agreed
    assert "139 0000" not in public_md
    internal_csv = next(p for name, p in exported.items() if name.endswith("minutes (internal).csv")).read_bytes()
    assert internal_csv.startswith(b"\xef\xbb\xbf") and b"Pipe rebuild budgeted" in internal_csv

    stored = Archive(tmp_path / "data").load(meeting_id)
    assert stored.status is MeetingStatus.CLOSED
    assert all(item.started_at and item.ended_at for item in stored.agenda)
    speeches = stored.agenda[2]
    turns = sorted((s for s in stored.speakers if s.agenda_item_id == speeches.id and s.started_at),
                   key=lambda s: s.started_at)
    assert [(stored.participant(s.participant_id).name, s.kind) for s in turns] == [
        ("Zhang Xiaojun", SpeakerKind.BOOKED), ("Fu Xiude", SpeakerKind.POINT_OF_ORDER),
        ("Liu Yan", SpeakerKind.BOOKED), ("Wu Chaolin", SpeakerKind.IMPROMPTU), ("Tang Lihua", SpeakerKind.IMPROMPTU)]
    durations = [round(s.elapsed_seconds(stored.closed_at)) for s in turns]
    assert durations == [480, 45, 480, 220, 170]
    assert turns[0].pauses[0].interrupted_by == turns[1].id  # Zhang's clock stood still for Fu
    liu = turns[2]
    assert len(liu.pauses) == 1 and (liu.pauses[0].ended_at - liu.pauses[0].started_at).total_seconds() == 90
    assert turns[3].remaining_seconds(stored.closed_at) == -40
    by_issue = {stored.issue(r.issue_id).title: r for r in stored.responses}
    assert len(stored.responses) == 5
    assert {r.disposition for r in stored.responses} == set(Disposition)
    floods = by_issue["Old compound floods when it rains"]
    assert floods.disposition is Disposition.RESOLVE_NOW and floods.deadline == date(2019, 11, 29)
    assert [c.deliverable for c in floods.commitments] == ["Drains cleared", "Pipe rebuild budgeted"]
    assert floods.commitments[1].co_units == ["Finance bureau", "Nuojiang sub-district"]
    assert floods.commitments[1].deadline == date(2020, 6, 30)
    assert floods.confirmed_at is not None
    fire = by_issue["Cars block the fire lane of an old compound"]
    assert fire.responder == "Sun Wei" and fire.commitments[0].co_units == ["Fire brigade"]
    assert fire.confirmed_at is not None
    square = by_issue["No activity square in Chunchangping"]
    assert square.disposition is Disposition.STEP_BY_STEP and square.target_date == date(2021, 6, 30)
    assert square.department == "County Natural Resources and Planning Bureau"
    roofs = by_issue["Leaking roofs in a 1970s dormitory compound"]
    assert roofs.disposition is Disposition.HIGHER_LEVEL and roofs.confirmed_at is None
    assert roofs.interim_measure == "Roof repair within 30 days"
    assert by_issue["Rubbish sorting bins missing"].action == "Place sorting bins"
    assert not stored.responses_to(6)
    answers = stored.agenda[3]
    assert [s.issue_id for s in stored.speakers if s.agenda_item_id == answers.id and s.withdrawn] == [6]
    questions = stored.agenda[5]  # part 5.1, the members' questions
    assert (questions.parent_id, questions.title) == (stored.agenda[4].id, "Members' questions")
    luo = [s for s in stored.speakers if s.agenda_item_id == questions.id]
    assert [round(s.elapsed_seconds(stored.closed_at)) for s in luo] == [120, 30] and questions.speakers_closed
    assert stored.leader_summary.startswith("Honour every commitment.\n")
    assert stored.agreed_items == ["Commitments followed up monthly by the CPPCC office",
                                   "Results reported at the next council"]
    assert stored.closing_remarks.startswith("The next council")
    assert stored.issue(3).raised_at is not None and stored.participant(stored.issue(3).raised_by).name == "Wu Chaolin"
    # times: each issue raised inside the turn of whoever is credited with it
    for number, name in ((3, "Wu Chaolin"), (floor_issue.id, "Tang Lihua")):
        issue = stored.issue(number)
        turn = next(s for s in turns if stored.participant(s.participant_id).name == name)
        assert turn.started_at <= issue.raised_at <= turn.ended_at, (number, issue.raised_at)
    # tallies: speaking time per role, as the minutes print it
    tally = {row.role: (row.turns, row.time_used) for row in build_minutes(stored, public=True).statistics}
    assert tally["member"] == (3, "16:45") and tally["resident representative"] == (4, "9:00")
    assert tally["department head"] == (5, "9:00")
    roofs_now = by_issue["Leaking roofs in a 1970s dormitory compound"]
    assert roofs_now.satisfaction is Satisfaction.DISSATISFIED and stored.issue_open(roofs_now.issue_id)
    # the record says who raised what only where the secretary said so
    credited = {i.id: (stored.participant(i.raised_by).name if i.raised_by else None, i.raiser) for i in stored.issues
                if i.raised_at is not None}
    assert credited == {3: ("Wu Chaolin", Raiser.PERSON), floor_issue.id: ("Tang Lihua", Raiser.PERSON),
                        4: ("Zhang Xiaojun", Raiser.PERSON), 6: (None, Raiser.GROUP), 8: (None, Raiser.GROUP),
                        9: (None, Raiser.GROUP)}
    speeches_md = public_md.split("## Speeches")[1].split("\n## ")[0]
    rows = {line.split("|")[2].strip(): line for line in speeches_md.splitlines() if line.startswith("| ")}
    assert "#4 Cars block the fire lane" in rows["Zhang Xiaojun"]
    assert "#3 No activity square" in rows["Wu Chaolin"] and f"#{floor_issue.id} Rubbish sorting bins missing" in rows["Tang Lihua"]
    for other in ("Fu Xiude", "Liu Yan"):
        assert "#" not in rows[other].split("|")[-2], rows[other]
