"""The hotspot's name and password, asked once and remembered in the data folder.

The file holds a Wi-Fi password, so it is written like a meeting file (atomically, through
``roomtui.store.storage.atomic_write``) and readable by its owner only (0600).
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from roomtui.safe_read import read_regular
from roomtui.share.wifi import WifiNetwork
from roomtui.store.storage import atomic_write, owner_only

FILENAME = "share.json"
MAX_BYTES = 16 * 1024  # a name and a password: anything larger is not this file
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud or typed without doubt


def settings_path(data_folder: Path) -> Path:
    return Path(data_folder) / FILENAME


def load_network(data_folder: Path) -> WifiNetwork | None:
    """The remembered hotspot, or None when there is none (or the file is unreadable)."""
    try:
        data = json.loads(read_regular(settings_path(data_folder), MAX_BYTES).decode("utf-8"))
        network = WifiNetwork(str(data["wifi_name"]), str(data["wifi_password"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return None if network.problems() else network


def save_network(data_folder: Path, network: WifiNetwork) -> Path:
    path = settings_path(data_folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps({"wifi_name": network.name, "wifi_password": network.password},
                         ensure_ascii=False, indent=2).encode("utf-8")
    atomic_write(path, payload)
    owner_only(path, 0o600)
    return path


def suggested_network() -> WifiNetwork:
    """A fresh name and password for a hotspot roomtui starts itself."""
    suffix = "".join(secrets.choice(_ALPHABET) for _ in range(4))
    password = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    return WifiNetwork(f"roomtui-{suffix}", password)
