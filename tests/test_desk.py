"""The desk of open meetings (store/desk.py): one change per action, one undo history in the
order actions were taken, follow-on writes as part of the action, histories kept across leaving."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from roomtui.domain.clock import FrozenClock
from roomtui.domain.report_back_agenda import add_report_back
from roomtui.domain.model import Grade
from roomtui.domain.validation import ValidationError
from roomtui.store import storage
from roomtui.store.desk import Change, Desk
from roomtui.store.followup_index import load_register
from tests.followup_helpers import SERIES_A, council_with, two_series_folder

TODAY = date(2020, 4, 1)


@pytest.fixture
def desk(archive):
    two_series_folder(archive)
    desk = Desk(archive, FrozenClock(datetime(2020, 5, 8, 9, 30)))
    yield desk
    desk.close()


def test_every_saved_action_announces_exactly_one_change(desk):
    changes: list[Change] = []
    desk.listen(changes.append)
    desk.act("a-2019", "grade", lambda c: c.record_progress(1, 0, grade="B"))
    with pytest.raises(ValidationError):  # refused: nothing written, nothing announced
        desk.act("a-2019", "grade again", lambda c: c.record_progress(1, 0, grade="B"))
    desk.act("a-2019", "nothing", lambda c: None)  # changes nothing: nothing written, nothing announced
    desk.act("a-2020", "note", lambda c: c.record_progress(1, 0, note="started"))
    assert [(c.revision, c.label, c.meeting_id) for c in changes] == [(1, "grade", "a-2019"), (2, "note", "a-2020")]
    assert desk.undo() == "note"
    assert changes[-1].undone and changes[-1].revision == 3 == desk.revision


def test_undo_follows_the_order_actions_were_taken_across_meetings(desk, archive):
    desk.act("a-2019", "first", lambda c: c.record_progress(1, 0, grade="B"))
    desk.act("a-2020", "second", lambda c: c.record_progress(1, 0, grade="C"))
    desk.act("a-2019", "third", lambda c: c.record_progress(2, 0, grade="A"))
    assert desk.undo("a-2020") == "second"  # the last of one meeting, when one is asked for
    assert desk.undo() == "third"
    assert desk.undo() == "first"
    with pytest.raises(LookupError):
        desk.undo()
    assert [c.grade for r in archive.load("a-2019").responses for c in r.commitments] == [None, None, None]
    assert archive.load("a-2020").responses[0].commitments[0].grade is None


def test_a_report_back_answer_and_its_copy_are_one_step(desk, archive):
    open_a = load_register(archive, TODAY).open_in_series(SERIES_A, before=date(2020, 5, 8))
    archive.create(council_with("a-next", "Next council", date(2020, 5, 8), SERIES_A, [], closed=False))
    desk.act("a-next", "report-back", lambda c: add_report_back(c, open_a))
    roof = next(i for i in archive.load("a-next").issues if i.followup_of == "a-2019#r3.1")
    desk.act("a-2019", "note", lambda c: c.record_progress(2, 0, note="checked"))  # before the answer
    changes: list[Change] = []
    desk.listen(changes.append)
    desk.act("a-next", "answer", lambda c: c.record_response(roof.id, roof.expected_department, "resolve_now",
                                                             action="Roofs repaired", text="All repaired",
                                                             lead_unit=roof.expected_department,
                                                             deadline="2020-05-08"))
    assert [(c.meeting_id, c.also) for c in changes] == [("a-next", ("a-2019",))]  # two files, one change
    assert archive.load("a-2019").responses[2].commitments[0].grade is Grade.A
    # undo of the earlier meeting's own action (taken before the answer): the copy stays, it is
    # not that meeting's action
    assert desk.undo("a-2019") == "note"
    earlier = archive.load("a-2019")
    assert earlier.responses[1].commitments[0].history == []
    assert earlier.responses[2].commitments[0].history[-1].source.startswith("a-next#")
    assert earlier.responses[2].commitments[0].grade is Grade.A
    # undo of the answer takes the copy back in the same step
    assert desk.undo() == "answer"
    assert not archive.load("a-next").responses
    original = archive.load("a-2019").responses[2].commitments[0]
    assert original.grade is None and original.history == []


def test_undo_history_outlives_putting_a_meeting_away(desk, archive):
    desk.open("a-2019")
    desk.act("a-2019", "grade", lambda c: c.record_progress(1, 0, grade="B"))
    desk.put_away("a-2019")
    assert not (archive.meetings_dir / "a-2019.lock").exists() or desk.session("a-2019") is None
    desk.open("a-2019")
    assert desk.undo("a-2019") == "grade"
    assert archive.load("a-2019").responses[0].commitments[0].grade is None


def test_a_history_is_dropped_when_another_roomtui_changed_the_meeting_meanwhile(desk, archive):
    desk.act("a-2019", "grade", lambda c: c.record_progress(1, 0, grade="B"))
    other = Desk(archive)  # another window, after this one put the meeting away
    other.act("a-2019", "elsewhere", lambda c: c.record_progress(1, 0, note="from elsewhere"))
    other.close()
    desk.open("a-2019")
    with pytest.raises(LookupError):
        desk.undo("a-2019")
    assert archive.load("a-2019").responses[0].commitments[0].history[-1].note == "from elsewhere"


def test_actions_together_are_one_write_and_one_step(desk, archive, monkeypatch):
    writes: list[str] = []
    real = storage.atomic_write
    monkeypatch.setattr(storage, "atomic_write", lambda path, payload: (writes.append(path.name), real(path, payload)))
    results = desk.act_together("a-2019", "three notes", [
        lambda c: c.record_progress(1, 0, note="one"),
        lambda c: c.record_progress(9, 0, note="no such response"),
        lambda c: c.record_progress(2, 0, note="two"),
    ])
    assert isinstance(results[1], ValidationError) and results[0].note == "one" and results[2].note == "two"
    assert writes == ["a-2019.json"]
    assert desk.undo() == "three notes"
    assert all(not c.history for r in archive.load("a-2019").responses for c in r.commitments)


def test_readers_of_a_meeting_read_only_the_meetings_that_report_on_it(desk, archive, monkeypatch):
    """The first screen with 1,000 meetings must not read 1,000 files to find report-back answers."""
    from roomtui.store.archive import Archive
    from roomtui.store.followup_index import load_with_answers

    open_a = load_register(archive, TODAY).open_in_series(SERIES_A, before=date(2020, 5, 8))
    archive.create(council_with("a-next", "Next council", date(2020, 5, 8), SERIES_A, [], closed=False))
    desk.act("a-next", "report-back", lambda c: add_report_back(c, open_a))
    loaded: list[str] = []
    real = Archive.load
    monkeypatch.setattr(Archive, "load", lambda self, meeting_id: (loaded.append(meeting_id), real(self, meeting_id))[1])
    load_with_answers(archive, "b-2020")
    assert loaded == ["b-2020"]  # nobody reports on it: nothing else is read
    loaded.clear()
    load_with_answers(archive, "a-2019")
    assert loaded == ["a-2019", "a-next"]


def test_a_history_survives_the_meeting_being_held_elsewhere_for_a_while(desk, archive):
    from roomtui.store import ReadOnlyError
    from roomtui.store.lock import MeetingLock

    desk.act("a-2019", "grade", lambda c: c.record_progress(1, 0, grade="B"))
    other = MeetingLock(archive.path_of("a-2019").with_suffix(".lock"))  # another roomtui opens it
    assert other.acquire()
    with pytest.raises(ReadOnlyError):
        desk.undo()
    other.release()
    assert desk.undo() == "grade"
    assert archive.load("a-2019").responses[0].commitments[0].grade is None


def test_phones_actions_outlive_the_secretarys_undo_at_their_own_time(desk, archive):
    """Each phone was told "received": ctrl+z takes back the secretary's own action and applies
    the phones' saved after it again, at the time they were made; a phones' group is no step.
    (a-2019 is closed, so a follow-up note stands in for a phone's action here.)"""
    clock = desk.clock
    desk.act("a-2019", "note", lambda c: c.record_progress(1, 0, note="secretary's note"))
    clock.advance(minutes=5)
    made_at = clock.now()
    desk.act_together("a-2019", "1 action from phones", [lambda c: c.record_progress(2, 0, note="kept")], kept=True)
    clock.advance(minutes=5)
    assert desk.undo() == "note"  # the phones' group was not an undo step
    meeting = archive.load("a-2019")
    assert [(e.note, e.at) for e in meeting.response(2).commitments[0].history] == [("kept", made_at)]
    assert not meeting.response(1).commitments[0].history
    with pytest.raises(LookupError):  # nothing left to undo: the phones' action stays
        desk.undo("a-2019")
    assert archive.load("a-2019").response(2).commitments[0].history[0].note == "kept"
