"""The desk of open meetings: the one way any meeting is written.

    a key in the app, the register, the minutes' grade, an import's replace, a phone
        -> desk.act(meeting_id, label, verb)
        -> that meeting's session: the verb, then one fsync'd write (session.py)
        -> what the action sets off, as part of it: the list's index row, the copies of its
           report-back answers in the earlier meetings (domain/followup.py)
        -> one Change to every listener (the app moves its ``revision`` from it)

The desk keeps one undo history in the order actions were taken, across meetings. An undo
restores the meeting acted on and runs the same follow-on effects, so taking back a
report-back answer takes its copy out of the earlier meeting in the same step. A meeting put
away (F6) gives up its lock but its history stays on the desk for the rest of the run: opened
again unchanged, it can still be undone.

Textual-free; one lock makes an action and its follow-on effects one step for every thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from roomtui.domain.clock import Clock
from roomtui.domain.council import Council
from roomtui.domain.model import Meeting
from roomtui.domain.validation import ValidationError
from roomtui.i18n import _
from roomtui.store.archive import Archive, BadMeetingFile, MeetingNotFound
from roomtui.store.report_back_index import answer_sources, note_links
from roomtui.store.session import MeetingSession, ReadOnlyError, SaveError

T = TypeVar("T")
STEPS_KEPT = 10_000  # the desk's order of steps; each meeting's session keeps its own depth


@dataclass(frozen=True)
class Change:
    """One saved action (or undo), as the listeners learn of it."""

    revision: int  # the desk's counter after this change: moves by exactly one per change
    label: str
    meeting_id: str  # the meeting acted on
    also: tuple[str, ...] = ()  # other meetings the action wrote (copies of report-back answers)
    undone: bool = False
    problems: tuple[str, ...] = ()  # follow-on writes that could not be made now (healed later)


class Desk:
    """Holds the sessions of the meetings being worked on, by meeting id."""

    def __init__(self, archive: Archive, clock: Clock | None = None) -> None:
        self.archive = archive
        self.clock = clock
        self.revision = 0
        self._open: dict[str, MeetingSession] = {}
        self._kept: dict[str, tuple[bytes, list[tuple[str, bytes]]]] = {}  # histories of meetings put away
        self._steps: list[str] = []  # the meeting of each undoable step, oldest first
        self._listeners: list[Callable[[Change], None]] = []
        self._carried: dict[str, tuple] = {}  # meeting id -> the answers last copied into earlier meetings
        self._lock = threading.RLock()

    # -- listening -----------------------------------------------------------------------
    def listen(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        """Call ``listener(change)`` after every saved action; returns a function that stops it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _announce(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)

    # -- meetings on the desk ----------------------------------------------------------------
    def open(self, meeting_id: str) -> MeetingSession:
        """Take a meeting to work on (locked; read-only if another roomtui has it), with the undo
        history it had when it was put away, if nothing changed it since, and with the copies of
        report-back answers a crash left behind (written at once)."""
        with self._lock:
            held = self._open.get(meeting_id)
            session = self._take(meeting_id)
            if held is None and not session.read_only:
                self._repair_on_open(meeting_id)
            return session

    def _take(self, meeting_id: str) -> MeetingSession:
        with self._lock:
            held = self._open.get(meeting_id)
            if held is not None:
                return held
            session = self.archive.open(meeting_id, clock=self.clock)
            kept = None if session.read_only else self._kept.pop(meeting_id, None)  # held elsewhere: kept for later
            if kept is not None and not session.take_history(*kept):
                self._steps = [step for step in self._steps if step != meeting_id]
            self._open[meeting_id] = session
            return session

    def _repair_on_open(self, meeting_id: str) -> None:
        """Copies of report-back answers that lag (a crash between an answer's two writes) are
        written on opening, as a follow-on write: the meeting is never worked on without them."""
        if not answer_sources(self.archive, self._open[meeting_id].meeting):
            return  # nobody reports on it: one stat, nothing of the follow-up domain loaded
        from roomtui.store.followup_index import answered_copies  # the follow-up domain: not at start

        label = _("Report-back answers carried over")
        if self._write_copy(meeting_id, label, lambda council: answered_copies(self.archive, council.meeting)) is None:
            self._announce(self._changed(label, meeting_id, (), ()))

    def session(self, meeting_id: str) -> MeetingSession | None:
        """The session of a meeting on the desk, or None."""
        return self._open.get(meeting_id)

    def put_away(self, meeting_id: str) -> None:
        """Give up the meeting's lock; its undo history stays on the desk for this run."""
        with self._lock:
            session = self._open.pop(meeting_id, None)
            if session is None:
                return
            if not session.read_only:
                self._kept[meeting_id] = session.history()
            session.close()

    def close(self) -> None:
        for meeting_id in list(self._open):
            self.put_away(meeting_id)

    @contextmanager
    def _working_on(self, meeting_id: str) -> Iterator[MeetingSession]:
        """The meeting's session: the one on the desk, or one opened for this step and put away."""
        held = self._open.get(meeting_id)
        if held is not None:
            yield held
            return
        session = self._take(meeting_id)
        try:
            yield session
        finally:
            self.put_away(meeting_id)

    # -- acting --------------------------------------------------------------------------
    def act(self, meeting_id: str, label: str, action: Callable[[Council], T]) -> T:
        """Run one action on a meeting, save it, run what it sets off, tell the listeners.

        Raises what the session raises (ValidationError: refused, nothing changed; SaveError:
        not written, nothing kept; ReadOnlyError), and BadMeetingFile / MeetingNotFound when
        the meeting is not on the desk and cannot be opened. An action that changes nothing
        writes nothing and announces nothing.
        """
        return self._act(meeting_id, label, lambda session: session.do(label, action))

    def act_together(self, meeting_id: str, label: str, actions: Iterable[Callable[[Council], Any]], *,
                     kept: bool = False) -> list[Any]:
        """Several actions as one write and one undo step (a burst of phones' requests).

        Each result is the action's result, or the ValidationError that refused it: a domain verb
        refused leaves the meeting as it was (Council), so the others are still saved.
        ``kept=True`` (phones: each was told "received"): one write and no undo step; the
        secretary's ctrl+z takes back the secretary's own actions and applies these again
        (MeetingSession.do, ``kept``).
        """
        def each(council: Council) -> list[Any]:
            results: list[Any] = []
            for action in actions:
                try:
                    results.append(action(council))
                except ValidationError as error:
                    results.append(error)
            return results

        if kept:
            return self._act(meeting_id, label, lambda session: session.do(label, each, kept=True), undoable=False)
        return self.act(meeting_id, label, each)

    def replace(self, meeting_id: str, meeting: Meeting) -> Path:
        """Swap a stored meeting for ``meeting`` whole (a replacing import), as one undoable action;
        the previous file is first kept in the backups folder, whose path is returned."""
        def swap(session: MeetingSession) -> Path:
            if session.read_only:
                raise ReadOnlyError(session.read_only_reason)
            kept = self.archive.keep_copy(meeting_id, "replaced")
            meeting.id = meeting_id
            session.replace_all(meeting)
            return kept

        return self._act(meeting_id, _("import"), swap)

    def _act(self, meeting_id: str, label: str, step: Callable[[MeetingSession], T], *, undoable: bool = True) -> T:
        with self._lock:
            with self._working_on(meeting_id) as session:
                if meeting_id not in self._carried:
                    self._note_links(session.meeting)  # before the first write: a crash keeps the way back
                revision = session.revision
                result = step(session)
                if session.revision == revision:
                    return result  # nothing changed: nothing written, nothing to announce
                if undoable:
                    self._steps.append(meeting_id)
                    del self._steps[:-STEPS_KEPT]
                also, problems = self._follow_on(session.meeting)
            change = self._changed(label, meeting_id, also, problems)
        self._announce(change)
        return result

    def _changed(self, label: str, meeting_id: str, also: tuple[str, ...], problems: tuple[str, ...],
                 undone: bool = False) -> Change:
        self.revision += 1
        return Change(self.revision, label, meeting_id, also, undone, problems)

    # -- undo ----------------------------------------------------------------------------
    def can_undo(self, meeting_id: str | None = None) -> bool:
        return any(meeting_id is None or step == meeting_id for step in self._steps)

    def undo(self, meeting_id: str | None = None) -> str:
        """Take back the last step (of ``meeting_id``, or of any meeting); returns its label.

        LookupError when there is none; ReadOnlyError / SaveError as for an action.
        """
        with self._lock:
            position = next((n for n in range(len(self._steps) - 1, -1, -1)
                             if meeting_id is None or self._steps[n] == meeting_id), None)
            if position is None:
                raise LookupError(_("nothing to undo"))
            target = self._steps[position]
            with self._working_on(target) as session:
                keep = None
                if any(e.source for r in session.meeting.responses for c in r.commitments for e in c.history):
                    from roomtui.domain.report_back import keep_copies  # the follow-up domain: not at start

                    keep = keep_copies  # copies of other meetings' answers outlive an undo of this one's action
                try:
                    label = session.undo(keep=keep)
                except LookupError:
                    self._steps = [step for step in self._steps if step != target]
                    raise
                del self._steps[position]
                also, problems = self._follow_on(session.meeting)
            change = self._changed(label, target, also, problems, undone=True)
        self._announce(change)
        return label

    # -- what an action sets off ---------------------------------------------------------------
    def _follow_on(self, meeting: Meeting) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The index row, and the copies of this meeting's report-back answers in the earlier
        meetings; returns (meetings written, problems)."""
        try:
            self.archive.update_index(meeting)
        except OSError:
            pass  # the index is a cache; the meeting itself is safely written
        targets = tuple(issue.followup_of for issue in meeting.issues if issue.followup_of)
        if not targets and meeting.id not in self._carried:
            return (), ()
        from roomtui.domain.followup import merge_answers, parse_ref, report_back_answers

        self._note_links(meeting)
        answers = report_back_answers(meeting)
        state = (targets, tuple((ref, tuple((e.source, e.at, e.grade, e.note) for e in entries))
                                for ref, entries in sorted(answers.items())))
        previous = self._carried.get(meeting.id)
        if previous == state:
            return (), ()
        by_meeting: dict[str, list[str]] = {}
        for ref in dict.fromkeys((*targets, *(previous[0] if previous else ()))):
            parsed = parse_ref(ref)
            if parsed is not None and parsed[0] != meeting.id:
                by_meeting.setdefault(parsed[0], []).append(ref)
        also: list[str] = []
        problems: list[str] = []
        for original, refs in by_meeting.items():
            problem = self._write_copy(original, _("Report-back from {meeting}", meeting=meeting.id),
                                       lambda council, refs=refs: merge_answers(council.meeting, meeting.id, answers,
                                                                                refs))
            if problem is None:
                also.append(original)
            elif problem:
                problems.append(problem)
        if not problems:
            self._carried[meeting.id] = state
        return tuple(also), tuple(problems)

    def _note_links(self, meeting: Meeting) -> None:
        """report-back.json lists this meeting under every earlier meeting it reports on, so any
        reader of those finds its answers (store/followup_index.py)."""
        earlier = {ref.split("#")[0] for ref in (issue.followup_of for issue in meeting.issues) if ref} - {meeting.id}
        if earlier:
            note_links(self.archive, meeting.id, sorted(earlier))

    def _write_copy(self, meeting_id: str, label: str, action: Callable[[Council], object]) -> str | None:
        """A follow-on write into another meeting, taken back only with the step that made it.
        None when written, "" when nothing needed writing, else why it could not be written."""
        try:
            with self._working_on(meeting_id) as session:
                revision = session.revision
                session.do(label, action, undoable=False)
                if session.revision == revision:
                    return ""
                try:
                    self.archive.update_index(session.meeting)
                except OSError:
                    pass
        except (BadMeetingFile, MeetingNotFound, ReadOnlyError, SaveError, ValidationError, OSError) as error:
            return _("cannot update {meeting}: {reason}", meeting=meeting_id, reason=str(error))
        return None

    def repair_copies(self, register: Any) -> list[str]:
        """Write the merged history into every earlier meeting whose copies lag (after a crash
        between an answer's two writes, or an earlier meeting that was locked); returns problems."""
        from roomtui.domain.report_back import take_merged

        problems: list[str] = []
        with self._lock:
            for original in sorted(register.out_of_step):
                problem = self._write_copy(original, _("Report-back answers carried over"),
                                           lambda council: take_merged(council.meeting, register.entries))
                if problem:
                    problems.append(problem)
                elif problem is None:
                    change = self._changed(_("Report-back answers carried over"), original, (), ())
                    self._announce(change)
        return problems


__all__ = ["Change", "Desk"]
