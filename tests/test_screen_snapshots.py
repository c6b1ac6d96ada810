"""Snapshots of the prepare and hand-out screens with Chinese content, at 80x24 and 120x40."""

from __future__ import annotations

from roomtui.domain.demo import build_demo, play_demo
from roomtui.domain.clock import FrozenClock
from roomtui.store import Archive
from roomtui.tui.app import RoomApp

from conftest import COUNCIL_START


def _app(tmp_path, meeting, view):
    archive = Archive(tmp_path / "data")
    meeting_id = archive.create(meeting)
    return RoomApp(archive, meeting_id=meeting_id, clock=FrozenClock(COUNCIL_START), view=view)


def test_prepare_participants_80x24_zh(snap_compare, tmp_path):
    assert snap_compare(_app(tmp_path, build_demo("zh"), "prepare"), press=["2"], terminal_size=(80, 24))


def test_prepare_agenda_120x40_zh(snap_compare, tmp_path):
    assert snap_compare(_app(tmp_path, build_demo("zh"), "prepare"), press=["3"], terminal_size=(120, 40))


def test_handout_120x40_zh(snap_compare, tmp_path):
    meeting = play_demo(build_demo("zh"), FrozenClock(COUNCIL_START))
    assert snap_compare(_app(tmp_path, meeting, "handout"), terminal_size=(120, 40))
