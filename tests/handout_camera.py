"""A phone camera pointed at a terminal, simulated: how a hand-out code really gets read.

The decode tests read the cells exactly, one pixel block per half cell. A phone sees something
else: glyphs drawn by a real monospace font (whose "▀" need not fill the cell exactly), the
terminal's line spacing (the gap below each line filled with the cell's background or with the
theme's colour), a code a few hundred pixels wide in a 1280x720 frame, held at a slight angle,
a little out of focus, then JPEG-compressed. This module renders captured cells that way and
hands the frame to zxing-cpp (no inversion) and OpenCV.

The font is DejaVu Sans Mono as matplotlib ships it (a test dependency), else the system's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

FRAME = (1280, 720)
FONT_PX = 20  # rendering size; the frame is scaled afterwards, so this only sets the detail
ROOM = 60  # grey of the room around the screen in the frame
THEME_GAP = {"dark": (30, 30, 30), "light": (240, 240, 240)}


@lru_cache(maxsize=1)
def font_path() -> Path:
    candidates = []
    try:
        import matplotlib

        candidates.append(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSansMono.ttf")
    except ImportError:
        pass
    candidates += [Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"),
                   Path("/usr/share/fonts/TTF/DejaVuSansMono.ttf")]
    for path in candidates:
        if path.exists():
            return path
    raise FileNotFoundError("DejaVu Sans Mono not found: pip install matplotlib (the test extra has it)")


@lru_cache(maxsize=1)
def font() -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path()), FONT_PX)


@dataclass(frozen=True)
class Terminal:
    """How a terminal draws lines: ``spacing`` is the line height over the font's own height;
    ``gap`` is what fills the extra: "cell" (the cell's background) or "dark"/"light" (the
    theme's colour, leaving stripes between lines)."""

    spacing: float = 1.0
    gap: str = "cell"

    def __str__(self) -> str:
        return f"spacing {self.spacing:g}, gap {self.gap}"


def render_screen(cells, terminal: Terminal) -> tuple[np.ndarray, float, float]:
    """Cells (rows of (char, fg, bg), colours as RGB tuples or None) as a greyscale picture
    of the terminal; returns it with the cell width and height in pixels."""
    face = font()
    ascent, descent = face.getmetrics()
    natural = ascent + descent
    width = round(face.getlength("M"))
    height = round(natural * terminal.spacing)
    columns = max(len(row) for row in cells)
    image = Image.new("L", (columns * width, len(cells) * height), _grey(THEME_GAP.get(terminal.gap, (0, 0, 0))))
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(cells):
        top = y * height
        bottom = top + (height if terminal.gap == "cell" else natural)
        for x, (char, fg, bg) in enumerate(row):
            left = x * width
            draw.rectangle((left, top, left + width - 1, bottom - 1), fill=_grey(bg, 20))
            if char.strip():
                draw.text((left, top), char, font=face, fill=_grey(fg, 230), anchor="la")
    return np.asarray(image), width, height


def photograph(screen: np.ndarray, box: tuple[float, float, float, float], code_px: int, sigma: float,
               *, quality: int = 70, tilt: float = 0.04, seed: int = 0) -> np.ndarray:
    """The frame a phone takes: ``box`` (left, top, right, bottom, in screen pixels) is the
    symbol, scaled to ``code_px`` wide and centred in a 1280x720 frame of a grey room, seen at
    a slight angle (corners moved by about ``tilt`` of the code's size), blurred with a Gaussian
    of ``sigma`` frame pixels, then stored as JPEG of ``quality``."""
    left, top, right, bottom = box
    factor = code_px / (right - left)
    centre = ((left + right) / 2 * factor, (top + bottom) / 2 * factor)
    scaled = cv2.resize(screen, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    frame_w, frame_h = FRAME
    shift = np.float32([[1, 0, frame_w / 2 - centre[0]], [0, 1, frame_h / 2 - centre[1]]])
    frame = cv2.warpAffine(scaled, shift, FRAME, flags=cv2.INTER_LINEAR, borderValue=ROOM)
    rng = np.random.default_rng(seed)
    half = code_px / 2
    corners = np.float32([[frame_w / 2 - half, frame_h / 2 - half], [frame_w / 2 + half, frame_h / 2 - half],
                          [frame_w / 2 + half, frame_h / 2 + half], [frame_w / 2 - half, frame_h / 2 + half]])
    # a phone held a little below and to the side: the far edge shorter, every corner a bit off
    moved = corners + np.float32([[tilt, tilt], [-tilt, tilt / 2], [0, 0], [0, 0]]) * code_px
    moved += rng.uniform(-tilt / 3, tilt / 3, size=(4, 2)).astype(np.float32) * code_px
    warp = cv2.getPerspectiveTransform(corners, moved)
    frame = cv2.warpPerspective(frame, warp, FRAME, flags=cv2.INTER_LINEAR, borderValue=ROOM)
    if sigma > 0:
        frame = cv2.GaussianBlur(frame, (0, 0), sigma)
    ok, jpeg = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)


def read_zxing(frame: np.ndarray) -> str | None:
    found = zxingcpp.read_barcodes(frame, formats=zxingcpp.BarcodeFormat.QRCode, try_invert=False)
    return found[0].text if len(found) == 1 else None


def read_opencv(frame: np.ndarray) -> str | None:
    text = cv2.QRCodeDetectorAruco().detectAndDecode(frame)[0]
    return text or None


def symbol_box(cells, cell_width: float, cell_height: float) -> tuple[float, float, float, float]:
    """Pixels (left, top, right, bottom) of the cells holding dark modules: the symbol without
    its quiet zone. Taken from the cells, not the picture, where a dark theme's stripes would
    look like modules."""
    black = (0, 0, 0)
    dark = [(y, x) for y, row in enumerate(cells) for x, (char, fg, bg) in enumerate(row)
            if bg == black or (char.strip() and fg == black)]
    top, bottom = min(y for y, _ in dark), max(y for y, _ in dark) + 1
    left, right = min(x for _, x in dark), max(x for _, x in dark) + 1
    return left * cell_width, top * cell_height, right * cell_width, bottom * cell_height


def _framed(cells, terminal: Terminal):
    """The terminal's picture of ``cells`` and the symbol's box in it, for ``photograph``."""
    screen, width, height = render_screen(cells, terminal)
    return screen, symbol_box(cells, width, height)


def _grey(colour, default: int = 128) -> int:
    if colour is None:
        return default
    red, green, blue = colour
    return int(0.299 * red + 0.587 * green + 0.114 * blue)


if __name__ == "__main__":  # the full table: python tests/handout_camera.py
    import asyncio
    import sys
    import time

    sys.path.insert(0, str(Path(__file__).parent))
    import tempfile

    from test_handout_camera import LAPTOP, SOLID_SIZE, capture, capture_room

    from roomtui.handout.render import RenderMode

    conditions = [(150, 1.0), (250, 1.5), (250, 1.0), (400, 0.8), (400, 1.5)]
    print("reads by zxing-cpp / OpenCV out of 3 tilts, per page; code width px / blur sigma")
    for language, theme in (("en", "textual-dark"), ("zh", "textual-light")):
        for mode, size, terminals in ((RenderMode.HALF_BLOCK, LAPTOP, [Terminal(1.0), Terminal(1.2), Terminal(1.2, "dark")]),
                                      (RenderMode.BACKGROUND, SOLID_SIZE, [Terminal(1.2, "dark"), Terminal(1.2, "light")])):
            pages = asyncio.run(capture(language, mode, size, theme))
            for number, (payload, cells) in enumerate(pages, 1):
                for terminal in terminals:
                    started = time.perf_counter()
                    screen, width, height = render_screen(cells, terminal)
                    box = symbol_box(cells, width, height)
                    row = []
                    for px, sigma in conditions:
                        frames = [photograph(screen, box, px, sigma, seed=seed) for seed in range(3)]
                        row.append(f"{px}/{sigma:g}: {sum(read_zxing(f) == payload for f in frames)}"
                                   f"/{sum(read_opencv(f) == payload for f in frames)}")
                    print(f"{language} {mode.value} p{number} [{terminal}] " + "  ".join(row)
                          + f"  ({time.perf_counter() - started:.1f} s)", flush=True)

    # the room view at 200x60 (solid blocks, two columns a module) and the hand-out view at 80x24
    wider = conditions + [(300, 0.8), (350, 0.8)]
    for language in ("en", "zh"):
        layout, pages = asyncio.run(capture_room(language, (200, 60), Path(tempfile.mkdtemp())))
        small = [(payload, cells) for payload, cells in asyncio.run(capture(language, RenderMode.HALF_BLOCK, (80, 24),
                                                                            "textual-dark"))]
        for name, shown, terminals in ((f"room 200x60 v{layout.version}", pages, [Terminal(1.0), Terminal(1.2, "dark")]),
                                       ("hand-out 80x24", small, [Terminal(1.0), Terminal(1.2)])):
            for terminal in terminals:
                row = []
                for px, sigma in wider:
                    reads = [read_zxing(photograph(*_framed(cells, terminal), px, sigma, seed=number)) == payload
                             for number, (payload, cells) in enumerate(shown, 1)]
                    row.append(f"{px}/{sigma:g}: {sum(reads)}/{len(reads)}")
                print(f"{language} {name} [{terminal}] " + "  ".join(row), flush=True)
