"""A small HTTP server that hands the public minutes to phones on the laptop's own Wi-Fi.

The standard library's ThreadingHTTPServer does the HTTP; this module only decides what it
may answer and for how long it listens:

- it serves the few documents of ``SharedMinutes`` (built in memory) under one random token
  path, and nothing else: no directory listing, no file from disk, no other meeting. Paths
  are looked up in a dict, never joined to a folder, so ``/../`` and its encodings are just
  unknown names (404), like a wrong token;
- GET and HEAD only, everything else 405; a request line over ``max_request_line`` bytes is
  414, a request head over ``max_head`` bytes is 431;
- a watchdog drops a connection that has not sent a whole request head within
  ``request_timeout`` seconds of the server starting to wait for it (``idle_timeout`` between
  two requests of a kept-alive connection). The deadline is set once per request, so bytes
  dripped slowly never move it. The socket timeout bounds every single send too;
- a connection answers at most ``max_requests`` requests, then closes: a client that sends a
  tiny request every few seconds cannot keep its connection for good;
- at most ``max_per_address`` connections from one address and ``max_connections`` in all
  (admission.py: when all are taken, a newcomer is let in by dropping a waiting connection of
  the address that holds the most); one refused gets a short 503 and is closed at once, by the
  listening thread, before any thread is started for it. So one phone (or laptop) holding or
  reopening a hundred connections takes a few slots, and the other phones of the room are served.

It runs in background threads and never blocks its caller (the Textual event loop among
them); ``stop()`` closes the listening socket and every open connection. Nothing is logged to
the terminal, which belongs to the app.
"""

from __future__ import annotations

import http.client
import secrets
import socket
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address
from urllib.parse import unquote

from roomtui.share.admission import Admission, drop
from roomtui.share.documents import SharedMinutes
from roomtui.share.room_door import MAX_BODY, Request, RoomDoor

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
# A page, not an empty answer: the phone page's live frame reloads itself from its own page, so
# an empty 503 would leave it blank for good; this one asks again in a second, wordless (no language).
_BUSY_PAGE = b'<!doctype html><meta http-equiv="refresh" content="1"><title>\xe2\x80\xa6</title><p>\xe2\x80\xa6</p>'
_BUSY = (b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: text/html; charset=utf-8\r\n"
         b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(_BUSY_PAGE)) + _BUSY_PAGE


@dataclass(frozen=True)
class Limits:
    """How much one client may ask of the laptop."""

    max_request_line: int = 2048
    max_head: int = 16 * 1024
    request_timeout: float = 10.0  # seconds to send a whole request head, from the first byte awaited
    idle_timeout: float = 5.0  # seconds a kept-alive connection may wait for its next request
    send_timeout: float = 10.0  # seconds for any single send or receive
    max_requests: int = 100  # requests answered on one connection before it is closed
    max_per_address: int = 8  # a phone's browser opens up to six at once
    max_connections: int = 128


@dataclass
class Stats:
    """Who took the minutes: downloads (page or file, GET answered 200) and distinct phones."""

    downloads: int = 0
    addresses: set[str] = field(default_factory=set)

    @property
    def phones(self) -> int:
        return len(self.addresses)


def new_token() -> str:
    """128 random bits in the URL: nobody on the network guesses it, a QR code carries it."""
    return secrets.token_urlsafe(16)


class MinutesServer:
    """The public minutes at ``http://<host>:<port>/<token>/`` until ``stop()``."""

    def __init__(self, minutes: SharedMinutes, host: str, port: int = 0, *, token: str | None = None,
                 limits: Limits | None = None, room: RoomDoor | None = None) -> None:
        self.minutes = minutes
        self.room = room  # phones taking part (room_door.py); None: the minutes only, GET and HEAD
        self.host = host
        self.token = token or new_token()
        self.limits = limits or Limits()
        self._requested_port = port
        self._stats = Stats()
        self._lock = threading.Lock()
        self.admission = Admission(self.limits.max_connections, self.limits.max_per_address)
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._threads: list[threading.Thread] = []

    # -- the outside ---------------------------------------------------------------------
    @property
    def port(self) -> int:
        return self._httpd.server_address[1] if self._httpd else self._requested_port

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/{self.token}/"

    @property
    def running(self) -> bool:
        return self._httpd is not None

    def stats(self) -> Stats:
        with self._lock:
            return Stats(self._stats.downloads, set(self._stats.addresses))

    def publish(self, minutes: SharedMinutes) -> None:
        """Serve new documents from the next request on (the meeting changed)."""
        self.minutes = minutes  # one reference swap: a request sees the old set or the new one

    def start(self) -> MinutesServer:
        """Bind to ``host`` (only that address) and serve in the background. Raises OSError."""
        if self._httpd is not None:
            return self
        family = socket.AF_INET6 if ip_address(self.host).version == 6 else socket.AF_INET
        self._httpd = _HTTPServer((self.host, self._requested_port), self, family)
        self._stopping.clear()
        self._threads = [
            threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                             name="roomtui-share", daemon=True),
            threading.Thread(target=self._watch, name="roomtui-share-watchdog", daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        """Stop listening and drop every open connection; safe to call twice."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._stopping.set()
        httpd.shutdown()
        httpd.server_close()
        for connection in self.admission.open_connections():
            drop(connection)
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> MinutesServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- bookkeeping for the handler threads (admission.py keeps who holds what) --------------
    def _expect_head(self, connection: socket.socket, first: bool) -> None:
        limits = self.limits
        self.admission.expect(connection, limits.request_timeout if first else
                              min(limits.idle_timeout, limits.request_timeout))

    def _downloaded(self, address: str) -> None:
        with self._lock:
            self._stats.downloads += 1
            self._stats.addresses.add(address)

    def _watch(self) -> None:
        """Drop connections that are too slow to send their request head."""
        step = min(0.2, self.limits.request_timeout / 4)
        while not self._stopping.wait(step):
            for connection in self.admission.overdue():
                drop(connection)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], share: MinutesServer, family: int) -> None:
        self.address_family = family
        self.share = share
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks the host name up (getfqdn), which can hang offline.
        import socketserver

        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def process_request(self, request, client_address) -> None:
        if not self.share.admission.admit(client_address[0]):
            try:
                request.settimeout(1.0)
                request.sendall(_BUSY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        # known and waiting from the moment it is accepted (not when its thread first runs): on a
        # busy laptop a newcomer could otherwise find every slot "being answered" and get a 503
        self.share.admission.opened(request, client_address[0])
        self.share._expect_head(request, first=True)
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.share.admission.closed(request)
            self.share.admission.release(client_address[0])
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.share.admission.closed(request)
            self.share.admission.release(client_address[0])

    def handle_error(self, request, client_address) -> None:
        """A client that went away is no news; the terminal belongs to the app."""


class _HeadReader:
    """The connection's input, refusing to read more than ``limit`` bytes of one request head."""

    def __init__(self, raw, limit: int) -> None:
        self._raw = raw
        self._limit = limit
        self._used = 0

    def reset(self) -> None:
        self._used = 0

    def readline(self, size: int = -1) -> bytes:
        room = self._limit - self._used
        if room <= 0:
            raise http.client.LineTooLong("request head")
        line = self._raw.readline(room if size is None or size < 0 else min(size, room))
        self._used += len(line)
        if self._used >= self._limit and not line.endswith(b"\n"):
            raise http.client.LineTooLong("request head")
        return line

    def read(self, size: int = -1) -> bytes:  # only read_body reads a body; kept for the interface
        return b""

    def read_body(self, size: int) -> bytes:
        return self._raw.read(size)

    def close(self) -> None:
        self._raw.close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: a phone fetches the page, then a download
    server_version = "roomtui"
    sys_version = ""
    error_content_type = "text/plain; charset=utf-8"
    error_message_format = "%(code)d %(message)s\n"
    server: _HTTPServer

    def version_string(self) -> str:
        return self.server_version

    def setup(self) -> None:
        self.timeout = self.server.share.limits.send_timeout
        self._answered = 0
        super().setup()
        self.rfile = _HeadReader(self.rfile, self.server.share.limits.max_head)

    def handle(self) -> None:
        try:
            super().handle()
        except OSError:  # reset, timed out, or dropped by the watchdog
            self.close_connection = True

    def handle_one_request(self) -> None:
        share = self.server.share
        self.rfile.reset()
        share._expect_head(self.connection, first=self._answered == 0)
        try:
            super().handle_one_request()
        finally:
            share.admission.received(self.connection)
            self._answered += 1

    def parse_request(self) -> bool:
        limits = self.server.share.limits
        if len(self.raw_requestline) > limits.max_request_line:
            self.requestline, self.request_version, self.command = "", "", ""
            self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
            return False
        if not self.raw_requestline.endswith(b"\n"):  # cut off: a dropped or broken client
            self.close_connection = True
            return False
        if not super().parse_request():
            return False
        self.server.share.admission.received(self.connection)
        if self.headers.defects or any("\n" in value for value in self.headers.values()):
            self.send_error(HTTPStatus.BAD_REQUEST, "Malformed header")  # a line with no colon, obs-fold
            return False
        if not self.request_version.startswith("HTTP/1."):
            self.send_error(HTTPStatus.HTTP_VERSION_NOT_SUPPORTED)
            return False
        allowed = ("GET", "HEAD", "POST") if self.server.share.room is not None else ("GET", "HEAD")
        if self.command not in allowed:
            self.close_connection = True  # a body may follow; it is never read
            self._answer(HTTPStatus.METHOD_NOT_ALLOWED, b"405 method not allowed\n", "text/plain; charset=utf-8",
                         extra={"Allow": ", ".join(allowed), "Connection": "close"})
            return False
        return True

    def do_POST(self) -> None:
        """A phone's form (room_door.py): a small body, read within the request time limit."""
        share = self.server.share
        sub = self._under_token(self.path.split("?", 1)[0].split("#", 1)[0])
        length = self.headers.get("Content-Length", "")
        if sub is None or share.room is None or not sub.startswith("room/"):
            self.close_connection = True
            self._not_found(True)
            return
        if "Transfer-Encoding" in self.headers or not length.isascii() or not length.isdigit():
            self.close_connection = True
            self._answer(HTTPStatus.LENGTH_REQUIRED, b"411 length required\n", "text/plain; charset=utf-8",
                         extra={"Connection": "close"})
            return
        if int(length) > MAX_BODY:
            self.close_connection = True
            self._answer(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, b"413 too large\n", "text/plain; charset=utf-8",
                         extra={"Connection": "close"})
            return
        share._expect_head(self.connection, first=True)  # the body too must come in time
        try:
            body = self.rfile.read_body(int(length))
        finally:
            share.admission.received(self.connection)
        if len(body) != int(length):
            self.close_connection = True
            return
        self._room(sub, body)

    def _under_token(self, path: str) -> str | None:
        """The part of ``path`` after ``/<token>/``, or None when it is not under the token."""
        prefix = "/" + self.server.share.token + "/"
        head = path[: len(prefix)].encode("utf-8", "replace")
        if not secrets.compare_digest(head, prefix.encode()):
            return None
        return unquote(path[len(prefix):], errors="replace")

    def _room(self, sub: str, body: bytes, *, send_body: bool = True) -> None:
        share = self.server.share
        query = self.path.split("?", 1)[1].split("#", 1)[0] if "?" in self.path else ""
        headers = {name.lower(): value for name, value in self.headers.items()}
        reply = share.room.handle(Request(self.command, sub, query, headers, body, self.client_address[0],
                                          "/" + share.token + "/"))
        self._answer(HTTPStatus(reply.status), reply.body, reply.content_type, extra=reply.headers, body=send_body)

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def _serve(self, body: bool) -> None:
        share = self.server.share
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        prefix = "/" + share.token
        if secrets.compare_digest(path.encode("utf-8", "replace"), prefix.encode()):
            self._answer(HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain; charset=utf-8",
                         extra={"Location": prefix + "/"}, body=body)
            return
        sub = self._under_token(path)
        if sub is None:
            self._not_found(body)
            return
        if share.room is not None and (sub == "room" or sub.startswith("room/")):
            self._room(sub, b"", send_body=body)
            return
        document = share.minutes.documents.get(sub)
        if document is None:
            self._not_found(body)
            return
        extra = {"Content-Security-Policy": _CSP}
        if document.disposition:
            extra["Content-Disposition"] = document.disposition
        if body:  # counted before sending, so a phone that has the page is always in the count
            share._downloaded(self.client_address[0])
        self._answer(HTTPStatus.OK, document.body, document.content_type, extra=extra, body=body)

    def _not_found(self, body: bool) -> None:
        self._answer(HTTPStatus.NOT_FOUND, b"404 not found\n", "text/plain; charset=utf-8", body=body)

    def _answer(self, status: HTTPStatus, content: bytes, content_type: str, *, extra: dict | None = None,
                body: bool = True) -> None:
        extra = dict(extra or {})
        if self._answered + 1 >= self.server.share.limits.max_requests:
            self.close_connection = True
            extra["Connection"] = "close"
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()
        if body and content:
            self.wfile.write(content)

    def log_message(self, format: str, *args) -> None:
        """Silent: the terminal belongs to the app (the share screen shows the count)."""
