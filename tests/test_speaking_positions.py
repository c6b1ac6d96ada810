"""The queue's stored positions: its order always, and as few records changed as possible."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from roomtui.domain import Council, FrozenClock, SpeakerKind
from roomtui.domain.codec import meeting_to_data
from roomtui.domain.demo import build_demo

# (what, a number: a position, an offset or which waiting speaker)
steps = st.lists(st.tuples(st.sampled_from(["add", "add_at", "move", "remove", "next"]), st.integers(-3, 12)),
                 max_size=40)


def started(clock) -> Council:
    council = Council(build_demo("en"), clock)
    council.start_meeting()
    council.meeting.limits.one_entry_per_person = False
    return council


@settings(max_examples=80, deadline=None)
@given(steps)
def test_the_queue_is_in_the_order_the_secretary_made(script):
    council = started(FrozenClock(datetime(2019, 11, 22, 9, 0)))
    order = council.speaking_order()
    expected = [entry.id for entry in order.waiting]  # a plain list, changed as the secretary asked
    for what, number in script:
        if what == "add":
            expected.append(order.add(3, SpeakerKind.IMPROMPTU, council.now()).id)
        elif what == "add_at":
            at = max(0, min(number, len(expected)))
            expected.insert(at, order.add(4, SpeakerKind.IMPROMPTU, council.now(), position=number).id)
        elif expected and what == "move":
            entry_id = expected[number % len(expected)]
            index = expected.index(entry_id)
            expected.insert(max(0, min(len(expected) - 1, index + number)), expected.pop(index))
            order.move(entry_id, number)
        elif expected and what == "remove":
            order.remove(expected.pop(number % len(expected)))
        elif expected and what == "next":
            assert order.next(council.now()).id == expected.pop(0)
        assert [entry.id for entry in order.waiting] == expected
        assert all(entry.position >= 0 for entry in council.meeting.speakers)


def test_a_turn_taken_or_a_speaker_queued_behind_changes_only_those_records(clock):
    council = started(clock)
    order = council.speaking_order()
    for number in range(30):
        order.add(1 + number % 5, SpeakerKind.IMPROMPTU, council.now())
    order.next(council.now())

    def changed_speakers(action) -> int:
        before = meeting_to_data(council.meeting)["speakers"]
        action()
        after = meeting_to_data(council.meeting)["speakers"]
        return sum(1 for row in after if row not in before)

    assert changed_speakers(lambda: order.next(council.now())) == 2  # the one who spoke, the one who speaks
    assert changed_speakers(lambda: order.add(2, SpeakerKind.IMPROMPTU, council.now())) == 1
    assert changed_speakers(lambda: order.remove(order.waiting[5].id)) == 1
