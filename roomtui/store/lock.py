"""One writer per meeting: an advisory lock held for as long as the meeting is open.

The kernel drops the lock when its process dies, however it dies, so a lock left by a killed
roomtui is taken over safely without guessing from PIDs. The file also records who holds it,
so a second instance can say who has the meeting open.
"""

from __future__ import annotations

import errno
import os
import socket
import stat
from pathlib import Path

from roomtui.safe_read import read_regular

_HELD = (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES, errno.EDEADLK)  # another process has it
HOLDER_BYTES = 4096  # "pid host": anything longer is not a lock file roomtui wrote

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


class MeetingLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> bool:
        """Take the lock without waiting; False if another process holds it. OSError when the
        folder cannot hold a lock at all (read-only, no lock support): that is not another roomtui."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NONBLOCK", 0), 0o600)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # a FIFO or a device put there: no lock file
                raise OSError(errno.EINVAL, os.strerror(errno.EINVAL), str(self.path))
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            os.close(fd)
            if error.errno in _HELD:
                return False
            raise
        try:  # who holds it, for the second window's message; a full disk here is not a held lock
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
        except OSError:
            os.close(fd)
            raise
        self._fd = fd
        return True

    def holder(self) -> str:
        """Who holds the lock, as written by them ("pid host"), or '' if unknown."""
        try:
            return read_regular(self.path, HOLDER_BYTES).decode("utf-8", "replace").strip()
        except OSError:
            return ""

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
