"""A new meeting file: its name appears only whole, and never over a file that is already there.

Kept apart from archive.py, which decides the name: this is only how the bytes get there, on a
disk with hard links and on a FAT stick without them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from roomtui.store.lock import MeetingLock
from roomtui.store.storage import fsync_dir, temp_prefix


def write_new(path: Path, payload: bytes) -> bool:
    """Put ``payload`` at ``path`` durably unless ``path`` exists; False if it does.

    The name appears only whole: the payload is written and fsynced in a temp file first, then
    linked into place (which fails if the name is taken). FAT32 and exFAT sticks have no hard
    links; there the meeting's lock is held while the name is checked and the temp file renamed
    onto it, so no other roomtui creates or opens that id meanwhile (on FAT the lock file of
    "ABC" is that of "abc" too). An exclusive create followed by a write, as before, left an
    empty file listed as damaged for good when killed between the two.
    """
    lock = MeetingLock(path.with_suffix(".lock"))
    try:
        if not lock.acquire():
            return False  # another roomtui has this id open, or is creating it this moment
    except OSError:
        pass  # a folder that cannot hold a lock: the check below is all there is
    try:
        fd, temp = tempfile.mkstemp(prefix=temp_prefix(), dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(temp, path)
            except FileExistsError:
                return False
            except OSError:  # no hard links here (FAT32, exFAT): a rename under the lock instead
                if os.path.lexists(path):
                    return False
                os.replace(temp, path)
        finally:
            try:
                os.unlink(temp)
            except OSError:
                pass
    finally:
        lock.release()
    fsync_dir(path.parent)
    return True
