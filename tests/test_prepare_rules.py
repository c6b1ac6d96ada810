"""The prepare screen's promises: ask before deleting, undo, refusals shown in the form, CSV import.

Each test opens a demo council straight on the prepare view at 80x24 (the smallest size the
screen must work at) and checks both the screen and the store after each step.
"""

from __future__ import annotations

from textual.widgets import Input, TextArea

from roomtui.domain.model import MeetingStatus
from roomtui.store import Archive
from roomtui.tui.app import RoomApp
from roomtui.tui.dialogs import ConfirmDialog, FormDialog
from roomtui.tui.screens.prepare import PrepareScreen


def open_demo(tmp_path, language: str = "en") -> tuple[RoomApp, Archive, str]:
    archive = Archive(tmp_path)
    meeting_id = archive.ensure_demo(language)
    return RoomApp(archive, meeting_id=meeting_id, view="prepare"), archive, meeting_id


def stored(archive: Archive, meeting_id: str):
    return Archive(archive.root).load(meeting_id)


def file_bytes(archive: Archive, meeting_id: str) -> bytes:
    return archive.path_of(meeting_id).read_bytes()


def fill(app: RoomApp, **values: str) -> None:
    """Set form fields directly (for characters Pilot cannot type, such as full-width brackets)."""
    for name, value in values.items():
        widget = app.screen.query_one(f"#field-{name}")
        if isinstance(widget, TextArea):
            widget.text = value
        else:
            widget.value = value


def form_problems(app: RoomApp) -> str:
    assert isinstance(app.screen, FormDialog), app.screen
    return str(app.screen.query_one("#form-problems").content)


def names_on_screen(app: RoomApp) -> list[str]:
    table = app.screen.query_one("#participants-table")
    return [app.session.meeting.participant(int(key)).name for key in table.keys]


def agenda_on_screen(app: RoomApp) -> list[str]:
    table = app.screen.query_one("#agenda-table")
    return [app.session.meeting.agenda_item(int(key)).title for key in table.keys]


def selected_title(app: RoomApp) -> str:
    table = app.screen.query_one("#agenda-table")
    return app.session.meeting.agenda_item(int(table.selected_key)).title


async def test_filter_delete_confirm_undo_and_duplicate_refused(tmp_path):
    app, archive, meeting_id = open_demo(tmp_path, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        assert len(names_on_screen(app)) == 16

        # filter: Chinese name, then a role label, case-folded
        await pilot.press("slash", *"孙伟")
        assert names_on_screen(app) == ["孙伟"]
        app.screen.query_one("#participant-filter", Input).value = "DEPARTMENT"
        await pilot.pause()
        assert names_on_screen(app) == ["杨志远", "邓海", "孙伟"]
        assert "showing 3 of 16" in str(app.screen.query_one("#participants-status").content)
        await pilot.press("enter", "up")  # back to the list (still on 孙伟), one up
        assert app.screen.query_one("#participants-table").selected_key == "14"

        # delete asks; "n" keeps the person
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)
        assert len(stored(archive, meeting_id).participants) == 16

        # "y" removes, on screen and in the store; the cursor moves to the next person
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert names_on_screen(app) == ["杨志远", "孙伟"]
        assert "邓海" not in [p.name for p in stored(archive, meeting_id).participants]
        assert app.screen.query_one("#participants-table").selected_key == "15"

        # undo brings them back, on screen and in the store
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert names_on_screen(app) == ["杨志远", "邓海", "孙伟"]
        assert "邓海" in [p.name for p in stored(archive, meeting_id).participants]

        # toggling presence is one saved action too
        await pilot.press("p")
        await pilot.pause()
        assert stored(archive, meeting_id).participant(15).present is False

        # a duplicate (same name, same affiliation) is refused in the form; nothing is written
        before = file_bytes(archive, meeting_id)
        await pilot.press("a")
        await pilot.pause()
        fill(app, name="张晓军", affiliation="县政协委员（东城）")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "张晓军 (县政协委员（东城）) is already a participant" in form_problems(app)
        problems = app.screen.query_one("#form-problems")
        assert problems.region.height >= 1 and problems.region.bottom <= 24  # visible at 80x24
        assert file_bytes(archive, meeting_id) == before
        await pilot.press("escape")  # what was typed is not thrown away without asking
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)


async def test_agenda_nest_move_refusals_and_undo(tmp_path):
    app, archive, meeting_id = open_demo(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        assert agenda_on_screen(app)[2:5] == ["Speeches", "Department answers", "Follow-up questions"]
        status = app.screen.query_one("#agenda-status")
        assert str(status.content).startswith("planned 155 / 165 min") and not status.has_class("-over")

        # nest answers (40) and questions (20) under speeches (60)
        await pilot.press("down", "down", "down", "greater_than_sign", "down", "greater_than_sign")
        await pilot.pause()
        meeting = stored(archive, meeting_id)
        speeches = next(a for a in meeting.agenda if a.title == "Speeches")
        assert [a.title for a in meeting.agenda if a.parent_id == speeches.id] == ["Department answers",
                                                                                  "Follow-up questions"]
        assert str(status.content).startswith("planned 95 / 165 min")

        # a third part would make the parts longer than their parent: refused, nothing written
        before = file_bytes(archive, meeting_id)
        await pilot.press("down", "greater_than_sign")
        await pilot.pause()
        from roomtui.tui.notices import NoticeDialog

        if isinstance(app.screen, NoticeDialog):  # the refusal, with its reason, in full until Esc
            await pilot.press("escape")
            await pilot.pause()
        assert selected_title(app) == "Leader's summary"
        assert file_bytes(archive, meeting_id) == before

        # the same rule refuses a longer part in the edit form, and says why there
        await pilot.press("up", "e")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("tab", "tab", "end", "ctrl+u", "4", "5", "ctrl+s")
        await pilot.pause()
        assert "the parts of 'Speeches' add up to more than its 60 min" in form_problems(app)
        assert file_bytes(archive, meeting_id) == before
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # typed minutes: Esc asks before discarding them
        await pilot.press("y")
        await pilot.pause()

        # un-nest the first part: it lands after the remaining part, the cursor stays on it
        await pilot.press("up", "less_than_sign")
        await pilot.pause()
        assert selected_title(app) == "Department answers"
        assert agenda_on_screen(app)[2:5] == ["Speeches", "Follow-up questions", "Department answers"]

        # move it up past the whole "Speeches" block; undo puts it back, on screen and in the store
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert agenda_on_screen(app)[2:5] == ["Department answers", "Speeches", "Follow-up questions"]
        assert selected_title(app) == "Department answers"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert agenda_on_screen(app)[2:5] == ["Speeches", "Follow-up questions", "Department answers"]
        assert [a.title for a in stored(archive, meeting_id).agenda][2:5] == agenda_on_screen(app)[2:5]

        # over the meeting's length: the total turns to the warning colour
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("tab", "tab", "end", "ctrl+u", "9", "0", "ctrl+s")
        await pilot.pause()
        assert str(status.content).startswith("planned 185 / 165 min · 20 min over")
        assert status.has_class("-over")

        # insert above the selected item
        await pilot.press("i")
        await pilot.pause()
        await pilot.press(*"Break", "ctrl+s")
        await pilot.pause()
        assert agenda_on_screen(app)[4:6] == ["Break", "Department answers"]
        assert selected_title(app) == "Break"


async def test_a_bad_date_is_refused_in_the_form(tmp_path):
    app, archive, meeting_id = open_demo(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        before = file_bytes(archive, meeting_id)
        await pilot.press("down", "down", "down", "enter")  # Enter on the date row
        await pilot.pause()
        assert app.screen.focused.id == "field-date"
        await pilot.press("end", "ctrl+u", *"2019-13-40", "ctrl+s")
        await pilot.pause()
        assert "date '2019-13-40' is not a date (use YYYY-MM-DD)" in form_problems(app)
        assert file_bytes(archive, meeting_id) == before
        await pilot.press("end", "ctrl+u", *"2019-11-23", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)
        assert str(stored(archive, meeting_id).date) == "2019-11-23"
        assert "2019-11-23" in str(app.screen.query_one("#details-table").get_row("date")[1])


async def test_csv_import_is_one_undoable_action_and_a_bad_file_changes_nothing(tmp_path):
    good = tmp_path / "people.csv"
    good.write_text("姓名,身份,单位\n王芳,居民代表,东城社区\n赵强,部门负责人,县水务局\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("name,role\nA,member\nB,astronaut\n", encoding="utf-8")
    issues = tmp_path / "issues.csv"
    issues.write_text("title,department\nBroken lights,县水务局\n", encoding="utf-8")
    app, archive, meeting_id = open_demo(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "ctrl+o")
        await pilot.pause()
        before = file_bytes(archive, meeting_id)
        fill(app, path=str(bad))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "line 3" in form_problems(app) and "astronaut" in form_problems(app)
        assert file_bytes(archive, meeting_id) == before

        fill(app, path=str(good))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)
        assert [p.name for p in stored(archive, meeting_id).participants][-2:] == ["王芳", "赵强"]
        assert names_on_screen(app)[-2:] == ["王芳", "赵强"]

        await pilot.press("4", "ctrl+o")
        await pilot.pause()
        fill(app, path=str(issues))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored(archive, meeting_id).issues[-1].expected_department == "县水务局"

        await pilot.press("ctrl+z", "ctrl+z")  # two imports, two undos
        await pilot.pause()
        meeting = stored(archive, meeting_id)
        assert len(meeting.participants) == 16 and len(meeting.issues) == 10
        await pilot.press("2")
        assert len(names_on_screen(app)) == 16


async def test_go_live_asks_then_starts_the_meeting(tmp_path, monkeypatch):
    app, archive, meeting_id = open_demo(tmp_path)
    shown: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        monkeypatch.setattr(app, "show_view", shown.append)  # the live screen is tested on its own
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert stored(archive, meeting_id).status is MeetingStatus.DRAFT and shown == []
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        meeting = stored(archive, meeting_id)
        assert meeting.status is MeetingStatus.LIVE and meeting.current_item_id == meeting.agenda[0].id
        assert shown == ["live"]
