"""A TinyDB Storage that never leaves a half-written file and stores Chinese as itself.

TinyDB's stock JSONStorage rewrites the file in place: killed mid-write, it leaves a file that
does not parse, and it stores every Chinese character as a six-byte \\u escape. This storage
writes a temporary file beside the real one, fsyncs it, swaps it in with os.replace and fsyncs
the folder, so the file on disk is always either the previous version or the new one.
"""

from __future__ import annotations

import errno
import json
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from roomtui.domain.validation import MAX_FILE_BYTES, ValidationError
from roomtui.safe_read import FileTooLarge, NotARegularFile, read_regular

TEMP_PREFIX = ".roomtui-tmp-"
BACKUP_INTERVAL = 60.0  # seconds between rotating backups while a meeting is being written
BACKUPS_KEPT = 10


class UnreadableFile(Exception):
    """A data file exists but does not parse; it is left exactly as it is."""

    def __init__(self, path: Path, reason: str, backup: Path | None) -> None:
        self.path, self.reason, self.backup = path, reason, backup
        super().__init__(f"{path}: {reason}")


class ReadOnlyStorage(Exception):
    """A write was attempted on a meeting opened read-only."""


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def owner_only(path: Path, mode: int) -> None:
    """chmod where the file system keeps POSIX permissions; FAT32 and exFAT sticks have none (the
    mount decides who reads them) and refuse chmod with EPERM: that is not a failed save."""
    try:
        os.chmod(path, mode)
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EROFS):
            raise


def atomic_write(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` so that a crash leaves either the old or the new file."""
    fd, temp = tempfile.mkstemp(prefix=temp_prefix(), dir=path.parent)  # mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    fsync_dir(path.parent)


def temp_prefix() -> str:
    """Temp files are named with their writer's process id, so that a roomtui starting beside a
    running one (a second window, `roomtui list`) can tell a killed writer's leftover from a
    write in flight, which it must not remove (the writer's replace would then fail)."""
    return f"{TEMP_PREFIX}{os.getpid()}-"


def _writer_alive(name: str) -> bool:
    pid_text = name[len(TEMP_PREFIX):].split("-", 1)[0]
    if not pid_text.isdigit() or int(pid_text) == os.getpid():
        return False  # an older name without a pid, or our own leftover: not in flight
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: alive, another user's
        return True
    return True


def clean_stray_temps(folder: Path) -> int:
    """Remove temp files left by a process killed mid-write; they never hold the only copy.
    A temp file whose writer is still running is a write in flight and stays."""
    removed = 0
    try:
        strays = [entry.name for entry in os.scandir(folder) if entry.name.startswith(TEMP_PREFIX)]
    except OSError:
        return 0
    for name in strays:
        if _writer_alive(name):
            continue
        try:
            (folder / name).unlink()
            removed += 1
        except OSError:
            pass
    return removed


def encode(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def read_json(path: Path) -> Any:
    """Parse a data file; raise ValueError with a human reason when it does not parse, is not a
    regular file (a FIFO, a device) or is larger than any meeting (see roomtui/safe_read.py)."""
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except (NotARegularFile, IsADirectoryError, FileTooLarge) as error:
        raise ValueError(error.strerror) from None
    return parse_json(raw)


def parse_json(raw: bytes) -> Any:
    """read_json's parse of bytes already read."""
    if not raw.strip():
        raise ValueError("the file is empty")
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ValueError(f"the file is not UTF-8 text (byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"the file is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    except RecursionError:
        raise ValueError("the file is nested too deeply to be a roomtui file") from None


class DurableStorage(Storage):
    """TinyDB storage: atomic durable writes, a read cache and rotating backups.

    - The read cache is safe because only one process writes a meeting (see lock.py).
    - ``write_bytes`` puts a whole file already encoded on disk (a session's one write per
      action, see meeting_file.FileEncoder); TinyDB's own ``write`` goes the same way.
    - Before a write replaces the file, the old version is hard-linked into ``backup_dir`` at
      most every BACKUP_INTERVAL seconds; the newest BACKUPS_KEPT are kept.
    """

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False, backup_dir: Path | None = None,
                 size_check: Callable[[int], str | None] | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        self.size_check = size_check  # a problem for a file of that many bytes, checked before it is written
        self.read_only = read_only
        self.backup_dir = backup_dir
        self.writes = 0
        self._cache: dict[str, Any] | None = None
        self._last_backup = 0.0  # a missing file reads as empty; the first write creates it

    # -- the Storage interface -----------------------------------------------------------
    def read(self) -> dict[str, Any] | None:
        if self._cache is None:
            try:
                data = read_json(self.path)
            except FileNotFoundError:
                return None
            except ValueError as error:
                raise UnreadableFile(self.path, str(error), self.newest_backup()) from None
            except OSError as error:  # no permission, an I/O error: named like any unreadable file
                raise UnreadableFile(self.path, error.strerror or str(error), self.newest_backup()) from None
            if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
                raise UnreadableFile(self.path, "the file is JSON but not a roomtui data file", self.newest_backup())
            self._cache = data
        return self._cache

    def write(self, data: dict[str, Any]) -> None:
        self.write_bytes(encode(data))
        self._cache = data  # TinyDB hands over JSON-shaped data (string doc ids), as read back

    def write_bytes(self, payload: bytes) -> None:
        """Replace the file with ``payload`` (the JSON of a whole file), durably; see atomic_write."""
        if self.read_only:
            raise ReadOnlyStorage(str(self.path))
        self._cache = None  # TinyDB may have changed the cached dict in place; a read parses the file
        problem = self.size_check(len(payload)) if self.size_check is not None else None
        if problem:  # refused before writing: whatever roomtui writes must open again
            raise ValidationError([problem])
        self._backup_before_replace()
        atomic_write(self.path, payload)
        self.writes += 1

    def close(self) -> None:
        self._cache = None

    # -- backups -------------------------------------------------------------------------
    def _backup_before_replace(self) -> None:
        if self.backup_dir is None or not self.path.exists():
            return
        now = time.time()
        if now - self._last_backup < BACKUP_INTERVAL:
            return
        self.backup_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now)) + f"-{int(now * 1000) % 1000:03d}"
        target = self.backup_dir / f"{self.path.stem}-{stamp}.json"
        try:
            os.link(self.path, target)  # the old inode stays as the backup after os.replace
        except OSError:
            atomic_write(target, read_regular(self.path, MAX_FILE_BYTES))
        self._last_backup = now
        for old in self.backups()[BACKUPS_KEPT:]:
            try:
                old.unlink()
            except OSError:
                pass

    def backups(self) -> list[Path]:
        """Backups of this file, newest first."""
        if self.backup_dir is None or not self.backup_dir.exists():
            return []
        # only this file's rotating copies: not those of "<stem>-2" nor the kept -replaced-/-deleted- ones
        own = re.compile(re.escape(self.path.stem) + r"-\d{8}-\d{6}-\d{3}\.json")
        return sorted((p for p in self.backup_dir.glob(f"{self.path.stem}-*.json") if own.fullmatch(p.name)),
                      reverse=True)

    def newest_backup(self) -> Path | None:
        for candidate in self.backups():
            try:
                read_json(candidate)
            except (OSError, ValueError):
                continue
            return candidate
        return None
