"""``roomtui share MEETING``: the two codes in a plain terminal, served until Ctrl+C.

It asks its questions on the terminal (start a hotspot with nmcli? share on this local
network? the hotspot's name and password?), prints the two codes side by side, and keeps
serving (and a room view of the meeting shows the same codes); when the meeting file changes (the app, in another window, records a response) the
served minutes are rebuilt.
"""

from __future__ import annotations

import shutil
import sys
import threading
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from roomtui.handout.render import RenderMode, to_ansi
from roomtui.i18n import _
from roomtui.share import (
    DEFAULT_PORT,
    Discovery,
    Sharing,
    describe,
    discover,
    hotspot,
    settings,
    wait_for_hotspot,
)
from roomtui.share.codes import code_rows, code_size, side_by_side
from roomtui.share.network import AddressKind, LocalAddress
from roomtui.share.wifi import WifiNetwork
from roomtui.store.follow import MeetingFollower
from roomtui.store.followup_index import load_with_answers

POLL_SECONDS = 1.0
GAP = 4  # columns of white between the two codes


class Console:
    """The terminal: questions in, lines out (tests pass StringIO)."""

    def __init__(self, out: TextIO, input: TextIO) -> None:
        self.out, self.input = out, input

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def ask(self, question: str) -> str:
        self.out.write(question + " ")
        self.out.flush()
        answer = self.input.readline()
        if not answer:
            raise EOFError
        return answer.strip()

    def yes(self, question: str) -> bool:
        return self.ask(question + " " + _("[y/N]")).lower() in {"y", "yes", _("y"), _("yes")}


def run_share(archive, meeting_id: str, *, address: str | None = None, port: int = DEFAULT_PORT,
              out: TextIO | None = None, input: TextIO | None = None, stop: threading.Event | None = None,
              on_started: Callable[[Sharing], None] | None = None,
              discovery: Callable[[Path], Discovery] = discover) -> int:
    """Share ``meeting_id`` until Ctrl+C (or ``stop`` is set); an exit status."""
    console = Console(out or sys.stdout, input or sys.stdin)
    meeting = load_with_answers(archive, meeting_id)
    try:
        choice = _choose(console, archive.root, address, discovery)
    except (EOFError, KeyboardInterrupt):  # Ctrl+D or Ctrl+C at a question: nothing was started
        console.say()
        return 1
    if choice is None:
        return 1
    where, network = choice
    sharing = Sharing(meeting, where.address, network, port=port)
    try:
        sharing.start()
    except OSError as error:
        console.say(_("Cannot serve on {address}: {error}", address=where.address, error=error))
        return 1
    try:
        _print_codes(console, sharing, where)
        sharing.announce(archive.root)
        if on_started is not None:
            on_started(sharing)
        _serve(console, sharing, archive, meeting_id, stop or threading.Event())
    except KeyboardInterrupt:
        pass
    finally:
        sharing.stop()
    stats = sharing.stats()
    console.say(_("Sharing stopped. Phones that took the minutes: {phones} · downloads: {downloads}.",
                  phones=stats.phones, downloads=stats.downloads))
    return 0


def _choose(console: Console, data_folder: Path, address: str | None,
            discovery: Callable[[Path], Discovery]) -> tuple[LocalAddress, WifiNetwork | None] | None:
    """Where to serve and which network the "Join the Wi-Fi" code names; None: nowhere."""
    if address:
        return LocalAddress("", address, 32, AddressKind.NETWORK), settings.load_network(data_folder)
    found = discovery(data_folder)
    if found.hotspot is None and found.can_start_hotspot:
        started = _offer_hotspot(console, data_folder, found)
        if started is not None:
            found = wait_for_hotspot(data_folder, started, discovery)
    if found.hotspot is not None:
        console.say(_("Sharing on {where}.", where=describe(found.hotspot)))
        network = found.network or _ask_network(console, data_folder)
        return found.hotspot, network
    for candidate in found.networks:
        if console.yes(_("No hotspot is on. Share on {where}? Phones must be on that network.",
                         where=describe(candidate, found.joined_wifi))):
            remembered = found.network
            same = remembered is not None and found.joined_wifi == remembered.name
            return candidate, remembered if same else None
    console.say(_("No network to share on. Switch the laptop's hotspot on, then run this again:"))
    for number, step in enumerate(hotspot.manual_steps(), 1):
        console.say(f"  {number}. {step}")
    return None


def _offer_hotspot(console: Console, data_folder: Path, found: Discovery) -> WifiNetwork | None:
    """Show the nmcli command and run it if the secretary agrees; the network it started."""
    network = found.network or settings.suggested_network()
    command = hotspot.hotspot_command(network, found.wifi_devices[0] if found.wifi_devices else None)
    console.say(_("roomtui can switch on a Wi-Fi hotspot \u201c{name}\u201d with this command:", name=network.name))
    console.say("  " + hotspot.shown(command))
    if not console.yes(_("Run it now?")):
        return None
    result = hotspot.start_hotspot(command)
    if not result.ok:
        console.say(_("The hotspot did not start: {output}", output=result.output or "?"))
        return None
    settings.save_network(data_folder, network)
    console.say(_("Hotspot \u201c{name}\u201d is on.", name=network.name))
    return network


def _ask_network(console: Console, data_folder: Path) -> WifiNetwork | None:
    """The hotspot's name and password, asked once and remembered (owner-only)."""
    console.say(_("Type the hotspot's name and password as the system shows them "
                  "(they are remembered in the data folder, readable by you only)."))
    while True:
        name = console.ask(_("Wi-Fi name:"))
        if not name:
            return None  # share anyway, with the "Open the minutes" code only
        network = WifiNetwork(name, console.ask(_("Wi-Fi password:")))
        problems = network.problems()
        if not problems:
            settings.save_network(data_folder, network)
            return network
        for problem in problems:
            console.say(problem)


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal cells (a Chinese character takes two)."""
    return text + " " * max(1, width - sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text))


def _print_codes(console: Console, sharing: Sharing, where: LocalAddress, width: int | None = None) -> None:
    url_rows = code_rows(sharing.url, RenderMode.HALF_BLOCK)
    wifi = sharing.wifi_payload
    columns = shutil.get_terminal_size().columns if width is None else width
    if wifi:
        wifi_rows = code_rows(wifi, RenderMode.HALF_BLOCK)
        left_width = code_size(wifi)[0]
        if left_width + GAP + code_size(sharing.url)[0] <= columns:
            console.say(_pad("1. " + _("Join the Wi-Fi"), left_width + GAP) + "2. " + _("Open the minutes"))
            rows = side_by_side(wifi_rows, url_rows, GAP)
        else:  # too narrow for both: one above the other
            console.say("1. " + _("Join the Wi-Fi"))
            for line in to_ansi(wifi_rows):
                console.say(line)
            console.say("2. " + _("Open the minutes"))
            rows = url_rows
    else:
        console.say(_("Open the minutes") + " " + _("(phones first join {where})", where=describe(where)))
        rows = url_rows
    for line in to_ansi(rows):
        console.say(line)
    if sharing.network:
        console.say(_("Wi-Fi: {name}   password: {password}", name=sharing.network.name,
                      password=sharing.network.password))
    console.say(_("Minutes: {url}", url=sharing.url))
    console.say(_("Only the public minutes are served. Ctrl+C stops sharing."))


def _serve(console: Console, sharing: Sharing, archive, meeting_id: str, stop: threading.Event) -> None:
    # the room view's follower: a special file is refused at once, FAT's 2 s mtimes are no blind spot
    follower = MeetingFollower(archive, meeting_id)
    follower.poll()  # the version being shared
    reported = (0, 0)
    while not stop.wait(POLL_SECONDS):
        if follower.poll():
            if follower.following:
                try:
                    sharing.update(follower.meeting)
                    console.say(_("The meeting changed: the shared minutes are up to date."))
                except ValueError as error:  # keep the last good minutes
                    console.say(_("The meeting file cannot be read ({error}); still sharing the last minutes.",
                                  error=error))
            else:
                console.say(_("The meeting file cannot be read ({error}); still sharing the last minutes.",
                              error=follower.problem))
        stats = sharing.stats()
        if (stats.phones, stats.downloads) != reported:
            reported = (stats.phones, stats.downloads)
            console.say(_("Phones that took the minutes: {phones} · downloads: {downloads}.", phones=stats.phones,
                          downloads=stats.downloads))

