"""The meeting file's bytes: encoded again only where a record changed, always the same file."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from roomtui.domain import FrozenClock, SpeakerKind
from roomtui.domain.codec import meeting_to_data
from roomtui.domain.demo import build_demo, play_demo
from roomtui.store import SaveError
from roomtui.store.meeting_file import LISTS, SCHEMA, FileEncoder, data_of_file, read_meeting
from roomtui.store.storage import encode

PLAYED = meeting_to_data(play_demo(build_demo("zh", "demo-zh-file"), FrozenClock(datetime(2026, 11, 28, 9, 0))))


def through_tinydb(data: dict, meeting_id: str) -> bytes:
    """The same file written through TinyDB's own Table API, the way roomtui wrote it before."""
    db = TinyDB(storage=MemoryStorage)
    db.table("meta").insert(Document({"schema": SCHEMA, "format": "roomtui-meeting", "meeting_id": meeting_id}, doc_id=1))
    db.table("meeting").insert(Document({k: v for k, v in data.items() if k not in LISTS}, doc_id=1))
    for name in LISTS:
        db.table(name).truncate()
        db.table(name).insert_multiple(Document(dict(row, _seq=seq), doc_id=row["id"]) for seq, row in enumerate(data[name]))
    return encode(db.storage.read())


def test_the_file_is_what_tinydb_writes_and_reads_back_as_the_meeting():
    payload = FileEncoder(PLAYED["id"]).file_bytes(PLAYED)
    assert payload == through_tinydb(PLAYED, PLAYED["id"])
    db = TinyDB(storage=MemoryStorage)
    db.storage.write(json.loads(payload))  # as read from disk
    assert meeting_to_data(read_meeting(db)) == PLAYED
    assert "通江县政协".encode() in payload


# one change to the meeting's records: (table, what, which record, a new value)
changes = st.tuples(st.sampled_from(LISTS), st.sampled_from(["edit", "drop", "move", "copy"]),
                    st.integers(0, 10_000), st.text(max_size=12))


def changed(data: dict, change: tuple) -> dict:
    name, what, pick, text = change
    data = json.loads(json.dumps(data))  # a fresh copy, as meeting_to_data gives each save
    rows = data[name]
    if not rows:
        return data
    index = pick % len(rows)
    if what == "edit":
        rows[index]["note_for_test"] = text
    elif what == "drop":
        del rows[index]
    elif what == "move":
        rows.insert(pick % (len(rows) + 1), rows.pop(index))
    else:
        rows.insert(index, dict(rows[index], id=max(r["id"] for r in rows) + 1))
    return data


@settings(max_examples=60, deadline=None)
@given(st.lists(changes, min_size=1, max_size=8))
def test_reused_text_gives_the_bytes_of_a_fresh_encoding(steps):
    encoder, data = FileEncoder("m"), PLAYED
    encoder.file_bytes(data)
    for step in steps:
        data = changed(data, step)
        payload = encoder.file_bytes(data)
        assert payload == FileEncoder("m").file_bytes(data) == through_tinydb(data, "m")
        assert data_of_file(payload) == data  # what an undo reads back


def test_two_records_with_one_id_are_refused_and_nothing_is_written(archive, clock):
    session = archive.open(archive.ensure_demo("en"), clock=clock)
    session.do("start", lambda council: council.start_meeting())
    path = archive.path_of(session.meeting.id)
    before_bytes, before = path.read_bytes(), meeting_to_data(session.meeting)

    def twin(council):
        council.speaking_order().add(3, SpeakerKind.IMPROMPTU, council.now())
        council.speaking_order().add(4, SpeakerKind.IMPROMPTU, council.now())
        council.meeting.speakers[1].id = council.meeting.speakers[0].id

    with pytest.raises(SaveError, match="id"):
        session.do("twins", twin)
    assert path.read_bytes() == before_bytes
    assert meeting_to_data(session.meeting) == before
    session.close()


def test_an_action_that_changes_nothing_writes_nothing(archive, clock):
    session = archive.open(archive.ensure_demo("en"), clock=clock)
    writes = session.db.storage.writes
    session.do("nothing", lambda council: None)
    assert session.db.storage.writes == writes and not session.can_undo
    session.do("start", lambda council: council.start_meeting())
    assert session.db.storage.writes == writes + 1
    session.close()


def test_tinydb_writing_through_the_storage_is_as_durable_as_a_session(tmp_path):
    """Sessions write whole files (write_bytes); TinyDB's own writes go the same way, read back."""
    from roomtui.store.storage import DurableStorage

    path = tmp_path / "m.json"
    db = TinyDB(storage=lambda: DurableStorage(path))
    db.table("meeting").insert(Document({"title": "通江"}, doc_id=1))
    assert json.loads(path.read_bytes()) == {"meeting": {"1": {"title": "通江"}}}
    assert "通江".encode() in path.read_bytes() and db.storage.writes == 1
    assert TinyDB(storage=lambda: DurableStorage(path)).table("meeting").get(doc_id=1) == {"title": "通江"}


# -- the records' data, encoded again only where a record changed (codec.MeetingEncoder) --------
def test_reused_records_give_what_a_full_encoding_gives_after_every_step_of_a_council():
    from council_script import START, fresh_meeting, steps

    from roomtui.domain import Council
    from roomtui.domain.codec import MeetingEncoder

    meeting = fresh_meeting()
    council, encoder = Council(meeting, FrozenClock(START)), MeetingEncoder()
    for label, action in steps(220):
        action(council)
        assert encode(encoder.data(meeting)) == encode(meeting_to_data(meeting)), label  # bytes: True is not 1


def test_a_change_inside_a_record_is_seen_however_deep():
    """The changes an action makes in place: a list of a record, a record in it, a field set back."""
    from roomtui.domain import Grade
    from roomtui.domain.codec import MeetingEncoder
    from roomtui.domain.model import FollowUpEntry, Pause

    meeting = play_demo(build_demo("en", "deep"), FrozenClock(datetime(2026, 11, 28, 9, 0)))
    encoder = MeetingEncoder()
    first = encoder.data(meeting)
    commitment = next(c for r in meeting.responses for c in r.commitments)
    entry = meeting.speakers[0]
    title = meeting.issues[0].title

    def same() -> None:
        assert encode(encoder.data(meeting)) == encode(meeting_to_data(meeting))  # bytes: True is not 1

    entry.pauses.append(Pause(datetime(2026, 11, 28, 9, 5)))
    same()
    entry.pauses[-1].ended_at = datetime(2026, 11, 28, 9, 6)
    same()
    commitment.co_units.append("County Water Bureau")
    same()
    commitment.history.append(FollowUpEntry(datetime(2026, 12, 1, 10, 0), grade=Grade.A))
    same()
    commitment.history[-1].note = "checked on site"
    same()
    meeting.issues[0].title = "changed"
    same()
    meeting.issues[0].title = title  # back as it was: the first data again
    meeting.speakers[0].pauses.clear()
    commitment.co_units.pop()
    commitment.history.pop()
    assert encoder.data(meeting) == first == meeting_to_data(meeting)
    meeting.participants[0].present = 1  # equal to True, written otherwise
    same()
    meeting.participants[0].present = True
    raised = meeting.issues[0].raised_at
    meeting.issues[0].raised_at = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)
    same()
    meeting.issues[0].raised_at = datetime(2026, 11, 28, 13, 0, tzinfo=timezone(timedelta(hours=1)))
    same()  # the same instant, another text
    meeting.issues[0].raised_at = raised
    meeting.issues.reverse()  # records moved, replaced by equal copies, or gone
    same()
    meeting.speakers[:] = [dataclasses.replace(s) for s in meeting.speakers[1:]]
    same()


def test_a_value_of_an_undeclared_type_is_encoded_every_time():
    """A mutable value where a text is declared cannot be fingerprinted: it is never reused."""
    from roomtui.domain.codec import MeetingEncoder

    meeting = build_demo("en", "odd")
    encoder = MeetingEncoder()
    meeting.issues[0].note = ["a"]  # not what the Council ever stores
    encoder.data(meeting)
    meeting.issues[0].note.append("b")
    assert encoder.data(meeting)["issues"][0]["note"] == ["a", "b"]


def test_a_save_reencodes_only_the_records_an_action_changed(archive, clock, monkeypatch):
    from roomtui.domain import codec

    session = archive.open(archive.ensure_demo("en"), clock=clock)
    session.do("start", lambda council: council.start_meeting())
    encoded = []
    real = codec.to_data
    monkeypatch.setattr(codec, "to_data", lambda value: encoded.append(type(value).__name__) or real(value))
    session.do("speaker", lambda council: council.speaking_order().add(3, SpeakerKind.IMPROMPTU, council.now()))
    assert encoded.count("SpeakerEntry") == 1 and "Issue" not in encoded and "Participant" not in encoded
    session.close()


def test_each_list_of_records_has_a_version_that_moves_when_a_saved_change_touches_it(archive, clock):
    """What the issues view checks before comparing its rows (session.versions)."""
    session = archive.open(archive.ensure_demo("en"), clock=clock)
    session.do("start", lambda council: council.start_meeting())

    def moved(label, action) -> set[str]:
        before = dict(session.versions)
        session.do(label, action)
        return {name for name in LISTS if session.versions[name] != before[name]}

    assert moved("speaker", lambda c: c.speaking_order().add(3, SpeakerKind.IMPROMPTU, c.now())) == {"speakers"}
    assert moved("issue", lambda c: c.raise_issue(title="Bus shelter", queue_answer=False)) == {"issues"}
    assert moved("nothing", lambda c: None) == set()
    before = dict(session.versions)
    session.undo()  # the meeting read back from bytes: every list that holds records is new
    assert {name for name in LISTS if session.versions[name] > before[name]} == {
        name for name in LISTS if getattr(session.meeting, name)}
    with pytest.raises(SaveError):  # refused: nothing moves
        before = dict(session.versions)
        session.do("twins", lambda c: setattr(c.meeting.speakers[0], "id", c.meeting.speakers[1].id)
                   if len(c.meeting.speakers) > 1 else c.meeting.speakers.append(c.meeting.speakers[0]))
    assert session.versions == before
    session.close()


def test_a_record_class_whose_hints_do_not_resolve_is_encoded_every_time():
    from roomtui.domain.codec import _fingerprint

    Odd = dataclasses.make_dataclass("Odd", [("value", "NotAType")])  # a hint naming nothing
    assert _fingerprint(Odd(1)) != _fingerprint(Odd(1))
