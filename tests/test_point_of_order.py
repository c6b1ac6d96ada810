"""A point of order interrupts the speaker; afterwards he resumes with exactly the time he had left."""

from __future__ import annotations

import pytest

from roomtui.domain import Council, SpeakerKind
from roomtui.domain.codec import meeting_from_data, meeting_to_data
from roomtui.domain.demo import build_demo


@pytest.fixture
def council(clock) -> Council:
    council = Council(build_demo("en"), clock)
    council.start_meeting()
    council.next_item()
    council.next_item()  # the speeches
    return council


def person(council: Council, name: str) -> int:
    return next(p.id for p in council.meeting.participants if p.name.startswith(name))


def test_interrupted_speaker_resumes_with_the_time_he_had_left(council, clock):
    order = council.speaking_order()
    zhang = order.add(person(council, "Zhang"), SpeakerKind.BOOKED, clock.now())
    order.add(person(council, "Liu"), SpeakerKind.BOOKED, clock.now())
    order.next(clock.now())
    clock.advance(11)
    fu = order.add(person(council, "Fu"), SpeakerKind.POINT_OF_ORDER, clock.now())
    assert order.next(clock.now()) is fu
    assert zhang.interrupted and not zhang.running and not zhang.done
    assert order.current is fu and order.interrupted is zhang
    clock.advance(50)  # the point of order takes 50 s: Zhang's clock stands still
    assert zhang.remaining_seconds(clock.now()) == 8 * 60 - 11
    assert order.next(clock.now()) is zhang  # Zhang before Liu, who is still waiting
    assert fu.done and zhang.running and not zhang.interrupted
    assert zhang.remaining_seconds(clock.now()) == 8 * 60 - 11
    assert zhang.pauses[-1].interrupted_by == fu.id
    clock.advance(60)
    assert zhang.remaining_seconds(clock.now()) == 8 * 60 - 71
    liu = order.next(clock.now())
    assert council.meeting.participant(liu.participant_id).name.startswith("Liu")
    assert zhang.done and round(zhang.elapsed_seconds(clock.now())) == 71


def test_a_second_point_of_order_comes_before_the_resumption(council, clock):
    order = council.speaking_order()
    zhang = order.add(person(council, "Zhang"), SpeakerKind.BOOKED, clock.now())
    order.next(clock.now())
    clock.advance(30)
    first = order.add(person(council, "Fu"), SpeakerKind.POINT_OF_ORDER, clock.now())
    order.next(clock.now())
    second = order.add(person(council, "Luo"), SpeakerKind.POINT_OF_ORDER, clock.now())
    clock.advance(20)
    assert order.next(clock.now()) is second and first.done
    assert order.interrupted is zhang
    clock.advance(20)
    assert order.next(clock.now()) is zhang
    assert zhang.remaining_seconds(clock.now()) == 8 * 60 - 30


def test_stop_on_the_point_of_order_keeps_the_speaker_owed_the_floor(council, clock):
    order = council.speaking_order()
    zhang = order.add(person(council, "Zhang"), SpeakerKind.BOOKED, clock.now())
    order.next(clock.now())
    clock.advance(40)
    order.pause(clock.now())  # paused when the point of order is raised
    clock.advance(5)
    order.add(person(council, "Fu"), SpeakerKind.POINT_OF_ORDER, clock.now())
    order.next(clock.now())
    clock.advance(30)
    order.stop(clock.now())
    assert order.current is None and order.interrupted is zhang
    assert order.next(clock.now()) is zhang and not zhang.paused
    assert zhang.remaining_seconds(clock.now()) == 8 * 60 - 40


def test_leaving_the_item_ends_an_interrupted_turn(council, clock):
    order = council.speaking_order()
    zhang = order.add(person(council, "Zhang"), SpeakerKind.BOOKED, clock.now())
    order.next(clock.now())
    clock.advance(40)
    order.add(person(council, "Fu"), SpeakerKind.POINT_OF_ORDER, clock.now())
    order.next(clock.now())
    clock.advance(30)
    council.next_item()
    assert zhang.done and round(zhang.elapsed_seconds(clock.now())) == 40


def test_interruption_survives_a_save_and_a_restart(council, clock):
    order = council.speaking_order()
    zhang = order.add(person(council, "Zhang"), SpeakerKind.BOOKED, clock.now())
    order.next(clock.now())
    clock.advance(40)
    order.add(person(council, "Fu"), SpeakerKind.POINT_OF_ORDER, clock.now())
    order.next(clock.now())
    restored = meeting_from_data(meeting_to_data(council.meeting))
    again = Council(restored, clock).speaking_order()
    assert again.interrupted is not None and again.interrupted.id == zhang.id
    clock.advance(15)
    resumed = again.next(clock.now())
    assert resumed.id == zhang.id and resumed.remaining_seconds(clock.now()) == 8 * 60 - 40
