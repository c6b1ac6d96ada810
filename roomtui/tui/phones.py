"""Phones taking part in the open meeting: the share with its room door, owned by the app.

``PhonesOnline`` lives from the moment the secretary lets phones take part (``h`` in the live
view, then the usual choice of network) until ``w`` on its codes, ending the meeting (tui/ending.py), closing it or
quitting. The share's threads never touch the meeting: each phone's action goes to the one
writer (``PhoneWrites``), which hands a group of them to this app's thread (``call_from_thread``)
and waits; ``_write_here`` is the one place that turns a group into a durable write (the desk's
``act_together``: one write; never an undo step, since each phone was told "received": the
secretary's ctrl+z takes back the secretary's own actions and keeps the phones'), and the app's change signal then publishes what
phones see. ``PhonesScreen`` is the secretary's side: requests to speak (accept,
decline), sign-ins (confirm, release) and the rating of each response (open, close, tallies).
"""

from __future__ import annotations

import copy
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from roomtui.domain.model import Meeting, RequestState, Satisfaction, SignInState
from roomtui.i18n import N_, _, ngettext
from roomtui.share import Sharing
from roomtui.share.phone_writes import PhoneWrites
from roomtui.share.room_door import RoomDoor
from roomtui.share.room_state import build_room_state
from roomtui.tui.meeting_view import MeetingScreen
from roomtui.tui.widgets.footer import FittingFooter
from roomtui.tui.widgets.phone_badge import waiting_count

MINUTES_SECONDS = 1.0  # the served minutes follow the meeting within a second


class PhonesOnline:
    """The share phones take part through, for the app's open meeting (see the module docstring)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.writes = PhoneWrites(self.write_together)
        self.door = RoomDoor(build_room_state(app.session.meeting, now=app.clock.now()), self.writes)
        self.sharing: Sharing | None = None
        self._minutes_timer = None

    def begin(self, sharing: Sharing) -> None:
        """The server is up: start the writer, follow the meeting's changes, tell the app."""
        self.sharing = sharing
        self.writes.start()
        self.app.phones = self
        self.app.watch(self.app, "revision", self._changed, init=False)

    def stop(self) -> None:
        """Stop serving and writing (twice is harmless); what phones sent and were told "received" is saved."""
        if self.app.phones is self:
            self.app.phones = None
        if self.sharing is not None:
            self.sharing.stop()
        self.writes.stop(wait=1.0)  # a write in flight waits on this very thread: never for long

    # -- the write path, on the app's thread ------------------------------------------------
    def write_together(self, actions: list) -> list:
        """From the writer thread: run the group on the app's thread and wait for it."""
        return self.app.call_from_thread(self._write_here, actions)

    def _write_here(self, actions: list) -> list:
        """The one place that picks the write path: the desk, as one write kept through undo
        (its listener moves the app's revision, so views and phones follow)."""
        session = self.app.session
        if session is None or self.app.phones is not self:
            raise RuntimeError("the meeting is closed")
        label = ngettext("{n} action from phones", "{n} actions from phones", len(actions), n=len(actions))
        return self.app.desk.act_together(session.meeting.id, label, actions, kept=True)

    def _changed(self, _revision: int) -> None:
        session = self.app.session
        if session is None or self.app.phones is not self or self.sharing is None:
            return
        self.door.publish(build_room_state(session.meeting, now=self.app.clock.now()))
        if self._minutes_timer is None:  # the minutes (tens of KB, a copy of the record) at most once a second
            self._minutes_timer = self.app.set_timer(MINUTES_SECONDS, self._rebuild_minutes)

    def _rebuild_minutes(self) -> None:
        self._minutes_timer = None
        session, sharing = self.app.session, self.sharing
        if session is None or self.app.phones is not self or sharing is None:
            return
        snapshot = copy.deepcopy(session.meeting)
        self.app.run_worker(lambda: sharing.update(snapshot), thread=True, exclusive=True,
                            group="phones-minutes", name="phones-minutes")


def open_phones(app) -> None:
    """h (live view, Prepare): the phones' requests, sign-ins and ratings; the first time, let phones in."""
    from roomtui.domain.model import MeetingStatus

    if app.phones is not None or app.session.meeting.status is MeetingStatus.CLOSED:
        app.push_screen(PhonesScreen())
        return
    from roomtui.tui.screens.share import start_sharing

    start_sharing(app, app.session.meeting, phones=True)


class PhonesScreen(MeetingScreen):
    """Requests to speak, sign-ins and ratings, each a row; the keys act on the highlighted row
    (none until the secretary moves to one, as in the pickers)."""

    DEFAULT_CSS = """
    PhonesScreen #phones-title { height: 1; padding: 0 1; text-style: bold; }
    PhonesScreen #phones-list { height: 1fr; }
    """
    BINDINGS = [
        Binding("a", "accept", N_("Accept"), id="phones.accept"),
        Binding("d", "decline", N_("Decline"), id="phones.decline"),
        Binding("c", "confirm", N_("Confirm sign-in"), id="phones.confirm"),
        Binding("r", "release", N_("Release sign-in"), id="phones.release"),
        Binding("o", "toggle_rating", N_("Open/close rating"), id="phones.rating"),
        Binding("v", "who_rates", N_("Who rates"), id="phones.who_rates"),
        Binding("w", "codes", N_("Show the codes"), id="phones.codes"),
        Binding("escape", "back", N_("Back"), id="phones.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="phones-title", markup=False)
        yield OptionList(id="phones-list")
        yield FittingFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.refresh_view()
        self.query_one(OptionList).focus()

    def refresh_view(self) -> None:
        session = self.app.session
        if session is None:
            return
        meeting = session.meeting
        online = self.app.phones is not None
        asking, claims = waiting_count(meeting)
        title = _("Phones: {asking} asking to speak · {claims} sign-ins to confirm", asking=asking, claims=claims)
        if not online:
            title += " · " + _("not taking part now (h in the live view lets them)")
        self.query_one("#phones-title", Static).update(title)
        listing = self.query_one(OptionList)
        highlighted = listing.highlighted_option.id if listing.highlighted_option else None
        listing.clear_options()
        listing.add_options(self._rows(meeting))
        ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        # as in the pickers, nothing is highlighted until the secretary moves: the first ↓ lands on
        # the first entry, and a, d, c, r act only on a row chosen (else they say what to highlight)
        listing.highlighted = ids.index(highlighted) if highlighted in ids else None

    def _rows(self, meeting: Meeting) -> list[Option]:
        def heading(key: str, text: str) -> Option:
            return Option(Text(text, style="bold"), id=f"h{key}", disabled=True)

        rows = [heading("r", _("Requests to speak"))]
        council_names = {s.id: (meeting.participant(s.participant_id).name if meeting.participant(s.participant_id)
                                else s.name) for s in meeting.sign_ins}
        waiting = [r for r in meeting.floor_requests if r.state is RequestState.WAITING]
        for request in waiting:
            line = Text(f"{request.at:%H:%M} " if request.at else "")
            line.append(council_names.get(request.sign_in_id, "?"), style="bold")
            if request.topic:
                line.append(" — " + request.topic)
            rows.append(Option(line, id=f"q{request.id}"))
        if not waiting:
            rows.append(Option(Text(_("none waiting"), style="dim"), id="hr-none", disabled=True))
        rows.append(heading("s", _("Sign-ins")))
        standing = [s for s in meeting.sign_ins if s.state is not SignInState.RELEASED]
        for entry in sorted(standing, key=lambda s: s.state is SignInState.CONFIRMED):
            person = meeting.participant(entry.participant_id)
            line = Text(council_names[entry.id], style="bold")
            affiliation = person.affiliation if person else entry.affiliation
            if affiliation:
                line.append(_(" ({affiliation})", affiliation=affiliation))
            if person is None:
                line.append(" · " + _("not on the list"), style="yellow")
            line.append(" · " + entry.state.label, style="green" if entry.state is SignInState.CONFIRMED else "bold yellow")
            rows.append(Option(line, id=f"s{entry.id}"))
        if not standing:
            rows.append(Option(Text(_("nobody has signed in"), style="dim"), id="hs-none", disabled=True))
        rows.append(heading("v", _("Ratings of the responses")))
        ratings = {r.response_id: r for r in meeting.ratings}
        for response in meeting.responses:
            issue = meeting.issue(response.issue_id)
            line = Text(f"#{response.issue_id} ")
            line.append(issue.title if issue else "", style="bold")
            line.append(f" — {response.department}")
            rating = ratings.get(response.id)
            if rating is None:
                line.append(" · " + _("not rated"), style="dim")
            else:
                counts = meeting.tally(rating)
                state = _("open") if rating.closed_at is None else _("closed")
                line.append(" · " + _("{state}: {satisfied} satisfied, {basically} basically, {dissatisfied} dissatisfied",
                                      state=state, satisfied=counts[Satisfaction.SATISFIED],
                                      basically=counts[Satisfaction.BASICALLY],
                                      dissatisfied=counts[Satisfaction.DISSATISFIED]),
                            style="bold" if rating.closed_at is None else "")
                if rating.closed_at is not None and meeting.room_rejected(rating):
                    line.append(" · " + _("mostly dissatisfied: to follow-up"), style="bold red")
            rows.append(Option(line, id=f"v{response.id}"))
        if not meeting.responses:
            rows.append(Option(Text(_("no response recorded yet"), style="dim"), id="hv-none", disabled=True))
        return rows

    def _selected(self, kind: str) -> int | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or not option.id or option.id[0] != kind or not option.id[1:].isdigit():
            hint = {"q": _("Highlight a request to speak first."), "s": _("Highlight a sign-in first."),
                    "v": _("Highlight a response first.")}[kind]
            self.app.notify(hint, severity="warning")
            return None
        return int(option.id[1:])

    def action_accept(self) -> None:
        if (ident := self._selected("q")) is not None:
            self.app.act(_("accept a request to speak"), lambda c: c.accept_request(ident))

    def action_decline(self) -> None:
        if (ident := self._selected("q")) is not None:
            self.app.act(_("decline a request to speak"), lambda c: c.decline_request(ident))

    def action_confirm(self) -> None:
        if (ident := self._selected("s")) is not None:
            self.app.act(_("confirm a sign-in"), lambda c: c.confirm_sign_in(ident))

    def action_release(self) -> None:
        if (ident := self._selected("s")) is not None:
            self.app.act(_("release a sign-in"), lambda c: c.release_sign_in(ident))

    def action_toggle_rating(self) -> None:
        if (ident := self._selected("v")) is None:
            return
        rating = next((r for r in self.meeting.ratings if r.response_id == ident), None)
        if rating is not None and rating.closed_at is None:
            self.app.act(_("close the rating"), lambda c: c.close_rating(ident))
        else:
            self.app.act(_("open the rating"), lambda c: c.open_rating(ident))

    def action_who_rates(self) -> None:
        """The roles whose signed-in people rate the answers (from the next rating opened on)."""
        from roomtui.domain.model import Role
        from roomtui.tui.dialogs import FormDialog, FormField

        chosen = set(self.meeting.rating_roles)
        fields = [FormField(role.value, role.label, kind="checkbox", value=role in chosen) for role in Role]

        def submit(values: dict) -> list[str] | None:
            roles = [role for role in Role if values.get(role.value)]
            return self.app.act(_("who rates the answers"), lambda c: c.set_rating_roles(roles),
                                in_form=True).form_problems

        self.app.push_screen(FormDialog(_("Who rates the answers (from the next rating opened)"), fields, submit))

    def action_codes(self) -> None:
        phones = self.app.phones
        if phones is not None and phones.sharing is not None:
            from roomtui.tui.screens.share import ShareScreen

            self.app.push_screen(ShareScreen(phones.sharing, phones.sharing.url, keep=True))

    def action_back(self) -> None:
        self.dismiss()
