"""Reading a file roomtui did not write itself: only a regular file, and never more than a cap.

A data folder lives on a laptop, a USB stick, a shared drive; an import comes from anywhere. A
name may hold a named pipe (FIFO: an open waits for a writer forever), a device or a symlink to
one (``/dev/zero`` reads until memory runs out), a socket, a folder, or a sparse file of
gigabytes that ``stat`` calls small a moment before it grows. So every reader goes through
``read_regular``:

- the file is opened without blocking (``O_NONBLOCK``: a FIFO opens at once instead of waiting),
- the OPEN descriptor is checked with ``fstat`` (a check of the name before opening could be
  outrun by a swap of the file between the check and the open),
- and at most ``limit`` bytes are read, whatever ``stat`` said: a file that grows past the cap
  while it is read is refused like one that was too large from the start.

The errors are OSErrors (what callers already catch) whose ``strerror`` says what the file is.
"""

from __future__ import annotations

import errno
import os
import stat
import time

from roomtui.i18n import _

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0) \
    | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1024 * 1024


class NotARegularFile(OSError):
    """The name holds a FIFO, a device, a socket or a folder: nothing roomtui reads."""


class FileTooLarge(OSError):
    """The file holds more than the cap; ``size`` is what was seen (at least the cap plus one byte)."""

    def __init__(self, path: str | os.PathLike, size: int, limit: int) -> None:
        self.size, self.limit = size, limit
        super().__init__(errno.EFBIG, _("the file is {size:.1f} MB; no meeting file is larger than {limit} MB",
                                        size=size / 1024 / 1024, limit=limit // 1024 // 1024), str(path))


def kind_of(mode: int) -> str:
    """What a file of ``mode`` is, when it is not a regular file (for messages)."""
    if stat.S_ISDIR(mode):
        return _("a folder, not a file")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO), not a file")
    if stat.S_ISSOCK(mode):
        return _("a socket, not a file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device, not a file")
    return _("not a regular file")


def read_regular(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises FileNotFoundError (and other OSErrors of the open), NotARegularFile (IsADirectoryError
    for a folder) or FileTooLarge; never blocks on a FIFO and never reads past ``limit`` + 1 bytes.
    """
    try:
        fd = os.open(path, _FLAGS)
    except OSError as error:
        if error.errno == errno.ENXIO:  # a socket (or a FIFO on some systems) cannot be opened
            raise NotARegularFile(errno.ENXIO, _("a socket or a pipe, not a file"), str(path)) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = IsADirectoryError if stat.S_ISDIR(info.st_mode) else NotARegularFile
            raise kind(errno.EISDIR if kind is IsADirectoryError else errno.EINVAL, kind_of(info.st_mode), str(path))
        if info.st_size > limit:  # refused without reading: a 2 GB file costs one fstat
            raise FileTooLarge(path, info.st_size, limit)
        parts, total = [], 0
        while True:  # a file may grow after the fstat: the cap holds on what is read, not on stat
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileTooLarge(path, total, limit)
        return b"".join(parts)
    finally:
        os.close(fd)


def read_regular_text(path: str | os.PathLike, limit: int, encoding: str = "utf-8") -> str:
    """``read_regular`` decoded (strictly: a UnicodeDecodeError is the caller's to name)."""
    return read_regular(path, limit).decode(encoding)


# FAT32 keeps a file's modification time to 2 s, and some sticks and network drives reuse inode
# numbers: two saves within the same 2 s of the same size can leave every part of a stat alike.
# A stamp (mtime, size, inode) is proof that a file did not change only once its mtime is further
# back than this; before that, a reader that must not miss a change compares what it reads.
COARSE_MTIME_SECONDS = 2.5


def stamp_settled(mtime_ns: int, now: float | None = None) -> bool:
    """Whether a later write must show as a different mtime, whatever the file system's resolution
    (an mtime in the future, a FAT stick's local time against UTC, is never settled)."""
    now = time.time() if now is None else now
    return now - mtime_ns / 1e9 > COARSE_MTIME_SECONDS


def is_regular(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a regular file now (for listings; a reader still goes through read_regular)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


__all__ = ["COARSE_MTIME_SECONDS", "FileTooLarge", "NotARegularFile", "is_regular", "kind_of", "read_regular",
           "read_regular_text", "stamp_settled"]
