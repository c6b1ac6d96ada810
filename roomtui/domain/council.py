"""Every action the secretary can take on a meeting, as one method each.

One method = one action = one durable write (the store's session wraps each call). Methods
validate before they change anything, so a refused action leaves the meeting as it was.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace
from datetime import datetime
from typing import Any

from roomtui.domain.cleaning import clean_fields
from roomtui.domain.clock import Clock, SystemClock
from roomtui.domain.issue_verbs import IssueVerbs
from roomtui.domain.model import (
    AgendaItem,
    AgendaKind,
    Meeting,
    MeetingStatus,
    Participant,
    Role,
    SignInState,
    SpeakerKind,
)
from roomtui.domain.problems import problem
from roomtui.domain.room_verbs import RoomVerbs
from roomtui.domain.speaking import SpeakingOrder
from roomtui.domain.validation import (
    ValidationError,
    parse_role,
    parts_problems,
    person_key,
    text_field,
)
from roomtui.i18n import N_, _

_ITEM_NUMBER = re.compile(r"^\s*(?:[-*•·](?=\s)|\d{1,3}[.)](?=\s)|\d{1,3}[、．）]|[（(]\d{1,3}[)）]"
                          r"|[一二三四五六七八九十]+、)\s*")


def split_agreed_items(text: str) -> list[str]:
    """Agreed items typed one per line; numbers or bullets typed in front are dropped, since the
    minutes number the items themselves ("1. ...", "2、...", "- ..." and "一、..." all work)."""
    items = (_ITEM_NUMBER.sub("", line).strip() for line in str(text).splitlines())
    return [item for item in items if item]


class Council(IssueVerbs, RoomVerbs):
    """The secretary's verbs over one meeting."""

    def __init__(self, meeting: Meeting, clock: Clock | None = None) -> None:
        self.meeting = meeting
        self.clock = clock or SystemClock()

    def now(self) -> datetime:
        return self.clock.now()

    def acting(self) -> Council | ClosedCouncil:
        """The verbs an action may use now: all of them, or on a closed meeting follow-up only."""
        return ClosedCouncil(self) if self.meeting.status is MeetingStatus.CLOSED else self

    # -- details -------------------------------------------------------------------------
    def set_details(self, **values: Any) -> None:
        allowed = {"title", "theme", "series", "date", "start_time", "venue", "host", "recorder", "planned_minutes",
                   "background", "next_theme", "review_date", "leader_summary", "closing_remarks",
                   "document_number", "issuing_office", "issue_date", "copy_to"}
        unknown = set(values) - allowed
        if unknown:
            raise ValidationError([problem("unknown field: {name}", name=", ".join(sorted(unknown)))])
        cleaned = clean_fields(values, required=("title",) if "title" in values else ())
        for name, value in cleaned.items():
            setattr(self.meeting, name, value)

    def set_agreed_items(self, items: list[str] | str) -> None:
        if isinstance(items, str):
            items = split_agreed_items(items)
        self.meeting.agreed_items = [text_field(i, "agreed_items", multiline=True, label=N_("agreed item")) for i in items if str(i).strip()]

    def record_summary(self, *, leader_summary: str | None = None, closing_remarks: str | None = None,
                       agreed_items: list[str] | str | None = None) -> None:
        """The leader's summary step, as one action: what was summed up, the closing words, and the
        items the meeting agreed on (typed one per line), which the minutes list as agreed items."""
        self.set_details(**{name: value for name, value in (("leader_summary", leader_summary),
                                                            ("closing_remarks", closing_remarks)) if value is not None})
        if agreed_items is not None:
            self.set_agreed_items(agreed_items)

    def set_limits(self, **seconds: Any) -> None:
        limits = self.meeting.limits
        for name, value in seconds.items():
            if name == "one_entry_per_person":
                limits.one_entry_per_person = value if isinstance(value, bool) else \
                    str(value).strip().casefold() in ("1", "true", "yes", "on", "是")
                continue
            if name not in {f.name for f in fields(limits)}:
                raise ValidationError([problem("unknown limit: {name}", name=name)])
            from roomtui.domain.validation import parse_seconds

            try:
                setattr(limits, name, parse_seconds(value, name))
            except ValidationError as error:
                raise error.at(name) from None

    # -- participants --------------------------------------------------------------------
    def add_participant(self, name: str, role: Role | str = Role.MEMBER, **values: Any) -> Participant:
        cleaned = clean_fields({"name": name, **values}, required=("name",))
        role = _role(role)
        self._check_unique_name(cleaned["name"], cleaned.get("affiliation", ""), None)
        person = Participant(id=self.meeting.next_id(self.meeting.participants), role=role, **cleaned)
        self.meeting.participants.append(person)
        return person

    def update_participant(self, participant_id: int, **values: Any) -> Participant:
        person = self._get(self.meeting.participant(participant_id), _("participant"), participant_id)
        if "role" in values:
            values["role"] = _role(values["role"])  # clean_fields passes enum fields through as they are
        cleaned = clean_fields(values, required=("name",) if "name" in values else ())
        self._check_unique_name(cleaned.get("name", person.name), cleaned.get("affiliation", person.affiliation),
                                participant_id)
        for name, value in cleaned.items():
            setattr(person, name, value)
        return person

    def remove_participant(self, participant_id: int) -> Participant:
        person = self._get(self.meeting.participant(participant_id), _("participant"), participant_id)
        if any(s.participant_id == participant_id and not s.waiting for s in self.meeting.speakers):
            raise ValidationError([problem("{name} has already spoken and stays in the record", name=person.name)])
        self.meeting.speakers = [s for s in self.meeting.speakers if s.participant_id != participant_id]
        for entry in self.meeting.sign_ins:  # a phone's claim of the name stays, as a released one by name
            if entry.participant_id == participant_id:
                entry.participant_id, entry.name, entry.affiliation = None, person.name, person.affiliation
                entry.state = SignInState.RELEASED
        self.meeting.participants.remove(person)
        return person

    def set_present(self, participant_id: int, present: bool) -> Participant:
        person = self._get(self.meeting.participant(participant_id), _("participant"), participant_id)
        person.present = present
        return person

    def _check_unique_name(self, name: str, affiliation: str, own_id: int | None) -> None:
        key = person_key(name, affiliation)
        for other in self.meeting.participants:
            if other.id != own_id and person_key(other.name, other.affiliation) == key:
                raise ValidationError([problem("{name} ({affiliation}) is already a participant", name=name,
                                         affiliation=affiliation or "-")])

    # -- agenda --------------------------------------------------------------------------
    def add_agenda_item(self, title: str, kind: AgendaKind | str = AgendaKind.OTHER, planned_minutes: Any = 0,
                        *, position: int | None = None, parent_id: int | None = None) -> AgendaItem:
        cleaned = clean_fields({"title": title, "planned_minutes": planned_minutes}, required=("title",))
        if parent_id is not None:
            parent = self._get(self.meeting.agenda_item(parent_id), _("agenda item"), parent_id)
            if parent.parent_id is not None:
                raise ValidationError([problem("agenda items nest one level only")])
        item = AgendaItem(id=self.meeting.next_id(self.meeting.agenda), kind=_kind(kind), parent_id=parent_id,
                          **cleaned)
        if position is None:  # at the end, or after the parent's last part
            family = [i for i, a in enumerate(self.meeting.agenda) if parent_id is not None
                      and (a.id == parent_id or a.parent_id == parent_id)]
            position = family[-1] + 1 if family else len(self.meeting.agenda)
        position = max(0, min(position, len(self.meeting.agenda)))
        self.meeting.agenda.insert(position, item)
        try:
            self._check_agenda()
        except ValidationError:
            self.meeting.agenda.remove(item)
            raise
        return item

    def update_agenda_item(self, item_id: int, **values: Any) -> AgendaItem:
        item = self._get(self.meeting.agenda_item(item_id), _("agenda item"), item_id)
        if "kind" in values:
            values["kind"] = _kind(values["kind"])
        cleaned = clean_fields(values, required=("title",) if "title" in values else ())
        before = replace(item)
        for name, value in cleaned.items():
            setattr(item, name, value)
        try:
            self._check_agenda()
        except ValidationError:
            for f in fields(item):
                setattr(item, f.name, getattr(before, f.name))
            raise
        return item

    def move_agenda_item(self, item_id: int, offset: int) -> None:
        """Move an item (with its children) up or down among its siblings."""
        item = self._get(self.meeting.agenda_item(item_id), _("agenda item"), item_id)
        blocks: list[list[AgendaItem]] = []
        for entry in self.meeting.agenda:
            if entry.parent_id is None or not blocks:
                blocks.append([entry])
            else:
                blocks[-1].append(entry)
        if item.parent_id is None:
            index = next(i for i, b in enumerate(blocks) if b[0].id == item_id)
            target = max(0, min(len(blocks) - 1, index + offset))
            blocks.insert(target, blocks.pop(index))
        else:
            block = next(b for b in blocks if b[0].id == item.parent_id)
            children = block[1:]
            index = next(i for i, c in enumerate(children) if c.id == item_id)
            target = max(0, min(len(children) - 1, index + offset))
            children.insert(target, children.pop(index))
            block[1:] = children
        self.meeting.agenda = [entry for block in blocks for entry in block]

    def set_parent(self, item_id: int, parent_id: int | None) -> AgendaItem:
        """Nest an item under the top-level item above it, or lift it back out."""
        item = self._get(self.meeting.agenda_item(item_id), _("agenda item"), item_id)
        if parent_id is not None:
            parent = self._get(self.meeting.agenda_item(parent_id), _("agenda item"), parent_id)
            if parent.parent_id is not None or parent.id == item.id:
                raise ValidationError([problem("agenda items nest one level only")])
            if any(a.parent_id == item.id for a in self.meeting.agenda):
                raise ValidationError([problem("an item with parts of its own cannot be nested")])
        before = item.parent_id
        item.parent_id = parent_id
        try:
            self._check_agenda()
        except ValidationError:
            item.parent_id = before
            raise
        if parent_id is not None:  # keep children right after their parent
            self.meeting.agenda.remove(item)
            siblings = [i for i, a in enumerate(self.meeting.agenda) if a.id == parent_id or a.parent_id == parent_id]
            self.meeting.agenda.insert(siblings[-1] + 1, item)
        elif before is not None:  # lifted out: after its former parent's last part, so the parts stay together
            self.meeting.agenda.remove(item)
            block = [i for i, a in enumerate(self.meeting.agenda) if a.id == before or a.parent_id == before]
            self.meeting.agenda.insert(block[-1] + 1, item)
        return item

    def remove_agenda_item(self, item_id: int) -> AgendaItem:
        item = self._get(self.meeting.agenda_item(item_id), _("agenda item"), item_id)
        if item.started_at is not None or any(s.agenda_item_id == item_id and not s.waiting
                                              for s in self.meeting.speakers):
            raise ValidationError([problem("'{title}' has already been held and stays in the record", title=item.title)])
        if any(a.parent_id == item_id for a in self.meeting.agenda):
            raise ValidationError([problem("remove or lift out the parts of '{title}' first", title=item.title)])
        self.meeting.agenda.remove(item)
        self.meeting.speakers = [s for s in self.meeting.speakers if s.agenda_item_id != item_id]
        return item

    def _check_agenda(self) -> None:
        """Children may not plan more time than their parent."""
        problems = [problem for _item, problem in parts_problems(self.meeting.agenda)]
        if problems:
            raise ValidationError(problems)

    # -- running the meeting -------------------------------------------------------------
    def start_meeting(self) -> None:
        if not self.meeting.agenda:
            raise ValidationError([problem("the agenda is empty: add at least one item first")])
        self.meeting.status = MeetingStatus.LIVE
        if self.meeting.current_item_id is None:
            self.start_item(self.meeting.agenda[0].id)

    def start_item(self, item_id: int) -> AgendaItem:
        """Make ``item_id`` the current item: the previous one ends, this one starts (once)."""
        item = self._get(self.meeting.agenda_item(item_id), _("agenda item"), item_id)
        now = self.now()
        if self.meeting.status is MeetingStatus.DRAFT:
            self.meeting.status = MeetingStatus.LIVE
        current = self.meeting.current_item
        if current is not None and current.id != item_id:
            SpeakingOrder(self.meeting, current.id).stop_all(now)
            self._carry_answers(current.id, item_id)
            # an item with parts runs on while any of its parts runs: going into a part does not end it
            if current.started_at is not None and current.ended_at is None and item.parent_id != current.id:
                current.ended_at = now
            parent = self.meeting.agenda_item(current.parent_id)
            if parent is not None and item.parent_id != parent.id and parent.ended_at is None:
                parent.ended_at = now
        parent = self.meeting.agenda_item(item.parent_id)
        if parent is not None:
            if parent.started_at is None:
                parent.started_at = now
            parent.ended_at = None  # back into a part of an item already left: the item runs again
        if item.started_at is None:
            item.started_at = now
        item.ended_at = None
        self.meeting.current_item_id = item_id
        return item

    def _carry_answers(self, from_item: int, to_item: int) -> None:
        """Department answers still waiting move on with the meeting: issues raised during the
        speeches are answered in the answers item, not forgotten on the item they were raised in."""
        moved = [s for s in SpeakingOrder(self.meeting, from_item).waiting if s.kind is SpeakerKind.ANSWER]
        if not moved:
            return
        target = SpeakingOrder(self.meeting, to_item)
        queue = target.waiting
        for entry in moved:
            entry.agenda_item_id = to_item
        SpeakingOrder._renumber(queue + moved)

    def next_item(self) -> AgendaItem | None:
        order = self.meeting.agenda
        current = self.meeting.current_item
        if current is None:
            return self.start_item(order[0].id) if order else None
        index = order.index(current)
        if index + 1 >= len(order):
            raise ValidationError([problem("this is the last agenda item: end the meeting instead")])
        return self.start_item(order[index + 1].id)

    def previous_item(self) -> AgendaItem | None:
        order = self.meeting.agenda
        current = self.meeting.current_item
        if current is None or order.index(current) == 0:
            raise ValidationError([problem("this is the first agenda item")])
        return self.start_item(order[order.index(current) - 1].id)

    def close_meeting(self) -> None:
        now = self.now()
        current = self.meeting.current_item
        if current is not None:
            SpeakingOrder(self.meeting, current.id).stop_all(now)
        for item in self.meeting.agenda:
            if item.started_at is not None and item.ended_at is None:
                item.ended_at = now
        self.meeting.status = MeetingStatus.CLOSED
        self.meeting.closed_at = now

    def reopen_meeting(self) -> None:
        self.meeting.status = MeetingStatus.LIVE
        self.meeting.closed_at = None

    def speaking_order(self, item_id: int | None = None) -> SpeakingOrder:
        item_id = item_id if item_id is not None else self.meeting.current_item_id
        if item_id is None:
            raise ValidationError([problem("start the meeting first: no agenda item is current")])
        return SpeakingOrder(self.meeting, item_id)

    def set_speaker_summary(self, entry_id: int, summary: str) -> None:
        """The key points of a turn, typed by the secretary while or after someone speaks."""
        entry = self._get(self.meeting.speaker(entry_id), _("speaker"), entry_id)
        entry.summary = text_field(summary, "summary", multiline=True, label=N_("key points"))

    # -- helpers -------------------------------------------------------------------------
    @staticmethod
    def _get(found: Any, what: str, ident: Any) -> Any:
        if found is None:
            raise ValidationError([problem("no {what} #{id}", what=what, id=ident)])
        return found


def _role(value: Role | str) -> Role:
    return parse_role(value)


def _kind(value: AgendaKind | str) -> AgendaKind:
    try:
        return AgendaKind(value)
    except ValueError:
        raise ValidationError([problem("unknown agenda kind '{value}' (one of: {choices})", value=str(value)[:40],
                                 choices=", ".join(k.value for k in AgendaKind))]) from None


# Verbs a closed meeting still takes: its record is what the room agreed; only follow-up (grades
# and progress notes, the proposer's satisfaction, a report-back link confirmed) moves after it,
# and the secretary's correction of who raised an issue (Raiser: confirmed after the meeting too).
FOLLOW_UP_VERBS = frozenset({"record_progress", "reopen_meeting", "set_raiser"})
READING = frozenset({"meeting", "clock", "now", "department_head", "acting"})


class ClosedCouncil:
    """The council of a closed meeting: any verb but follow-up is refused, before it changes anything."""

    def __init__(self, council: Council) -> None:
        self._council = council

    def __getattr__(self, name: str) -> Any:
        if name in FOLLOW_UP_VERBS or name in READING or self._council.meeting.status is not MeetingStatus.CLOSED:
            return getattr(self._council, name)
        raise ValidationError([closed_problem()])

    def update_response(self, response_id: int, **values: Any) -> Any:
        """The proposer's satisfaction is follow-up; anything else of a response is the record."""
        if set(values) - {"satisfaction"} and self._council.meeting.status is MeetingStatus.CLOSED:
            raise ValidationError([closed_problem()])
        return self._council.update_response(response_id, **values)


def closed_problem() -> str:
    return _("the meeting is closed: it takes follow-up entries (grades, progress notes) and nothing else")
