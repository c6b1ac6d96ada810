"""The data folder: one TinyDB file per meeting, a small index, locks and backups.

    <data>/index.json               id, title, date, status of every meeting (a cache: rebuilt
                                    from the meeting files when missing or unreadable)
    <data>/meetings/<id>.json       one meeting (see meeting_file.py)
    <data>/meetings/<id>.lock       held while a roomtui process has the meeting open for writing
    <data>/backups/<id>-<time>.json the last good versions of each meeting

Files are readable by their owner only (0600, folders 0700): minutes hold phone numbers.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from tinydb import Query, TinyDB

from roomtui.domain.clock import Clock
from roomtui.domain.demo import DEMO_ID, build_demo
from roomtui.domain.model import Meeting
from roomtui.store.lock import MeetingLock
from roomtui.store.meeting_file import SchemaError, read_meeting, tables_of, write_tables
from roomtui.store.session import MeetingSession
from roomtui.store.storage import DurableStorage, UnreadableFile, clean_stray_temps, read_json

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,80}$")


class MeetingNotFound(LookupError):
    pass


class BadMeetingFile(Exception):
    """A meeting file cannot be used; says which file, why, and the newest good backup."""

    def __init__(self, path: Path, reason: str, backup: Path | None) -> None:
        self.path, self.reason, self.backup = path, reason, backup
        hint = f" The newest good backup is {backup}." if backup else " There is no backup of it."
        super().__init__(f"Cannot open {path}: {reason}. The file has not been changed.{hint}")


@dataclass(frozen=True)
class MeetingSummary:
    id: str
    title: str
    date: str
    status: str
    language: str


def new_meeting_id(meeting: Meeting) -> str:
    day = meeting.date.isoformat() if meeting.date else time.strftime("%Y-%m-%d")
    return f"{day}-{secrets.token_hex(3)}"


class Archive:
    """All meetings in one data folder.

    ``read_only=True`` is for watchers (the room view): they create no folder, remove no
    stray temp file (one may be a writer's write in progress) and never rebuild the index.
    """

    def __init__(self, root: str | os.PathLike, *, read_only: bool = False) -> None:
        self.root = Path(root)
        self.meetings_dir = self.root / "meetings"
        self.backups_dir = self.root / "backups"
        self.read_only = read_only
        if read_only:
            return
        for folder in (self.root, self.meetings_dir, self.backups_dir):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        clean_stray_temps(self.root)
        clean_stray_temps(self.meetings_dir)
        clean_stray_temps(self.backups_dir)

    # -- paths ---------------------------------------------------------------------------
    def path_of(self, meeting_id: str) -> Path:
        if not _ID.match(meeting_id):
            raise MeetingNotFound(meeting_id)
        return self.meetings_dir / f"{meeting_id}.json"

    def _storage(self, meeting_id: str, *, read_only: bool = False) -> DurableStorage:
        return DurableStorage(self.path_of(meeting_id), read_only=read_only, backup_dir=self.backups_dir)

    # -- the index -----------------------------------------------------------------------
    def _index(self) -> TinyDB:
        return TinyDB(self.root / "index.json", storage=DurableStorage)

    def list(self) -> list[MeetingSummary]:
        """Every meeting, newest date first. Rebuilds the index if it is missing or broken."""
        try:
            rows = self._index().all()
        except UnreadableFile:
            rows = []
        on_disk = {p.stem for p in self.meetings_dir.glob("*.json")}
        if {row.get("id") for row in rows} != on_disk:
            rows = self._rows_from_files() if self.read_only else self.rebuild_index()
        summaries = [MeetingSummary(r["id"], r.get("title", ""), r.get("date", ""), r.get("status", ""),
                                    r.get("language", "en")) for r in rows]
        return sorted(summaries, key=lambda s: (s.date, s.id), reverse=True)

    def rebuild_index(self) -> list[dict]:
        rows = self._rows_from_files()
        index_path = self.root / "index.json"
        if index_path.exists():
            try:
                read_json(index_path)
            except (ValueError, OSError):
                index_path.replace(index_path.with_suffix(".json.bad"))
        db = self._index()
        with db.storage.batch():
            db.truncate()
            for row in rows:
                db.insert(row)
        return rows

    def _rows_from_files(self) -> list[dict]:
        rows = []
        for path in sorted(self.meetings_dir.glob("*.json")):
            try:
                meeting = self._load(path.stem)
            except BadMeetingFile as error:
                rows.append({"id": path.stem, "title": f"(unreadable: {error.reason})", "date": "", "status": "?",
                             "language": "en"})
                continue
            rows.append(self._summary_row(meeting))
        return rows

    @staticmethod
    def _summary_row(meeting: Meeting) -> dict:
        return {"id": meeting.id, "title": meeting.title, "date": meeting.date.isoformat() if meeting.date else "",
                "status": meeting.status.value, "language": meeting.language}

    def update_index(self, meeting: Meeting) -> None:
        row = self._summary_row(meeting)
        try:
            db = self._index()
            found = db.get(Query().id == meeting.id)
            if found == row:
                return
            if found is None:
                db.insert(row)
            else:
                db.update(row, doc_ids=[found.doc_id])
        except UnreadableFile:
            self.rebuild_index()

    # -- meetings ------------------------------------------------------------------------
    def exists(self, meeting_id: str) -> bool:
        try:
            return self.path_of(meeting_id).exists()
        except MeetingNotFound:
            return False

    def create(self, meeting: Meeting) -> str:
        """Store a new meeting (a fresh id if it has none or the id is taken); returns its id."""
        if not meeting.id or not _ID.match(meeting.id) or self.exists(meeting.id):
            meeting.id = new_meeting_id(meeting)
        storage_db = TinyDB(self.path_of(meeting.id), storage=DurableStorage, backup_dir=self.backups_dir)
        with storage_db.storage.batch():
            write_tables(storage_db, tables_of(meeting), None, meeting.id)
        self.update_index(meeting)
        return meeting.id

    def replace(self, meeting: Meeting) -> None:
        """Overwrite a stored meeting whole (an import over an existing id); one write."""
        session = self.open(meeting.id)
        try:
            session.replace_all(meeting)
        finally:
            session.close()

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
        if not lock.acquire():
            holder = lock.holder() or "another roomtui"
            read_only_reason = f"another roomtui (process {holder}) has this meeting open; it is shown read-only"
        db = TinyDB(storage=lambda: self._storage(meeting_id, read_only=bool(read_only_reason)))
        return MeetingSession(meeting, db, lock if lock.held else None, clock=clock, read_only_reason=read_only_reason,
                              on_saved=self.update_index, held_by=holder)

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
        read_json(backup)  # refuse a backup that does not parse either
        kept = path.with_name(f"{path.name}.bad-{time.strftime('%Y%m%d-%H%M%S')}")
        if path.exists():
            path.replace(kept)
        tmp = path.with_name(path.name + ".restoring")
        shutil.copyfile(backup, tmp)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
        self.rebuild_index()
        return kept

    def ensure_demo(self, language: str = "en") -> str:
        """Create the demo council once; running `roomtui demo` again just opens it."""
        meeting_id = DEMO_ID.get(language, DEMO_ID["en"])
        if not self.exists(meeting_id):
            self.create(build_demo(language))
        return meeting_id

    def find(self, reference: str) -> str:
        """A meeting id from an id or a unique title prefix (for the CLI)."""
        summaries = self.list()
        if any(s.id == reference for s in summaries):
            return reference
        matches = [s for s in summaries if s.title.casefold().startswith(reference.casefold())]
        if len(matches) == 1:
            return matches[0].id
        if not matches:
            raise MeetingNotFound(f"no meeting has the id or title '{reference}'")
        raise MeetingNotFound(f"'{reference}' matches {len(matches)} meetings: " + ", ".join(m.id for m in matches))


__all__ = ["Archive", "BadMeetingFile", "MeetingNotFound", "MeetingSummary"]
