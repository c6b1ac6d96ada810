"""The notice a running share leaves in the data folder, so the room view can show its codes.

The room view (``roomtui show``) is another process, and it never writes; the share (the
hand-out view's ``w``, or ``roomtui share``) is the one that knows the URL and the Wi-Fi. So
while a share runs, its process keeps ``<data>/sharing/<meeting id>.json``: what the two codes
need (the URL, the ``WIFI:`` text, the network's name and password), the sharer's pid and when
it started. While phones take part (``h`` in the live view), it also names their page
(``room_url``, under the share's random path): that is the code the room scans then, to sign
in, ask to speak and rate the answers. A notice without ``room_url`` (the minutes only, or one
written before phones took part) reads as before, and an older reader ignores the key.

The file holds a Wi-Fi password: it is written atomically
(``roomtui.store.storage.atomic_write``), readable by its owner only, in an owner-only folder.

The sharer removes it when sharing stops, and only if it is still its own notice. A sharer
killed outright cannot remove it, so a reader takes a notice whose pid is no longer alive for
no notice at all; so too a file that is not a notice (damaged, or written by hand).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from roomtui.safe_read import read_regular
from roomtui.share.wifi import WifiNetwork, wifi_payload
from roomtui.store.follow import FileStamp, file_stamp
from roomtui.store.storage import atomic_write, owner_only

FOLDER = "sharing"
FORMAT = 1
MAX_BYTES = 16 * 1024  # a notice is a few hundred bytes; anything larger is not one
MAX_PAYLOAD = 512  # bytes of one code's text: far below what one QR code holds, far above a real URL
OPTIONAL = ("room_url",)  # keys a notice may lack (written before phones took part, or by an older roomtui)


@dataclass(frozen=True)
class ShareNotice:
    """One running share, as the room view needs it."""

    url: str
    wifi_payload: str | None  # None: sharing on a network whose password roomtui does not know
    network_name: str | None
    password: str | None
    pid: int
    started: str  # ISO time: two shares of one process in a row are two different notices
    room_url: str | None = None  # the phones' take-part page while they take part; None: the minutes only

    @classmethod
    def now(cls, url: str, network: WifiNetwork | None, room_url: str | None = None) -> ShareNotice:
        """The notice of a share this process is running (``room_url``: phones take part)."""
        return cls(url, wifi_payload(network) if network else None, network.name if network else None,
                   network.password if network else None, os.getpid(),
                   datetime.now().isoformat(timespec="microseconds"), room_url)

    def to_bytes(self) -> bytes:
        return json.dumps({"format": FORMAT, **asdict(self)}, ensure_ascii=False, indent=2).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> ShareNotice | None:
        """The notice in ``data``, or None when it is not one (damaged, another format, odd values)."""
        try:
            raw = json.loads(data.decode("utf-8"))
            notice = cls(**{name: raw[name] for name in cls.__dataclass_fields__ if name not in OPTIONAL},
                         **{name: raw[name] for name in OPTIONAL if name in raw})
        except (ValueError, KeyError, TypeError):
            return None
        return notice if raw.get("format") == FORMAT and notice._sound() else None

    def _sound(self) -> bool:
        """Values the room view can draw: texts without control characters, codes that fit a QR code."""
        required = (self.url, self.started)
        optional = (self.wifi_payload, self.network_name, self.password, self.room_url)
        if not all(isinstance(value, str) for value in required + tuple(v for v in optional if v is not None)):
            return False
        if any(ord(char) < 32 or ord(char) == 127 for value in required + optional if value for char in value):
            return False
        codes = [self.url] + [code for code in (self.wifi_payload, self.room_url) if code]
        return (self.url.startswith(("http://", "https://")) and type(self.pid) is int and self.pid > 0
                and (self.room_url is None or self.room_url.startswith(self.url))  # under the share's path
                and all(len(code.encode("utf-8")) <= MAX_PAYLOAD for code in codes)
                and (self.wifi_payload is None or self.wifi_payload.startswith("WIFI:")))


def notice_path(data_folder: Path, meeting_id: str) -> Path:
    return Path(data_folder) / FOLDER / f"{meeting_id}.json"


def write_notice(path: Path, notice: ShareNotice) -> None:
    """Put up ``notice`` (owner-only folder and file). Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    owner_only(path.parent, 0o700)
    atomic_write(path, notice.to_bytes())  # mkstemp makes the file 0600
    owner_only(path, 0o600)


def read_notice(path: Path) -> ShareNotice | None:
    """The notice at ``path``, whoever wrote it; None if there is none or it is not one."""
    try:
        data = read_regular(path, MAX_BYTES)  # never a FIFO: the room view must not wait on one
    except OSError:
        return None
    return ShareNotice.from_bytes(data)


def remove_notice(path: Path, notice: ShareNotice) -> None:
    """Take ``notice`` down, unless another share has put up its own since (it stays up)."""
    if read_notice(path) != notice:
        return
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def process_alive(pid: int) -> bool:
    """Whether a process ``pid`` runs on this machine (it may be another user's)."""
    if os.name == "nt":  # pragma: no cover - exercised on Windows only; os.kill(pid, 0) would end it there
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:  # an impossible pid
        return False
    return True


def sharer_running(notice: ShareNotice) -> bool:
    """Whether the process that wrote ``notice`` still runs: its pid is alive and, where the
    system says when that process started (Linux), it started before the notice was written
    (after a reboot or a long day the pid may belong to another program)."""
    if not process_alive(notice.pid):
        return False
    started = process_start(notice.pid)
    try:
        written = datetime.fromisoformat(notice.started).timestamp()
    except ValueError:
        return False
    return started is None or started <= written + 2.0  # seconds of slack for clock granularity


def process_start(pid: int) -> float | None:
    """When process ``pid`` started (seconds since the epoch), where /proc tells; else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        boot = next(float(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime "))
        return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: starttime, in clock ticks
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def _windows_process_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    handle = kernel32.OpenProcess(0x00100000 | 0x1000, False, pid)  # SYNCHRONIZE | QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # access denied: it exists
    try:
        return kernel32.WaitForSingleObject(handle, 0) == 0x102  # WAIT_TIMEOUT: still running
    finally:
        kernel32.CloseHandle(handle)


class NoticeWatcher:
    """The room view's side: the live notice of one meeting, read again only when its file changed.

    ``poll()`` costs one stat and, while a notice is up, one liveness check of its writer;
    it reads nothing and writes nothing else, and never removes a notice, even a dead one.
    """

    def __init__(self, data_folder: Path, meeting_id: str) -> None:
        self.path = notice_path(data_folder, meeting_id)
        self.notice: ShareNotice | None = None  # a share running now, or None
        self._read: ShareNotice | None = None  # what the file held when last read
        self._stamp: FileStamp | None = None

    def poll(self) -> bool:
        """Look again; True when the share shown must change (started, stopped, killed, moved)."""
        try:
            stamp = file_stamp(self.path)
        except OSError:  # the folder became unreadable: as if no share ran
            stamp = None
        if stamp != self._stamp:
            self._stamp = stamp
            self._read = read_notice(self.path) if stamp is not None else None
        live = self._read if self._read is not None and sharer_running(self._read) else None
        changed = live != self.notice
        self.notice = live
        return changed


__all__ = ["NoticeWatcher", "ShareNotice", "notice_path", "process_alive", "read_notice", "remove_notice",
           "sharer_running", "write_notice"]
