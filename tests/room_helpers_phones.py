"""A meeting shared with phones taking part, for the tests: a real session, a real server on
loopback, one writer for the phones (standing in for the app's thread), and a phone client."""

from __future__ import annotations

import http.client
import re
import threading
from datetime import datetime
from urllib.parse import urlencode, urlsplit

from roomtui.domain import FrozenClock
from roomtui.domain.demo import build_demo, play_demo
from roomtui.share import Limits, Sharing
from roomtui.share.phone_writes import PhoneWrites, act_together
from roomtui.share.room_door import RoomDoor
from roomtui.share.room_state import build_room_state
from roomtui.store import Archive

CLOCK = FrozenClock(datetime(2026, 11, 28, 9, 0))


class SharedRoom:
    """The demo council, reopened and live on its speeches item, shared with phones taking part."""

    def __init__(self, folder, language: str = "en", limits: Limits | None = None, **door) -> None:
        self.archive = Archive(folder)
        self.meeting_id = self.archive.create(play_demo(build_demo(language, f"room-{language}"), CLOCK))
        self.session = self.archive.open(self.meeting_id, CLOCK)
        self.lock = threading.Lock()  # the session belongs to one thread at a time (the app's, in the app)
        self.secretary(lambda c: c.reopen_meeting())
        speeches = next(a.id for a in self.session.meeting.agenda if a.kind.value == "speeches")
        self.secretary(lambda c: c.start_item(speeches))
        self.writes = PhoneWrites(self._write_together)
        self.door = RoomDoor(build_room_state(self.session.meeting, now=CLOCK.now()), self.writes, **door)
        self.sharing = Sharing(self.session.meeting, "127.0.0.1", port=0, limits=limits, room=self.door)
        self.writes.start()
        self.sharing.start()
        self.groups: list[int] = []

    def _write_together(self, actions):
        with self.lock:
            results = act_together(self.session.do, "from phones", actions)
            self.groups.append(len(actions))
            self.door.publish(build_room_state(self.session.meeting, now=CLOCK.now()))
            return results

    def secretary(self, action, **options):
        with self.lock:
            result = self.session.do("secretary", action, **options)
            if hasattr(self, "door"):
                self.door.publish(build_room_state(self.session.meeting, now=CLOCK.now()))
            return result

    @property
    def url(self) -> str:
        return self.sharing.url

    def close(self) -> None:
        self.sharing.stop()
        self.writes.stop()
        self.session.close()


class Phone:
    """One phone's browser: keeps its cookie, reads the page's own token, posts forms."""

    def __init__(self, room: SharedRoom, source: str = "127.0.0.1") -> None:
        parts = urlsplit(room.url)
        self.host, self.port, self.base = parts.hostname, parts.port, parts.path
        self.source = source
        self.cookie = ""
        self.token = ""
        self.meeting_id = room.meeting_id

    def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=20, source_address=(self.source, 0))
        try:
            sent = {"Host": f"{self.host}:{self.port}", **({"Cookie": self.cookie} if self.cookie else {}),
                    **(headers or {})}
            connection.request(method, path, body=body or None, headers=sent)
            answer = connection.getresponse()
            return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
        finally:
            connection.close()

    def get(self, sub: str = "room") -> tuple[int, dict, str]:
        status, headers, body = self.request("GET", self.base + sub)
        if "set-cookie" in headers:
            self.cookie = headers["set-cookie"].split(";", 1)[0]
        text = body.decode("utf-8")
        found = re.search(r'name="t" value="([0-9a-f]+)"', text)
        if found:
            self.token = found.group(1)
        return status, headers, text

    def post(self, action: str, fields: dict, *, token: str | None = None, meeting: str | None = None,
             content_type: str = "application/x-www-form-urlencoded", headers: dict | None = None):
        form = {"t": self.token if token is None else token, "m": self.meeting_id if meeting is None else meeting,
                **fields}
        body = urlencode(form).encode()
        return self.request("POST", self.base + "room/" + action, body,
                            {"Content-Type": content_type, **(headers or {})})
