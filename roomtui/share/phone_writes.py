"""What phones ask of the meeting, written in groups by one writer, acknowledged once on disk.

The share's request threads never touch the meeting. Each hands its phone's action (a function
of the Council, built from the phone's cleaned form) to ``PhoneWrites.propose`` and waits. One
writer thread takes every proposal waiting at that moment, hands the whole group to
``write_together`` (which runs it on the app's thread as ONE durable write, see
roomtui/tui/phone_desk.py), and only then answers each waiting request. So sixty votes in the
same second make a few writes, not sixty fsyncs in a row, and a phone is told "received" only
after its vote is in the file.

A proposal that is not written within ``wait`` seconds gets ``WriteTimeout`` (the phone is told
to try again; a second try of the same vote or sign-in changes nothing if the first did land).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from roomtui.domain import ValidationError

Action = Callable[[Any], Any]  # a function of the Council, as the write path takes it
WriteTogether = Callable[[list[Action]], list[Any]]  # results (or refusals), one per action, in order

MAX_GROUP = 200  # one write for at most this many phones' actions: a write stays a few milliseconds
QUEUE_LIMIT = 2000  # proposals waiting; more are told "busy" at once instead of waiting in line


class WriteTimeout(Exception):
    """The write did not finish in time: the phone was not acknowledged (and tries again)."""


class WriteFailed(Exception):
    """The group could not be written (disk full, meeting read-only...): nothing of it was saved."""


class PhoneWrites:
    """One writer thread in front of the write path, for every phone at once."""

    def __init__(self, write_together: WriteTogether, *, wait: float = 10.0, gather: float = 0.01) -> None:
        self._write_together = write_together
        self.wait = wait
        self.gather = gather  # after the first proposal, how long to wait for others to join its write
        self._queue: queue.Queue[tuple[Action, Future] | None] = queue.Queue(QUEUE_LIMIT)
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self.writes = 0  # groups written (for tests and the share screen)

    def start(self) -> PhoneWrites:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="roomtui-phone-writes", daemon=True)
            self._thread.start()
        return self

    def stop(self, wait: float | None = None) -> None:
        """Refuse what is still waiting and end the writer, waiting at most ``wait`` seconds for the
        write in progress (the app stopping cannot wait on itself); safe to call twice."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stopping.set()
        try:
            self._queue.put_nowait(None)  # wakes the writer at once (it also looks at _stopping)
        except queue.Full:
            pass
        thread.join(timeout=self.wait + 5 if wait is None else wait)

    def propose(self, action: Action) -> Any:
        """Run ``action`` through the write path; its result once written. Raises the action's own
        refusal (ValidationError), WriteTimeout, or WriteFailed."""
        if self._thread is None:
            raise WriteFailed("not accepting writes")
        future: Future = Future()
        try:
            self._queue.put_nowait((action, future))
        except queue.Full:
            raise WriteTimeout("too many waiting") from None
        try:
            result = future.result(timeout=self.wait)
        except FutureTimeout:
            future.cancel()  # if the writer has not taken it yet, it never will
            raise WriteTimeout("not written in time") from None
        if isinstance(result, BaseException):
            raise result
        return result

    # -- the writer thread -----------------------------------------------------------------
    def _run(self) -> None:
        while True:
            try:
                first = self._queue.get(timeout=0.5)
            except queue.Empty:
                first = None if self._stopping.is_set() else ...
            if first is ...:
                continue
            if first is None or self._stopping.is_set():
                if first is not None and first[1].set_running_or_notify_cancel():
                    first[1].set_result(WriteFailed("sharing stopped"))
                self._refuse_waiting()
                return
            group = [first]
            stop = self._gather(group)
            group = [(action, future) for action, future in group if future.set_running_or_notify_cancel()]
            if group:
                self._write(group)
            if stop:
                self._refuse_waiting()
                return

    def _gather(self, group: list) -> bool:
        """Take what else is waiting (up to MAX_GROUP); True when stop() was asked meanwhile."""
        try:
            item = self._queue.get(timeout=self.gather) if self.gather > 0 else self._queue.get_nowait()
            while True:
                if item is None:
                    return True
                group.append(item)
                if len(group) >= MAX_GROUP:
                    return False
                item = self._queue.get_nowait()
        except queue.Empty:
            return False

    def _write(self, group: list[tuple[Action, Future]]) -> None:
        try:
            results = self._write_together([action for action, _future in group])
        except BaseException as error:  # noqa: BLE001 - every waiting phone must hear of it
            failed = WriteFailed(str(error) or type(error).__name__)
            for _action, future in group:
                future.set_result(failed)
            return
        self.writes += 1
        for (_action, future), result in zip(group, results, strict=True):
            future.set_result(result)

    def _refuse_waiting(self) -> None:
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is not None and item[1].set_running_or_notify_cancel():
                item[1].set_result(WriteFailed("sharing stopped"))


def act_together(do: Callable[[str, Action], Any], label: str, actions: list[Action]) -> list[Any]:
    """A group through a session used without the app (its desk does the same: Desk.act_together):
    ONE ``do(label, batch)`` (one fsync'd write, one undo step)
    running each action in turn; an action the domain refuses gives its ValidationError as its
    result and changes nothing (verbs validate before they change), the others are saved."""
    results: list[Any] = []

    def batch(council: Any) -> None:
        results.clear()  # a retried batch starts again
        for action in actions:
            try:
                results.append(action(council))
            except ValidationError as refused:
                results.append(refused)

    do(label, batch)
    return results
