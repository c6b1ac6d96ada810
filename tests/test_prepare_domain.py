"""Domain rules the prepare screen relies on (small fixes made for it, kept by these tests)."""

from __future__ import annotations

from roomtui.domain.council import Council
from roomtui.domain.model import AgendaKind, Role
from roomtui.domain.templates import new_meeting


def _council() -> Council:
    meeting = new_meeting("Council", "council")
    return Council(meeting)


def test_update_participant_keeps_role_an_enum():
    council = _council()
    person = council.add_participant("李明", Role.MEMBER, affiliation="县政协")
    council.update_participant(person.id, role="department", name="李明")
    assert person.role is Role.DEPARTMENT
    assert person.role.label == "department head"


def test_update_agenda_item_keeps_kind_an_enum():
    council = _council()
    item = council.meeting.agenda[0]
    council.update_agenda_item(item.id, kind="briefing", title="Opening words")
    assert item.kind is AgendaKind.BRIEFING


def test_unnesting_a_middle_part_keeps_the_other_parts_with_their_parent():
    council = _council()
    speeches = next(a for a in council.meeting.agenda if a.kind is AgendaKind.SPEECHES)
    council.update_agenda_item(speeches.id, planned_minutes=200)
    after = [a.id for a in council.meeting.agenda if a.parent_id is None][3:6]
    for item_id in after:  # answers, questions, summary become parts of speeches
        council.set_parent(item_id, speeches.id)
    council.set_parent(after[1], None)
    order = [(a.id, a.parent_id) for a in council.meeting.agenda]
    index = [i for i, _p in order].index(after[1])
    # the lifted item comes right after the parent's remaining parts, not between them
    assert order[index - 1] == (after[2], speeches.id)
    assert all(parent == speeches.id for _i, parent in order[index - 2:index])
    council.move_agenda_item(after[1], -1)  # moves as a whole block past the speeches block
    ids = [a.id for a in council.meeting.agenda]
    assert ids.index(after[1]) < ids.index(speeches.id) < ids.index(after[0]) < ids.index(after[2])
