"""Switching on a Wi-Fi hotspot with NetworkManager's ``nmcli``, only after the secretary agrees.

roomtui never changes the network by itself: ``hotspot_command`` builds the exact command,
the app or the terminal shows it and asks, and only then ``start_hotspot`` runs it. Elsewhere
(Windows, macOS, Linux without NetworkManager) the secretary switches the system hotspot on
by hand, following ``manual_steps``, and types its name and password once (see ``settings``).

``nmcli -t`` output separates fields with ``:`` and escapes a ``:`` inside a value as ``\\:``;
``split_terse`` undoes that, so a Wi-Fi name with a colon survives.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass

from roomtui.share.wifi import WifiNetwork

TIMEOUT = 30.0  # seconds: starting a hotspot takes a few


@dataclass(frozen=True)
class NmcliResult:
    ok: bool
    output: str


def nmcli_path() -> str | None:
    return shutil.which("nmcli")


def split_terse(line: str) -> list[str]:
    """One line of ``nmcli -t`` output as its fields (``\\:`` and ``\\\\`` unescaped)."""
    fields, current, escaped = [], [], False
    for char in line:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ":":
            fields.append("".join(current))
            current = []
        else:
            current.append(char)
    fields.append("".join(current))
    return fields


def _run(arguments: list[str], timeout: float = 10.0) -> NmcliResult:
    nmcli = nmcli_path()
    if nmcli is None:
        return NmcliResult(False, "nmcli not found")
    try:
        done = subprocess.run([nmcli, *arguments], capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError) as error:
        return NmcliResult(False, str(error))
    return NmcliResult(done.returncode == 0, (done.stdout + done.stderr).strip())


def wifi_devices() -> list[str]:
    """Wi-Fi devices NetworkManager manages (``wlan0``, ``wlp2s0``...)."""
    result = _run(["-t", "-f", "DEVICE,TYPE", "device"])
    if not result.ok:
        return []
    return [fields[0] for fields in map(split_terse, result.output.splitlines())
            if len(fields) >= 2 and fields[1] == "wifi"]


def active_hotspot() -> tuple[str, WifiNetwork | None] | None:
    """(device, network) of a hotspot NetworkManager is running now, or None.

    The password is read with ``-s`` (NetworkManager asks for no extra permission for a
    connection the user created); when it cannot be read the network is None."""
    result = _run(["-t", "-f", "NAME,TYPE,DEVICE", "connection", "show", "--active"])
    if not result.ok:
        return None
    for fields in map(split_terse, result.output.splitlines()):
        if len(fields) < 3 or fields[1] != "802-11-wireless":
            continue
        details = _run(["-s", "-t", "-f", "802-11-wireless.mode,802-11-wireless.ssid,"
                        "802-11-wireless-security.psk", "connection", "show", fields[0]])
        values = {}
        for line in details.output.splitlines() if details.ok else []:
            key, _, value = line.partition(":")
            values[key] = split_terse(value)[0] if value else ""
        if values.get("802-11-wireless.mode") == "ap":
            ssid, psk = values.get("802-11-wireless.ssid", ""), values.get("802-11-wireless-security.psk", "")
            return fields[2], (WifiNetwork(ssid, psk) if ssid and psk else None)
    return None


def current_wifi_name() -> str | None:
    """The name of the Wi-Fi network the laptop has joined, when NetworkManager knows it."""
    result = _run(["-t", "-f", "ACTIVE,SSID", "device", "wifi"])
    if not result.ok:
        return None
    for fields in map(split_terse, result.output.splitlines()):
        if len(fields) >= 2 and fields[0] == "yes" and fields[1]:
            return fields[1]
    return None


def hotspot_command(network: WifiNetwork, device: str | None = None) -> list[str]:
    """The exact command that switches the hotspot on (shown to the secretary before it runs)."""
    command = ["nmcli", "device", "wifi", "hotspot"]
    if device:
        command += ["ifname", device]
    return command + ["con-name", "roomtui-hotspot", "ssid", network.name, "password", network.password]


def shown(command: list[str]) -> str:
    """The command as the secretary could type it in a shell."""
    return shlex.join(command)


def start_hotspot(command: list[str]) -> NmcliResult:
    """Run a command made by ``hotspot_command`` (blocking: call it from a worker thread)."""
    if not command or command[0] != "nmcli":
        raise ValueError("only an nmcli command made by hotspot_command is run")
    return _run(command[1:], timeout=TIMEOUT)


def manual_steps(platform: str = sys.platform) -> list[str]:
    """How to switch the system's own hotspot on, for the secretary, in the interface language."""
    from roomtui.i18n import _

    if platform == "win32":
        return [_("Open Settings > Network & internet > Mobile hotspot."),
                _("Under Properties, Edit: note the network name and password (change them if you like)."),
                _("Switch Mobile hotspot on (it can share even with no internet connection)."),
                _("If Windows asks whether Python may use networks, allow private networks.")]
    if platform == "darwin":
        return [_("Open System Settings > General > Sharing > Internet Sharing (needs a cable or other "
                  "connection to share from, or use an iPhone's Personal Hotspot instead)."),
                _("Share to computers using Wi-Fi; under Wi-Fi Options set a name and a WPA2 password."),
                _("Switch Internet Sharing on.")]
    return [_("Open the network settings and choose Wi-Fi > Turn On Wi-Fi Hotspot (GNOME), or run: "
              "nmcli device wifi hotspot ssid NAME password PASSWORD"),
            _("Note the network name and password it shows.")]
