"""The room view's hand-out codes: drawn for the room, in solid blocks on a projector-sized
terminal, with a line saying where to stand; and what `roomtui show` and `roomtui handout`
accept to change the drawing."""

from __future__ import annotations

from datetime import datetime

import pytest
from test_handout_decode import decode, region_text, squeeze

from roomtui.cli import main
from roomtui.domain.clock import FrozenClock
from roomtui.domain.demo import build_demo, play_demo
from roomtui.handout.distance import room_sentence
from roomtui.handout.layout import ROOM_MAX_PAGES
from roomtui.handout.render import RenderMode
from roomtui.handout.text import handout_text
from roomtui.store import Archive
from roomtui.tui.room.app import RoomViewApp
from roomtui.tui.room.widgets import HandoutCodes
from roomtui.tui.widgets.qr_code import QRCodeView


def closed_demo(tmp_path, language: str = "en"):
    archive = Archive(tmp_path / "data")
    meeting = play_demo(build_demo(language), FrozenClock(datetime(2019, 11, 22, 9)))
    return archive, archive.create(meeting), meeting


def room(archive, meeting_id, **options) -> RoomViewApp:
    return RoomViewApp(Archive(archive.root, read_only=True), meeting_id, poll_seconds=None, carousel_seconds=None,
                       **options)


async def read_every_page(app, pilot) -> str:
    code = app.screen.query_one(QRCodeView)
    bodies = []
    for k in range(1, len(code.layout.pages) + 1):
        header, body = decode(app, code).split("\n", 1)
        assert header.startswith(f"[{k}/")
        bodies.append(body.removeprefix(code.page.repeated))
        app.screen.query_one(HandoutCodes).turn_page()
        await pilot.pause()
    return "".join(bodies)


async def test_a_larger_room_screen_draws_larger_modules_in_solid_blocks(tmp_path):
    """120x40: half blocks, a column a module; 200x60: solid blocks, two columns a module (twice
    as far), in a round the carousel turns; every page decodes and makes the hand-out."""
    archive, meeting_id, meeting = closed_demo(tmp_path)
    app = room(archive, meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        small = app.screen.query_one(QRCodeView).layout
        assert small.mode is RenderMode.HALF_BLOCK and small.module_columns == 1
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        large = app.screen.query_one(QRCodeView).layout
        assert large.mode is RenderMode.BACKGROUND
        assert large.module_columns >= 2 * small.module_columns and len(large.pages) <= ROOM_MAX_PAGES
        assert await read_every_page(app, pilot) == handout_text(meeting)


@pytest.mark.parametrize("solid, mode", [(False, RenderMode.HALF_BLOCK), (True, RenderMode.BACKGROUND)])
async def test_solid_or_half_blocks_as_asked_at_every_size(tmp_path, solid, mode):
    archive, meeting_id, _meeting = closed_demo(tmp_path)
    app = room(archive, meeting_id, solid=solid)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        layout = app.screen.query_one(QRCodeView).layout
        assert layout.mode is mode and layout.module_columns == 2  # half blocks at scale 2: the same module
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.screen.query_one(QRCodeView).layout.mode is mode


@pytest.mark.parametrize("inches", [None, 60.0])
async def test_the_room_is_told_where_to_stand(tmp_path, inches):
    archive, meeting_id, _meeting = closed_demo(tmp_path, "zh")
    app = room(archive, meeting_id, screen_inches=inches)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        layout = app.screen.query_one(QRCodeView).layout
        said = squeeze(region_text(app, app.screen.query_one("#handout-distance").region))
        assert said and said == squeeze(room_sentence(layout, 200, inches))


async def test_a_default_80x24_terminal_shows_the_codes_at_the_end(tmp_path):
    archive, meeting_id, meeting = closed_demo(tmp_path, "zh")
    app = room(archive, meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-ended") and app.screen.query_one(QRCodeView).layout.fits
        assert await read_every_page(app, pilot) == handout_text(meeting)


def test_roomtui_show_passes_the_drawing_and_the_screen_size(tmp_path, monkeypatch):
    archive, meeting_id, _meeting = closed_demo(tmp_path)
    seen = []
    monkeypatch.setattr(RoomViewApp, "run", lambda self: seen.append((self.solid, self.screen_inches)))
    data = ["--data", str(archive.root)]
    assert main(["show", meeting_id, *data]) == 0
    assert main(["show", meeting_id, "--half-blocks", *data]) == 0
    assert main(["show", meeting_id, "--solid", "--screen-inches", "120", *data]) == 0
    assert seen == [(None, None), (False, None), (True, 120.0)]
    for wrong in (["--solid", "--half-blocks"], ["--screen-inches", "huge"], ["--screen-inches", "0"]):
        with pytest.raises(SystemExit):
            main(["show", meeting_id, *wrong, *data])
