"""The register carries the room's rating of each commitment's answer (满意度测评): counts only,
never who voted how; the share of 满意 per department; the mostly 不满意 answers first."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from rich.cells import cell_len

from roomtui.domain.clock import FrozenClock
from roomtui.domain.followup import Filter, MeetingFollowUp, Register
from roomtui.domain.room_tally import RoomShare, RoomTally
from roomtui.i18n import _, ngettext, set_language
from roomtui.minutes.register_csv import render_register_csv
from roomtui.minutes.register_html import render_register_html
from roomtui.minutes.register_model import build_register_document
from roomtui.minutes.register_text import render_register_text
from roomtui.store import Archive
from roomtui.store.followup_index import _MEMORY, INDEX_NAME, INDEX_VERSION, load_register
from roomtui.store.followup_shape import check_lists
from tests.followup_helpers import FIRE, HOUSING, POLICE, SERIES_A, council_with, rate, two_series_folder

TODAY = date(2020, 4, 1)


def roofs_and_lanes():
    """One council: the roofs answer (two commitments) mostly 不满意, the fire lane 满意, one not rated."""
    meeting = council_with("a-2019", "Council on residential communities", date(2019, 11, 22), SERIES_A, [
        ("Leaking roofs", HOUSING, "Temporary roof repair", "2019-12-22"),
        ("Fire lane blocked", FIRE, "Mark the fire lane", "2019-12-07"),
        ("Disorderly parking", POLICE, "Parking patrols", "2020-02-01"),
    ], closed=False)
    meeting.responses[0].commitments.append(type(meeting.responses[0].commitments[0])(
        lead_unit=HOUSING, deliverable="Apply for provincial funds", deadline=date(2020, 6, 30)))
    rate(meeting, 1, ["dissatisfied", "dissatisfied", "satisfied", "basically_satisfied", "dissatisfied"])
    rate(meeting, 2, ["satisfied", "satisfied", "basically_satisfied"], closed=False)
    return meeting


def rated_folder(archive) -> None:
    def rated(meeting) -> None:
        if meeting.id == "a-2019":
            rate(meeting, 3, ["dissatisfied", "dissatisfied", "satisfied"])
            rate(meeting, 1, ["satisfied", "satisfied", "basically_satisfied", "satisfied"])

    two_series_folder(archive, rated)


# -- domain -----------------------------------------------------------------------------------
def test_each_entry_carries_its_answer_s_tally_and_departments_their_share_of_satisfied():
    register = Register.build([MeetingFollowUp.of(roofs_and_lanes())], TODAY)
    by_deliverable = {e.deliverable: e for e in register.entries}
    roofs = RoomTally(satisfied=1, basically=1, dissatisfied=3, closed=True)
    assert by_deliverable["Temporary roof repair"].room == roofs
    assert by_deliverable["Apply for provincial funds"].room == roofs  # the response's two commitments
    assert by_deliverable["Mark the fire lane"].room == RoomTally(2, 1, 0, closed=False)
    assert by_deliverable["Parking patrols"].room is None  # never put to the room
    assert roofs.mostly_dissatisfied and not by_deliverable["Mark the fire lane"].room.mostly_dissatisfied
    counts = {c.department: c.room for c in register.counts()}
    # the roofs answer counts once though it made two commitments: 1 of 5 votes, 20%
    assert counts[HOUSING] == RoomShare(answers=1, votes=5, satisfied=1, dissatisfied_answers=1)
    assert counts[HOUSING].percent_satisfied == 20
    assert counts[FIRE].percent_satisfied == 67 and counts[POLICE].percent_satisfied is None
    wanted = register.select(Filter(room_dissatisfied=True))
    assert [e.deliverable for e in wanted] == ["Temporary roof repair", "Apply for provincial funds"]


def test_a_tally_has_no_one_s_name_and_a_released_sign_in_no_longer_counts():
    from roomtui.domain.council import Council

    meeting = roofs_and_lanes()
    Council(meeting, FrozenClock(datetime(2019, 11, 22, 12))).release_sign_in(meeting.sign_ins[0].id)
    entry = Register.build([MeetingFollowUp.of(meeting)], TODAY).entries
    roofs = next(e for e in entry if e.deliverable == "Temporary roof repair").room
    assert roofs == RoomTally(1, 1, 2, closed=True)
    assert set(vars(roofs)) == {"satisfied", "basically", "dissatisfied", "closed"}


def test_half_the_votes_dissatisfied_is_not_most_and_halves_round_up():
    assert not RoomTally(1, 0, 1).mostly_dissatisfied and RoomTally(0, 1, 2).mostly_dissatisfied
    assert not RoomTally().mostly_dissatisfied
    assert RoomShare(1, 8, 1).percent_satisfied == 13  # 12.5 -> 13 on every machine
    assert RoomShare().percent_satisfied is None


# -- the cache ----------------------------------------------------------------------------------
def test_the_cache_keeps_the_tally_and_a_cache_of_version_4_is_read_again(tmp_path):
    archive = Archive(tmp_path / "data")
    rated_folder(archive)
    _MEMORY.clear()
    fresh = load_register(archive, TODAY)
    document = json.loads((archive.root / INDEX_NAME).read_bytes())
    assert INDEX_VERSION == 5 and document["version"] == 5
    rows = document["meetings"]["a-2019"]["data"]["rows"]
    assert [row[11] for row in rows] == [[3, 1, 0, True], None, [1, 0, 2, True]]
    for row in rows:
        check_lists({**document["meetings"]["a-2019"]["data"], "rows": [row]})
    _MEMORY.clear()  # as a new process finds it: the tallies come back from the cache
    again = load_register(archive, TODAY)
    assert again.entries == fresh.entries
    assert {e.ref: e.room for e in again.entries}["a-2019#r3.1"] == RoomTally(1, 0, 2, closed=True)
    # an older roomtui's cache (rows of 11, no tally) is rebuilt, never read as "not rated"
    for data in document["meetings"].values():
        data["data"]["rows"] = [row[:11] for row in data["data"]["rows"]]
    document["version"] = 4
    (archive.root / INDEX_NAME).write_text(json.dumps(document), encoding="utf-8")
    _MEMORY.clear()
    assert load_register(archive, TODAY).entries == fresh.entries


@pytest.mark.parametrize("tally", [[1, 0, 2], [1, 0, 2, True, 5], [1, 0, -2, True], [1, 0, 2, 1], ["1", 0, 2, True],
                                   {"s": 1}])
def test_a_damaged_tally_in_the_cache_is_read_again_from_the_meeting(tmp_path, tally):
    archive = Archive(tmp_path / "data")
    rated_folder(archive)
    for path in archive.meetings_dir.glob("*.json"):  # settled stamps: the cache row is what is read
        import os

        os.utime(path, (path.stat().st_atime - 60, path.stat().st_mtime - 60))
    _MEMORY.clear()
    fresh = load_register(archive, TODAY)
    document = json.loads((archive.root / INDEX_NAME).read_bytes())
    document["meetings"]["a-2019"]["data"]["rows"][2][11] = tally
    (archive.root / INDEX_NAME).write_text(json.dumps(document), encoding="utf-8")
    _MEMORY.clear()
    assert load_register(archive, TODAY).entries == fresh.entries


# -- exports ------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "zh"])
def test_public_exports_give_the_counts_and_the_share_and_no_voter(tmp_path, language):
    archive = Archive(tmp_path / "data")
    rated_folder(archive)
    register = load_register(archive, TODAY)
    meeting = archive.load("a-2019")
    voters = [s.name for s in meeting.sign_ins]
    assert voters and meeting.votes
    doc = build_register_document(register.entries, TODAY, language=language, public=True)
    text = render_register_text(doc)
    csv = render_register_csv(doc).decode("utf-8-sig")
    html = render_register_html(doc)
    t = doc.labels
    for rendered in (text, csv, html):
        assert not any(name in rendered for name in voters)  # who voted how is never published
        assert "Dongcheng" not in rendered
    roofs = next(line for line in csv.splitlines() if "Temporary roof repair" in line)
    assert roofs.endswith(f",1,0,2,{t['yes']},{t['yes']}")  # satisfied, basically, dissatisfied, closed, mostly 不满意
    lane = next(line for line in csv.splitlines() if "Mark the fire lane" in line)
    assert lane.endswith(f",3,1,0,{t['yes']},{t['no']}")
    assert t["room_satisfied"] in csv.splitlines()[0]
    share = t["room_share_line"].format(percent=33, satisfied=1, votes=3, answers=1)
    assert share in text and share in html  # Housing: the roofs answer, 1 of 3 votes satisfied
    assert t["room_share_line"].format(percent=75, satisfied=3, votes=4, answers=0) in text  # the fire brigade
    assert t["room_follow_first_note"] in text and t["room_follow_first_note"] in html


# -- the register view --------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_register_view_shows_the_room_s_tally_whole_and_filters_the_dissatisfied(tmp_path, language,
                                                                                            size):
    from textual.widgets import Checkbox, Static

    from roomtui.domain.model import Grade
    from roomtui.tui.dialogs import FormDialog
    from roomtui.tui.app import RoomApp
    from roomtui.tui.screens.followup import COLUMNS, FollowUpScreen
    from roomtui.tui.widgets.register_table import RegisterTable

    set_language(language)
    archive = Archive(tmp_path / "data")
    rated_folder(archive)
    app = RoomApp(archive, clock=FrozenClock(datetime(2020, 4, 1, 10)))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FollowUpScreen)
        table = app.screen.query_one(RegisterTable)
        assert table.virtual_size.width <= table.size.width  # every column on screen
        grade = max(cell_len(label) for label in [g.label for g in Grade] + [_("not graded")])
        tally = max(cell_len(_("Room")), cell_len("1/0/2"))
        column = size == (120, 40) or language == "zh"  # 80 columns in English: the grade takes the room
        assert table.widths[:3] == [2, COLUMNS[1], grade]  # the state whole; the mark has room for ✗
        assert len(table.widths) == len(COLUMNS) + column
        if column:
            assert table.widths[3] == tally
        assert min(table.widths[3 + column:]) >= 8
        head = str(app.screen.query_one("#followup-head", Static).content)
        assert (_("Room") in head) is column
        roofs = table.keys.index("a-2019#r3.1")
        assert table._rows[roofs][0] == ("!✗", "bold red")  # overdue, and most of the room 不满意
        if column:
            assert table._rows[roofs][3] == ("1/0/2", "bold red")
        assert "✗" in "".join(s.text for s in table.render_line(roofs - table.scroll_offset.y))
        # the line under the table says it in words, for the selected commitment
        table.cursor = roofs
        await pilot.pause()
        detail = str(app.screen.query_one("#followup-detail", Static).content)
        assert _("mostly dissatisfied: follow up first") in detail
        assert _("Room's rating: {satisfied} satisfied, {basically} basically satisfied, {dissatisfied} dissatisfied "
                 "({votes} in all)", satisfied=1, basically=0, dissatisfied=2, votes=3) in detail
        counts = str(app.screen.query_one("#followup-counts", Static).content)
        assert _("room: satisfied {percent}% ({satisfied}/{votes} votes)", percent=33, satisfied=1, votes=3) in counts
        assert ngettext("; {n} answer mostly dissatisfied", "; {n} answers mostly dissatisfied", 1) in counts
        # d: only the answers most of the room rated 不满意, the ones followed up first
        await pilot.press("d")
        await pilot.pause()
        assert table.keys == ["a-2019#r3.1"]
        assert _("room mostly dissatisfied only") in str(app.screen.query_one("#followup-filter", Static).content)
        await pilot.press("d")
        await pilot.pause()
        assert len(table.keys) == 6
        # the same through the filter form (/), with a department
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#field-room_dissatisfied", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.filter.room_dissatisfied and table.keys == ["a-2019#r3.1"]
    set_language("en")


async def test_a_register_no_room_rated_has_no_room_column(tmp_path):
    from roomtui.tui.app import RoomApp
    from roomtui.tui.screens.followup import STATE_COLUMNS
    from roomtui.tui.widgets.register_table import RegisterTable

    archive = Archive(tmp_path / "data")
    two_series_folder(archive)
    app = RoomApp(archive, clock=FrozenClock(datetime(2020, 4, 1, 10)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.screen.query_one(RegisterTable).widths) == STATE_COLUMNS + 4


def test_followup_on_the_command_line_lists_the_room_s_dissatisfied_answers_first(tmp_path, capsys):
    from roomtui.cli import main

    archive = Archive(tmp_path / "data")
    rated_folder(archive)
    assert main(["followup", "--data", str(archive.root), "--room-dissatisfied", "--public"]) == 0
    out = capsys.readouterr().out
    assert "Temporary roof repair" in out and "Mark the fire lane" not in out
    assert "1 satisfied, 0 basically satisfied, 2 dissatisfied (3 in all)" in out
