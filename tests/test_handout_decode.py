"""The codes on the screen are read by real decoders and give back the hand-out, exactly.

Each test renders HandoutScreen with Pilot, takes the cells the compositor produced for the
whole screen (characters and their colours, after themes and filters did whatever they do),
turns every cell into two pixels stacked (the top and bottom half of a "▀"), 4x4 pixels per
module, and decodes that picture with zxing-cpp (try_invert=False: a light-on-dark code must
fail) and OpenCV. OpenCV's Python binding hands the byte-mode payload back as a str decoded
as UTF-8 (checked with opencv-python-headless 5.0), so both results are compared as text.

OpenCV has two detectors in front of one decoder. The classic ``QRCodeDetector`` misses about
one perfect synthetic code in ten at the finder-pattern stage (it returns nothing, even for the
bare matrix drawn straight from qrcode), so every code must be read by the Aruco-based
``QRCodeDetectorAruco``, and the classic one may find nothing but must never read other text.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

import cv2
import numpy as np
import pytest
import zxingcpp
from rich.cells import cell_len
from textual.app import App
from textual.widgets import Footer, OptionList

from roomtui.domain.clock import FrozenClock
from roomtui.domain.demo import build_demo, play_demo
from roomtui.handout.distance import table_sentence
from roomtui.handout.layout import ROOM_MAX_PAGES
from roomtui.handout.qr import DEFAULT_MAX_VERSION
from roomtui.handout.render import RenderMode
from roomtui.handout.text import handout_text, response_text
from roomtui.tui.screens.handout import HandoutScreen
from roomtui.tui.widgets.qr_code import QRCodeView

PIXELS = 4  # per module edge; a cell is PIXELS wide and 2 * PIXELS tall
# codes of the demo summary at 120x40 (version 12): in English four since each department is
# named once, departments in the order they first answered; its 1011 bytes no longer cut into
# three pages at line boundaries (twelve bytes a page short). Chinese: three.
TABLE_CODES = {"en": 4, "zh": 3}


@lru_cache(maxsize=None)
def played(language: str):
    return play_demo(build_demo(language), FrozenClock(datetime(2019, 11, 22, 9, 0)))


class HandoutTestApp(App):
    """Just enough app to host the screen, in a chosen theme."""

    def __init__(self, meeting, theme: str = "textual-dark", **screen_options) -> None:
        super().__init__()
        self.meeting = meeting
        self.wanted_theme = theme
        self.screen_options = screen_options

    def on_mount(self) -> None:
        self.theme = self.wanted_theme
        self.push_screen(HandoutScreen(self.meeting, **self.screen_options))


# -- from the compositor's cells to pixels to text --------------------------------------------
def screen_cells(app):
    """Rows of (char, fg, bg) for the whole screen, wide characters spread over their cells."""
    rows = []
    for strip in app.screen._compositor.render_strips():
        row = []
        for segment in strip:
            style = segment.style
            fg = style.color.get_truecolor() if style and style.color else None
            bg = style.bgcolor.get_truecolor() if style and style.bgcolor else None
            for char in segment.text:
                row += [(char, fg, bg)] * cell_len(char)
        rows.append(row)
    return rows


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def region_text(app, region) -> str:
    lines = app.screen._compositor.render_strips()[region.y:region.bottom]
    return "\n".join(line.crop(region.x, region.right).text for line in lines)


def squeeze(text: str) -> str:
    """Text without its spaces and line breaks, to compare it with a wrapped copy."""
    return "".join(text.split())


def grey(colour) -> int:
    if colour is None:
        return 128  # "whatever the terminal does": neither black nor white
    red, green, blue = colour
    return int(0.299 * red + 0.587 * green + 0.114 * blue)


def halves(char: str, fg, bg):
    return {"▀": (fg, bg), "▄": (bg, fg), "█": (fg, fg)}.get(char, (bg, bg))


def region_image(app, region) -> np.ndarray:
    """Grey pixels for the cells of ``region``: two stacked per cell, PIXELS x PIXELS each."""
    rows = [row[region.x:region.right] for row in screen_cells(app)[region.y:region.bottom]]
    halves_grid = []
    for row in rows:
        pairs = [halves(char, fg, bg) for char, fg, bg in row]
        halves_grid.append([grey(top) for top, _ in pairs])
        halves_grid.append([grey(bottom) for _, bottom in pairs])
    image = np.array(halves_grid, dtype=np.uint8)
    return np.repeat(np.repeat(image, PIXELS, axis=0), PIXELS, axis=1)


def region_colours(app, region) -> set:
    cells = screen_cells(app)
    return {colour for row in cells[region.y:region.bottom] for _, fg, bg in row[region.x:region.right]
            for colour in (fg, bg)}


def decode(app, code: QRCodeView) -> str:
    """The text both decoders read off the code's area; they must agree."""
    image = region_image(app, code.region)
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode, try_invert=False)
    assert len(found) == 1, "zxing-cpp did not find exactly one code"
    assert found[0].extra.get("Version") == str(code.layout.version)
    text = found[0].text
    assert found[0].bytes.decode("utf-8") == text
    opencv = cv2.QRCodeDetectorAruco().detectAndDecode(image)[0]
    assert opencv == text, "OpenCV read something else"
    assert cv2.QRCodeDetector().detectAndDecode(image)[0] in ("", text)
    return text


async def read_all_pages(app, pilot, code: QRCodeView) -> list[tuple[str, str]]:
    """(header, body) of every page, turning pages with the right arrow; a page that opens
    among an issue's commitments repeats the issue's line first, which is not the body's."""
    pages = []
    for _ in code.layout.pages:
        header, body = decode(app, code).split("\n", 1)
        assert body.startswith(code.page.repeated)
        body = body.removeprefix(code.page.repeated)
        if not app.screen.has_class("-full-screen"):
            assert squeeze(header) == squeeze(region_text(app, app.screen.query_one("#handout-header").region))
        pages.append((header, body))
        await pilot.press("right")
        await pilot.pause()
    return pages


def code_of(app) -> QRCodeView:
    return app.screen.query_one("#handout-code", QRCodeView)


TAG = {"en": "Tongjiang 2019-11-22", "zh": "通江县政协 2019-11-22"}


# -- the hand-out pages ---------------------------------------------------------------------
@pytest.mark.parametrize("language, size, theme, full_screen", [
    ("en", (120, 40), "textual-dark", False),
    ("zh", (120, 40), "textual-light", False),
    ("en", (200, 60), "textual-light", True),
    ("zh", (200, 60), "textual-dark", True),
])
async def test_every_page_decodes_and_the_pages_make_the_handout(language, size, theme, full_screen):
    meeting = played(language)
    app = HandoutTestApp(meeting, theme=theme)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.theme == theme
        if full_screen:
            await pilot.press("f")
            await pilot.pause()
        code = code_of(app)
        assert region_colours(app, code.region) == {(0, 0, 0), (255, 255, 255)}
        assert code.layout.version <= DEFAULT_MAX_VERSION
        pages = await read_all_pages(app, pilot, code)
        total = len(pages)
        if full_screen:  # for the room: the largest modules in a round the carousel turns
            assert 2 <= total <= ROOM_MAX_PAGES and code.layout.module_columns >= 2
        else:
            assert 2 <= total <= TABLE_CODES[language]  # at the table, the summary in three or four scans
        assert [h for h, _ in pages] == [f"[1/{total}]"] + [f"[{k}/{total}] {TAG[language]}" for k in range(2, total + 1)]
        assert pages[0][1].startswith(meeting.title + "\n2019-11-22 09:00")  # page 1 carries the title
        assert "".join(body for _, body in pages) == handout_text(meeting)
        assert code.page_index == 0  # past the last page comes the first again


async def test_each_response_has_its_own_code():
    for language, theme in (("en", "textual-light"), ("zh", "textual-dark")):
        meeting = played(language)
        assert len(meeting.responses) >= 5
        app = HandoutTestApp(meeting, theme=theme)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("r")
            await pilot.pause()
            screen = app.screen
            assert screen.query_one("#handout-responses", OptionList).display
            code = code_of(app)
            for number, response in enumerate(meeting.responses):
                if number:
                    await pilot.press("down")
                    await pilot.pause()
                assert screen.response is response
                pages = await read_all_pages(app, pilot, code)
                assert len(pages) == 1  # one code, one answer, at 120x40
                assert pages == [(TAG[language], response_text(meeting, response))]
                assert f"#{response.issue_id}" in screen_text(app)
            await pilot.press("enter")
            await pilot.pause()
            assert not screen.query_one("#handout-responses", OptionList).display
            assert screen.response is meeting.responses[-1]
            await pilot.press("escape")
            await pilot.pause()
            assert screen.response is None and app.screen is screen
            assert decode(app, code).split("\n", 1)[1] == code.layout.pages[0].body
            assert handout_text(meeting).startswith(code.layout.pages[0].body)


async def test_background_mode_decodes():
    meeting = played("zh")
    app = HandoutTestApp(meeting, theme="textual-dark")
    async with app.run_test(size=(300, 100)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        code = code_of(app)
        assert code.mode is RenderMode.BACKGROUND
        cells = screen_cells(app)[code.region.y:code.region.bottom]
        assert {char for row in cells for char, _, _ in row[code.region.x:code.region.right]} == {" "}
        pages = await read_all_pages(app, pilot, code)
        assert "".join(body for _, body in pages) == handout_text(meeting)


# -- sizes ----------------------------------------------------------------------------------
async def test_too_small_says_how_large_and_that_size_works():
    meeting = played("en")
    app = HandoutTestApp(meeting)
    async with app.run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        code = code_of(app)
        assert not code.layout.fits
        text = region_text(app, code.region)
        assert "▀" not in text
        found = re.search(r"at least (\d+)×(\d+) \(now 70×20\)", " ".join(text.split()))
        assert found, text
        await pilot.press("f")  # full screen is not enough either at this size
        await pilot.pause()
        assert not code.layout.fits and "Too small" in screen_text(app)
        await pilot.press("f")
        await pilot.resize_terminal(int(found[1]), int(found[2]))
        await pilot.pause()
        assert code.layout.fits
        assert decode(app, code).split("\n", 1)[1] == code.layout.pages[0].body


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_a_default_80x24_terminal_hands_out_every_page(language):
    """A default terminal still hands out: smaller codes, more pages, the header beside the
    code; in full screen too. Every page decodes and the pages make the hand-out."""
    meeting = played(language)
    app = HandoutTestApp(meeting)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        code = code_of(app)
        assert code.layout.fits and code.layout.version <= 5 and "Too small" not in screen_text(app)
        pages = await read_all_pages(app, pilot, code)  # each header also read off the side column
        assert "".join(body for _, body in pages) == handout_text(meeting)
        await pilot.press("f")
        await pilot.pause()
        assert code.layout.fits and decode(app, code).split("\n", 1)[0] == code.page.header


async def test_resizing_recuts_the_pages_and_keeps_the_place():
    meeting = played("en")
    app = HandoutTestApp(meeting)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        code = code_of(app)
        big = code.layout
        await pilot.press("right", "right")
        await pilot.pause()
        reading = sum(len(p.body) for p in big.pages[:2])  # first character of page 3
        await pilot.resize_terminal(100, 45)
        await pilot.pause()
        small = code.layout
        assert small.version < big.version and len(small.pages) > len(big.pages)
        start = sum(len(p.body) for p in small.pages[:code.page_index])
        assert start <= reading < start + len(code.page.body)
        header, body = decode(app, code).split("\n", 1)
        assert header.startswith(f"[{code.page_index + 1}/{len(small.pages)}]") and body == code.page.body


async def test_full_screen_leaves_only_the_code():
    meeting = played("zh")
    app = HandoutTestApp(meeting)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        code = code_of(app)
        before = code.layout
        await pilot.press("f")
        await pilot.pause()
        assert code.region == app.screen.region
        assert not app.screen.query_one(Footer).display
        assert region_colours(app, app.screen.region) == {(0, 0, 0), (255, 255, 255)}
        # full screen never makes the code denser; here it has no room for larger modules either
        assert code.layout.version <= before.version and code.layout.scale >= before.scale
        assert len(code.layout.pages) <= len(before.pages)
        assert decode(app, code).split("\n", 1)[1] == code.page.body
        await pilot.press("escape")
        await pilot.pause()
        assert code.region != app.screen.region and isinstance(app.screen, HandoutScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HandoutScreen)


async def test_maximum_version_keys():
    meeting = played("en")
    app = HandoutTestApp(meeting, max_version=12)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        code = code_of(app)
        assert code.layout.version <= 12
        assert "Denser than usual" not in screen_text(app)
        await pilot.press("plus", "plus")
        await pilot.pause()
        assert code.max_version == 14 and code.layout.version <= 14
        assert "Denser than usual: phones must come closer." in " ".join(screen_text(app).split())
        await pilot.press(*["minus"] * 10)
        await pilot.pause()
        assert code.max_version == 4 and not code.layout.fits
        assert "Version 4 is too small for a readable page" in " ".join(screen_text(app).split())
        await pilot.press("plus")
        await pilot.pause()
        assert code.layout.fits and code.layout.version == 5
        assert decode(app, code).split("\n", 1)[1] == code.page.body


def side_text(app) -> str:
    return " ".join(region_text(app, app.screen.query_one("#handout-side").region).split())


async def test_the_screen_says_how_far_phones_read_and_once_how_to_beat_stripes():
    """The distance follows the module drawn: one column at 120x40, two at 330x100 (twice as
    far off the laptop); full screen at 200x60 draws for the room, and says so."""
    meeting = played("en")
    stripes = "If the code shows stripes, press m"
    for size, columns, far in (((120, 40), 1, "to 0.5 m off a laptop"), ((330, 100), 2, "to 0.9 m off a laptop")):
        app = HandoutTestApp(meeting)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            text = side_text(app)
            assert code_of(app).layout.module_columns == columns
            assert far in text and "version" not in text.lower()
            assert squeeze(table_sentence(code_of(app).layout, size[0])) in squeeze(text)
            assert stripes in text  # the first hand-out screen of the app's run says it
            await app.push_screen(HandoutScreen(meeting))
            await pilot.pause()
            assert stripes not in side_text(app) and far in side_text(app)  # and only that one
    app = HandoutTestApp(meeting)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        assert code_of(app).layout.module_columns == 1  # at the table: the fewest pages
        await pilot.press("f")
        await pilot.pause()
        layout = code_of(app).layout
        assert layout.module_columns == 2 and len(layout.pages) <= ROOM_MAX_PAGES
        await pilot.press("f")
        await pilot.pause()
        assert code_of(app).layout.module_columns == 1


async def test_carousel_turns_pages_until_stopped():
    meeting = played("en")
    app = HandoutTestApp(meeting, carousel_seconds=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        code = code_of(app)
        await pilot.pause(0.2)
        assert code.page_index == 0  # off until asked for
        await pilot.press("c")
        for _ in range(100):
            await pilot.pause(0.05)
            if code.page_index >= 2:
                break
        assert code.page_index >= 2
        assert "Carousel" in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        stopped_at = code.page_index
        await pilot.pause(0.3)
        assert code.page_index == stopped_at
