"""Every hand-out page of the played demo reads through a simulated phone camera.

The cells come from the real hand-out screen (Pilot, the compositor's output, themes and all);
``handout_camera`` draws them as a terminal would with DejaVu Sans Mono, at line spacing 1.0
and 1.2 (the gap filled with the cell's background), and for the solid-block drawing at 1.2
with the theme's colour in the gap (the stripes that defeat half blocks); then a slight
perspective, a Gaussian blur, JPEG quality 70, the symbol 250 or 400 pixels wide in a 1280x720
frame. zxing-cpp (no inversion, as Android's reader) must read every page with exactly the
page's text; OpenCV, a weaker detector, may miss a blurred code but must never read anything
else. ``python tests/handout_camera.py`` prints the full table, 150 px included.

Then the sizes the layout chooses by: the room view at 200x60 (solid blocks, two columns a
module) reads at the same frame sizes with the projector theme's black between lines and
without; its module is at least twice the one at 120x40; every page a default 80x24 terminal
hands out reads; and the distance band the screens say is where the simulation reads (the code
as wide in the frame as it would be at the band's near and far ends).
"""

from __future__ import annotations

import pytest
from datetime import datetime

from handout_camera import Terminal, photograph, read_opencv, read_zxing, render_screen, symbol_box
from test_handout_decode import HandoutTestApp, code_of, played, screen_cells

from roomtui.handout.distance import CLOSEST_CODE_PIXELS, PIXELS_PER_MODULE, reading_band, screen_column_mm
from roomtui.handout.qr import side
from roomtui.handout.render import RenderMode

# (symbol width in the frame, blur sigma in frame pixels) that every page must survive
CONDITIONS = [(250, 1.5), (400, 0.8)]
HALF_BLOCK_TERMINALS = [Terminal(1.0), Terminal(1.2)]
SOLID_TERMINALS = [Terminal(1.2, "dark"), Terminal(1.2, "light")]
LAPTOP = (120, 40)
SOLID_SIZE = (180, 74)  # solid blocks take a row per module: the digest's codes need 73 rows


async def capture(language: str, mode: RenderMode, size: tuple[int, int], theme: str):
    """(page text, cells of the code's area) for every page the screen shows."""
    meeting = played(language)
    app = HandoutTestApp(meeting, theme=theme, mode=mode)
    pages = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        code = code_of(app)
        assert code.layout.fits and code.mode is mode
        region = code.region
        for page in code.layout.pages:
            assert code.page == page
            rows = screen_cells(app)[region.y:region.bottom]
            pages.append((page.payload, [row[region.x:region.right] for row in rows]))
            await pilot.press("right")
            await pilot.pause()
    return pages


def photographed_reads(cells, terminal: Terminal, width: int, sigma: float, seed: int):
    screen, cell_width, cell_height = render_screen(cells, terminal)
    box = symbol_box(cells, cell_width, cell_height)
    frame = photograph(screen, box, width, sigma, seed=seed)
    return read_zxing(frame), read_opencv(frame)


@pytest.fixture(scope="module")
def captured():
    """Captured once per module: the Pilot runs are the slow part."""
    import asyncio

    result = {}
    for language, theme in (("en", "textual-dark"), ("zh", "textual-light")):
        result[language, RenderMode.HALF_BLOCK] = asyncio.run(capture(language, RenderMode.HALF_BLOCK, LAPTOP, theme))
        result[language, RenderMode.BACKGROUND] = asyncio.run(capture(language, RenderMode.BACKGROUND, SOLID_SIZE, theme))
    return result


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("mode, terminals", [(RenderMode.HALF_BLOCK, HALF_BLOCK_TERMINALS),
                                             (RenderMode.BACKGROUND, SOLID_TERMINALS)],
                         ids=["half-block", "solid"])
def test_every_page_reads_through_a_phone_camera(captured, language, mode, terminals):
    pages = captured[language, mode]
    assert 1 <= len(pages) <= {"en": 4, "zh": 3}[language]  # test_handout_decode.TABLE_CODES
    failures = []
    for number, (payload, cells) in enumerate(pages, 1):
        for terminal in terminals:
            for width, sigma in CONDITIONS:
                zxing, opencv = photographed_reads(cells, terminal, width, sigma, seed=number)
                if zxing != payload:
                    failures.append(f"page {number}, {terminal}, {width} px, sigma {sigma}: zxing read {zxing!r:.40}")
                assert opencv in (None, payload), "OpenCV read other text"
    assert not failures, "\n".join(failures)


def test_the_solid_drawing_has_no_glyph_to_stripe(captured):
    """Solid blocks are backgrounds only: a gap between lines can only fall between modules."""
    for language in ("en", "zh"):
        for _, cells in captured[language, RenderMode.BACKGROUND]:
            assert {char for row in cells for char, _, _ in row} == {" "}


# -- the sizes the layout chooses by ------------------------------------------------------------
ROOM_TERMINALS = [Terminal(1.0), Terminal(1.2, "dark")]  # the projector theme paints its black between lines
# A sharp 400-pixel frame of two-column solid modules with a dark gap resolves the stripes and
# reads nothing (350 px neither; 300 px reads): the room's frame sizes are the far 250 px and the
# near 300 px, which is where handout.distance puts the near end of the band (CLOSEST_CODE_PIXELS).
ROOM_CONDITIONS = [(250, 1.5), (CLOSEST_CODE_PIXELS, 0.8)]


async def capture_room(language: str, size: tuple[int, int], tmp_path):
    """(layout, [(page text, cells)]) of the room view's hand-out codes after the meeting."""
    from roomtui.domain.clock import FrozenClock
    from roomtui.domain.demo import build_demo, play_demo
    from roomtui.store import Archive
    from roomtui.tui.room.app import RoomViewApp
    from roomtui.tui.room.widgets import HandoutCodes
    from roomtui.tui.widgets.qr_code import QRCodeView

    archive = Archive(tmp_path / language)
    meeting_id = archive.create(play_demo(build_demo(language), FrozenClock(datetime(2019, 11, 22, 9))))
    app = RoomViewApp(Archive(archive.root, read_only=True), meeting_id, poll_seconds=None, carousel_seconds=None)
    pages = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        code = app.screen.query_one(QRCodeView)
        layout, region = code.layout, code.region
        for page in layout.pages:
            assert code.page == page
            rows = screen_cells(app)[region.y:region.bottom]
            pages.append((page.payload, [row[region.x:region.right] for row in rows]))
            app.screen.query_one(HandoutCodes).turn_page()
            await pilot.pause()
    return layout, pages


@pytest.fixture(scope="module")
def room_captured(tmp_path_factory):
    import asyncio

    folder = tmp_path_factory.mktemp("room")
    return {(language, size): asyncio.run(capture_room(language, size, folder / f"{size[0]}"))
            for language in ("en", "zh") for size in ((120, 40), (200, 60))}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_room_view_at_200x60_reads_with_and_without_the_theme_between_lines(room_captured, language):
    small, _ = room_captured[language, (120, 40)]
    layout, pages = room_captured[language, (200, 60)]
    assert layout.mode is RenderMode.BACKGROUND and layout.module_columns >= 2 * small.module_columns
    failures = []
    for number, (payload, cells) in enumerate(pages, 1):
        assert {char for row in cells for char, _, _ in row} == {" "}  # backgrounds only: nothing to stripe
        for terminal in ROOM_TERMINALS:
            for width, sigma in ROOM_CONDITIONS:
                zxing, opencv = photographed_reads(cells, terminal, width, sigma, seed=number)
                if zxing != payload:
                    failures.append(f"page {number}, {terminal}, {width} px, sigma {sigma}: zxing read {zxing!r:.40}")
                assert opencv in (None, payload), "OpenCV read other text"
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_page_a_default_80x24_terminal_hands_out_reads(language):
    """The hand-out view at 80x24: small codes, many pages, each read at spacing 1.0 and 1.2
    (a 250-pixel symbol, slightly blurred)."""
    import asyncio

    pages = asyncio.run(capture(language, RenderMode.HALF_BLOCK, (80, 24), "textual-dark"))
    assert len(pages) > 3
    failures = []
    for number, (payload, cells) in enumerate(pages, 1):
        for terminal in HALF_BLOCK_TERMINALS:
            zxing, opencv = photographed_reads(cells, terminal, 250, 1.5, seed=number)
            if zxing != payload:
                failures.append(f"page {number}, {terminal}: zxing read {zxing!r:.40}")
            assert opencv in (None, payload), "OpenCV read other text"
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("size", [(120, 40), (200, 60)])
def test_the_distance_said_is_where_the_camera_reads(room_captured, size):
    """At the band's far end a module covers PIXELS_PER_MODULE pixels of the frame, at its near
    end the symbol CLOSEST_CODE_PIXELS: the code photographed that large reads (a blur of one
    pixel, the projector theme between lines), and the band is the one the module size gives."""
    layout, pages = room_captured["en", size]
    column = screen_column_mm(100, size[0])
    near, far = reading_band(layout, column)
    module_mm = layout.module_columns * column
    assert far == pytest.approx(module_mm * 0.985 / PIXELS_PER_MODULE, rel=0.01)
    assert near == pytest.approx(side(layout.version) * module_mm * 0.985 / CLOSEST_CODE_PIXELS, rel=0.01)
    far_pixels = round(side(layout.version) * PIXELS_PER_MODULE)
    for number, (payload, cells) in enumerate(pages[:2], 1):
        for width in (far_pixels, CLOSEST_CODE_PIXELS):
            zxing, _ = photographed_reads(cells, Terminal(1.2, "dark") if layout.mode is RenderMode.BACKGROUND
                                          else Terminal(1.0), width, 1.0, seed=number)
            assert zxing == payload, f"page {number} at {width} px"
