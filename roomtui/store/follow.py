"""Following a meeting another roomtui is writing: the projector's room view, read-only windows.

A follower never takes the write lock and never writes anything: it looks at the meeting file
and re-reads it only when the file changed. The store replaces a meeting file atomically
(os.replace), so every read sees one whole saved version; a change shows as a new inode, and
mtime and size are checked too, for filesystems that reuse inode numbers. On FAT (2 s mtimes)
all of these can stay alike across a save, so while the mtime is recent (safe_read.stamp_settled)
the file's bytes are compared with those last read.

``poll()`` is explicit: the app calls it on a timer (POLL_SECONDS), tests call it by hand
after each change, so no test waits for a clock. A file that disappears or stops parsing is a
state of the follower (``problem``), not an exception: the view keeps the last good meeting,
says what is wrong, and recovers by itself on the first poll that finds a good file again.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from enum import Enum

from roomtui.domain.model import Meeting
from roomtui.domain.text import visible
from roomtui.domain.validation import MAX_FILE_BYTES
from roomtui.i18n import _
from roomtui.safe_read import read_regular, stamp_settled
from roomtui.store.archive import Archive, BadMeetingFile, MeetingNotFound
from roomtui.store.report_back_index import answer_sources

POLL_SECONDS = 0.5  # the room may be at most this far behind the secretary


class FollowState(Enum):
    WAITING = "waiting"  # not polled yet
    FOLLOWING = "following"  # the meeting shown is the file's newest version
    MISSING = "missing"  # the file is not there (deleted, moved, a restore in progress)
    DAMAGED = "damaged"  # the file is there but cannot be read as a meeting


@dataclass(frozen=True)
class FileStamp:
    """What identifies one version of the file without reading it."""

    inode: int
    mtime_ns: int
    ctime_ns: int
    size: int


def file_stamp(path: os.PathLike | str) -> FileStamp | None:
    """The stamp of the file at ``path``, or None when it is not there (other OSErrors are raised)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return FileStamp(st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_size)


class MeetingFollower:
    """The newest readable version of one meeting, re-read only when its file changed."""

    def __init__(self, archive: Archive, meeting_id: str) -> None:
        self.archive = archive
        self.meeting_id = meeting_id
        self.path = archive.path_of(meeting_id)
        self.meeting: Meeting | None = None  # the last good version; kept while the file is missing or damaged
        self.state = FollowState.WAITING
        self.problem = ""  # why the shown meeting may be stale ("" while following)
        self.revision = 0  # counts the versions read: a view redraws when it moves
        self.reads = 0  # how many times the file was actually read (tests check it stays low)
        self._stamp: FileStamp | None = None
        self._digest: bytes | None = None  # of the bytes last read, while their stamp is not yet settled

    def _digest_of_file(self) -> bytes | None:
        try:
            return hashlib.blake2b(read_regular(self.path, MAX_FILE_BYTES), digest_size=16).digest()
        except OSError:
            return None

    @property
    def following(self) -> bool:
        return self.state is FollowState.FOLLOWING

    def poll(self) -> bool:
        """Look at the file; re-read it if it changed. True when the meeting or the state changed."""
        try:
            stamp = file_stamp(self.path)
        except OSError as error:  # the folder became unreadable: a state, like a missing file
            return self._trouble(FollowState.MISSING, visible(error, keep_newlines=False), None)
        if stamp is None:
            return self._gone()
        unsettled = not stamp_settled(stamp.mtime_ns)
        if stamp == self._stamp and self.state is not FollowState.WAITING:
            if not unsettled:
                return False
            digest = self._digest_of_file()  # FAT: a save within the same 2 s may leave the stamp alike
            if digest is not None and digest == self._digest:
                return False
        else:
            digest = self._digest_of_file() if unsettled else None
        self.reads += 1
        try:
            meeting = self.archive.load(self.meeting_id)
        except MeetingNotFound:  # removed between the stat and the read
            return self._gone()
        except BadMeetingFile as error:
            return self._unreadable(error.reason, stamp, digest)
        except OSError as error:
            return self._unreadable(error.strerror or str(error), stamp, digest)
        if answer_sources(self.archive, meeting):  # answers a crash kept from its copies (rare: imported then)
            from roomtui.store.followup_index import answered_copies

            answered_copies(self.archive, meeting)
        self._stamp, self._digest = stamp, digest
        self.meeting = meeting
        self.state = FollowState.FOLLOWING
        self.problem = ""
        self.revision += 1
        return True

    def _gone(self) -> bool:
        return self._trouble(FollowState.MISSING, _("{path} is not there (deleted or moved?)", path=self._shown_path),
                             None)

    def _unreadable(self, reason: str, stamp: FileStamp | None, digest: bytes | None = None) -> bool:
        return self._trouble(FollowState.DAMAGED, _("{path} cannot be read: {reason}", path=self._shown_path,
                                                    reason=visible(reason, keep_newlines=False)), stamp, digest)

    @property
    def _shown_path(self) -> str:
        """The path as a projector may show it: a folder named with an escape sequence shows it as text."""
        return visible(self.path, keep_newlines=False)

    def _trouble(self, state: FollowState, problem: str, stamp: FileStamp | None,
                 digest: bytes | None = None) -> bool:
        """Keep the last good meeting; remember the bad version so it is not re-read every poll."""
        changed = state is not self.state or problem != self.problem
        self.state, self.problem, self._stamp, self._digest = state, problem, stamp, digest
        return changed


__all__ = ["POLL_SECONDS", "FileStamp", "FollowState", "MeetingFollower", "file_stamp"]
