"""Who may hold a connection to the share, and how long a connection may wait to be heard.

The server (server.py) asks ``admit`` before it starts a thread for a connection and tells
``release`` when the thread ends. In between, the handler says when it waits for a request
head (or a POST's body) and when that arrived; the watchdog drops what is overdue.

- at most ``max_per_address`` connections from one address: one phone (or laptop) holding or
  reopening a hundred connections takes a few slots;
- at most ``max_connections`` in all. When they are all taken, a newcomer is let in by dropping
  one connection that is only waiting (for its next request, or dripping a head or a body) from
  the address that holds the most, if that address holds more than the newcomer's. So clients
  at many addresses each holding their few slots idle do not close the share, and neither do
  200 phones whose browsers keep a connection open between two reloads of the live frame: a
  phone that holds nothing is served, a browser reopens a kept-alive connection closed while
  idle as it would after the idle limit, and nobody loses a request in progress (a connection
  being answered, or whose write is being saved, is never dropped);
- deadlines are set once per request head, so bytes dripped slowly never move them.
"""

from __future__ import annotations

import socket
import threading
import time


class Admission:
    """The connections of one share: how many per address, and which are waiting to be heard."""

    def __init__(self, max_connections: int, max_per_address: int) -> None:
        self.max_connections = max_connections
        self.max_per_address = max_per_address
        self._lock = threading.Lock()
        self._total = 0
        self._per_address: dict[str, int] = {}
        self._address_of: dict[socket.socket, str] = {}  # open connections (their thread is running)
        self._deadlines: dict[socket.socket, float] = {}  # connections waiting for a request head or body
        self._evicting: set[socket.socket] = set()  # dropped for a newcomer, their thread not yet ended

    def admit(self, address: str) -> bool:
        """Take a slot for one more connection from ``address``, unless it or the room is full."""
        with self._lock:
            held = self._per_address.get(address, 0)
            if held >= self.max_per_address:
                return False
            if self._total >= self.max_connections:
                victim = self._victim(held)
                if victim is None:
                    return False
                self._evicting.add(victim)
                self._deadlines.pop(victim, None)
                drop(victim)
            self._total += 1
            self._per_address[address] = held + 1
            return True

    def _victim(self, newcomer_holds: int) -> socket.socket | None:
        """The connection waiting longest at the address holding the most, if it holds more than
        the newcomer (called under the lock)."""
        holding: dict[str, int] = {}
        for connection, address in self._address_of.items():
            if connection not in self._evicting:
                holding[address] = holding.get(address, 0) + 1
        waiting = [(holding[self._address_of[c]], -deadline, c) for c, deadline in self._deadlines.items()
                   if c in self._address_of and c not in self._evicting]
        if not waiting:
            return None
        most, _since, victim = max(waiting, key=lambda entry: entry[:2])
        return victim if most > newcomer_holds else None

    def release(self, address: str) -> None:
        with self._lock:
            self._total -= 1
            left = self._per_address.get(address, 0) - 1
            if left > 0:
                self._per_address[address] = left
            else:
                self._per_address.pop(address, None)

    def opened(self, connection: socket.socket, address: str) -> None:
        with self._lock:
            self._address_of[connection] = address

    def closed(self, connection: socket.socket) -> None:
        with self._lock:
            self._address_of.pop(connection, None)
            self._deadlines.pop(connection, None)
            self._evicting.discard(connection)

    def expect(self, connection: socket.socket, seconds: float) -> None:
        """The connection waits for a request head (or body) for at most ``seconds`` from now."""
        with self._lock:
            if connection in self._address_of and connection not in self._evicting:
                self._deadlines[connection] = time.monotonic() + seconds

    def received(self, connection: socket.socket) -> None:
        with self._lock:
            self._deadlines.pop(connection, None)

    def overdue(self) -> list[socket.socket]:
        """Connections past their deadline, forgotten here (the caller drops them)."""
        now = time.monotonic()
        with self._lock:
            late = [c for c, deadline in self._deadlines.items() if deadline <= now]
            for connection in late:
                del self._deadlines[connection]
        return late

    def open_connections(self) -> list[socket.socket]:
        with self._lock:
            return list(self._address_of)


def drop(connection: socket.socket) -> None:
    """End a connection from another thread: its handler's next read or write fails at once."""
    try:
        connection.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
