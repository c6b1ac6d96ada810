"""Whatever people typed or imported shows exactly as typed, on every screen of the app and the room view.

Textual reads a plain str as console markup in many places (Static, Label, titles, table cells,
option prompts, Select options): a typed "[/]" stopped the app with a MarkupError, "[b]x[/b]" was
drawn bold with its brackets gone, and "[link=…]" vanished. Here every field a person fills holds
such markup, different per field, and every screen, tab, panel and form that shows it is opened at
80x24 and 120x40: nothing may stop, and the brackets must be on screen as typed (read off the
compositor, what the terminal would show).
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from room_helpers import put_up_share

from roomtui.domain.clock import FrozenClock
from roomtui.domain.council import Council
from roomtui.domain.model import Meeting, MeetingStatus, Role, SpeakerKind
from roomtui.share import Discovery, WifiNetwork
from roomtui.share.network import AddressKind, LocalAddress
from roomtui.store import Archive
from roomtui.tui.app import RoomApp
from roomtui.tui.dialogs import ConfirmDialog, FormDialog, PickerDialog
from roomtui.tui.room.app import RoomViewApp

START = datetime(2019, 11, 22, 9, 0)
SIZES = [(80, 24), (120, 40)]
SERIES = "Council [/] [b]series[/b]"
FOLDER = "data [/] [b]dir[/b]"  # the data folder is typed too (--data)


def typed(tag: str) -> str:
    """What one field holds: a closing tag with nothing open (a MarkupError), a style, an unclosed
    bracket, a link, and a closing tag again after CJK text. The tag tells the fields apart."""
    return f"{tag}[/][b]{tag}[/b][red [link=https://x]y[/link] 李[/]"


def seen(tag: str) -> str:
    """The beginning of a field as typed: what a narrow column still shows, brackets and all."""
    return f"{tag}[/][b]{tag}"


DEPARTMENT = typed("DE")


def hostile_meeting(meeting_id: str, stage: str, day: date = date(2019, 11, 22)) -> Meeting:
    """A council whose every typed field holds markup, prepared (``draft``), under way with a
    department answering an issue (``live``) or ended with its commitments followed up (``closed``)."""
    meeting = Meeting(id=meeting_id, title=typed("MT"), date=day, language="en")
    clock = FrozenClock(datetime.combine(day, START.time()))
    council = Council(meeting, clock)
    council.set_details(theme=typed("TH"), series=SERIES, venue=typed("VE"), host=typed("HO"),
                        recorder=typed("RC"), background=typed("BG"), next_theme=typed("NT"), planned_minutes=120)
    chair = council.add_participant(typed("P1"), Role.CHAIR, affiliation=typed("A1"))
    member = council.add_participant(typed("P2"), Role.MEMBER, affiliation=typed("A2"), contact=typed("CT"))
    resident = council.add_participant(typed("P3"), Role.RESIDENT, affiliation=typed("A3"))
    head = council.add_participant(typed("P4"), Role.DEPARTMENT, affiliation=DEPARTMENT)
    council.add_agenda_item(typed("G1"), "opening", 5)
    speeches = council.add_agenda_item(typed("G2"), "speeches", 40)
    council.add_agenda_item(typed("G3"), "speeches", 10, parent_id=speeches.id)
    council.add_agenda_item(typed("G4"), "answers", 30)
    first = council.add_issue(typed("S1"), description=typed("DS"), category=typed("CA"), location=typed("LO"),
                              proposer=typed("PR"), expected_department=DEPARTMENT, suggestion=typed("SG"))
    council.add_issue(typed("S2"), location=typed("L2"), expected_department=DEPARTMENT)
    if stage == "draft":
        return meeting
    council.start_meeting()
    council.next_item()  # the speeches
    order = council.speaking_order()
    order.add(chair.id, SpeakerKind.IMPROMPTU, clock.now())
    order.next(clock.now())
    clock.advance(90)
    order.stop(clock.now())
    council.set_speaker_summary(order.finished[0].id, typed("SU"))
    council.raise_issue(first.id, raised_by=member.id)  # queues the department's answer
    council.record_response(first.id, DEPARTMENT, "resolve_now", responder=typed("RS"), text=typed("RT"),
                            action=typed("AC"), lead_unit=typed("LU"), deadline="2019-12-31",
                            commitments=[{"lead_unit": typed("CL"), "co_units": [typed("CO")],
                                          "deliverable": typed("CD"), "deadline": "2019-12-31"}])
    council.record_progress(meeting.responses[0].id, 0, grade="B", note=typed("FN"))
    order.add(member.id, SpeakerKind.BOOKED, clock.now())
    order.add(resident.id, SpeakerKind.IMPROMPTU, clock.now())
    answer = next(s for s in order.waiting if s.participant_id == head.id)
    order.start(answer.id, clock.now())
    clock.advance(30)
    if stage == "live":
        return meeting
    council.record_summary(leader_summary=typed("LS"), closing_remarks=typed("CR"), agreed_items=typed("AI"))
    council.close_meeting()
    assert meeting.status is MeetingStatus.CLOSED
    return meeting


@pytest.fixture
def archive(tmp_path) -> Archive:
    archive = Archive(tmp_path / FOLDER)
    archive.create(hostile_meeting("closed", "closed", date(2019, 11, 22)))
    archive.create(hostile_meeting("live", "live", date(2019, 12, 6)))
    archive.create(hostile_meeting("draft", "draft", date(2020, 1, 10)))
    return archive


TAGS = ("MT", "TH", "VE", "HO", "RC", "BG", "NT", "P1", "P2", "P3", "P4", "A1", "A2", "A3", "CT", "DE", "G1", "G2",
        "G3", "G4", "S1", "S2", "DS", "CA", "LO", "L2", "PR", "SG", "SU", "RS", "RT", "AC", "LU", "CL", "CO", "CD", "FN",
        "LS", "CR", "AI")
EATEN = re.compile("|".join(f"{tag}{tag}|{tag}\\[red y" for tag in TAGS) + "|" + re.escape("[red y 李"))


def screen_text(app) -> str:
    """What the screen shows; anywhere on it, no field may have lost its markup ("S1S1", "[red y")."""
    text = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
    eaten = EATEN.search(text)
    assert eaten is None, f"markup read, not shown: {eaten.group()!r} in\n{text}"
    return text


def shows(app, *tags: str, where: str) -> str:
    """Assert each field is on screen as typed; gives the screen's text."""
    text = screen_text(app)
    missing = [tag for tag in tags if seen(tag) not in text]
    assert not missing, f"{where}: {missing} not shown as typed in\n{text}"
    return text


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def open_selects(app, pilot) -> str:
    """Open every Select of the form on screen, one after the other; gives what their lists showed."""
    from textual.widgets import Select

    shown = []
    for select in list(app.screen.query(Select)):
        select.expanded = True
        await pilot.pause()
        shown.append(screen_text(app))
        select.expanded = False
        await pilot.pause()
    return "\n".join(shown)


async def press_shows(app, pilot, key: str, *tags: str, where: str) -> None:
    """After ``key``, the screen shows each field's text as typed."""
    await pilot.press(key)
    await settle(app, pilot)
    shows(app, *tags, where=where)


async def dialog_shows(app, pilot, key: str, kind: type, *tags: str, where: str) -> None:
    """``key`` opens a ``kind`` of dialog that shows each field's text as typed; then it is closed."""
    await pilot.press(key)
    await settle(app, pilot)
    assert isinstance(app.screen, kind), where
    if tags:
        shows(app, *tags, where=where)
    await close_dialog(app, pilot)


async def close_dialog(app, pilot) -> None:
    """Leave the forms and pickers on screen, typed into or not."""
    while isinstance(app.screen, (FormDialog, PickerDialog, ConfirmDialog)):
        app.pop_screen()
        await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
async def test_the_meetings_list_and_the_prepare_screen_show_typed_text_as_typed(archive, size):
    app = RoomApp(archive, clock=FrozenClock(datetime(2020, 1, 5, 9, 0)))
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        shows(app, "MT", where="meetings list")
        await pilot.press("i")  # importing a plan: into a new meeting or one of the list
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        listed = await open_selects(app, pilot)
        assert seen("MT") in listed, listed
        await close_dialog(app, pilot)
        await pilot.press("r")  # the draft's series has an open commitment: the report-back is offered
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "[b]series[/b]" in screen_text(app)  # the series, named as typed (wrapped at its space)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.open_meeting("draft", view="prepare")
        await settle(app, pilot)
        shows(app, "MT", where="prepare bar")
        # details: every field, and the edit form of the first (the title)
        details = screen_text(app)
        for tag in ("MT", "TH", "VE", "HO"):
            assert seen(tag) in details, f"details: {tag} in\n{details}"
        await dialog_shows(app, pilot, "e", FormDialog, "MT", where="title form")
        # participants, and the edit form of the first
        await press_shows(app, pilot, "2", "P1", "P2", "P3", "P4", where="participants")
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        shows(app, "P1", where="participant form")
        await open_selects(app, pilot)
        await close_dialog(app, pilot)
        # agenda, and the edit form of the first item
        await press_shows(app, pilot, "3", "G1", "G2", "G3", "G4", where="agenda")
        await dialog_shows(app, pilot, "e", FormDialog, "G1", where="agenda item form")
        # issues, and the edit form of the first (its department is one of the list's)
        await press_shows(app, pilot, "4", "S1", "S2", where="issues")
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        shows(app, "S1", where="issue form")
        chosen = app.screen.query_one("#field-department_choice").query_one("#label").render_line(0).text
        assert seen("DE") in chosen, chosen  # the department chosen, in its Select (below the fold at 80x24)
        assert seen("DE") in await open_selects(app, pilot)
        await close_dialog(app, pilot)
        # going live asks first, naming the first item
        await pilot.press("g")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmDialog)
        shows(app, "G1", where="go-live question")
        await pilot.press("escape")
        await settle(app, pilot)


@pytest.mark.parametrize("size", SIZES)
async def test_the_live_screen_and_its_forms_show_typed_text_as_typed(archive, size):
    app = RoomApp(archive, meeting_id="live", view="live", clock=FrozenClock(datetime(2019, 12, 6, 9, 2)))
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        wide = size[0] >= 120
        if wide:  # every panel at once
            text = shows(app, "P4", "G2", "S1", "P2", "P3", where="live screen")
            assert seen("MT") in text or seen("P1") in text
        else:  # the countdown over four tabs: the speaking order, the agenda, the issues, the times
            shows(app, "P4", "P2", where="live screen, speakers")
            for tab, tags in (("agenda", ("G2",)), ("issues", ("S1",)), ("time", ("P1",))):
                await pilot.press("v")
                await settle(app, pilot)
                shows(app, *tags, where=f"live screen, {tab}")
            await pilot.press("v")
            await settle(app, pilot)
        # record a response: the form names the selected issue in its Select
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        text = screen_text(app)
        assert seen("S1") in text or seen("S2") in text, text
        listed = await open_selects(app, pilot)
        assert seen("S1") in listed, listed
        await close_dialog(app, pilot)
        # add a commitment to the one response: its lead unit is filled in
        await dialog_shows(app, pilot, "m", FormDialog, "LU", where="commitment form")
        # an issue from the floor: who raised it and who answers are Selects of typed names
        await pilot.press("i")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        listed = await open_selects(app, pilot)
        assert seen("P1") in listed and seen("DE") in listed, listed
        await close_dialog(app, pilot)
        # the report's issues, to raise one
        await dialog_shows(app, pilot, "I", PickerDialog, "S1", where="report issue picker")
        # a speaker to add, and one to insert at a position
        for key in ("a", "p"):
            await dialog_shows(app, pilot, key, PickerDialog, "P1", where=f"speaker picker ({key})")
        # the proposer's satisfaction names the response
        await dialog_shows(app, pilot, "f", PickerDialog, "S1", where="satisfaction question")
        # key points of the speaker (the department's head)
        await dialog_shows(app, pilot, "w", FormDialog, "P4", where="key points form")
        # the leader's summary and closing remarks (none yet)
        await dialog_shows(app, pilot, "t", FormDialog, where="summary form")
        # the next item: the answer ends, the queue stays on its item
        await pilot.press("right")
        await settle(app, pilot)
        if wide:
            shows(app, "G3", where="live screen, next item")
        # the minutes of the meeting under way, then the prepare screen of a live meeting
        await press_shows(app, pilot, "f4", "MT", where="minutes of a live meeting")
        await press_shows(app, pilot, "f2", "MT", "TH", where="prepare screen of a live meeting")


@pytest.mark.parametrize("size", SIZES)
async def test_the_minutes_hand_out_and_share_show_typed_text_as_typed(archive, size, monkeypatch):
    network = WifiNetwork("Hall [/] [b]wifi[/b]", "pa[/]ss")
    here = LocalAddress("wlan0", "127.0.0.1", 8, AddressKind.HOTSPOT)
    monkeypatch.setattr("roomtui.tui.screens.share.discover", lambda folder: Discovery([here], network))
    app = RoomApp(archive, meeting_id="closed", clock=FrozenClock(datetime(2019, 11, 23, 9, 0)))
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        shows(app, "MT", where="minutes")
        preview = app.screen.query_one("#minutes-document")
        drawn = "\n".join(preview.render_line(y).text for y in range(preview.size.height))
        for tag in ("MT", "TH", "VE", "HO", "RC", "BG", "S1", "LS", "CR", "AI"):  # (tables fold narrow cells)
            assert seen(tag) in drawn, f"minutes: {tag} in\n{drawn}"
        await pilot.press("v")  # the internal minutes
        await settle(app, pilot)
        await pilot.press("g")  # grade a commitment: which one, then the grade
        await settle(app, pilot)
        assert isinstance(app.screen, PickerDialog)
        shows(app, "CD", where="commitment picker")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PickerDialog)
        shows(app, "CD", where="grade picker")
        await close_dialog(app, pilot)
        # the hand-out: its title, then one response to choose
        await pilot.press("f5")
        await settle(app, pilot)
        if size[0] >= 120:
            shows(app, "MT", where="hand-out")
        await press_shows(app, pilot, "r", "S1", where="hand-out responses")
        await pilot.press("escape")
        await settle(app, pilot)
        # sharing over Wi-Fi (on the loopback: no network is touched)
        await pilot.press("w")
        for _ in range(20):
            await settle(app, pilot)
            if type(app.screen).__name__ == "ShareScreen":
                break
        assert type(app.screen).__name__ == "ShareScreen"
        assert "Hall [/] [b]wifi" in screen_text(app)
        await pilot.press("w")
        await settle(app, pilot)


@pytest.mark.parametrize("size", SIZES)
async def test_the_follow_up_register_shows_typed_text_as_typed(archive, size):
    app = RoomApp(archive, clock=FrozenClock(datetime(2020, 1, 5, 9, 0)))
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press("f")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "FollowUpScreen"
        text = shows(app, "CL", "CD", "S1", where="follow-up register")
        if size[0] >= 120:
            assert seen("FN") in text, text
        await pilot.press("slash")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        listed = await open_selects(app, pilot)
        assert seen("CL") in listed, listed
        await close_dialog(app, pilot)
        for key in ("g", "n"):
            await pilot.press(key)
            await settle(app, pilot)
            assert isinstance(app.screen, (FormDialog, PickerDialog))
            shows(app, "CD", where=f"register {key}")
            await close_dialog(app, pilot)


def room_view(archive, meeting_id: str, now: datetime) -> RoomViewApp:
    """The room view of a meeting at ``now``, still (no polling, no carousel)."""
    return RoomViewApp(Archive(archive.root, read_only=True), meeting_id, clock=FrozenClock(now),
                       poll_seconds=None, carousel_seconds=None)


@pytest.mark.parametrize("size", SIZES)
async def test_the_room_view_shows_typed_text_as_typed(archive, size):
    # a department answering an issue, with a queue: the floor, the turn, the issue, the next speakers
    view = room_view(archive, "live", datetime(2019, 12, 6, 9, 2))
    async with view.run_test(size=size) as pilot:
        await pilot.pause()
        text = shows(view, "P4", where="room view, speaking")
        if size[0] >= 120:
            for tag in ("MT", "G2", "S1", "P2"):
                assert seen(tag) in text, f"room view: {tag} in\n{text}"
    # between speakers: the agenda and who is next
    session = archive.open("live", clock=FrozenClock(datetime(2019, 12, 6, 9, 3)))
    session.do("stop", lambda c: c.speaking_order().stop(c.now()))
    session.close()
    view = room_view(archive, "live", datetime(2019, 12, 6, 9, 3))
    async with view.run_test(size=size) as pilot:
        await pilot.pause()
        text = shows(view, "P2", where="room view, between")
        if size[0] >= 120:
            assert seen("G2") in text and seen("MT") in text, text
    # ended, then shared over Wi-Fi
    view = room_view(archive, "closed", START)
    async with view.run_test(size=size) as pilot:
        await pilot.pause()
        if size[1] >= 40:  # (a small terminal shows the code alone)
            shows(view, "MT", where="room view, ended")
        put_up_share(archive.root, "closed")
        view.poll()
        await pilot.pause()
        assert view.screen.has_class("-sharing")
        # the file damaged: the view says why it stopped following, naming the file in its folder
        archive.path_of("closed").write_text("{", encoding="utf-8")
        view.poll()
        await pilot.pause()
        problem = view.screen.query_one("#room-problem")
        said = "".join(problem.render_line(y).text for y in range(problem.size.height))
        assert "Not following" in said and "[b]dir[/b]" in said, said
