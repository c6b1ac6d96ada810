"""The room taking part from phones, as domain verbs: sign-in, requests to speak, ratings.

Plain Python, no screen and no server: what a phone may do through its own sign-in, what the
secretary decides, what is counted, and that all of it is stored, checked and undone like any
other action.
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from roomtui.domain import Council, FrozenClock, Role, SpeakerKind, ValidationError
from roomtui.domain.codec import DecodeError, checked_meeting, meeting_to_data
from roomtui.domain.demo import build_demo, play_demo
from roomtui.domain.model import RequestState, Satisfaction, SignInState
from roomtui.minutes.json_ import meeting_document
from roomtui.store import Archive
from roomtui.store.meeting_file import SCHEMA, read_meeting

PHONE_A, PHONE_B, PHONE_C = "a1" * 8, "b2" * 8, "c3" * 8
RESIDENT, MEMBER, DEPARTMENT_LEADER = 9, 5, 3  # Wu Chaolin, Zhang Xiaojun, Wang Dehua in the demo


@pytest.fixture
def council() -> Council:
    clock = FrozenClock(datetime(2026, 11, 28, 9, 0))
    council = Council(play_demo(build_demo("en", "room-demo"), clock), clock)
    council.reopen_meeting()
    return council


def names(council: Council) -> list[str]:
    return [council.signed_name(s) for s in council.meeting.sign_ins]


# -- sign-in ---------------------------------------------------------------------------------
def test_a_phone_claims_a_listed_name_once_and_a_replay_changes_nothing(council):
    first = council.claim(PHONE_A, RESIDENT)
    assert council.claim(PHONE_A, RESIDENT) is first
    assert len(council.meeting.sign_ins) == 1 and first.state is SignInState.CLAIMED
    with pytest.raises(ValidationError, match="already signed in from another phone"):
        council.claim(PHONE_B, RESIDENT)
    with pytest.raises(ValidationError, match="already signed in as Wu Chaolin"):
        council.claim(PHONE_A, MEMBER)


def test_an_unlisted_resident_is_cleaned_and_joins_the_participants_when_confirmed(council):
    entry = council.claim(PHONE_A, name=" Ma\u202eLin\x07 ", affiliation="Nanjiang\x00 village")
    assert (entry.participant_id, entry.name, entry.affiliation) == (None, "MaLin", "Nanjiang village")
    assert all(p.name != "MaLin" for p in council.meeting.participants)  # a phone adds nobody by itself
    council.confirm_sign_in(entry.id)
    person = council.meeting.participant(entry.participant_id)
    assert (person.name, person.role, person.present) == ("MaLin", Role.RESIDENT, True)
    assert entry.state is SignInState.CONFIRMED


def test_an_unlisted_name_that_is_listed_claims_the_listed_person(council):
    entry = council.claim(PHONE_A, name="wu chaolin", affiliation="Chunchangping community")
    assert entry.participant_id == RESIDENT and entry.name == ""


def test_unlisted_without_a_name_or_with_a_huge_one_is_refused(council):
    with pytest.raises(ValidationError, match="name is required"):
        council.claim(PHONE_A, name=" \u200b ")
    with pytest.raises(ValidationError, match="name"):
        council.claim(PHONE_A, name="x" * 600)
    assert council.meeting.sign_ins == []


@pytest.mark.parametrize("phone", ["", "x" * 65, "abc/def", "ab\ncd", None, "名字"])
def test_a_phone_key_of_the_wrong_form_is_refused(council, phone):
    with pytest.raises(ValidationError, match="not recognised"):
        council.claim(phone, RESIDENT)


def test_attendance_follows_confirmed_sign_ins_and_release(council):
    person = council.meeting.participant(RESIDENT)
    person.present = False
    entry = council.claim(PHONE_A, RESIDENT)
    assert not person.present  # a claim alone does not make anyone present
    council.confirm_sign_in(entry.id)
    assert person.present
    council.release_sign_in(entry.id)
    assert not person.present and entry.state is SignInState.RELEASED
    again = council.claim(PHONE_B, RESIDENT)  # the name is free again
    assert again.id != entry.id


def test_removing_a_participant_keeps_the_sign_in_by_name_and_the_file_valid(council):
    entry = council.claim(PHONE_A, name="Ma Lin", affiliation="Nanjiang village")
    council.confirm_sign_in(entry.id)
    council.remove_participant(entry.participant_id)
    assert (entry.participant_id, entry.name, entry.state) == (None, "Ma Lin", SignInState.RELEASED)
    checked_meeting(meeting_to_data(council.meeting), stored=True)


# -- requests to speak -----------------------------------------------------------------------
def test_asking_to_speak_needs_a_sign_in_and_a_replay_is_one_request(council):
    with pytest.raises(ValidationError, match="sign in first"):
        council.ask_to_speak(PHONE_A)
    council.claim(PHONE_A, RESIDENT)
    request = council.ask_to_speak(PHONE_A, "the\x1b[31m bus stop")
    assert council.ask_to_speak(PHONE_A, "again") is request
    assert request.topic == "the bus stop" and request.state is RequestState.WAITING
    with pytest.raises(ValidationError, match="topic"):
        council.ask_to_speak(PHONE_B if council.claim(PHONE_B, MEMBER) else PHONE_B, "w" * 81)


def test_asking_and_withdrawing_all_meeting_long_does_not_grow_the_record(council):
    """A phone tapping ask and withdraw (a bored or hostile one) keeps one request: asked again it
    is at the end of the line with its new topic; only the secretary's decisions add records."""
    council.claim(PHONE_A, RESIDENT)
    council.claim(PHONE_B, MEMBER)
    for n in range(50):
        council.ask_to_speak(PHONE_A, f"topic {n}")
        council.withdraw_request(PHONE_A)
    assert len(council.meeting.floor_requests) == 1
    other = council.ask_to_speak(PHONE_B, "lights")
    again = council.ask_to_speak(PHONE_A, "the bus stop")
    assert council.waiting_requests() == [other, again] and council.place_in_queue(PHONE_A)[1] == 2
    assert again.topic == "the bus stop" and again.decided_at is None
    council.decline_request(again.id)
    assert council.ask_to_speak(PHONE_A).id != again.id  # after a decision, a new request: the decision stays


def test_places_accept_and_decline(council):
    council.start_item(next(a.id for a in council.meeting.agenda if a.kind.value == "speeches"))
    council.claim(PHONE_A, RESIDENT)
    council.claim(PHONE_B, name="Ma Lin", affiliation="Nanjiang village")
    council.claim(PHONE_C, MEMBER)
    first, second, third = (council.ask_to_speak(p) for p in (PHONE_A, PHONE_B, PHONE_C))
    assert [council.place_in_queue(p)[1] for p in (PHONE_A, PHONE_B, PHONE_C)] == [1, 2, 3]
    council.accept_request(second.id)  # an unlisted resident: confirmed and listed by the same action
    speaker = council.meeting.speaker(second.speaker_id)
    assert speaker.kind is SpeakerKind.IMPROMPTU and council.meeting.participant(speaker.participant_id).name == "Ma Lin"
    order = council.speaking_order().waiting
    assert council.place_in_queue(PHONE_B) == (second, order.index(speaker) + 1)
    assert council.place_in_queue(PHONE_C)[1] == 2  # one fewer waiting request ahead
    council.decline_request(first.id)
    assert council.place_in_queue(PHONE_A) == (first, None) and first.state is RequestState.DECLINED
    with pytest.raises(ValidationError, match="already declined"):
        council.accept_request(first.id)
    with pytest.raises(ValidationError, match="no request to speak #99"):
        council.decline_request(99)
    assert council.waiting_requests() == [third]


def test_accepting_into_a_closed_list_changes_nothing(council):
    council.start_item(next(a.id for a in council.meeting.agenda if a.kind.value == "speeches"))
    council.speaking_order().set_closed(True)
    entry = council.claim(PHONE_A, name="Ma Lin", affiliation="Nanjiang village")
    request = council.ask_to_speak(PHONE_A)
    before = meeting_to_data(council.meeting)
    with pytest.raises(ValidationError, match="closed"):
        council.accept_request(request.id)
    assert meeting_to_data(council.meeting) == before and entry.state is SignInState.CLAIMED


def test_release_withdraws_a_waiting_request(council):
    entry = council.claim(PHONE_A, RESIDENT)
    request = council.ask_to_speak(PHONE_A)
    council.release_sign_in(entry.id)
    assert request.state is RequestState.WITHDRAWN and council.waiting_requests() == []


# -- rating each answer ----------------------------------------------------------------------
def test_one_vote_per_name_changeable_until_closed_and_counted(council):
    rating = council.open_rating(1)
    assert rating.roles == [Role.RESIDENT, Role.MEMBER]
    for phone, who in ((PHONE_A, RESIDENT), (PHONE_B, MEMBER)):
        council.claim(phone, who)
    council.vote(PHONE_A, rating.id, "satisfied")
    council.vote(PHONE_A, rating.id, Satisfaction.DISSATISFIED)  # changed, not added
    council.vote(PHONE_B, rating.id, "basically_satisfied")
    assert len(council.meeting.votes) == 2
    assert council.meeting.tally(rating) == {Satisfaction.SATISFIED: 0, Satisfaction.BASICALLY: 1,
                                             Satisfaction.DISSATISFIED: 1}
    council.close_rating(1)
    with pytest.raises(ValidationError, match="closed"):
        council.vote(PHONE_B, rating.id, "satisfied")
    with pytest.raises(ValidationError, match="unknown choice"):
        council.vote(PHONE_B, rating.id, "love it")
    council.open_rating(1)  # opened again: the votes are kept
    assert sum(council.meeting.tally(rating).values()) == 2


def test_who_rates_is_the_meetings_choice(council):
    rating = council.open_rating(1)
    council.claim(PHONE_A, DEPARTMENT_LEADER)
    with pytest.raises(ValidationError, match="does not rate"):
        council.vote(PHONE_A, rating.id, "satisfied")
    council.claim(PHONE_B, name="Ma Lin")  # unlisted: a resident
    council.vote(PHONE_B, rating.id, "satisfied")
    council.set_rating_roles(["member"])
    later = council.open_rating(2)
    with pytest.raises(ValidationError, match="does not rate"):
        council.vote(PHONE_B, later.id, "satisfied")
    with pytest.raises(ValidationError, match="no rating #42"):
        council.vote(PHONE_B, 42, "satisfied")


def test_a_released_name_votes_no_more_and_the_name_votes_once(council):
    rating = council.open_rating(1)
    entry = council.claim(PHONE_A, RESIDENT)
    council.vote(PHONE_A, rating.id, "dissatisfied")
    council.release_sign_in(entry.id)
    council.claim(PHONE_B, RESIDENT)
    council.vote(PHONE_B, rating.id, "satisfied")
    assert council.meeting.tally(rating)[Satisfaction.DISSATISFIED] == 0
    assert sum(council.meeting.tally(rating).values()) == 1


def test_a_room_mostly_dissatisfied_sends_the_issue_to_follow_up(council):
    response = council.meeting.response(1)
    assert not council.meeting.issue_open(response.issue_id)
    rating = council.open_rating(1)
    phones = [f"{n:02d}" * 8 for n in range(5)]
    for phone, who in zip(phones, (9, 10, 11, 12, 5)):
        council.claim(phone, who)
    for phone, choice in zip(phones, ("dissatisfied",) * 3 + ("satisfied",) * 2):
        council.vote(phone, rating.id, choice)
    assert not council.meeting.issue_open(response.issue_id)  # still open for votes: nothing decided
    council.close_rating(1)
    assert council.meeting.issue_open(response.issue_id)
    council.open_rating(1)
    council.vote(phones[0], rating.id, "basically_satisfied")  # 2 of 5: no majority
    council.close_rating(1)
    assert not council.meeting.issue_open(response.issue_id)


# -- stored, checked, undone -----------------------------------------------------------------
def test_everything_is_stored_undone_and_never_public(tmp_path):
    archive = Archive(tmp_path)
    clock = FrozenClock(datetime(2026, 11, 28, 9, 0))
    meeting_id = archive.create(build_demo("en", "room-file"))
    session = archive.open(meeting_id, clock)
    session.do("sign in", lambda c: c.claim(PHONE_A, RESIDENT))
    session.do("rating", lambda c: c.open_rating(1) if c.meeting.responses else None)
    session.do("ask", lambda c: c.ask_to_speak(PHONE_A, "bus stop"))
    again = archive.load(meeting_id)  # what is on disk, read by another reader
    assert [s.participant_id for s in again.sign_ins] == [RESIDENT]
    assert [r.topic for r in again.floor_requests] == ["bus stop"]
    session.undo()
    assert session.meeting.floor_requests == [] and len(session.meeting.sign_ins) == 1
    assert archive.load(meeting_id).floor_requests == []
    public = json.dumps(meeting_document(session.meeting, public=True), ensure_ascii=False)
    assert PHONE_A not in public and '"sign_ins": []' in public
    session.close()


@pytest.mark.parametrize("old", [1, 2])
def test_a_file_from_before_phones_reads_with_no_phone_records_and_is_saved_as_schema_3(tmp_path, old):
    archive = Archive(tmp_path)
    meeting_id = archive.create(build_demo("en", "old-file"))
    path = next(tmp_path.rglob(f"{meeting_id}.json"))
    tables = json.loads(path.read_bytes())
    tables["meta"]["1"]["schema"] = old
    for name in ("sign_ins", "floor_requests", "ratings", "votes"):
        del tables[name]
    tables["meeting"]["1"].pop("rating_roles")
    path.write_text(json.dumps(tables), encoding="utf-8")
    meeting = archive.load(meeting_id)
    assert meeting.sign_ins == [] and meeting.rating_roles == [Role.RESIDENT, Role.MEMBER]
    session = archive.open(meeting_id)
    session.do("sign in", lambda c: c.claim(PHONE_A, RESIDENT))
    session.close()
    assert json.loads(path.read_bytes())["meta"]["1"]["schema"] == SCHEMA == 3


def test_an_older_file_s_stray_phone_tables_are_not_read(tmp_path):
    """Phones' tables came with schema 3: a schema 2 file holding one was not written by roomtui."""
    archive = Archive(tmp_path)
    meeting_id = archive.create(build_demo("en", "stray"))
    path = next(tmp_path.rglob(f"{meeting_id}.json"))
    tables = json.loads(path.read_bytes())
    tables["meta"]["1"]["schema"] = 2
    tables["votes"] = {"1": {"id": 1, "rating_id": 9, "sign_in_id": 9, "_seq": 0}}
    path.write_text(json.dumps(tables), encoding="utf-8")
    assert archive.load(meeting_id).votes == []


@pytest.mark.parametrize("table, row, field", [
    ("votes", {"id": 1, "rating_id": 5, "sign_in_id": 1, "choice": "satisfied"}, "votes[0].rating_id"),
    ("sign_ins", {"id": 1, "participant_id": 999}, "sign_ins[0].participant_id"),
    ("floor_requests", {"id": 1, "sign_in_id": 3}, "floor_requests[0].sign_in_id"),
    ("ratings", {"id": 1, "response_id": 77}, "ratings[0].response_id"),
    ("votes", {"id": 1, "rating_id": 1, "sign_in_id": 1, "choice": "meh"}, "votes[0].choice"),
])
def test_a_hand_edited_link_or_value_is_refused_naming_the_field(table, row, field):
    data = meeting_to_data(play_demo(build_demo("en", "bad-links"), FrozenClock(datetime(2026, 11, 28, 9, 0))))
    data[table] = [row]
    if table == "votes" and field.endswith("choice"):
        data["ratings"] = [{"id": 1, "response_id": 1}]
        data["sign_ins"] = [{"id": 1, "participant_id": 9}]
    with pytest.raises(DecodeError) as refused:
        checked_meeting(data, stored=True)
    assert field in str(refused.value)


@pytest.mark.parametrize("table, rows, field", [
    ("votes", [{"id": 1, "rating_id": 1, "sign_in_id": 1, "choice": "dissatisfied"},
               {"id": 2, "rating_id": 1, "sign_in_id": 1, "choice": "dissatisfied"}], "votes[1].sign_in_id"),
    ("ratings", [{"id": 1, "response_id": 1}, {"id": 2, "response_id": 1}], "ratings[1].response_id"),
    ("sign_ins", [{"id": 1, "participant_id": 9}, {"id": 2, "participant_id": 9}], "sign_ins[1]"),
    ("sign_ins", [{"id": 1, "name": "Ma Lin", "affiliation": "Nanjiang"},
                  {"id": 2, "name": "ma  lin", "affiliation": "NANJIANG"}], "sign_ins[1]"),
])
def test_a_file_with_two_votes_of_one_name_or_two_ratings_of_one_answer_is_refused(table, rows, field):
    """A stranger's file cannot make one name count twice (and send an answer to follow-up)."""
    data = meeting_to_data(play_demo(build_demo("en", "twice"), FrozenClock(datetime(2026, 11, 28, 9, 0))))
    data["ratings"] = [{"id": 1, "response_id": 1}]
    data["sign_ins"] = [{"id": 1, "participant_id": 9}]
    data[table] = rows
    for stored in (True, False):
        with pytest.raises(DecodeError) as refused:
            checked_meeting(data, stored=stored)
        assert field in str(refused.value)


# -- the record ------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_minutes_carry_the_counts_and_never_who_voted_how(language):
    from roomtui.minutes import export_minutes

    clock = FrozenClock(datetime(2026, 11, 28, 9, 0))
    council = Council(play_demo(build_demo(language, "rated"), clock), clock)
    council.reopen_meeting()
    rating = council.open_rating(1)
    council.claim(PHONE_A, name="Unlisted Voter", affiliation="Nowhere village")
    council.vote(PHONE_A, rating.id, "dissatisfied")
    for phone, who in ((PHONE_B, 9), (PHONE_C, 10)):
        council.claim(phone, who)
        council.vote(phone, rating.id, "dissatisfied")
    council.close_rating(1)
    council.close_meeting()
    expected = {"en": "0 satisfied, 0 basically satisfied, 3 dissatisfied (3 in all); mostly dissatisfied",
                "zh": "满意 0，基本满意 0，不满意 3（共 3 票）；多数不满意"}[language]
    for fmt in ("md", "html"):
        for public in (True, False):
            text = export_minutes(council.meeting, fmt, public=public).decode("utf-8")
            assert expected in text, (fmt, public)
            assert "Unlisted Voter" not in text and PHONE_A not in text
