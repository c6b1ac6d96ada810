"""An imported file never changes another meeting (issue 27, item 2): its report-back links are
kept as text, shown as not linked, and link only when the secretary confirms, never twice."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from roomtui.cli import main
from roomtui.domain.clock import FrozenClock
from roomtui.domain.report_back_agenda import add_report_back
from roomtui.domain.report_back import link_report_back
from roomtui.domain.model import Grade
from roomtui.domain.validation import ValidationError
from roomtui.importing import import_file, replace_from_file
from roomtui.minutes.json_ import render_json
from roomtui.store.desk import Desk
from roomtui.store.followup_index import load_register
from roomtui.tui.app import RoomApp
from roomtui.tui.dialogs import PickerDialog
from tests.followup_helpers import SERIES_A, council_with, open_register, two_series_folder

TODAY = date(2020, 6, 1)
ROOF = "a-2019#r3.1"


def _answered_next(archive) -> Desk:
    """a-next reports on the roof repair and answers it: one copy in a-2019."""
    two_series_folder(archive)
    desk = Desk(archive, FrozenClock(datetime(2020, 5, 8, 9, 30)))
    archive.create(council_with("a-next", "Next council", date(2020, 5, 8), SERIES_A, [], closed=False))
    roof = [e for e in load_register(archive, TODAY).entries if e.ref == ROOF]
    desk.act("a-next", "report-back", lambda c: add_report_back(c, roof))
    issue = next(i for i in archive.load("a-next").issues if i.followup_of == ROOF)
    desk.act("a-next", "answer", lambda c: c.record_response(
        issue.id, issue.expected_department, "resolve_now", action="Roofs repaired", text="All roofs repaired",
        lead_unit=issue.expected_department, deadline="2020-05-08"))
    return desk


def _roof(archive):
    return archive.load("a-2019").responses[2].commitments[0]


def test_a_file_linking_another_meeting_changes_nothing_until_confirmed(archive, tmp_path):
    two_series_folder(archive)
    nxt = council_with("other-next", "Another laptop's council", date(2020, 5, 8), SERIES_A, [], closed=False)
    desk = Desk(archive, FrozenClock(datetime(2020, 5, 8, 9, 30)))
    from roomtui.domain.council import Council

    council = Council(nxt, FrozenClock(datetime(2020, 5, 8, 9, 30)))
    add_report_back(council, [e for e in load_register(archive, TODAY).entries if e.ref == ROOF])
    issue = nxt.issues[-1]
    council.record_response(issue.id, issue.expected_department, "higher_level", reason="Provincial funds",
                            body_asked="Province", next_step="Apply", interim_measure="Buckets")
    nxt.status = nxt.status.CLOSED
    path = tmp_path / "other.json"
    path.write_text(render_json(nxt, public=False), encoding="utf-8")
    result = import_file(archive, path)
    assert result.unlinked == 1 and "not linked" in result.unlinked_notice()
    imported = archive.load(result.meeting_id)
    assert imported.issues[-1].followup_of == "" and imported.issues[-1].followup_claim == ROOF
    register = load_register(archive, TODAY)
    assert register.unlinked == [(result.meeting_id, issue.id, issue.title, ROOF)]
    assert next(e for e in register.entries if e.ref == ROOF).grade is None  # not re-graded by the file
    desk.open(result.meeting_id)  # opened and acted on in the app: still nothing reaches a-2019
    desk.act(result.meeting_id, "satisfaction", lambda c: c.update_response(1, satisfaction="satisfied"))
    assert _roof(archive).grade is None and _roof(archive).history == []
    # the secretary confirms (in a closed meeting too: a link is follow-up): now it grades the roof
    desk.act(result.meeting_id, "link", lambda c: link_report_back(c, issue.id, register.linked))
    assert _roof(archive).grade is Grade.D
    with pytest.raises(ValidationError, match="no report-back link"):  # never twice
        desk.act(result.meeting_id, "link", lambda c: link_report_back(c, issue.id, {}))


def test_reimporting_a_meetings_own_export_never_answers_twice(archive, tmp_path):
    desk = _answered_next(archive)
    assert len(_roof(archive).history) == 1
    path = tmp_path / "a-next.json"
    assert main(["export", "a-next", "--format", "json", "-o", str(path), "--data", str(archive.root)]) == 0
    copy = import_file(archive, path)  # a new meeting: its link is set aside
    register = load_register(archive, TODAY)
    issue_id = next(n for meeting, n, _t, ref in register.unlinked if meeting == copy.meeting_id and ref == ROOF)
    with pytest.raises(ValidationError, match="already answered by a-next"):
        desk.act(copy.meeting_id, "link", lambda c: link_report_back(c, issue_id, register.linked))
    replace_from_file(desk, path, "a-next", force=True)  # replacing itself keeps its own link
    assert archive.load("a-next").issues[-1].followup_of == ROOF
    desk.act("a-next", "touch", lambda c: c.set_details(title="Next council, renamed"))
    history = _roof(archive).history
    assert len(history) == 1 and history[0].source.startswith("a-next#")


async def test_the_register_shows_and_links_an_imported_link(archive, tmp_path):
    two_series_folder(archive)
    nxt = council_with("other-next", "Another laptop's council", date(2020, 5, 8), SERIES_A, [], closed=False)
    from roomtui.domain.council import Council

    add_report_back(Council(nxt), [e for e in load_register(archive, TODAY).entries if e.ref == ROOF])
    path = tmp_path / "other.json"
    path.write_text(render_json(nxt, public=False), encoding="utf-8")
    result = import_file(archive, path)
    app = RoomApp(archive, clock=FrozenClock(datetime(2020, 6, 1, 9)))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_register(app, pilot)
        shown = str(app.screen.query_one("#followup-unlinked").content)
        assert "not linked" in shown and ROOF in shown
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, PickerDialog)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.screen.query_one("#followup-unlinked").display
    assert archive.load(result.meeting_id).issues[-1].followup_of == ROOF
