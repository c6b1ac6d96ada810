"""The room view: what the audience sees on the projector while the secretary works on the laptop.

``roomtui show MEETING`` runs this small App in a second terminal. It follows the meeting file
through a MeetingFollower (store/follow.py): no lock, no write, at most POLL_SECONDS behind.
It has one key, ``q``, and no palette: nothing here can change the meeting.

The screen takes one of five shapes, set as a class on the screen from the meeting:
  -speaking   someone has the floor: name, role, affiliation, the countdown as large as it fits,
              the next speakers, the issue a department answers
  -between    nobody has the floor: the agenda with what is done, and who is next
  -ended      the meeting is closed: the hand-out codes, for the room to scan
  -sharing    the laptop shares the minutes over Wi-Fi (the hand-out view's ``w``, or ``roomtui
              share``) or lets phones take part (``h`` in the live view): the share's two codes,
              so the room scans the projector (while phones take part, the second code is their
              page: sign in, ask to speak, rate). Whoever has the floor keeps it: during a speech
              the countdown stays, the codes come back after it. Once the meeting is closed the
              phones stop: a notice still naming their page is the hand-out's moment, not theirs
  -compact    a small terminal (under 100x30): the name and the countdown (or the share's
              codes and their words), nothing else

A share runs in another process; it leaves a notice in the data folder (roomtui.share.notice),
which ``poll()`` looks at along with the meeting file, just as cheaply and as read-only.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.geometry import Size
from textual.theme import Theme
from textual.widgets import Static

from roomtui.domain.clock import Clock, SystemClock
from roomtui.domain.model import Meeting, MeetingStatus
from roomtui.domain.speaking import current_speaker
from roomtui.i18n import N_, _
from roomtui.share.notice import NoticeWatcher
from roomtui.tui.translated import TranslatedBindings
from roomtui.store import Archive
from roomtui.store.follow import POLL_SECONDS, MeetingFollower
from roomtui.tui.room.widgets import (
    CAROUSEL_SECONDS,
    Floor,
    HandoutCodes,
    RoomAgenda,
    WifiCodes,
    answering_text,
    item_text,
    latest_response_text,
    next_text,
    title_text,
)

TICK_SECONDS = 0.25
COMPACT_BELOW = (100, 30)  # columns, rows

# Projectors wash out colour and dark greys: pure black and white, and saturated signal colours.
PROJECTOR_THEME = Theme(
    name="roomtui-projector",
    primary="#FFFFFF",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFD000",
    error="#FF2020",
    success="#30FF60",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    dark=True,
)


class RoomViewApp(TranslatedBindings, App[None]):
    CSS_PATH = "room.tcss"
    TITLE = "roomtui"
    ENABLE_COMMAND_PALETTE = False  # the palette has commands (themes, keys); the room view has none

    BINDINGS = [Binding("q", "quit", N_("Quit"), id="room.quit")]

    def __init__(self, archive: Archive, meeting_id: str, *, clock: Clock | None = None,
                 poll_seconds: float | None = POLL_SECONDS, carousel_seconds: float | None = CAROUSEL_SECONDS,
                 solid: bool | None = None, screen_inches: float | None = None) -> None:
        """``None`` for ``poll_seconds`` or ``carousel_seconds`` leaves polling or turning the hand-out's
        pages to the caller (tests call ``poll()`` and ``turn_page()`` themselves, never a timer).
        ``solid`` and ``screen_inches`` are for the hand-out's codes (HandoutCodes)."""
        super().__init__()
        self.carousel_seconds = carousel_seconds
        self.solid = solid
        self.screen_inches = screen_inches
        self.follower = MeetingFollower(archive, meeting_id)
        self.share = NoticeWatcher(archive.root, meeting_id)
        self.clock = clock or SystemClock()
        self.poll_seconds = poll_seconds
        self.repaints = 0  # how many times the view was redrawn (a new version of the meeting, a share)

    @property
    def meeting(self) -> Meeting | None:
        return self.follower.meeting

    def compose(self) -> ComposeResult:
        yield Static("", id="room-problem")
        yield Static("", id="room-title")
        yield Static("", id="room-item")
        with Horizontal(id="room-main"):
            with Vertical(id="room-centre"):
                yield Floor(id="room-floor")
                yield RoomAgenda("", id="room-agenda")
            with Vertical(id="room-side"):
                yield Static("", id="room-answering")
                yield Static("", id="room-next")
                yield Static("", id="room-latest")
        yield HandoutCodes(carousel_seconds=self.carousel_seconds, solid=self.solid, screen_inches=self.screen_inches,
                           id="room-handout")
        yield WifiCodes(id="room-wifi")
        yield Static(_("room view · read-only · q quits"), id="room-footer")

    def on_mount(self) -> None:
        self.register_theme(PROJECTOR_THEME)
        self.theme = PROJECTOR_THEME.name
        self.poll()
        self.set_interval(TICK_SECONDS, self.tick)
        if self.poll_seconds is not None:
            self.set_interval(self.poll_seconds, self.poll)

    def on_resize(self, event: events.Resize) -> None:
        # this handler runs before App's own, so self.size is still the old size here
        self.refresh_room(event.size)

    # -- following ---------------------------------------------------------------------------
    def poll(self) -> bool:
        """Look at the meeting file and the share's notice; redraw if either changed. True when
        something new is shown."""
        meeting_changed = self.follower.poll()
        share_changed = self.share.poll()
        changed = meeting_changed or share_changed
        if changed:
            self.refresh_room()
        return changed

    def tick(self) -> None:
        """The countdown moves with the clock alone; nothing is read or written."""
        meeting = self.meeting
        if meeting is None or not self.screen.has_class("-speaking"):
            return
        try:
            self.screen.query_one(Floor).show(meeting, self.clock.now())
        except NoMatches:  # a last tick while the app shuts down
            pass

    def refresh_room(self, size: Size | None = None) -> None:
        """Redraw everything from the follower's meeting (and the share's notice), for ``size``
        (default: the app's)."""
        screen = self.screen
        problem = screen.query_one("#room-problem", Static)
        problem.display = bool(self.follower.problem)
        if self.follower.problem:
            # as written, not markup: the problem names the file, in a folder someone named ("[/]" stopped the view)
            problem.update(Text(_("Not following: {problem}. The last version read is shown; this view catches up "
                                  "by itself once the file is back.", problem=self.follower.problem)))
        meeting = self.meeting
        if meeting is None:
            self._shape("-none")
            return
        now = self.clock.now()
        width, height = size or self.size
        compact = width < COMPACT_BELOW[0] or height < COMPACT_BELOW[1]
        speaking = current_speaker(meeting) is not None
        notice = self.share.notice
        if notice is not None and notice.room_url is not None and meeting.status is MeetingStatus.CLOSED:
            notice = None  # phones take part in an open meeting only: theirs is stopping, the hand-out shows
        if notice is not None and not speaking:
            shape = "-sharing"
        elif meeting.status is MeetingStatus.CLOSED:
            shape = "-ended"
        elif speaking or compact:
            shape = "-speaking"
        else:
            shape = "-between"
        self._shape(shape, compact)
        screen.query_one("#room-title", Static).update(title_text(meeting))
        screen.query_one("#room-item", Static).update(item_text(meeting, now))
        screen.query_one(Floor).show(meeting, now)
        screen.query_one(RoomAgenda).show(meeting, now)
        answering = answering_text(meeting)
        side = screen.query_one("#room-answering", Static)
        side.display = answering is not None
        side.update(answering or "")
        screen.query_one("#room-next", Static).update(next_text(meeting, now))
        latest = latest_response_text(meeting)
        latest_widget = screen.query_one("#room-latest", Static)
        latest_widget.display = latest is not None and answering is None
        latest_widget.update(latest or "")
        codes = screen.query_one(HandoutCodes)
        if shape == "-ended":
            codes.show(meeting)
        else:
            codes.clear()
        if shape == "-sharing":
            screen.query_one(WifiCodes).show(notice)
        self.repaints += 1

    def _shape(self, shape: str, compact: bool = False) -> None:
        for name in ("-none", "-speaking", "-between", "-ended", "-sharing"):
            self.screen.set_class(name == shape, name)
        self.screen.set_class(compact, "-compact")
