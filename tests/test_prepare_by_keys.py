"""Prepare a whole council by keys alone, from the home screen, then read it back from the store."""

from __future__ import annotations

from datetime import date, time

from textual.widgets import Input

from roomtui.domain.model import Role
from roomtui.store import Archive
from roomtui.tui.app import RoomApp
from roomtui.tui.dialogs import FormDialog
from roomtui.tui.screens.prepare import PrepareScreen


async def typed(pilot, text: str) -> None:
    """Clear the focused one-line field and type ``text`` key by key (Chinese included)."""
    await pilot.press("end", "ctrl+u", *text)


async def choose(pilot, steps: int) -> None:
    """Open the focused Select, move ``steps`` options (negative: up) and pick."""
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps), "enter")
    await pilot.pause()


async def save(pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert not isinstance(pilot.app.screen, FormDialog), pilot.app.screen.query_one("#form-problems").content


def agenda_titles(meeting) -> list[tuple[str, str | None]]:
    titles = {a.id: a.title for a in meeting.agenda}
    return [(a.title, titles.get(a.parent_id)) for a in meeting.agenda]


async def add_participant(pilot, name: str, role_steps: int, affiliation: str, contact: str = "",
                          absent: bool = False) -> None:
    await pilot.press("a")
    await pilot.pause()
    await pilot.press(*name, "tab")  # name, then the role select (member is preselected)
    if role_steps:
        await choose(pilot, role_steps)
    await pilot.press("tab", *affiliation, "tab", *contact, "tab")  # affiliation, contact, present
    if absent:
        await pilot.press("space")
    await save(pilot)


async def test_prepare_a_council_by_keys_from_the_home_screen(tmp_path):
    app = RoomApp(Archive(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        # -- a new meeting from the council template --------------------------------------
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Nuojiang", "tab")  # title, then the template (council is preselected)
        await pilot.press("tab")
        await typed(pilot, "2019-11-22")
        await pilot.press("tab")
        await typed(pilot, "09:00")
        await save(pilot)
        assert isinstance(app.screen, PrepareScreen)
        meeting_id = app.session.meeting.id

        # -- details: Enter on the theme row opens the form there ----------------------------
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press(*"Services", "tab", *"CPPCC", "tab", "tab", "tab")
        await pilot.press(*"Room 4", "tab", *"陈国强", "tab", *"李明", "tab")
        await typed(pilot, "165")
        await pilot.press("tab", *"10 groups.")
        await save(pilot)

        await pilot.press("l")  # speaking limits
        await pilot.pause()
        await typed(pilot, "7:30")
        await pilot.press("tab", "tab", "tab", "tab", "tab", "space")  # ... one entry per person
        await save(pilot)

        # -- participants -----------------------------------------------------------------
        await pilot.press("2")
        await add_participant(pilot, "张晓军", 0, "东城", "139")
        await add_participant(pilot, "Wu", 1, "春场坪")
        await add_participant(pilot, "Yang", 2, "Housing")
        await add_participant(pilot, "Sun", 2, "Police")
        await add_participant(pilot, "李明", -2, "政协", absent=True)
        await pilot.press("up", "p")  # Sun is away today
        await pilot.pause()

        # -- agenda from the template: rename, move, insert, nest ----------------------------
        await pilot.press("3")
        await pilot.press("e")  # the cursor is on "Opening"
        await pilot.pause()
        await typed(pilot, "Welcome")
        await save(pilot)
        await pilot.press("down", "down", "down", "down", "down", "ctrl+up")  # Leader's summary one up
        await pilot.pause()
        table = app.screen.query_one("#agenda-table")
        assert app.session.meeting.agenda_item(int(table.selected_key)).title == "Leader's summary"
        await pilot.press("up")  # on "Department answers"
        await pilot.press("i")
        await pilot.pause()
        await pilot.press(*"Break", "tab", "tab")
        await typed(pilot, "10")
        await save(pilot)
        await pilot.press("greater_than_sign")  # the inserted break becomes a part of "Speeches"
        await pilot.pause()

        # -- issues -----------------------------------------------------------------------
        await pilot.press("4")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"No square", "tab", *"None.", "tab")
        await pilot.press(*"parks", "tab", *"春场坪", "tab", *"Group 3", "tab")
        await choose(pilot, 1)  # the first department head's affiliation: Housing Bureau
        await pilot.press("tab", "tab", *"Build.")
        await save(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"消防通道被堵", "tab", "tab", *"fire", "tab", "tab", "tab", "tab")
        await pilot.press(*"Fire Brigade")  # a department without a head in the list
        await save(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Owners")
        await save(pilot)

        assert app.screen.query_one("#agenda-status").content.plain.startswith("planned 155 / 165 min")

    # -- everything is in the store ---------------------------------------------------------
    meeting = Archive(tmp_path).load(meeting_id)
    assert meeting.title == "Nuojiang"
    assert (meeting.theme, meeting.series) == ("Services", "CPPCC")
    assert (meeting.date, meeting.start_time) == (date(2019, 11, 22), time(9, 0))
    assert meeting.venue == "Room 4"
    assert (meeting.host, meeting.recorder, meeting.planned_minutes) == ("陈国强", "李明", 165)
    assert meeting.background == "10 groups."
    assert meeting.limits.booked == 7 * 60 + 30 and meeting.limits.one_entry_per_person

    people = {p.name: p for p in meeting.participants}
    assert list(people) == ["张晓军", "Wu", "Yang", "Sun", "李明"]
    assert [p.role for p in people.values()] == [Role.MEMBER, Role.RESIDENT, Role.DEPARTMENT, Role.DEPARTMENT,
                                                 Role.SECRETARY]
    assert people["张晓军"].affiliation == "东城" and people["张晓军"].contact == "139"
    assert [p.present for p in people.values()] == [True, True, True, False, False]

    assert agenda_titles(meeting) == [
        ("Welcome", None), ("Briefing on the research report", None), ("Speeches", None),
        ("Break", "Speeches"), ("Department answers", None), ("Leader's summary", None),
        ("Follow-up questions", None), ("Closing", None),
    ]
    assert meeting.agenda[3].planned_minutes == 10

    first, second, third = meeting.issues
    assert (first.title, first.description, first.category, first.location, first.proposer) == (
        "No square", "None.", "parks", "春场坪", "Group 3")
    assert (first.expected_department, first.suggestion) == ("Housing", "Build.")
    assert (second.title, second.category, second.expected_department) == ("消防通道被堵", "fire",
                                                                          "Fire Brigade")
    assert (third.title, third.expected_department) == ("Owners", "")


async def test_a_town_hall_template_opens_with_its_agenda(tmp_path):
    app = RoomApp(Archive(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Town hall", "tab")
        await choose(pilot, 1)  # council -> town hall
        await save(pilot)
        assert isinstance(app.screen, PrepareScreen)
        await pilot.press("3")
        table = app.screen.query_one("#agenda-table")
        assert table.row_count == 4
        assert isinstance(app.screen.focused, type(table))
        assert "planned 100 / 100 min" in app.screen.query_one("#agenda-status").content.plain


async def test_filter_input_takes_chinese_typed_key_by_key(tmp_path):
    archive = Archive(tmp_path)
    app = RoomApp(archive, meeting_id=archive.ensure_demo("zh"), view="prepare")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "slash", *"张晓")
        await pilot.pause()
        assert app.screen.query_one("#participant-filter", Input).value == "张晓"
        table = app.screen.query_one("#participants-table")
        assert [app.session.meeting.participant(int(k)).name for k in table.keys] == ["张晓军"]
