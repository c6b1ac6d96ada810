"""The parts of the room view: the floor with its countdown, who is next, what is being answered,
the agenda, the hand-out codes, and the Wi-Fi share's codes. Each draws itself from a Meeting it is given; none keeps a
copy, and none can change anything.

Role and turn labels come from the meeting's own language (``label_in``), like the minutes:
the screen is for the room, not for the secretary.
"""

from __future__ import annotations

from datetime import datetime

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from roomtui.domain.model import Meeting, MeetingStatus, Satisfaction, SpeakerEntry, SpeakerKind
from roomtui.domain.planning import item_number, top_level_count
from roomtui.domain.speaking import SpeakingOrder, current_speaker
from roomtui.domain.stats import format_seconds, item_minutes_used
from roomtui.handout.distance import room_sentence
from roomtui.handout.layout import Purpose
from roomtui.handout.render import RenderMode
from roomtui.handout.text import handout_document
from roomtui.i18n import _
from roomtui.share.notice import ShareNotice
from roomtui.tui.widgets.agenda_panel import AgendaTable
from roomtui.tui.widgets.big_clock import BigClock
from roomtui.tui.widgets.countdown import clock_text, state_class
from roomtui.tui.widgets.qr_code import QRCodeView
from roomtui.tui.widgets.share_code import PayloadCode

NEXT_SHOWN = 3
CAROUSEL_SECONDS = 8.0  # long enough to aim a phone, short enough for a queue
SOLID_FROM = (200, 60)  # columns, rows: solid blocks draw modules as large as half blocks from here


# -- lines of text, from the meeting ------------------------------------------------------
def person_text(meeting: Meeting, participant_id: int, *, bold: bool = True) -> Text:
    """'Wu Chaolin · resident representative · Chunchangping community'."""
    person = meeting.participant(participant_id)
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(person.name if person else "?", style="bold" if bold else "")
    if person is not None:
        line.append(" · " + person.role.label_in(meeting.language))
        if person.affiliation:
            line.append(" · " + person.affiliation)
    return line


def turn_text(meeting: Meeting, entry: SpeakerEntry) -> Text:
    """The kind of turn; for a department's answer, the issue it answers (which says the kind:
    "answer to #6 ...", not "answer · answer to #6 ...")."""
    line = Text(no_wrap=True, overflow="ellipsis")
    issue = meeting.issue(entry.issue_id)
    if issue is not None:
        line.append(_("answer to #{id} {title}", id=issue.id, title=issue.title))
        return line
    line.append(entry.kind.label_in(meeting.language),
                style="bold" if entry.kind is SpeakerKind.POINT_OF_ORDER else "")
    return line


def resumes_text(entry: SpeakerEntry, now: datetime) -> Text:
    """The speaker a point of order interrupted, owed the rest of the time."""
    return Text(_("resumes after the point of order · {left} left", left=format_seconds(entry.remaining_seconds(now))),
                no_wrap=True, overflow="ellipsis")


def item_text(meeting: Meeting, now: datetime) -> Text:
    """'Item 3/7 Speeches · planned 40 min · elapsed 12 min'."""
    line = Text(no_wrap=True, overflow="ellipsis")
    item = meeting.current_item
    if meeting.status is MeetingStatus.CLOSED:
        line.append(_("The meeting has ended."), style="bold")
        return line
    if item is None:
        line.append(_("The meeting has not started."), style="bold")
        return line
    line.append(_("item {n}/{total} {title}", n=item_number(meeting, item), total=top_level_count(meeting),
                  title=item.title), style="bold")  # numbered as the live screen and the minutes number it
    used = int(item_minutes_used(item, now))
    line.append(" · " + _("planned {minutes} min", minutes=item.planned_minutes))
    over = item.planned_minutes and used > item.planned_minutes
    line.append(" · ")
    line.append(_("elapsed {minutes} min", minutes=used), style="bold red" if over else "")
    return line


def title_text(meeting: Meeting) -> Text:
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(meeting.title, style="bold")
    if meeting.date:
        line.append(" · " + meeting.date.isoformat())
    if meeting.venue:
        line.append(" · " + meeting.venue)
    return line


def waiting(meeting: Meeting) -> list[SpeakerEntry]:
    """Who gets the floor next, in order (the domain's rule: SpeakingOrder.up_next)."""
    item = meeting.current_item
    if item is None or meeting.status is not MeetingStatus.LIVE:
        return []
    return SpeakingOrder(meeting, item.id).up_next()


def next_text(meeting: Meeting, now: datetime) -> Text:
    """The next three speakers, numbered, with their kind of turn and limit."""
    text = Text()
    text.append(_("Next speakers") + "\n", style="bold underline")
    queue = waiting(meeting)
    if not queue:
        text.append(_("Nobody is waiting to speak."))
        return text
    for number, entry in enumerate(queue[:NEXT_SHOWN], 1):
        text.append(f"{number} ")
        text.append_text(person_text(meeting, entry.participant_id))
        text.append("\n  ")
        if entry.interrupted:
            text.append_text(resumes_text(entry, now))
            text.append("\n")
            continue
        text.append_text(turn_text(meeting, entry))
        text.append(" · " + format_seconds(entry.limit_seconds) + "\n")
    if len(queue) > NEXT_SHOWN:
        text.append(_("and {n} more", n=len(queue) - NEXT_SHOWN))
    return text


def answering_text(meeting: Meeting) -> Text | None:
    """When a department has the floor to answer an issue: the issue, and any response recorded."""
    entry = current_speaker(meeting)
    issue = meeting.issue(entry.issue_id) if entry is not None else None
    if issue is None:
        return None
    text = Text()
    text.append(_("Answering issue #{id}", id=issue.id) + "\n", style="bold underline")
    text.append(issue.title + "\n", style="bold")
    if issue.location:
        text.append(issue.location + "\n")
    for response in meeting.responses_to(issue.id):
        text.append_text(response_text(meeting, response.id))
        text.append("\n")
    return text


def response_text(meeting: Meeting, response_id: int) -> Text:
    response = meeting.response(response_id)
    line = Text()
    if response is None:
        return line
    line.append(_("Response recorded: "), style="bold")
    line.append(f"{response.department} · {response.disposition.label_in(meeting.language)}")
    line.append(rating_line(meeting, response_id))
    return line


def rating_line(meeting: Meeting, response_id: int) -> str:
    """The room's tally of a response as phones vote ('' when it is not rated): counts only."""
    rating = next((r for r in meeting.ratings if r.response_id == response_id), None)
    if rating is None:
        return ""
    counts = meeting.tally(rating)
    words = _("rating: {satisfied} satisfied · {basically} basically satisfied · {dissatisfied} dissatisfied",
              satisfied=counts[Satisfaction.SATISFIED], basically=counts[Satisfaction.BASICALLY],
              dissatisfied=counts[Satisfaction.DISSATISFIED])
    return "\n" + words + (" · " + _("voting") if rating.closed_at is None else "")


def latest_response_text(meeting: Meeting) -> Text | None:
    """The response recorded last, so the room sees it land even after the answer ended."""
    if not meeting.responses:
        return None
    response = max(meeting.responses, key=lambda r: (r.recorded_at or datetime.min, r.id))
    issue = meeting.issue(response.issue_id)
    text = Text()
    text.append(_("Latest response") + "\n", style="bold underline")
    if issue is not None:
        text.append(f"#{issue.id} {issue.title}\n", style="bold")
    text.append(f"{response.department} · {response.disposition.label_in(meeting.language)}")
    text.append(rating_line(meeting, response.id))
    return text


# -- widgets ------------------------------------------------------------------------------
class Floor(Vertical):
    """Who has the floor and the countdown, as large as the space allows.

    Classes -plenty / -warning / -overtime / -paused say the state; the theme colours them.
    """

    STATES = ("-plenty", "-warning", "-overtime", "-paused", "-idle")

    def compose(self) -> ComposeResult:
        yield Static("", id="floor-speaker")
        yield Static("", id="floor-turn")
        yield BigClock("", id="floor-clock")
        yield Static("", id="floor-status")

    def show(self, meeting: Meeting, now: datetime) -> None:
        entry = current_speaker(meeting)
        if entry is None:
            self._show_next(meeting, now)
            return
        remaining = entry.remaining_seconds(now)
        self._state(state_class(remaining), "-paused" if entry.paused else "")
        status = Text(no_wrap=True, overflow="ellipsis")
        if entry.paused:
            status.append(_("PAUSED") + " · ", style="bold")
        if remaining <= 0:
            status.append((_("over time") if remaining < 0 else _("time is up")) + " · ", style="bold")
        status.append(_("limit {limit}", limit=format_seconds(entry.limit_seconds)))
        self._put(person_text(meeting, entry.participant_id), turn_text(meeting, entry), clock_text(remaining),
                  status)

    def _show_next(self, meeting: Meeting, now: datetime) -> None:
        """Between speakers (the compact layout shows this instead of the agenda)."""
        self._state("-idle")
        queue = waiting(meeting)
        if queue:
            first = queue[0]
            speaker = Text(_("Next: "), no_wrap=True, overflow="ellipsis")
            speaker.append_text(person_text(meeting, first.participant_id))
            if first.interrupted:
                self._put(speaker, resumes_text(first, now), clock_text(first.remaining_seconds(now)), "")
            else:
                self._put(speaker, turn_text(meeting, first), format_seconds(first.limit_seconds), "")
        else:
            self._put(Text(_("Nobody has the floor."), style="bold"), "", "", "")

    def _state(self, *states: str) -> None:
        for name in self.STATES:
            self.set_class(name in states, name)

    def _put(self, speaker: Text, turn: Text | str, digits: str, status: Text | str) -> None:
        self.query_one("#floor-speaker", Static).update(speaker)
        self.query_one("#floor-turn", Static).update(turn)
        clock = self.query_one("#floor-clock", BigClock)
        if clock.value != digits:
            clock.update(digits)
        self.query_one("#floor-status", Static).update(status)

    @property
    def digits(self) -> str:
        return self.query_one("#floor-clock", BigClock).value


class RoomAgenda(Static):
    """Between speakers: the agenda, with what is done and where the meeting is."""

    def show(self, meeting: Meeting, now: datetime) -> None:
        heading = Text(_("Agenda"), style="bold underline")
        self.update(Group(heading, AgendaTable(meeting, now)))


class HandoutCodes(Vertical):
    """After the meeting: the hand-out as QR codes, for the room to scan off the projector.

    Uses the hand-out document and QRCodeView's constructor, so the code widget can change
    inside without this view knowing. The code is remade whenever the meeting's text changes.
    It is drawn for the room (the largest modules the carousel can turn, handout.layout), and a
    line under it says where to stand (handout.distance). A hand-out longer than one code turns
    its pages every CAROUSEL_SECONDS.

    From ``SOLID_FROM`` (columns, rows) on, solid blocks give modules as large as half blocks do,
    and a projector terminal nobody configured paints the theme between lines, which stripes
    half blocks past reading: there the code is drawn in solid blocks. ``solid`` True or False
    (``roomtui show --solid`` / ``--half-blocks``) decides at every size instead.
    """

    def __init__(self, *, carousel_seconds: float | None = CAROUSEL_SECONDS, solid: bool | None = None,
                 screen_inches: float | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.carousel_seconds = carousel_seconds  # None: pages turn only when asked (tests)
        self.solid = solid
        self.screen_inches = screen_inches
        self._shown: object = None  # the hand-out document on screen (compared, never looked into)

    def compose(self) -> ComposeResult:
        yield Static(_("Scan the code with your phone's camera to take the summary home; no network is needed."),
                     id="handout-caption")
        yield Static("", id="handout-distance", markup=False)

    def on_mount(self) -> None:
        if self.carousel_seconds is not None:
            self.set_interval(self.carousel_seconds, self.turn_page)

    def turn_page(self) -> None:
        """The next page of the hand-out, for the next people in the queue to scan."""
        for code in self.query(QRCodeView):
            code.next_page()

    def drawing(self) -> RenderMode:
        """Solid blocks where asked, or on a screen of at least SOLID_FROM; else half blocks."""
        if self.solid is not None:
            return RenderMode.BACKGROUND if self.solid else RenderMode.HALF_BLOCK
        width, height = self.app.size
        large = width >= SOLID_FROM[0] and height >= SOLID_FROM[1]
        return RenderMode.BACKGROUND if large else RenderMode.HALF_BLOCK

    def on_resize(self) -> None:
        for code in self.query(QRCodeView):
            code.mode = self.drawing()

    def on_qrcode_view_changed(self, event: QRCodeView.Changed) -> None:
        layout = event.layout
        sentence = room_sentence(layout, self.app.size.width, self.screen_inches) if layout.fits else ""
        self.query_one("#handout-distance", Static).update(sentence)

    def show(self, meeting: Meeting) -> None:
        document = handout_document(meeting)
        if document == self._shown:
            return
        self._shown = document
        for old in self.query(QRCodeView):
            old.remove()
        self.mount(QRCodeView(document, mode=self.drawing(), purpose=Purpose.ROOM, id="room-code"),
                   before="#handout-distance")

    def clear(self) -> None:
        if self._shown is None:
            return
        self._shown = None
        for old in self.query(QRCodeView):
            old.remove()


class WifiCodes(Vertical):
    """While the laptop shares over Wi-Fi: the share's codes, numbered in the order a phone scans
    them (1 joins the laptop's Wi-Fi, 2 opens the page), as large as they fit. While phones take
    part (the notice names their page), code 2 is that page: the room scans its way in to sign
    in, ask to speak and rate the answers; otherwise it is the minutes.

    The codes are the share screen's own PayloadCode, so the projector shows what the secretary's
    screen shows. The line under each code says the same in words, for a phone that cannot scan
    and for a window too small for the codes. A share on a network whose password roomtui does not
    know has no first code; then the one code is not numbered.
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="wifi-heading")
        with Horizontal(id="wifi-columns"):
            with Vertical(id="wifi-join", classes="wifi-column"):
                yield Static("", classes="wifi-caption", id="wifi-join-caption")
                yield PayloadCode(id="wifi-join-code")
                yield Static("", classes="wifi-detail", id="wifi-join-detail")
            with Vertical(id="wifi-open", classes="wifi-column"):
                yield Static("", classes="wifi-caption", id="wifi-open-caption")
                yield PayloadCode(id="wifi-open-code")
                yield Static("", classes="wifi-detail", id="wifi-open-detail")

    def show(self, notice: ShareNotice) -> None:
        joins = notice.wifi_payload is not None
        takes_part = notice.room_url is not None
        url = notice.room_url or notice.url
        self.query_one("#wifi-join").display = joins
        if joins:
            self._put("join", "1  " + _("Join the Wi-Fi"), notice.wifi_payload,
                      _("Wi-Fi: {name}   password: {password}", name=notice.network_name, password=notice.password))
            if takes_part:
                heading = _("Take part from your phone: scan code 1, then code 2. No internet is needed.")
            else:
                heading = _("The full minutes on your phone: scan code 1, then code 2. No internet is needed.")
            detail = _("then open {url}", url=url)
        else:
            if takes_part:
                heading = _("Take part from your phone: join this laptop's network, then scan the code.")
            else:
                heading = _("The full minutes on your phone: join this laptop's network, then scan the code.")
            detail = _("on this laptop's network: {url}", url=url)
        self.query_one("#wifi-heading", Static).update(Text(heading, style="bold"))
        caption = _("Take part: sign in, ask to speak, rate the answers") if takes_part else _("Open the minutes")
        self._put("open", ("2  " if joins else "") + caption, url, detail)

    def _put(self, column: str, caption: str, payload: str, detail: str) -> None:
        # wrapped, never cut: at 80 columns "2  Take part: sign in, ask to speak, rate the answers" takes two lines
        self.query_one(f"#wifi-{column}-caption", Static).update(Text(caption, style="bold", justify="center"))
        code = self.query_one(f"#wifi-{column}-code", PayloadCode)
        if code.payload != payload:  # a new payload redraws the code; the same one is left as it is
            code.payload = payload
        self.query_one(f"#wifi-{column}-detail", Static).update(Text(detail))
