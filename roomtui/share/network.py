"""Which addresses of this laptop phones can reach, and which one is the laptop's own hotspot.

Phones that scan "Join the Wi-Fi" land on the hotspot's network, so the minutes must be
served on the address the laptop has there. Each system gives its hotspot a fixed network:
NetworkManager (Linux) ``10.42.0.1/24``, Windows "Mobile hotspot" ``192.168.137.1/24``,
macOS "Internet Sharing" a ``bridge100`` interface. Any other private address is an ordinary
local network the laptop has joined: it can be shared on too, once the secretary knows which.
Loopback and link-local addresses are never offered to phones.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import Enum
from ipaddress import IPv4Address, IPv4Network, ip_address

HOTSPOT_NETWORKS = {
    IPv4Network("10.42.0.0/24"): "NetworkManager",
    IPv4Network("192.168.137.0/24"): "Windows",
}
HOTSPOT_INTERFACE_PREFIXES = ("bridge10", "ap")  # macOS Internet Sharing; Linux access-point devices


class AddressKind(str, Enum):
    HOTSPOT = "hotspot"
    NETWORK = "network"  # a local network the laptop has joined
    LOOPBACK = "loopback"


@dataclass(frozen=True)
class LocalAddress:
    interface: str
    address: str
    prefix: int
    kind: AddressKind

    @property
    def network(self) -> IPv4Network:
        return IPv4Network(f"{self.address}/{self.prefix}", strict=False)


def classify(interface: str, address: str, prefix: int, hotspot_interfaces: frozenset[str] = frozenset(),
             platform: str = sys.platform) -> AddressKind | None:
    """The kind of one IPv4 address, or None for addresses phones could not use."""
    ip = ip_address(address)
    if not isinstance(ip, IPv4Address) or ip.is_link_local or ip.is_multicast or ip.is_unspecified:
        return None
    if ip.is_loopback:
        return AddressKind.LOOPBACK
    if not ip.is_private:
        return AddressKind.NETWORK  # a public address on a LAN is rare but reachable
    if interface in hotspot_interfaces or any(ip in net for net in HOTSPOT_NETWORKS):
        return AddressKind.HOTSPOT
    if interface.startswith(HOTSPOT_INTERFACE_PREFIXES[1]) and platform.startswith("linux"):
        return AddressKind.HOTSPOT
    if interface.startswith(HOTSPOT_INTERFACE_PREFIXES[0]) and platform == "darwin":
        return AddressKind.HOTSPOT
    return AddressKind.NETWORK


def local_addresses(hotspot_interfaces: frozenset[str] = frozenset()) -> list[LocalAddress]:
    """Every usable IPv4 address, hotspot ones first, then local networks, loopback last."""
    import ifaddr

    found = []
    for adapter in ifaddr.get_adapters():
        # On Windows ``name`` is a GUID; ``nice_name`` is what the secretary sees in Settings.
        interface = adapter.nice_name if sys.platform == "win32" else adapter.name
        for ip in adapter.ips:
            if not isinstance(ip.ip, str):
                continue  # IPv6: phones on a hotspot get IPv4, and a v4 URL is shorter
            kind = classify(interface, ip.ip, ip.network_prefix, hotspot_interfaces)
            if kind is not None:
                found.append(LocalAddress(interface, ip.ip, ip.network_prefix, kind))
    order = {AddressKind.HOTSPOT: 0, AddressKind.NETWORK: 1, AddressKind.LOOPBACK: 2}
    return sorted(set(found), key=lambda a: (order[a.kind], a.interface, ip_address(a.address)))


def hotspot_address(addresses: list[LocalAddress]) -> LocalAddress | None:
    return next((a for a in addresses if a.kind is AddressKind.HOTSPOT), None)


def network_addresses(addresses: list[LocalAddress]) -> list[LocalAddress]:
    return [a for a in addresses if a.kind is AddressKind.NETWORK]
