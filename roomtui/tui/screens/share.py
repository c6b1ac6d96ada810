"""Sharing the whole minutes over the laptop's Wi-Fi: the two codes, side by side.

``start_sharing`` (called by ``w`` in the hand-out view) finds where to serve, asking the
secretary what only they can decide (start a hotspot with nmcli? share on the network the
laptop has joined? the hotspot's name and password?), then opens ``ShareScreen``. The server
lives exactly as long as that screen: ``w`` or Esc, switching to another view, or quitting
the app unmounts it and stops the server. For as long, the room view on the projector shows
the same two codes (``roomtui.share.notice``). Discovery and nmcli run in worker threads and the
server in its own threads, so the event loop never waits on the network.
"""

from __future__ import annotations

import copy

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from roomtui.domain.model import Meeting
from roomtui.handout.render import RenderMode
from roomtui.i18n import N_, _
from roomtui.share import (
    DEFAULT_PORT,
    Discovery,
    Sharing,
    describe,
    discover,
    settings,
    wait_for_hotspot,
)
from roomtui.share import hotspot as nmcli
from roomtui.share.network import LocalAddress
from roomtui.share.wifi import WifiNetwork
from roomtui.tui.meeting_view import MeetingScreen
from roomtui.tui.phones import PhonesOnline
from roomtui.tui.widgets.footer import FittingFooter
from roomtui.tui.widgets.share_code import PayloadCode

STATS_SECONDS = 1.0


class ShareScreen(MeetingScreen):
    DEFAULT_CSS = """
    ShareScreen #share-title { height: 1; padding: 0 1; text-style: bold; }
    ShareScreen #share-codes { height: 1fr; }
    ShareScreen .share-column { width: 1fr; height: 1fr; padding: 0 1; }
    ShareScreen .share-caption { height: 1; text-style: bold; content-align: center middle; width: 1fr; }
    ShareScreen .share-detail { height: auto; max-height: 2; width: 1fr; content-align: center middle;
                                color: $text-muted; }
    ShareScreen #share-status { height: auto; padding: 0 1; }
    """

    BINDINGS = [
        Binding("w", "stop", N_("Stop sharing"), id="share.stop"),
        Binding("escape", "leave", N_("Back"), id="share.leave", show=False),
        Binding("m", "toggle_mode", N_("Block style"), id="share.mode"),
    ]
    AUTO_FOCUS = None

    def __init__(self, sharing: Sharing, where: str, *, port: int | None = None, keep: bool = False) -> None:
        super().__init__()
        self.sharing = sharing
        self.where = where
        self.keep = keep  # phones take part: the share outlives this screen (the app's PhonesOnline stops it)

    def compose(self) -> ComposeResult:
        yield Static(_("Share the minutes over Wi-Fi") + " · " + self.where, id="share-title", markup=False)
        with Horizontal(id="share-codes"):
            if self.sharing.wifi_payload:
                with Vertical(classes="share-column"):
                    yield Static("1. " + _("Join the Wi-Fi"), classes="share-caption", markup=False)
                    yield PayloadCode(self.sharing.wifi_payload, id="share-wifi")
                    yield Static(_("Wi-Fi: {name}   password: {password}", name=self.sharing.network.name,
                                   password=self.sharing.network.password), classes="share-detail", markup=False)
            with Vertical(classes="share-column"):
                number = "2. " if self.sharing.wifi_payload else ""
                url = self.sharing.room_url or self.sharing.url
                caption = _("Take part: sign in, ask to speak, rate") if self.sharing.room_url else _("Open the minutes")
                yield Static(number + caption, classes="share-caption", markup=False)
                yield PayloadCode(url, id="share-url")
                yield Static(url, classes="share-detail", markup=False)
        yield Static(id="share-status", markup=False)
        yield FittingFooter()

    def on_mount(self) -> None:
        self.sharing.announce(self.app.archive.root)
        self._update_status()
        self.set_interval(STATS_SECONDS, self._update_status)

    def on_unmount(self) -> None:
        if not self.keep:
            self.sharing.stop()  # leaving the view, w, Esc or quitting: the server never outlives the screen

    def _update_status(self) -> None:
        stats = self.sharing.stats()
        lines = [_("Phones that took the minutes: {phones} · downloads: {downloads}.", phones=stats.phones,
                   downloads=stats.downloads)]
        if not self.sharing.wifi_payload:
            lines.insert(0, _("Phones must first join {where}.", where=self.where))
        if self.keep:  # Esc leaves the phones taking part: only w stops them
            lines.append(_("Phones sign in, ask to speak and rate each answer. Esc: back to work (they keep taking "
                           "part; h shows their requests). w stops."))
        else:
            lines.append(_("Only the public minutes are served. w or Esc stops sharing."))
        self.query_one("#share-status", Static).update("\n".join(lines))

    def refresh_view(self) -> None:
        """The meeting changed (undo, for one): serve its new minutes, built off the event loop
        from a copy (the record keeps changing under the secretary's keys meanwhile)."""
        session = self.app.session
        if session is not None:
            snapshot = copy.deepcopy(session.meeting)
            self.run_worker(lambda: self.sharing.update(snapshot), thread=True, exclusive=True,
                            group="share-update", name="share-update")

    def action_stop(self) -> None:
        if self.keep and self.app.phones is not None:
            self.app.phones.stop()
        self.sharing.stop()
        stats = self.sharing.stats()
        self.app.notify(_("Sharing stopped. Phones that took the minutes: {phones} · downloads: {downloads}.",
                          phones=stats.phones, downloads=stats.downloads), brief=False)  # counts read whole
        self.dismiss()

    def action_leave(self) -> None:
        """Esc while phones take part: back to work, the share goes on."""
        if self.keep:
            self.dismiss()
        else:
            self.action_stop()

    def action_toggle_mode(self) -> None:
        for code in self.query(PayloadCode):
            code.mode = RenderMode.BACKGROUND if code.mode is RenderMode.HALF_BLOCK else RenderMode.HALF_BLOCK


# -- finding where to share, asking what only the secretary decides --------------------------
def start_sharing(app, meeting: Meeting, *, port: int = DEFAULT_PORT, phones: bool = False) -> None:
    """Look at the network in a worker thread, then ask and share (see the module docstring)."""
    data_folder = app.archive.root

    def look() -> None:
        found = discover(data_folder)
        app.call_from_thread(_decide, app, meeting, found, port, phones)

    app.notify(_("Looking for the laptop's Wi-Fi..."), timeout=2)
    app.run_worker(look, thread=True, exclusive=True, group="share", name="share-discovery")


def _decide(app, meeting: Meeting, found: Discovery, port: int, phones: bool = False) -> None:
    from roomtui.tui.dialogs import ConfirmDialog

    if found.hotspot is not None:
        if found.network is not None:
            _open(app, meeting, found.hotspot, found.network, describe(found.hotspot), port, phones)
        else:
            _ask_network(app, meeting, found.hotspot, port, phones)
        return
    if found.can_start_hotspot:
        network = found.network or settings.suggested_network()
        command = nmcli.hotspot_command(network, found.wifi_devices[0])

        def answer(yes: bool | None) -> None:
            if yes:
                _run_hotspot(app, meeting, command, network, port, phones)
            else:
                _offer_network(app, meeting, found, port, phones)

        app.push_screen(ConfirmDialog(
            _("No hotspot is on. Switch on the Wi-Fi hotspot \u201c{name}\u201d with this command?", name=network.name)
            + "\n\n" + nmcli.shown(command), _("Start the hotspot")), answer)
        return
    _offer_network(app, meeting, found, port, phones)


def _offer_network(app, meeting: Meeting, found: Discovery, port: int, phones: bool = False) -> None:
    from roomtui.tui.dialogs import ConfirmDialog

    if not found.networks:
        steps = "\n".join(f"{n}. {step}" for n, step in enumerate(nmcli.manual_steps(), 1))
        app.notify(_("No network to share on. Switch the laptop's hotspot on, then press w again:") + "\n" + steps,
                   severity="warning", timeout=30)
        return
    candidate = found.networks[0]
    where = describe(candidate, found.joined_wifi)
    same = found.network is not None and found.joined_wifi == found.network.name

    def answer(yes: bool | None) -> None:
        if yes:
            _open(app, meeting, candidate, found.network if same else None, where, port, phones)

    app.push_screen(ConfirmDialog(_("No hotspot is on. Share on {where}? Phones must be on that network.",
                                    where=where), _("Share here"), destructive=False), answer)


def _run_hotspot(app, meeting: Meeting, command: list[str], network: WifiNetwork, port: int,
                 phones: bool = False) -> None:
    data_folder = app.archive.root

    def run() -> None:
        result = nmcli.start_hotspot(command)
        if not result.ok:
            app.call_from_thread(app.notify, _("The hotspot did not start: {output}", output=result.output or "?"),
                                 severity="error", timeout=20)
            return
        settings.save_network(data_folder, network)
        found = wait_for_hotspot(data_folder, network)
        app.call_from_thread(_decide, app, meeting, found, port, phones)

    app.notify(_("Starting the hotspot..."), timeout=3)
    app.run_worker(run, thread=True, exclusive=True, group="share", name="share-hotspot")


def _ask_network(app, meeting: Meeting, where: LocalAddress, port: int, phones: bool = False) -> None:
    from roomtui.tui.dialogs import FormDialog, FormField

    data_folder = app.archive.root
    chosen: dict[str, WifiNetwork] = {}

    def submit(values: dict) -> list[str] | None:
        network = WifiNetwork(values["name"] or "", values["password"] or "")
        problems = network.problems()
        if problems:
            return problems
        try:
            settings.save_network(data_folder, network)
        except OSError as error:
            return [str(error)]
        chosen["network"] = network
        return None

    def done(result) -> None:
        if result and "network" in chosen:
            _open(app, meeting, where, chosen["network"], describe(where), port, phones)

    app.push_screen(FormDialog(
        _("The hotspot's name and password, as the system shows them (remembered, readable by you only)"),
        [FormField("name", _("Wi-Fi name"), required=True), FormField("password", _("Wi-Fi password"), required=True)],
        submit), done)


def _open(app, meeting: Meeting, where: LocalAddress, network: WifiNetwork | None, described: str,
          port: int, phones: bool = False) -> None:
    """Build the documents and bind in a worker thread (a fifth of a second), then show the codes."""
    session = app.session
    snapshot = copy.deepcopy(session.meeting if session is not None else meeting)  # the record as it is now
    online = PhonesOnline(app) if phones and session is not None else None

    def serve() -> None:
        sharing = Sharing(snapshot, where.address, network, port=port, room=online.door if online else None)
        try:
            sharing.start()
        except OSError as error:
            app.call_from_thread(app.notify, _("Cannot serve on {address}: {error}", address=where.address,
                                               error=error), severity="error")
            return
        app.call_from_thread(_show, app, sharing, described, online)

    app.run_worker(serve, thread=True, exclusive=True, group="share", name="share-start")


def _show(app, sharing: Sharing, described: str, online: PhonesOnline | None = None) -> None:
    if any(isinstance(screen, ShareScreen) for screen in app.screen_stack) or (online and app.phones is not None):
        sharing.stop()  # w pressed twice while looking: one share is enough
        return
    if online is not None:
        online.begin(sharing)
    app.push_screen(ShareScreen(sharing, described, keep=online is not None))
