"""The data folder: one TinyDB file per meeting, a small index, locks and backups.

    <data>/index.json               id, title, date, status of every meeting (a cache: rebuilt
                                    from the meeting files when missing or unreadable)
    <data>/meetings/<id>.json       one meeting (see meeting_file.py)
    <data>/meetings/<id>.lock       held while a roomtui process has the meeting open for writing
    <data>/backups/<id>-<time>.json the last good versions of each meeting
    <data>/backups/<id>-replaced-<time>.json   a meeting as it was before an import replaced it
    <data>/backups/<id>-deleted-<time>.json    a deleted meeting

Anything else in meetings/ (a file manager's "X copy (1).json") is left alone and named in a
notice; a meeting file that does not read is listed as damaged, never hidden or overwritten.

Files are readable by their owner only (0600, folders 0700): minutes hold phone numbers.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from tinydb import TinyDB

from roomtui.domain.clock import Clock
from roomtui.domain.codec import meeting_to_data
from roomtui.domain.model import Meeting
from roomtui.domain.text import shown, visible
from roomtui.domain.validation import (
    MAX_FILE_BYTES,
    is_meeting_id,
    ValidationError,
    size_problem,
)
from roomtui.i18n import _
from roomtui.safe_read import kind_of, read_regular, stamp_settled
from roomtui.store.lock import MeetingLock
from roomtui.store.meeting_file import FileEncoder, SchemaError, read_meeting
from roomtui.store.new_file import write_new
from roomtui.store.session import MeetingSession
from roomtui.store.storage import (
    DurableStorage,
    UnreadableFile,
    atomic_write,
    clean_stray_temps,
    encode,
    parse_json,
    read_json,
)

DAMAGED = "damaged"
_INDEX_TEXT = ("title", "date", "status", "language")


class MeetingNotFound(LookupError):
    pass


class BadMeetingFile(Exception):
    """A meeting file cannot be used; says which file, why, and the newest good backup."""

    def __init__(self, path: Path, reason: str, backup: Path | None) -> None:
        self.path, self.reason, self.backup = path, visible(reason, keep_newlines=False), backup
        reason = self.reason
        hint = f" The newest good backup is {visible(backup, keep_newlines=False)}." if backup else \
            " There is no backup of it."
        super().__init__(f"Cannot open {visible(path, keep_newlines=False)}: {reason}. The file has not been changed."
                         f"{hint}")


@dataclass(frozen=True)
class MeetingSummary:
    id: str
    title: str
    date: str
    status: str  # a MeetingStatus value, or DAMAGED when the file cannot be used
    language: str
    problem: str = ""  # why a damaged file cannot be used


def new_meeting_id(meeting: Meeting) -> str:
    day = meeting.date.isoformat() if meeting.date else time.strftime("%Y-%m-%d")
    return f"{day}-{os.urandom(3).hex()}"  # what secrets.token_hex does, without loading hmac and OpenSSL at start


class Archive:
    """All meetings in one data folder.

    ``read_only=True`` is for watchers (the room view): they create no folder, remove no
    stray temp file (one may be a writer's write in progress) and never rebuild the index.
    """

    def __init__(self, root: str | os.PathLike, *, read_only: bool = False) -> None:
        self.root = Path(root)
        self.notices: list[str] = []  # one line each, for the CLI and the app to show once
        self.meetings_dir = self.root / "meetings"
        self.backups_dir = self.root / "backups"
        self.read_only = read_only
        self._index_cache: list[dict] = []
        self._index_by_id: dict[str, dict] = {}
        self._index_seen: tuple[int, int, int] | None = None
        if read_only:
            return
        for folder in (self.root, self.meetings_dir, self.backups_dir):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        clean_stray_temps(self.root)
        clean_stray_temps(self.meetings_dir)
        clean_stray_temps(self.backups_dir)

    # -- paths ---------------------------------------------------------------------------
    def path_of(self, meeting_id: str) -> Path:
        if not is_meeting_id(meeting_id):
            raise MeetingNotFound(meeting_id)
        return self.meetings_dir / f"{meeting_id}.json"

    def _storage(self, meeting_id: str, *, read_only: bool = False) -> DurableStorage:
        return DurableStorage(self.path_of(meeting_id), read_only=read_only, backup_dir=self.backups_dir,
                              size_check=size_problem)

    # -- the index -----------------------------------------------------------------------
    # The index rows are kept here with the (inode, mtime, size) of the file they came from: the
    # save of an action that changes no listed field costs one stat, no read and no write (with
    # 1,000 meetings, parsing and querying index.json was a fifth of every save). Another roomtui
    # that rewrites the file changes its signature, so the rows are read again before any use.
    def _index_path(self) -> Path:
        return self.root / "index.json"

    def _index_signature(self) -> tuple[int, int, int] | None:
        try:
            info = self._index_path().stat()
        except OSError:
            return None
        return info.st_ino, info.st_mtime_ns, info.st_size

    def _notice(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)

    def take_notices(self) -> list[str]:
        notices, self.notices = self.notices, []
        return notices

    def meeting_files(self) -> dict[str, Path]:
        """Meeting id -> file, for every file in meetings/ with a name roomtui gives; others get a notice."""
        return {meeting_id: Path(path) for meeting_id, (path, _stamp) in self._scan().items()}

    def _scan(self) -> dict[str, tuple[str, list[int]]]:
        """Meeting id -> (file, stamp), in one pass over the folder: one stat a file, no Path made
        (with 1,000 meetings, making the Paths was a third of `roomtui list`)."""
        found: list[tuple[str, str, list[int]]] = []
        try:
            entries = list(os.scandir(self.meetings_dir))
        except OSError:
            return {}
        for entry in entries:
            if not entry.name.endswith(".json"):
                continue
            stem = entry.name[:-len(".json")]
            try:
                regular = entry.is_file()
                info = entry.stat() if regular else None
            except OSError:
                regular, info = False, None
            if is_meeting_id(stem) and regular and info is not None:
                found.append((stem, entry.path, [info.st_mtime_ns, info.st_size]))
            elif is_meeting_id(stem):  # a meeting's name on a FIFO, a device, a folder: never opened
                try:
                    what = kind_of(entry.stat().st_mode)
                except OSError as error:
                    what = error.strerror or str(error)
                self._notice(_("Ignored {name} in {folder}: it is {what}.", name=shown(entry.name, 80),
                               folder=visible(self.meetings_dir, keep_newlines=False), what=what))
            else:
                self._notice(_("Ignored {name} in {folder}: roomtui does not name meeting files that way.",
                               name=shown(entry.name, 80), folder=visible(self.meetings_dir, keep_newlines=False)))
        return {stem: (path, stamp) for stem, path, stamp in sorted(found)}

    def _index_rows(self) -> list[dict]:
        """The index as stored, each row checked; [] when it is missing, garbled or of the wrong shape.
        The rows are shared with the cache: replace a row, never change one in place."""
        signature = self._index_signature()
        if signature is not None and signature == self._index_seen and stamp_settled(signature[1]):
            return self._index_cache  # (a recent mtime proves nothing on FAT: read it again)
        try:
            table = read_json(self._index_path()).get("_default", {})
            rows = [dict(table[key]) for key in sorted(table, key=lambda k: (len(k), k))]
        except (TypeError, ValueError, AttributeError, OSError):
            rows = []
        rows = [row for row in rows if isinstance(row.get("id"), str)
                and all(isinstance(row.get(key, ""), str) for key in _INDEX_TEXT)]
        self._remember_index(rows, signature)
        return rows

    def _remember_index(self, rows: list[dict], signature: tuple[int, int, int] | None) -> None:
        self._index_cache, self._index_seen = rows, signature
        self._index_by_id = {row["id"]: row for row in rows}  # a save looks its row up: not a scan of 1,000

    def list(self) -> list[MeetingSummary]:
        """Every meeting, newest date first. The index is a cache: a meeting whose file changed
        since it was listed (size or time) is read again, so a damaged file shows as damaged."""
        files = self._scan()
        known = {row["id"]: row for row in self._index_rows()}
        rows, changed = [], set(known) != set(files)
        for meeting_id, (path, stamp) in files.items():
            row = known.get(meeting_id)
            if row is None or row.get("stamp") != stamp:
                row, changed = self._row_of(meeting_id, Path(path)), True
            elif not stamp_settled(stamp[0]):  # FAT's 2 s mtimes: a save just now may keep the stamp
                again = self._row_of(meeting_id, Path(path))
                row, changed = again, changed or again != row
            rows.append(row)
        if changed and not self.read_only:  # a watcher never writes, not even the index
            self._write_index(rows)
        return sorted((self._summary(row) for row in rows), key=lambda s: (s.date, s.id), reverse=True)

    def rebuild_index(self) -> list[dict]:
        rows = [self._row_of(meeting_id, path) for meeting_id, path in self.meeting_files().items()]
        self._write_index(rows)
        return rows

    def _row_of(self, meeting_id: str, path: Path) -> dict:
        stamp = _stamp(path)
        try:
            meeting = self._load(meeting_id)
        except BadMeetingFile as error:
            return {"id": meeting_id, "title": "", "date": "", "status": DAMAGED, "language": "en",
                    "problem": error.reason, "stamp": stamp}
        except (MeetingNotFound, OSError) as error:
            return {"id": meeting_id, "title": "", "date": "", "status": DAMAGED, "language": "en",
                    "problem": str(error), "stamp": stamp}
        return dict(self._summary_row(meeting), stamp=stamp)

    @staticmethod
    def _summary(row: dict) -> MeetingSummary:
        problem = str(row.get("problem", "")) if row.get("status") == DAMAGED else ""
        title = row.get("title", "") or (_("(unreadable: {reason})", reason=problem) if problem else "")
        return MeetingSummary(row["id"], title, row.get("date", ""), row.get("status", ""),
                              row.get("language", "en"), problem)

    def _write_index(self, rows: list[dict]) -> None:
        """Write the index whole (TinyDB's layout), replacing whatever was there; a cache, so a
        folder that cannot be written (read-only, full) only costs a rebuild next time."""
        index_path = self.root / "index.json"
        if index_path.exists() and not self._index_rows():
            try:
                read_json(index_path)
                bad = False
            except (ValueError, OSError):
                bad = True
            if bad:  # keep a garbled index for inspection, as with any unreadable file
                try:
                    index_path.replace(index_path.with_suffix(".json.bad"))
                except OSError:
                    pass
        try:
            atomic_write(index_path, encode({"_default": {str(n): row for n, row in enumerate(rows, 1)}}))
        except OSError:
            return
        self._remember_index(list(rows), self._index_signature())

    @staticmethod
    def _summary_row(meeting: Meeting) -> dict:
        return {"id": meeting.id, "title": meeting.title, "date": meeting.date.isoformat() if meeting.date else "",
                "status": meeting.status.value, "language": meeting.language}

    def update_index(self, meeting: Meeting) -> None:
        """After a save: rewrite the index only when a field the list shows changed."""
        row = self._summary_row(meeting)
        rows = self._index_rows()
        found = self._index_by_id.get(meeting.id)
        if found is not None and all(found.get(k) == v for k, v in row.items()):
            return  # every action inside a meeting: one stat, nothing read, nothing written
        if not rows and self._index_path().exists():
            self.rebuild_index()  # a garbled index: rebuilt from the files (and kept as .bad)
            return
        row["stamp"] = _stamp(self.path_of(meeting.id))
        if found is None:
            rows = [*rows, row]
        else:
            rows = [row if r is found else r for r in rows]
        self._write_index(rows)

    # -- meetings ------------------------------------------------------------------------
    def exists(self, meeting_id: str) -> bool:
        try:
            return self.path_of(meeting_id).exists()
        except MeetingNotFound:
            return False

    def create(self, meeting: Meeting) -> str:
        """Store a NEW meeting and return its id: the meeting's own id when it is valid and no
        file has it, else a fresh one. A meeting without an origin (a new one) gets one here. Never replaces a file, even one created a moment ago by
        another roomtui (the file is linked into place, which fails if the name is taken)."""
        if not meeting.origin:  # a meeting stored for the first time; a copy keeps the one it came with
            meeting.origin = os.urandom(8).hex()
        data = meeting_to_data(meeting)
        if not meeting.id or not is_meeting_id(meeting.id) or self.exists(meeting.id):
            meeting.id = new_meeting_id(meeting)
        while True:
            data["id"] = meeting.id
            payload = FileEncoder(meeting.id).file_bytes(data)
            too_big = size_problem(len(payload))
            if too_big:  # the same rule as every save: whatever roomtui stores it must open again
                raise ValidationError([too_big])
            if write_new(self.path_of(meeting.id), payload):
                break
            meeting.id = new_meeting_id(meeting)
        self.update_index(meeting)
        return meeting.id

    def keep_copy(self, meeting_id: str, why: str) -> Path:
        """Copy a meeting file into the backups folder as <id>-<why>-<time>.json, outside the
        rotation of the last good versions (so it is never pruned); returns the copy's path."""
        path = self.path_of(meeting_id)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.backups_dir / f"{meeting_id}-{why}-{stamp}.json"
        number = 1
        while target.exists():
            number += 1
            target = self.backups_dir / f"{meeting_id}-{why}-{stamp}-{number}.json"
        atomic_write(target, read_regular(path, MAX_FILE_BYTES))
        return target

    def _load(self, meeting_id: str) -> Meeting:
        path = self.path_of(meeting_id)
        if not path.exists():
            raise MeetingNotFound(meeting_id)
        db = TinyDB(storage=lambda: self._storage(meeting_id, read_only=True))
        try:
            return read_meeting(db)
        except UnreadableFile as error:
            raise BadMeetingFile(path, error.reason, error.backup) from None
        except SchemaError as error:
            raise BadMeetingFile(path, str(error), db.storage.newest_backup()) from None

    def load(self, meeting_id: str) -> Meeting:
        """Read a meeting without locking it (for listing, exporting, hand-outs)."""
        return self._load(meeting_id)

    def open(self, meeting_id: str, clock: Clock | None = None) -> MeetingSession:
        """Open a meeting to work on it: for writing if no other roomtui has it, else read-only."""
        meeting = self._load(meeting_id)
        lock = MeetingLock(self.path_of(meeting_id).with_suffix(".lock"))
        read_only_reason = holder = ""
        try:
            acquired = lock.acquire()
        except OSError as error:  # a read-only folder, a full disk: reading still works
            acquired = True
            read_only_reason = _("this data folder cannot hold a lock: the lock file {path} cannot be made or "
                                 "locked ({reason}); the meeting is shown read-only", path=visible(lock.path, keep_newlines=False),
                                 reason=error.strerror or error)
        if not acquired:
            holder = lock.holder() or "?"
            read_only_reason = _("another roomtui (process {holder}) has this meeting open; it is shown read-only",
                                 holder=shown(holder, 80))
        db = TinyDB(storage=lambda: self._storage(meeting_id, read_only=bool(read_only_reason)))
        return MeetingSession(meeting, db, lock if lock.held else None, clock=clock, read_only_reason=read_only_reason,
                              held_by=holder)

    def delete(self, meeting_id: str) -> None:
        """Move a meeting to the backups folder rather than destroying it outright."""
        path = self.path_of(meeting_id)
        lock = MeetingLock(path.with_suffix(".lock"))
        if not lock.acquire():
            raise PermissionError(f"another roomtui has {meeting_id} open")
        try:
            stamp = time.strftime("%Y%m%d-%H%M%S")
            if path.exists():
                path.replace(self.backups_dir / f"{meeting_id}-deleted-{stamp}.json")
        finally:
            lock.release()
            path.with_suffix(".lock").unlink(missing_ok=True)
        self.rebuild_index()

    def backups_of(self, meeting_id: str) -> list[Path]:
        return self._storage(meeting_id, read_only=True).backups()

    def restore_backup(self, meeting_id: str, backup: Path) -> Path:
        """Put ``backup`` in place of a meeting file; the file it replaces is kept as .bad-<time>."""
        path = self.path_of(meeting_id)
        payload = read_regular(backup, MAX_FILE_BYTES)  # the bytes checked are the bytes put back
        parse_json(payload)  # refuse a backup that does not parse either
        kept = path.with_name(f"{path.name}.bad-{time.strftime('%Y%m%d-%H%M%S')}")
        if path.exists():
            path.replace(kept)
        atomic_write(path, payload)
        self.rebuild_index()
        return kept

    def ensure_demo(self, language: str = "en") -> str:
        """Create the demo council once; running `roomtui demo` again just opens it."""
        from roomtui.domain.demo import DEMO_ID, build_demo  # the demo council's text: only when asked for

        meeting_id = DEMO_ID.get(language, DEMO_ID["en"])
        if not self.exists(meeting_id):
            self.create(build_demo(language))
        return meeting_id

    def find(self, reference: str) -> str:
        """A meeting id from an id or a unique title prefix (for the CLI)."""
        if self.exists(reference):
            return reference  # one stat, not the whole list (`roomtui open ID` in a folder of 1,000)
        summaries = self.list()
        if any(s.id == reference for s in summaries):
            return reference
        matches = [s for s in summaries if s.title.casefold().startswith(reference.casefold())]
        if len(matches) == 1:
            return matches[0].id
        if not matches:
            raise MeetingNotFound(f"no meeting has the id or title '{reference}'")
        raise MeetingNotFound(f"'{reference}' matches {len(matches)} meetings: " + ", ".join(m.id for m in matches))


def _stamp(path: Path) -> list[int]:
    try:
        info = path.stat()
    except OSError:
        return [0, 0]
    return [info.st_mtime_ns, info.st_size]


__all__ = ["Archive", "BadMeetingFile", "DAMAGED", "MeetingNotFound", "MeetingSummary"]
