"""The list of speakers of one agenda item: who waits, in which order, and who has the floor.

Priorities follow council practice: a point of order goes to the front; booked speakers come
before impromptu ones; answers from departments queue after whoever is waiting; an explicit
position or a move by the secretary always wins.

A point of order interrupts: the speaker who had the floor is suspended, not ended (his clock
stops with a pause that names the point of order), and once the point of order has been dealt
with he is the next to speak, with exactly the time he had left.
"""

from __future__ import annotations

from datetime import datetime

from roomtui.domain.model import Meeting, Pause, Role, SpeakerEntry, SpeakerKind
from roomtui.domain.problems import problem
from roomtui.domain.validation import MAX_ENTRY_SECONDS, MAX_RECORD_ID, ValidationError

_RANK = {SpeakerKind.POINT_OF_ORDER: 0, SpeakerKind.BOOKED: 1, SpeakerKind.IMPROMPTU: 2, SpeakerKind.ANSWER: 2}


def default_limit(meeting: Meeting, kind: SpeakerKind, role: Role | None) -> int:
    """The limit the meeting sets for this kind of turn (and residents' own shorter limit)."""
    limits = meeting.limits
    if kind is SpeakerKind.POINT_OF_ORDER:
        return limits.point_of_order
    if kind is SpeakerKind.ANSWER:
        return limits.answer
    if role is Role.RESIDENT:
        return limits.resident
    if kind is SpeakerKind.BOOKED:
        return limits.booked
    return limits.impromptu


class SpeakingOrder:
    """Operations on the speakers of ``item_id``; mutates ``meeting.speakers`` in place."""

    def __init__(self, meeting: Meeting, item_id: int) -> None:
        self.meeting = meeting
        self.item_id = item_id

    # -- reading -------------------------------------------------------------------------
    @property
    def entries(self) -> list[SpeakerEntry]:
        return [s for s in self.meeting.speakers if s.agenda_item_id == self.item_id]

    @property
    def waiting(self) -> list[SpeakerEntry]:
        return sorted((s for s in self.entries if s.waiting), key=lambda s: (s.position, s.id))

    @property
    def current(self) -> SpeakerEntry | None:
        item = self.item_id
        return next((s for s in self.meeting.speakers if s.agenda_item_id == item and s.running), None)

    @property
    def interrupted(self) -> SpeakerEntry | None:
        """The turn a point of order suspended, owed the floor back (the latest, if several)."""
        suspended = [s for s in self.entries if s.interrupted]
        return max(suspended, key=lambda s: s.pauses[-1].started_at) if suspended else None

    @property
    def finished(self) -> list[SpeakerEntry]:
        return sorted((s for s in self.entries if s.done), key=lambda s: s.started_at or datetime.min)

    @property
    def closed(self) -> bool:
        item = self.meeting.agenda_item(self.item_id)
        return bool(item and item.speakers_closed)

    # -- changing the queue --------------------------------------------------------------
    def add(
        self,
        participant_id: int,
        kind: SpeakerKind,
        now: datetime,
        *,
        position: int | None = None,
        issue_id: int | None = None,
        limit_seconds: int | None = None,
    ) -> SpeakerEntry:
        """Queue a speaker. ``position`` (0 = front) overrides the priority rules."""
        participant = self.meeting.participant(participant_id)
        if participant is None:
            raise ValidationError([problem("no participant #{id}", id=participant_id)])
        if self.closed and kind is not SpeakerKind.POINT_OF_ORDER:
            raise ValidationError([problem("the list of speakers is closed for this item")])
        if self.meeting.limits.one_entry_per_person and kind in (SpeakerKind.BOOKED, SpeakerKind.IMPROMPTU):
            if any(s.participant_id == participant_id and s.kind in (SpeakerKind.BOOKED, SpeakerKind.IMPROMPTU)
                   and not s.withdrawn for s in self.entries):
                raise ValidationError([problem("{name} already has a turn on this item", name=participant.name)])
        entry = SpeakerEntry(
            id=self.meeting.next_id(self.meeting.speakers),
            participant_id=participant_id,
            agenda_item_id=self.item_id,
            kind=kind,
            limit_seconds=limit_seconds or default_limit(self.meeting, kind, participant.role),
            requested_at=now,
            issue_id=issue_id,
        )
        queue = self.waiting
        if position is None:
            rank = _RANK[kind]
            position = next((i for i, s in enumerate(queue) if _RANK[s.kind] > rank), len(queue))
        position = max(0, min(position, len(queue)))
        queue.insert(position, entry)
        self.meeting.speakers.append(entry)
        self._renumber(queue)
        return entry

    def move(self, entry_id: int, offset: int) -> None:
        queue = self.waiting
        index = next((i for i, s in enumerate(queue) if s.id == entry_id), None)
        if index is None:
            raise ValidationError([problem("that speaker is not waiting")])
        target = max(0, min(len(queue) - 1, index + offset))
        queue.insert(target, queue.pop(index))
        self._renumber(queue)

    def remove(self, entry_id: int) -> SpeakerEntry:
        entry = self.meeting.speaker(entry_id)
        if entry is None or not entry.waiting:
            raise ValidationError([problem("that speaker is not waiting")])
        entry.withdrawn = True  # the others keep their order, and so their positions
        return entry

    def set_closed(self, closed: bool) -> None:
        item = self.meeting.agenda_item(self.item_id)
        if item is not None:
            item.speakers_closed = closed

    def readd_last(self, now: datetime) -> SpeakerEntry:
        """Give the floor again to whoever spoke last (a follow-up), at the front of the queue."""
        last = self.finished[-1] if self.finished else None
        if last is None:
            raise ValidationError([problem("nobody has spoken on this item yet")])
        return self.add(last.participant_id, last.kind, now, position=0, issue_id=last.issue_id)

    # -- the floor -----------------------------------------------------------------------
    def next(self, now: datetime) -> SpeakerEntry | None:
        """Give the floor to whoever is owed it next.

        A point of order at the front interrupts whoever speaks; once no point of order is
        waiting, a speaker interrupted earlier resumes before anyone else in the queue.
        """
        following = self.up_next()
        if not following:
            self.stop(now)
            return None
        entry = following[0]
        if entry.interrupted:
            self.stop(now)
            entry.pauses[-1].ended_at = now
            return entry
        return self._take_floor(entry, now)

    def up_next(self) -> list[SpeakerEntry]:
        """Who gets the floor, in order, as ``next`` gives it: the points of order at the front
        of the queue, then the speaker they interrupted (owed the rest of the time), then the
        queue. The live screen and the room view both show this list, so they cannot disagree."""
        queue = self.waiting
        points = 0
        while points < len(queue) and queue[points].kind is SpeakerKind.POINT_OF_ORDER:
            points += 1
        suspended = self.interrupted
        return queue[:points] + ([suspended] if suspended is not None else []) + queue[points:]

    def start(self, entry_id: int, now: datetime) -> SpeakerEntry:
        """Give the floor to a particular waiting speaker (a point of order interrupts)."""
        entry = self.meeting.speaker(entry_id)
        if entry is None or not entry.waiting:
            raise ValidationError([problem("that speaker is not waiting")])
        return self._take_floor(entry, now)

    def _take_floor(self, entry: SpeakerEntry, now: datetime) -> SpeakerEntry:
        current = self.current
        if (entry.kind is SpeakerKind.POINT_OF_ORDER and current is not None
                and current.kind is not SpeakerKind.POINT_OF_ORDER):
            self._interrupt(current, entry, now)
        else:
            self.stop(now)
        entry.started_at = now  # the others keep their order, and so their positions
        return entry

    @staticmethod
    def _interrupt(entry: SpeakerEntry, point_of_order: SpeakerEntry, now: datetime) -> None:
        """Suspend ``entry``: its clock stops, and the pause says which point of order stopped it."""
        if entry.paused:
            entry.pauses[-1].ended_at = now
        entry.pauses.append(Pause(started_at=now, interrupted_by=point_of_order.id))

    def stop(self, now: datetime) -> SpeakerEntry | None:
        """End the current turn (an interrupted one stays owed the floor: ``n`` resumes it)."""
        entry = self.current
        if entry is None:
            return None
        if entry.paused:
            entry.pauses[-1].ended_at = now
        entry.ended_at = now
        return entry

    def stop_all(self, now: datetime) -> None:
        """The item is over: end the current turn and any turn still suspended by a point of order."""
        self.stop(now)
        for entry in self.entries:
            if entry.interrupted:
                entry.pauses[-1].ended_at = now
                entry.ended_at = now

    def pause(self, now: datetime) -> SpeakerEntry:
        entry = self.current
        if entry is None:
            raise ValidationError([problem("nobody has the floor")])
        if entry.paused:
            raise ValidationError([problem("the clock is already paused")])
        entry.pauses.append(Pause(started_at=now))
        return entry

    def resume(self, now: datetime) -> SpeakerEntry:
        entry = self.current
        if entry is None or not entry.paused:
            raise ValidationError([problem("the clock is not paused")])
        entry.pauses[-1].ended_at = now
        return entry

    def extend(self, seconds: int) -> SpeakerEntry:
        entry = self.current
        if entry is None:
            raise ValidationError([problem("nobody has the floor")])
        # at most a day: what the record rules accept when the meeting file is opened again
        entry.limit_seconds = min(MAX_ENTRY_SECONDS, max(10, entry.limit_seconds + seconds))
        return entry

    @staticmethod
    def _renumber(queue: list[SpeakerEntry]) -> None:
        """Positions that sort ``queue`` as it stands, changing as few entries as possible.

        The order is (position, id). Each entry whose position changes is a record written again,
        so a turn taken or withdrawn changes none and a speaker queued behind others only itself
        (numbering the whole queue again made each saved ``n`` rewrite every waiting entry).
        """
        previous = None
        for entry in queue:
            if previous is not None and (entry.position, entry.id) <= (previous.position, previous.id):
                entry.position = previous.position if entry.id > previous.id else previous.position + 1
            previous = entry
        if previous is not None and previous.position > MAX_RECORD_ID:  # only from a hand-edited file
            for index, entry in enumerate(queue):
                entry.position = index


def current_speaker(meeting: Meeting) -> SpeakerEntry | None:
    """Whoever has the floor, on whatever item (at most one turn runs at a time)."""
    return next((s for s in meeting.speakers if s.running), None)
