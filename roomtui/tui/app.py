"""The Textual shell: the home screen and, once a meeting is open, its working views.

The App shows one meeting of the desk of open meetings (store/desk.py). Change flows one way
(acting.py: ``act``, undo, the change signal):

    key -> app.act(label, verb) -> desk.act: one domain verb, one durable write, its follow-on
        effects -> the desk's Change -> app.revision moves -> every view redraws from the meeting

Every write of any meeting (the register's grades, an import's replace, phones) goes through the
same desk, so ``revision`` moves exactly once per saved action wherever it was taken.

Screens never write to the store and hold no copy of the meeting.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import var
from textual.screen import ModalScreen, Screen

from roomtui.caches import enabled
from roomtui.domain.clock import Clock, SystemClock
from roomtui.domain.model import MeetingStatus
from roomtui.i18n import N_, _
from roomtui.store import (
    Archive,
    BadMeetingFile,
    MeetingNotFound,
    MeetingSession,
)
from roomtui.store.desk import Desk
from roomtui.store.follow import POLL_SECONDS, MeetingFollower
from roomtui.tui.acting import MeetingHost
from roomtui.tui.textual_compat import CrashHooks
from roomtui.tui.translated import TranslatedBindings

if TYPE_CHECKING:
    from roomtui.tui.phones import PhonesOnline

VIEWS = ("prepare", "live", "minutes", "handout")
MEETING_ACTIONS = frozenset({"view", "undo", "room_view"})
YOUNG_COLLECTION_EVERY = 20_000  # allocations between two collections of the youngest objects


class RoomApp(CrashHooks, MeetingHost, TranslatedBindings, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "roomtui"
    ENABLE_COMMAND_PALETTE = True

    # In the footer's order where a screen does not choose its keys by moment (widgets/footer.py):
    # undo and the way out before the other views, so that a narrow footer keeps them.
    BINDINGS = [
        Binding("ctrl+z", "undo", N_("Undo"), id="app.undo"),
        Binding("f6", "home", N_("Meetings"), id="app.home"),
        Binding("f7", "room_view", N_("Room view"), id="app.room_view"),
        Binding("f2", "view('prepare')", N_("Prepare"), id="app.prepare"),
        Binding("f3", "view('live')", N_("Live"), id="app.live"),
        Binding("f4", "view('minutes')", N_("Minutes"), id="app.minutes"),
        Binding("f5", "view('handout')", N_("Hand-out"), id="app.handout"),
        Binding("f1", "help", N_("Help"), id="app.help"),
        Binding("ctrl+q", "quit", N_("Quit"), id="app.quit", priority=True),
        # Esc takes the notices off the screen first (only while one shows: check_action)
        Binding("escape", "dismiss_notices", N_("Dismiss notices"), id="app.dismiss_notices", show=False,
                priority=True),
        # our own palette binding, so that its footer label is translated like the others
        Binding("ctrl+p", "command_palette", N_("Commands"), id="app.palette", priority=True),
    ]

    # Both are ``var``s: a ``reactive`` on the App repaints the whole screen when it changes (a
    # full-screen render per saved action, 9-14 ms, profiled); their watchers refresh what they show.
    saved_text: var[str] = var("")
    # The change signal: moves once per saved change (an action, an undo, a meeting opened or
    # read again from disk). Views watch it and redraw from ``session.meeting``.
    revision: var[int] = var(0, always_update=True)

    def __init__(self, archive: Archive, *, meeting_id: str | None = None, clock: Clock | None = None,
                 view: str | None = None) -> None:
        super().__init__()
        # Each saved action builds the meeting as plain data (~20,000 short-lived dicts for 500
        # speakers and 300 issues): with Python's default of a young collection every 700
        # allocations, the collector ran 7-30 times per key (~10 ms of it); every 20,000, once or twice.
        if enabled("collector-threshold"):
            gc.set_threshold(YOUNG_COLLECTION_EVERY, *gc.get_threshold()[1:])
        self.archive = archive
        self.clock = clock or SystemClock()
        self.desk = Desk(archive, self.clock)  # every write of any meeting goes through it
        self.desk.listen(self._desk_changed)
        self.session: MeetingSession | None = None  # the meeting shown, on the desk
        self.phones: PhonesOnline | None = None  # phones taking part in the open meeting (tui/phones.py)
        self._initial_meeting = meeting_id
        self._initial_view = view
        self._follower: MeetingFollower | None = None  # a read-only window follows the writer's saves
        self._follow_timer = None
        from roomtui.tui.notices import NoticeBoard

        self.notices = NoticeBoard(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys that act on the open meeting (F2-F5, F7, ctrl+z) are hidden while none is
        open, and F6 on the list itself: its footer keeps its room for what works there (F1 lists
        every key)."""
        if action == "home":
            return not getattr(self.screen, "is_meeting_list", False)
        if action == "dismiss_notices":
            # a dialog's Esc stays the dialog's (cancel), a view's its own (back to the list)
            own = any("escape" in binding.key.split(",") for binding in type(self.screen).BINDINGS
                      if isinstance(binding, Binding))
            return not own and not isinstance(self.screen, ModalScreen) and self.notices.showing
        if action == "view" and parameters and parameters[0] == getattr(type(self.screen), "VIEW", None):
            return False  # F2 on the Prepare view goes nowhere: its room in the footer is for what does
        return not (action in MEETING_ACTIONS and self.session is None)

    # -- start and stop ------------------------------------------------------------------
    def get_default_screen(self) -> Screen:
        """The list of meetings; under a meeting opened from the command line, an empty screen
        until the list is wanted (`roomtui open` never builds a list it does not show)."""
        if self._initial_meeting:
            return Underneath()
        from roomtui.tui.screens.home import HomeScreen

        return HomeScreen()

    def _show_home(self) -> None:
        from roomtui.tui.screens.home import HomeScreen

        if not isinstance(self.screen, HomeScreen):
            self.push_screen(HomeScreen())

    def on_mount(self) -> None:
        # Textual draws nothing until its start-up batch ends: a meeting view pushed from here would
        # be laid out and rendered once for nothing (~0.3 s), so it opens just after (first frame ~0.3 s sooner)
        if self._initial_meeting:
            self.call_later(self._open_initial_meeting)
        else:
            self._resume_collector_once_drawn(self.screen)
        self.call_after_refresh(self.show_archive_notices)

    def _open_initial_meeting(self) -> None:
        meeting_id, self._initial_meeting = self._initial_meeting, None
        if not self.open_meeting(meeting_id, view=self._initial_view) and len(self.screen_stack) == 1:
            self._show_home()  # no such meeting: the list, to choose another
        self._resume_collector_once_drawn(self.screen)

    def _resume_collector_once_drawn(self, screen: Screen) -> None:
        """`roomtui open` pauses the collector while Textual, the screens and the first view load
        and are drawn (~80 young collections, and at 20,000 objects each a ~9 ms one, before the
        first frame); once that view is drawn it resumes, and leaves what was loaded out of its
        walks (gc.freeze). Where the collector runs already (tests, the room view), nothing changes."""
        if gc.isenabled():
            return

        def resume(_screen: Screen | None = None) -> None:
            screen.screen_layout_refresh_signal.unsubscribe(self)
            if not gc.isenabled():
                gc.freeze()
                gc.enable()

        screen.screen_layout_refresh_signal.subscribe(self, resume)
        self.set_timer(5.0, resume)  # a view that is never drawn must not leave it paused

    @property
    def opening_meeting(self) -> bool:
        """True until the meeting named on the command line has been opened (or tried)."""
        return self._initial_meeting is not None

    def show_archive_notices(self) -> None:
        """Stray files in the data folder and the like: named once, never in the way."""
        for notice in self.archive.take_notices():
            self.notify(notice, severity="warning", timeout=10)

    # -- unexpected errors: a report file and one short line, never a traceback (crash_report.py)
    def report_crash(self, error: Exception) -> None:  # textual_compat.CrashHooks calls it
        from roomtui.crash_report import crash_message, write_report

        self.crash_report = write_report(self.archive.root, error, f"app, screen {type(self.screen).__name__}")
        self.crash_message = crash_message(error, self.crash_report)

    def panic(self, *renderables) -> None:  # Textual's exit for errors that render themselves
        super().panic(*((self.crash_message,) if self.crash_message else renderables))

    def open_meeting(self, meeting_id: str, view: str | None = None) -> bool:
        """Open a meeting and show the view that fits its state (or ``view``)."""
        self.close_meeting()
        try:
            session = self.desk.open(meeting_id)
        except BadMeetingFile as error:
            self._offer_backup(meeting_id, error)
            return False
        except MeetingNotFound:
            self.notify(_("No meeting '{id}'.", id=meeting_id), severity="error")
            return False
        self.session = session
        self.saved_text = ""
        if session.read_only:
            self.notify(session.read_only_reason, severity="warning", timeout=10)
            self._follow(meeting_id)
        status = session.meeting.status
        default = {MeetingStatus.DRAFT: "prepare", MeetingStatus.LIVE: "live", MeetingStatus.CLOSED: "minutes"}[status]
        self.show_view(view or default)
        return True

    def _offer_backup(self, meeting_id: str, error: BadMeetingFile) -> None:
        from roomtui.tui.dialogs import ConfirmDialog

        if error.backup is None:
            self.notify(str(error), severity="error", timeout=30)
            return

        def answer(restore: bool | None) -> None:
            if restore:
                try:
                    kept = self.archive.restore_backup(meeting_id, error.backup)
                except (OSError, ValueError) as failed:  # the backup went bad or away since it was offered
                    self.notify(_("Cannot restore {backup}: {reason}", backup=error.backup.name,
                                  reason=getattr(failed, "strerror", None) or str(failed)), severity="error")
                    return
                self.notify(_("Restored {backup}. The unreadable file was kept as {kept}.", backup=error.backup.name,
                              kept=kept.name), timeout=15, brief=False)
                self.open_meeting(meeting_id)

        self.push_screen(ConfirmDialog(str(error) + "\n\n" + _("Restore the newest good backup?"),
                                       _("Restore backup"), destructive=False), answer)

    def close_meeting(self) -> None:
        if self.phones is not None:
            self.phones.stop()
        if self._follow_timer is not None:
            self._follow_timer.stop()
            self._follow_timer = None
        self._follower = None
        if self.session is not None:
            self.desk.put_away(self.session.meeting.id)  # its undo history stays for this run
            self.session = None

    def on_unmount(self) -> None:
        self.close_meeting()
        self.desk.close()

    # -- a read-only window follows the window that writes ----------------------------------
    def _follow(self, meeting_id: str) -> None:
        self._follower = MeetingFollower(self.archive, meeting_id)
        self._follower.poll()  # the version just opened: only later saves count as changes
        self._follow_timer = self.set_interval(POLL_SECONDS, self.follow_changes)

    def follow_changes(self) -> bool:
        """Poll the meeting file; take a newer version in place and redraw. True if it changed."""
        follower, session = self._follower, self.session
        if follower is None or session is None or not follower.poll():
            return False
        if not follower.following:
            self.notify(follower.problem, severity="warning", timeout=10)
            return False
        session.follow(follower.meeting)
        self.revision += 1  # the change signal: every view redraws from the followed meeting
        return True

    # -- views ---------------------------------------------------------------------------
    def show_view(self, view: str) -> None:
        if self.session is None:
            self.notify(_("Open a meeting first."), severity="warning")
            return
        if isinstance(self.screen, ModalScreen):
            return
        screen = self._make_view(view)
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _make_view(self, view: str):
        assert self.session is not None
        if view == "prepare":
            from roomtui.tui.screens.prepare import PrepareScreen

            return PrepareScreen()
        if view == "live":
            from roomtui.tui.screens.live import LiveScreen

            return LiveScreen()
        if view == "minutes":
            from roomtui.tui.screens.minutes import MinutesScreen

            return MinutesScreen()
        from roomtui.tui.screens.handout import HandoutScreen

        return HandoutScreen()

    def action_view(self, view: str) -> None:
        self.show_view(view)

    def action_home(self) -> None:
        """Back to the list of meetings, closing the open one (everything is already saved)."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self._show_home()
        self.close_meeting()  # the list fills itself when it is shown again (HomeScreen.on_screen_resume)

    def action_help(self) -> None:
        from roomtui.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def get_system_commands(self, screen):
        """The palette: Textual's own commands plus every described key of ``screen``."""
        from roomtui.tui.commands import binding_commands, translated_system_commands

        yield from translated_system_commands(super().get_system_commands(screen))
        if self.session is not None:  # the room view shows the open meeting (like F7, see check_action)
            yield SystemCommand(_("Room view"), _("how to open the room view on the projector (F7)"),
                                self.action_room_view)
        yield from binding_commands(screen)

    def action_command_palette(self) -> None:
        """Textual's palette, with its search prompt in the interface language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=_("Search for commands…")))

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = False, brief: bool | None = None) -> None:
        """Every notice: one line at the top right, or a dialog when one line cannot hold it
        (tui/notices.py; ``brief``: an action's confirmation, shortened instead). Names and titles
        people typed are never read as markup."""
        self.notices.say(message, title=title, severity=severity, timeout=timeout, markup=markup, brief=brief)

    def action_dismiss_notices(self) -> None:
        """Esc: the notices on screen go (the view's own Esc works again once none is left)."""
        self.notices.dismiss_all()

    def action_room_view(self) -> None:
        """Say how to open the room view of this meeting in a second terminal (projector)."""
        if self.session is None:
            self.notify(_("Open a meeting first."), severity="warning")
            return
        from roomtui.tui.room import room_view_command

        command = room_view_command(self.session.meeting.id, self.archive.root)
        self.notify(_("On the projector or second screen, open a terminal and run:\n\n{command}\n\nIt follows "
                      "this meeting as you work, at most half a second behind, and never changes it.",
                      command=command), title=_("Room view"), timeout=60)

    def confirm_close_meeting(self) -> None:
        """End the open meeting after asking (the live and minutes views share this: tui/ending.py)."""
        from roomtui.tui.ending import confirm_end_meeting

        confirm_end_meeting(self)

    # -- quitting ------------------------------------------------------------------------
    async def action_quit(self) -> None:
        if self.session is not None and self.session.meeting.status is MeetingStatus.LIVE and not self.session.read_only:
            from roomtui.tui.dialogs import ConfirmDialog

            def answer(quit_now: bool | None) -> None:
                if quit_now:
                    self.exit()

            self.push_screen(ConfirmDialog(_("The meeting is live. Everything is saved; quit anyway? "
                                             "Reopening it returns to where you are, clocks included."),
                                           _("Quit")), answer)
            return
        self.exit()


class Underneath(Screen):
    """The bottom of the screen stack when `roomtui open` went straight to a meeting: the list of
    meetings is built only when wanted, and takes this place whenever it is uncovered."""

    def on_screen_resume(self) -> None:
        if self.app.screen is self and not self.app.opening_meeting:
            self.app.action_home()
