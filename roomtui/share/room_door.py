"""The door phones take part through: the room page, its live frame, and four small forms.

The server (server.py) hands this door every request under ``/<token>/room``; the door decides.
What it accepts, and nothing else:

- GET ``room`` (the page; ``?q=`` searches the participants) and ``room/live`` (the frame). A
  phone without the ``rt`` cookie gets one: 128 random bits, its identity for this meeting. The
  meeting sees only a digest of it (``phone_key``), never the cookie;
- POST ``room/sign-in``, ``room/ask``, ``room/withdraw``, ``room/vote``: a form of at most
  ``MAX_BODY`` bytes, of type ``application/x-www-form-urlencoded`` exactly, each field once,
  carrying the page's own token (an HMAC of the phone's cookie with this share's secret, so a
  page of another site cannot post for the phone) and this meeting's id; from the same origin
  when the browser says where it comes from; at most a few per phone and per address
  (``Buckets``); at most ``PHONES_PER_ADDRESS`` phones (cookies) sign in from one address, so a
  laptop making up cookies cannot sign in a crowd that votes. The action goes to the meeting through ``PhoneWrites`` (one writer, grouped,
  acknowledged once on disk) as a verb of the Council that names the phone: a phone can act
  only as its own sign-in. The answer is 303 back to the page, with ``X-Roomtui-Result``
  ``received`` (written), ``refused`` (the meeting said no, nothing changed) or ``retry``
  (not written: try again; the same form again changes nothing if it did land).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from roomtui.domain import ValidationError
from roomtui.share.phone_writes import PhoneWrites, WriteFailed, WriteTimeout
from roomtui.share.room_page import LABELS, render_live, render_page, render_refusal
from roomtui.share.room_state import RoomState

# The longest form the page lets a phone fill: a 40-character name and a 60-character unit, in
# Chinese 9 bytes a character once posted (UTF-8, percent-encoded), ~1,100 bytes with the token
MAX_BODY = 2048
PHONES_PER_ADDRESS = 4  # sign-ins from one address: a phone, a second browser on it, a shared phone
FORM_TYPE = "application/x-www-form-urlencoded"
COOKIE = "rt"
_COOKIE_VALUE = re.compile(r"[A-Za-z0-9_-]{22}")
_FIELDS = {"sign-in": {"t", "m", "back", "p", "name", "aff"}, "ask": {"t", "m", "back", "topic"},
           "withdraw": {"t", "m", "back"}, "vote": {"t", "m", "back", "r", "c"}}
CSP = ("default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; form-action 'self'; "
       "frame-ancestors 'self'; base-uri 'none'")


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # after "/<token>/": "room", "room/live", "room/vote"...
    query: str
    headers: dict[str, str]  # names in lower case
    body: bytes
    address: str
    base: str  # "/<token>/"


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


class Buckets:
    """Token buckets by key: ``burst`` at once, then one more every ``every`` seconds."""

    def __init__(self, burst: int, every: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.burst, self.every, self.clock = burst, every, clock
        self._level: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> bool:
        now = self.clock()
        with self._lock:
            if len(self._level) > 20_000:  # a flood of made-up keys forgets, it does not grow
                self._level.clear()
            tokens, since = self._level.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - since) / self.every)
            if tokens < 1:
                self._level[key] = (tokens, now)
                return False
            self._level[key] = (tokens - 1, now)
            return True


def phone_key(meeting_id: str, cookie: str) -> str:
    """The meeting's name for a phone: stable while the phone keeps its cookie, useless to anyone else."""
    return hashlib.sha256(f"roomtui-phone\0{meeting_id}\0{cookie}".encode()).hexdigest()[:32]


class RoomDoor:
    """Phones' participation in one meeting, from the share's request threads."""

    def __init__(self, state: RoomState, writes: PhoneWrites, *, per_phone: Buckets | None = None,
                 per_address: Buckets | None = None, phones_per_address: int = PHONES_PER_ADDRESS) -> None:
        self.state = state
        self.writes = writes
        self.per_phone = per_phone or Buckets(burst=6, every=2.0)
        self.per_address = per_address or Buckets(burst=30, every=0.25)
        self._secret = secrets.token_bytes(32)
        self._notes: dict[str, tuple[bool, str]] = {}
        self._signed_from: dict[str, set[str]] = {}  # address -> phones that signed in from it
        self.phones_per_address = phones_per_address
        self._lock = threading.Lock()

    def publish(self, state: RoomState) -> None:
        self.state = state  # one reference swap, like the minutes

    # -- requests --------------------------------------------------------------------------
    def handle(self, request: Request) -> Reply:
        if request.method in ("GET", "HEAD"):
            if request.path in ("room", "room/live"):
                return self._page(request)
            return Reply(404, b"404 not found\n")
        if request.method == "POST":
            action = request.path.removeprefix("room/")
            if request.path.startswith("room/") and action in _FIELDS:
                return self._post(request, action)
            return Reply(404, b"404 not found\n")
        return Reply(405, b"405 method not allowed\n", headers={"Allow": "GET, HEAD, POST"})

    def _page(self, request: Request) -> Reply:
        try:
            query = parse_qs(request.query, max_num_fields=4).get("q", [""])[0][:20]
        except ValueError:  # more fields than a search sends: said, not a dropped connection
            return Reply(400, b"400 bad query\n")
        state = self.state
        cookie = _cookie(request.headers.get("cookie", ""))
        headers = {"Content-Security-Policy": CSP, "X-Frame-Options": "SAMEORIGIN"}
        if cookie is None:
            cookie = secrets.token_urlsafe(16)
            headers["Set-Cookie"] = f"{COOKIE}={cookie}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200"
        key = phone_key(state.meeting_id, cookie)
        with self._lock:  # shown once, on the page the phone reads (a HEAD reads nothing)
            note = self._notes.pop(key, None) if request.method == "GET" else None
        phone = state.phones.get(key)
        csrf = self._csrf(cookie)
        if request.path == "room":
            body = render_page(state, phone, csrf, request.base, query=query, note=note)
        else:
            body = render_live(state, phone, csrf, request.base, note=note)
        return Reply(200, body, "text/html; charset=utf-8", headers)

    def _post(self, request: Request, action: str) -> Reply:
        refusal = self._refusal(request)
        if refusal is not None:
            return refusal
        cookie = _cookie(request.headers.get("cookie", ""))
        if cookie is None:
            return self._refused(403, "out_of_date", request)  # cookies cleared, or a page from elsewhere
        try:
            form = _form(request.body, _FIELDS[action])
        except ValueError:
            return Reply(400, b"400 bad form\n")
        if not hmac.compare_digest(form.get("t", "").encode(), self._csrf(cookie).encode()):
            return self._refused(403, "out_of_date", request)  # sharing restarted since, or not this page
        state = self.state
        if form.get("m") != state.meeting_id:
            return self._refused(409, "out_of_date", request)  # a page of another meeting
        key = phone_key(state.meeting_id, cookie)
        if not self.per_phone.take(key) or not self.per_address.take(request.address):
            return self._refused(429, "too_fast", request, {"Retry-After": "5"})
        try:
            verb = _verb(action, key, form)
        except ValueError:
            return Reply(400, b"400 bad form\n")
        t = LABELS[state.language]
        reserved = self._reserve(request.address, key) if action == "sign-in" else False
        if reserved is None:
            result, note = "refused", (False, t["refused"].format(reason=t["too_many_here"].format(
                limit=self.phones_per_address)))
        else:
            try:
                self.writes.propose(verb)
                result, note = "received", (True, t["received"])
            except ValidationError as refused:
                reason = "; ".join(p.words(state.language) for p in refused.problems)  # the page's language
                result, note = "refused", (False, t["refused"].format(reason=reason))
            except (WriteTimeout, WriteFailed):
                result, note = "retry", (False, t["try_again"])
        with self._lock:
            if reserved and result != "received":  # this phone did not sign in after all: its place is free
                self._signed_from.get(request.address, set()).discard(key)
            if len(self._notes) > 5000:
                self._notes.clear()
            self._notes[key] = note
        back = request.base + ("room/live" if form.get("back") == "live" else "room")
        return Reply(303, b"", headers={"Location": back, "X-Roomtui-Result": result})

    def _refused(self, status: int, reason: str, request: Request, headers: dict[str, str] | None = None) -> Reply:
        """A refusal a real phone can meet, as a page it can read; nothing was changed."""
        return Reply(status, render_refusal(self.state, reason, request.base), "text/html; charset=utf-8",
                     {"Content-Security-Policy": CSP, **(headers or {})})

    def _reserve(self, address: str, key: str) -> bool | None:
        """A place for ``key`` among the phones signed in from ``address``: True when taken now,
        False when it had one, None when the address has no place left."""
        with self._lock:
            if len(self._signed_from) > 20_000:  # made-up addresses forget, they do not grow
                self._signed_from.clear()
            phones = self._signed_from.setdefault(address, set())
            if key in phones:
                return False
            if len(phones) >= self.phones_per_address:
                return None
            phones.add(key)
            return True

    def _refusal(self, request: Request) -> Reply | None:
        content_type = request.headers.get("content-type", "")
        if content_type.strip().lower() != FORM_TYPE:
            return Reply(415, b"415 a form only\n")
        origin = request.headers.get("origin")
        host = request.headers.get("host", "")
        # "null": the page's no-referrer policy makes browsers hide the origin of its own forms;
        # Sec-Fetch-Site (set by the browser, never by a page) and the token say where they come from
        if origin not in (None, "null") and origin != f"http://{host}":
            return Reply(403, b"403 not from this page\n")
        if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return Reply(403, b"403 not from this page\n")
        return None

    def _csrf(self, cookie: str) -> str:
        return hmac.new(self._secret, cookie.encode(), hashlib.sha256).hexdigest()[:32]


def _cookie(header: str) -> str | None:
    for part in header.split(";"):
        name, _sep, value = part.strip().partition("=")
        if name == COOKIE and _COOKIE_VALUE.fullmatch(value):
            return value
    return None


def _form(body: bytes, allowed: set[str]) -> dict[str, str]:
    """The form's fields: UTF-8, each known field at most once, nothing else."""
    text = body.decode("utf-8")  # UnicodeDecodeError is a ValueError
    fields = parse_qs(text, keep_blank_values=True, strict_parsing=bool(text), max_num_fields=8,
                      errors="strict")
    if any(name not in allowed or len(values) != 1 for name, values in fields.items()):
        raise ValueError("unknown or repeated field")
    return {name: values[0] for name, values in fields.items()}


def _number(text: str) -> int:
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        raise ValueError(text)
    return int(text)


def _verb(action: str, phone: str, form: dict[str, str]) -> Callable:
    """The Council verb a form asks for, naming the phone (never another sign-in)."""
    if action == "sign-in":
        if form.get("p"):
            participant = _number(form["p"])
            return lambda council: council.claim(phone, participant)
        name, affiliation = form.get("name", ""), form.get("aff", "")
        return lambda council: council.claim(phone, name=name, affiliation=affiliation)
    if action == "ask":
        topic = form.get("topic", "")
        return lambda council: council.ask_to_speak(phone, topic)
    if action == "withdraw":
        return lambda council: council.withdraw_request(phone)
    rating, choice = _number(form.get("r", "")), form.get("c", "")
    return lambda council: council.vote(phone, rating, choice)
