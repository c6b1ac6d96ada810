"""How the app acts on meetings: what screens may rely on, and the one way they change a meeting.

``MeetingHost`` is the interface the screens of a meeting use on the app that shows them
(RoomApp): the archive, the desk of open meetings, the session shown, the change signal
``revision`` and ``act``. A screen asks ``isinstance(self.app, MeetingHost)`` where another app
may host it (the hand-out in a test app), never ``getattr``.

    key -> host.act(label, verb) -> desk.act: one domain verb, one durable write, its follow-on
        effects -> the desk's Change -> host.revision moves -> every view redraws

``act`` gives back an :class:`Outcome` (the verb's result, or the problems that refused it), so
"saved" on screen always means "on disk" and a form can show exactly why an action was refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from textual.actions import ActionParseResult, parse
from textual.app import App

from roomtui.domain.clock import Clock
from roomtui.domain.validation import ValidationError
from roomtui.i18n import _
from roomtui.store import Archive, BadMeetingFile, MeetingNotFound, MeetingSession, ReadOnlyError, SaveError
from roomtui.store.desk import Change, Desk
from roomtui.tui.widgets.meeting_bar import read_only_text

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What became of one action: done, with the verb's result, or refused, with its problems."""

    done: bool
    result: T | None = None
    problems: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.done

    @property
    def form_problems(self) -> list[str] | None:
        """For a form's submit callback: the problems to show, or None to close the form."""
        return None if self.done else list(self.problems)


class MeetingHost:
    """The app side of every meeting screen (mixed into RoomApp, before Textual's App)."""

    archive: Archive
    clock: Clock
    desk: Desk  # every write of any meeting goes through it
    session: MeetingSession | None  # the meeting shown, on the desk
    revision: int  # the change signal (a Textual var on RoomApp): moves once per saved change
    saved_text: str

    async def run_action(self, action: str | ActionParseResult, default_namespace=None, namespaces=None) -> bool:
        """Every key and palette command passes here: in a read-only window, an action that would
        change the meeting answers "read-only" instead of running (and saying something else)."""
        session = self.session
        if session is not None and session.read_only:
            destination, name, _params = parse(action) if isinstance(action, str) else action
            if destination == "app":
                target = self
            elif destination == "screen":
                target = self.screen
            elif destination:
                target = (namespaces or {}).get(destination)
            else:
                target = self if default_namespace is None else default_namespace
            if changes_meeting(self, target, name):
                self.notify(read_only_text(session), severity="warning")
                return True
        return await super().run_action(action, default_namespace, namespaces)  # type: ignore[misc]

    def act(self, label: str, action: Callable[[Any], T], *, quiet: bool | None = None,
            in_form: bool = False, meeting_id: str | None = None) -> Outcome[T]:
        """Run one action on the open meeting (or ``meeting_id``) through the desk; say what happened.

        Refusals are notified, unless ``in_form``: a form shows them itself (``form_problems``).
        Success is notified unless ``quiet`` (by default, forms are quiet: the bar says "saved").
        """
        quiet = in_form if quiet is None else quiet
        if meeting_id is None and self.session is None:
            return self._refused([_("Open a meeting first.")], label, in_form)
        target = meeting_id or self.session.meeting.id
        try:
            revision = self.desk.revision
            result = self.desk.act(target, label, action)
        except ValidationError as error:
            return self._refused(list(error.problems), label, in_form)
        except (SaveError, BadMeetingFile, MeetingNotFound) as error:
            if not in_form:
                self.notify(str(error), title=_("NOT SAVED"), severity="error", timeout=20)
            return Outcome(False, problems=(str(error),))
        except ReadOnlyError as error:
            shown = self.session if self.session is not None and self.session.meeting.id == target else None
            text = read_only_text(shown) if shown is not None else str(error)
            return self._refused([text], label, in_form, severity="warning")
        if self.desk.revision != revision:
            self._after_change(label, quiet)
        return Outcome(True, result)

    def _refused(self, problems: list[str], label: str, in_form: bool, severity: str = "error") -> Outcome:
        if not in_form:
            self.notify("\n".join(map(str, problems)), title=_("Not done: {action}", action=label), severity=severity)
        return Outcome(False, problems=tuple(problems))

    def _after_change(self, label: str, quiet: bool) -> None:
        """Say "saved" (the write has returned); the revision moved already (_desk_changed)."""
        saved_at = self.session.saved_at if self.session is not None else None
        self.saved_text = _("saved {time}", time=saved_at.strftime("%H:%M:%S")) if saved_at else ""
        if not quiet:
            self.notify(_("{action} — saved", action=label), timeout=2)

    def _desk_changed(self, change: Change) -> None:
        """The change signal: one move of ``revision`` per action saved on the desk, wherever it was
        taken; a follow-on write that must wait (an earlier meeting locked elsewhere) is named."""
        if change.problems:
            self.notify("\n".join(change.problems), severity="warning", timeout=10)
        self.revision += 1

    def action_undo(self) -> None:
        """Take back the last action on the meeting shown (kept across leaving it, for this run)."""
        if self.session is None:
            return
        try:
            label = self.desk.undo(self.session.meeting.id)
        except LookupError:
            self.notify(_("Nothing to undo."), severity="warning")
            return
        except (SaveError, ReadOnlyError) as error:
            self.notify(str(error), severity="error")
            return
        self._after_change(_("Undone: {action}", action=label), quiet=False)


def changes_meeting(app: App, target: object, action: str) -> bool:
    """Whether running ``action`` on ``target`` would change the meeting.

    Undo on the app does. On a meeting view or pane (anything with READ_ONLY_ACTIONS), every
    action roomtui itself defines there does, except the ones listed as reading. Textual's own
    actions (cursor, scrolling, focus) and screens without the list (hand-out, help, the
    meetings list) never change the meeting.
    """
    if target is app:
        return action == "undo"
    reading = getattr(target, "READ_ONLY_ACTIONS", None)
    if reading is None or action in reading:
        return False
    return any(f"action_{action}" in vars(cls) for cls in type(target).__mro__
               if cls.__module__.startswith("roomtui."))
