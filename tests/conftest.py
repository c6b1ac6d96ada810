"""Shared fixtures: a frozen clock at the demo council's start and a fresh data folder."""

from __future__ import annotations

from datetime import datetime

import pytest

from roomtui.domain.clock import FrozenClock
from roomtui.i18n import set_language
from roomtui.store import Archive

COUNCIL_START = datetime(2019, 11, 22, 9, 0)


@pytest.fixture(autouse=True)
def english_interface(monkeypatch):
    """Each test starts with the English interface, whatever the one before it or the machine chose."""
    monkeypatch.setenv("ROOMTUI_LANG", "en")
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(autouse=True)
def no_real_nmcli(monkeypatch, tmp_path_factory):
    """No test may change the machine's network: only a fake ``nmcli`` from a temporary folder
    (see tests/test_share_network.py) is ever found, never the system's."""
    import shutil

    from roomtui.share import hotspot

    base = str(tmp_path_factory.getbasetemp())

    def fake_only() -> str | None:
        path = shutil.which("nmcli")
        return path if path and path.startswith(base) else None

    monkeypatch.setattr(hotspot, "nmcli_path", fake_only)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(COUNCIL_START)


@pytest.fixture
def archive(tmp_path) -> Archive:
    return Archive(tmp_path / "data")
