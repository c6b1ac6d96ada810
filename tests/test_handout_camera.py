"""Every hand-out page of the played demo reads through a simulated phone camera.

The cells come from the real hand-out screen (Pilot, the compositor's output, themes and all);
``handout_camera`` draws them as a terminal would with DejaVu Sans Mono, at line spacing 1.0
and 1.2 (the gap filled with the cell's background), and for the solid-block drawing at 1.2
with the theme's colour in the gap (the stripes that defeat half blocks); then a slight
perspective, a Gaussian blur, JPEG quality 70, the symbol 250 or 400 pixels wide in a 1280x720
frame. zxing-cpp (no inversion, as Android's reader) must read every page with exactly the
page's text; OpenCV, a weaker detector, may miss a blurred code but must never read anything
else. ``python tests/handout_camera.py`` prints the full table, 150 px included.
"""

from __future__ import annotations

import pytest
from handout_camera import Terminal, photograph, read_opencv, read_zxing, render_screen, symbol_box
from test_handout_decode import HandoutTestApp, code_of, played, screen_cells

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
    assert 1 <= len(pages) <= 3
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
