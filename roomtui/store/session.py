"""A meeting open for work: every action is applied, saved durably, and can be undone.

``session.do(label, action)`` is how one meeting file changes; the app, the register and the
phones reach it only through the desk of open meetings (desk.py), which adds what an action
sets off in other files (the index, copies of report-back answers). ``do`` runs ``action`` on
the Council, writes the result in one atomic write, and only then returns: when it returns,
the action is on disk. If the action is refused (ValidationError) or the write fails (a full
disk), the meeting in memory is put back exactly as it was and the error is raised.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from tinydb import TinyDB

from roomtui.domain.clock import Clock, FrozenClock, SystemClock
from roomtui.domain.codec import MeetingEncoder, meeting_from_data, meeting_to_data
from roomtui.domain.council import Council
from roomtui.domain.model import Meeting
from roomtui.domain.validation import ValidationError
from roomtui.i18n import _
from roomtui.store.lock import MeetingLock
from roomtui.store.meeting_file import LISTS, FileEncoder, data_of_file

T = TypeVar("T")
UNDO_DEPTH = 200
UNDO_BYTES = 64 * 1024 * 1024  # and at most this much of it: a meeting near its 8 MB limit keeps ~8 steps


@dataclasses.dataclass
class UndoStep:
    """One action that ctrl+z can take back: the file as it was before it, and the actions of
    others saved after it (phones' sign-ins, requests, votes: each was acknowledged as saved), to
    apply again, at their own time, when this step is undone."""

    label: str
    before: bytes
    later: list[tuple[datetime, Callable[[Council], Any]]] = dataclasses.field(default_factory=list)


class SaveError(Exception):
    """The action could not be written; nothing of it was kept."""

    def __init__(self, label: str, cause: BaseException) -> None:
        self.label, self.cause = label, cause
        reason = getattr(cause, "strerror", None) or str(cause) or type(cause).__name__
        super().__init__(_("Not saved: {action} ({reason}). The meeting is as it was before.", action=label,
                           reason=reason))


class ReadOnlyError(Exception):
    pass


class MeetingSession:
    def __init__(self, meeting: Meeting, db: TinyDB, lock: MeetingLock | None, *, clock: Clock | None = None,
                 read_only_reason: str = "", held_by: str = "") -> None:
        self.meeting = meeting
        self.db = db
        self.lock = lock
        self.clock = clock or SystemClock()
        self.council = Council(meeting, self.clock)
        self.read_only_reason = read_only_reason
        self.held_by = held_by  # read-only: who holds the write lock ("pid host"), as they wrote it
        self.saved_at: datetime | None = None
        self.last_write_seconds = 0.0
        self._records = MeetingEncoder()  # encodes the records an action changed, reuses the rest
        self._data = self._records.data(meeting)  # the meeting as last saved: the "before" of the next action
        self._encoder = FileEncoder(meeting.id)
        self._file = self._encoder.file_bytes(self._data)  # the file's bytes as last saved
        # (label, the file as it was before it) per action: bytes already made for the write, so
        # keeping them costs nothing (200 meetings as dicts were ~200,000 objects for every full
        # collection to walk, and packing them was one more pause after each key).
        self._undo: list[UndoStep] = []
        self.revision = 0  # moves once per saved change: what views compare to know they are current
        # per list of records (issues, speakers...): moves when a saved change touched that list,
        # so a view of the issues passes over a change of the queue without comparing 300 rows
        self.versions = dict.fromkeys(LISTS, 0)

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def undo_label(self) -> str:
        return self._undo[-1].label if self._undo else ""

    # -- actions -------------------------------------------------------------------------
    def do(self, label: str, action: Callable[[Council], T], *, undoable: bool = True, kept: bool = False) -> T:
        """Apply one action of the secretary and save it; see the module docstring.

        The action gets the verbs the meeting takes now (a closed one: follow-up only, Council.acting).
        ``undoable=False`` is for a follow-on write the desk makes for another meeting's action
        (a copy of a report-back answer): it is taken back by undoing that action, never on its own.
        ``kept=True`` is for an action of someone else that was acknowledged as saved (a group of
        phones' actions): never an undo step, and applied again when an earlier step is undone.
        """
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason)
        before, before_file = self._data, self._file
        at = self.clock.now()
        try:
            result = action(self.council.acting())
            if not self._save(label):
                return result  # the action changed nothing: no write, nothing to undo
        except BaseException:
            self._restore(before)
            raise
        self.revision += 1
        if kept:
            if self._undo:
                self._undo[-1].later.append((at, action))
            return result
        if not undoable:
            return result
        self._undo.append(UndoStep(label, before_file))
        del self._undo[:-UNDO_DEPTH]
        while len(self._undo) > 1 and sum(len(step.before) for step in self._undo) > UNDO_BYTES:
            del self._undo[0]
        return result

    def undo(self, keep: Callable[[Meeting, Meeting], object] | None = None) -> str:
        """Revert the last action (itself a saved action); returns what was undone.

        ``keep(undone, restored)`` may carry into the restored meeting what must outlive the undo
        (the desk keeps the copies of other meetings' report-back answers: they are not this
        meeting's actions)."""
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason)
        if not self._undo:
            raise LookupError(_("nothing to undo"))
        step = self._undo[-1]
        current = self._data
        undone = meeting_from_data(current) if keep is not None else None
        self._restore(data_of_file(step.before))
        try:
            if undone is not None:
                keep(undone, self.meeting)
            later = self._apply_again(step.later)
            self._save(_("undo {action}", action=step.label), force=True)
        except BaseException:
            self._restore(current)
            raise
        self._undo.pop()
        if self._undo:
            self._undo[-1].later.extend(later)  # they now come after the step before
        self.revision += 1
        return step.label

    def _apply_again(self, later: list[tuple[datetime, Callable[[Council], Any]]]) -> list:
        """Others' actions saved after an undone step, applied again at their own time; one that
        the undone step made possible (a vote on a rating it opened) falls with it."""
        applied = []
        for at, action in later:
            try:
                action(Council(self.meeting, FrozenClock(at)).acting())
            except ValidationError:
                continue
            applied.append((at, action))
        return applied

    # -- the undo history outlives the session (the desk keeps it while the meeting is put away)
    def history(self) -> tuple[bytes, list[UndoStep]]:
        """The file as last saved and the undo steps that lead back from it."""
        return self._file, list(self._undo)

    def take_history(self, saved_file: bytes, undo: list[UndoStep]) -> bool:
        """Take back a history kept from an earlier session of this meeting, if the file is still
        exactly as that session left it (another roomtui may have changed it meanwhile)."""
        if self.read_only or saved_file != self._file:
            return False
        self._undo = list(undo)
        return True

    def replace_all(self, meeting: Meeting) -> None:
        """Swap in a whole meeting (an import) as one saved, undoable action."""
        data = meeting_to_data(meeting)
        data["id"] = self.meeting.id
        self.do(_("import"), lambda council: self._restore(data))  # a whole meeting swapped in, not an edit

    def follow(self, meeting: Meeting) -> None:
        """A read-only window takes the version another roomtui saved, in place (see store/follow.py)."""
        if not self.read_only:
            raise ReadOnlyError("only a read-only session follows another writer")
        for field in dataclasses.fields(Meeting):
            setattr(self.meeting, field.name, getattr(meeting, field.name))
        self._took(self._records.data(self.meeting))

    def _restore(self, data: dict[str, Any]) -> None:
        """Put the meeting back to ``data`` in place, so every view holding it stays valid."""
        restored = meeting_from_data(data)
        for field in dataclasses.fields(Meeting):
            setattr(self.meeting, field.name, getattr(restored, field.name))

    def _save(self, label: str, *, force: bool = False) -> bool:
        """Write the meeting if it differs from the saved one; True when something was written."""
        data = self._records.data(self.meeting)
        try:
            payload = self._encoder.file_bytes(data)
        except ValueError as error:  # two records with one id: never a file that reads back as less
            raise SaveError(label, error) from error
        if payload == self._file and not force:
            return False
        started = time.perf_counter()
        try:
            self.db.storage.write_bytes(payload)
        except ValidationError:
            raise  # the storage's size check (one encoding of the file, not a second one here)
        except Exception as error:
            raise SaveError(label, error) from error
        self.last_write_seconds = time.perf_counter() - started
        self._file = payload
        self._took(data)
        self.saved_at = self.clock.now()
        return True

    def _took(self, data: dict[str, Any]) -> None:
        """``data`` is now the saved meeting: each list MeetingEncoder gave anew has a new version."""
        for name in LISTS:
            if data[name] is not self._data[name]:
                self.versions[name] += 1
        self._data = data

    def close(self) -> None:
        self.db.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
