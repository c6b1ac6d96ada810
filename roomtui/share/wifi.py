"""The "Join the Wi-Fi" code: the ``WIFI:`` text that iOS and Android cameras join directly.

The format (ZXing's "Barcode Contents", which both system cameras follow) is
``WIFI:T:WPA;S:<name>;P:<password>;;``. Inside a value a backslash, ``;``, ``,``, ``:`` and
``"`` are escaped with a backslash, or a reader would take them for the end of the field or
for quoting. A name made only of hexadecimal digits (``CAFE``, ``2019``) is put in double
quotes, because readers otherwise take it for the hexadecimal bytes of the name. Chinese
names travel as UTF-8, like every other code of roomtui (see ``roomtui.handout.qr``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPECIAL = re.compile(r'([\\;,:"])')
_HEX = re.compile(r"[0-9A-Fa-f]+")

MIN_PASSWORD, MAX_PASSWORD = 8, 63  # WPA2 pass phrases; shorter ones are refused by every phone


@dataclass(frozen=True)
class WifiNetwork:
    """The network phones join: its name (SSID) and WPA password."""

    name: str
    password: str

    def problems(self) -> list[str]:
        """What stops phones from joining this network, in words for the secretary."""
        from roomtui.i18n import _

        problems = []
        if not self.name.strip():
            problems.append(_("The Wi-Fi name is empty."))
        elif len(self.name.encode("utf-8")) > 32:
            problems.append(_("The Wi-Fi name is longer than 32 bytes (a Chinese character takes 3)."))
        if not MIN_PASSWORD <= len(self.password) <= MAX_PASSWORD:
            problems.append(_("The Wi-Fi password must have 8 to 63 characters."))
        if any(ord(c) < 32 or ord(c) == 127 for c in self.name + self.password):
            problems.append(_("The Wi-Fi name and password cannot hold control characters."))
        return problems


def escape_value(value: str) -> str:
    """One field value, escaped as the WIFI: format asks."""
    return _SPECIAL.sub(r"\\\1", value)


def wifi_payload(network: WifiNetwork) -> str:
    """The text of the "Join the Wi-Fi" code for a WPA/WPA2 network."""
    name = escape_value(network.name)
    if _HEX.fullmatch(network.name):
        name = f'"{name}"'
    if not network.password:
        return f"WIFI:T:nopass;S:{name};;"
    return f"WIFI:T:WPA;S:{name};P:{escape_value(network.password)};;"
