"""Sharing the whole public minutes over the laptop's own Wi-Fi: two codes, two scans.

A QR code carries a few hundred bytes; the full minutes are tens of kilobytes. So when the
laptop can open a hotspot, phones join it with one code ("Join the Wi-Fi") and open the
minutes with the other ("Open the minutes"): a small server on the laptop hands out the
public minutes, from memory, to every phone at once. No internet, no router, no app.

- ``wifi``: the ``WIFI:`` text of the first code;
- ``network`` and ``hotspot``: which address to serve on; nmcli, only after asking;
- ``settings``: the hotspot's name and password, remembered owner-only;
- ``documents``: the public minutes built in memory; ``server``: the HTTP server;
- ``notice``: the file that tells the room view (another process) which codes to show;
- ``Sharing`` (here): one share, from start to stop, for the app and for ``roomtui share``.

No Textual here: the app and the command line are thin shells over this package.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from roomtui.domain.model import Meeting
from roomtui.share.documents import SharedMinutes, build_shared_minutes
from roomtui.share.network import (
    AddressKind,
    LocalAddress,
    hotspot_address,
    local_addresses,
    network_addresses,
)
from roomtui.share.notice import ShareNotice, notice_path, remove_notice, write_notice
from roomtui.share.room_door import RoomDoor
from roomtui.share.server import Limits, MinutesServer, Stats
from roomtui.share.wifi import WifiNetwork, wifi_payload

DEFAULT_PORT = 8765  # a fixed port, so a firewall rule made once keeps working; any free one if taken

__all__ = [
    "DEFAULT_PORT", "Discovery", "Limits", "LocalAddress", "MinutesServer", "SharedMinutes", "Sharing", "Stats",
    "WifiNetwork", "build_shared_minutes", "describe", "discover", "wait_for_hotspot", "wifi_payload",
]


class Sharing:
    """One share of one meeting's public minutes, on one address, until ``stop()``."""

    def __init__(self, meeting: Meeting, address: str, network: WifiNetwork | None = None, *,
                 port: int = DEFAULT_PORT, limits: Limits | None = None, token: str | None = None,
                 room: RoomDoor | None = None) -> None:
        self.network = network
        self.meeting_id = meeting.id
        self._notice: tuple[Path, ShareNotice] | None = None  # the room view's notice, while it is up
        self.server = MinutesServer(build_shared_minutes(meeting), address, port, token=token, limits=limits,
                                    room=room)

    def start(self) -> Sharing:
        """Serve on the fixed port, or on any free one if it is taken. Raises OSError."""
        try:
            self.server.start()
        except OSError:
            if self.server._requested_port == 0:
                raise
            self.server._requested_port = 0
            self.server.start()
        return self

    def announce(self, data_folder: Path) -> None:
        """Tell the room view of this meeting (``roomtui show``) to show the two codes, until ``stop()``:
        the phones' take-part page while they take part, else the minutes.

        Called once the codes are on the sharer's own screen. The room view is a help, not a
        condition: a data folder that cannot be written leaves sharing as it is."""
        path = notice_path(data_folder, self.meeting_id)
        notice = ShareNotice.now(self.url, self.network, self.room_url)
        try:
            write_notice(path, notice)
        except OSError:
            return
        self._notice = path, notice

    def stop(self) -> None:
        """Stop serving and take the room view's notice down (twice is harmless)."""
        self.server.stop()
        if self._notice is not None:
            path, notice = self._notice
            self._notice = None
            try:
                remove_notice(path, notice)
            except OSError:  # the folder became read-only: the room view shows the codes until this process ends
                pass

    @property
    def running(self) -> bool:
        return self.server.running

    def update(self, meeting: Meeting) -> None:
        """The meeting changed: serve its new minutes from the next request on."""
        self.server.publish(build_shared_minutes(meeting))

    @property
    def room_url(self) -> str | None:
        """The phones' page for taking part, while they may (None: the minutes only)."""
        return self.server.url + "room" if self.server.room is not None else None

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def wifi_payload(self) -> str | None:
        return wifi_payload(self.network) if self.network else None

    def stats(self) -> Stats:
        return self.server.stats()

    def __enter__(self) -> Sharing:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


@dataclass(frozen=True)
class Discovery:
    """What the laptop offers for sharing right now."""

    addresses: list[LocalAddress]
    network: WifiNetwork | None = None  # the hotspot's name and password, if known
    nmcli: bool = False  # NetworkManager can start a hotspot
    wifi_devices: list[str] = field(default_factory=list)
    joined_wifi: str | None = None  # the name of the Wi-Fi network the laptop is on, if known

    @property
    def hotspot(self) -> LocalAddress | None:
        return hotspot_address(self.addresses)

    @property
    def networks(self) -> list[LocalAddress]:
        return network_addresses(self.addresses)

    @property
    def can_start_hotspot(self) -> bool:
        return self.nmcli and bool(self.wifi_devices) and self.hotspot is None


def discover(data_folder: Path) -> Discovery:
    """Look at the laptop's addresses, NetworkManager if present, and the remembered hotspot.

    Reads only; changes nothing. May take a moment (nmcli): call it from a worker thread."""
    from roomtui.share import hotspot, settings

    nmcli = hotspot.nmcli_path() is not None
    active = hotspot.active_hotspot() if nmcli else None
    addresses = local_addresses(frozenset({active[0]}) if active else frozenset())
    network = (active[1] if active and active[1] else None) or settings.load_network(data_folder)
    return Discovery(addresses, network, nmcli, hotspot.wifi_devices() if nmcli else [],
                     hotspot.current_wifi_name() if nmcli else None)


HOTSPOT_WAIT_SECONDS = 10.0


def wait_for_hotspot(data_folder: Path, started: WifiNetwork,
                     discovery: Callable[[Path], Discovery] | None = None) -> Discovery:
    """Discover again after starting a hotspot: NetworkManager gives it its address a moment
    after the command returns. The network just started is the one phones join."""
    discovery = discovery or discover
    deadline = time.monotonic() + HOTSPOT_WAIT_SECONDS
    while True:
        found = discovery(data_folder)
        if found.hotspot is not None or time.monotonic() > deadline:
            return replace(found, network=found.network or started)
        time.sleep(0.5)


def describe(address: LocalAddress, joined_wifi: str | None = None) -> str:
    """Which network an address is on, in words for the secretary."""
    from roomtui.i18n import _

    if address.kind is AddressKind.HOTSPOT:
        return _("the laptop's hotspot ({interface}, {address})", interface=address.interface, address=address.address)
    if joined_wifi:
        return _("the Wi-Fi network \u201c{name}\u201d ({interface}, {address})", name=joined_wifi,
                 interface=address.interface, address=address.address)
    if not address.interface:  # an address given by hand (--address): no interface known
        return _("the local network ({address})", address=address.address)
    return _("the local network on {interface} ({address})", interface=address.interface, address=address.address)
