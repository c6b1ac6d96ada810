"""How far away phones read a code on the screen, in words a secretary and a room understand.

Estimated from the camera simulation (tests/handout_camera.py, the numbers in the README): a
phone's camera, 1280 pixels across a field of view about 1.3 m wide at 1 m, reads a code once a
module covers about ``PIXELS_PER_MODULE`` pixels (the 250-pixel case of the camera test, blur
included), and is too close once the symbol is wider than ``CLOSEST_CODE_PIXELS``: a sharp
photograph of solid blocks two columns a module, with a dark theme painted between lines (the
room view at 200x60), reads at 300 pixels but not at 350 or 400, where the stripes show. Between
the two lies the band we say.

The size of a module on the screen is what decides it: the columns a module is wide times the
width of a column. On a projector the terminal fills the screen, so a column is the screen's
width over the terminal's columns, which needs the screen's size (``--screen-inches``); without
it the room view says the band for a 100-inch screen. On the secretary's laptop the terminal is
rarely full screen: a column measures about ``LAPTOP_COLUMN_MM`` (a 15.6-inch 1080p screen at
the usual font size, as measured in the study).
"""

from __future__ import annotations

import math

from roomtui.handout.layout import Layout
from roomtui.handout.qr import side
from roomtui.i18n import _

PIXELS_PER_MODULE = 3.85  # 250 px over version 12's 65 modules: read with blur in the camera test
CLOSEST_CODE_PIXELS = 300  # wider, a sharp frame resolves the stripes a dark theme paints between lines
FRAME_PIXELS_PER_MM_AT_1M = 1280 / 1300  # 1280 px across about 1.3 m at 1 m (a ~66° lens)
LAPTOP_COLUMN_MM = 1.8  # a terminal column on a 15.6-inch 1080p laptop screen, usual font
PROJECTOR_INCHES = 100.0  # the screen the room view assumes when not told
_WIDTH_PER_DIAGONAL = 16 / math.hypot(16, 9)  # a 16:9 screen


def screen_column_mm(screen_inches: float, columns: int) -> float:
    """The width of one column when a terminal of ``columns`` fills a 16:9 screen."""
    return screen_inches * 25.4 * _WIDTH_PER_DIAGONAL / max(1, columns)


def reading_band(layout: Layout, column_mm: float) -> tuple[float, float]:
    """(nearest, furthest) metres at which a phone reads the code drawn by ``layout`` when a
    terminal column is ``column_mm`` wide."""
    module_mm = layout.module_columns * column_mm
    furthest = module_mm * FRAME_PIXELS_PER_MM_AT_1M / PIXELS_PER_MODULE
    nearest = side(layout.version) * module_mm * FRAME_PIXELS_PER_MM_AT_1M / CLOSEST_CODE_PIXELS
    return nearest, furthest


def _metres(value: float) -> str:
    """0.3, 0.5, 1.2, 4, 12: one decimal below 2 m, whole metres above."""
    return f"{value:.1f}" if value < 2 else f"{round(value)}"


def table_sentence(layout: Layout, columns: int, full_screen: bool = False) -> str:
    """The hand-out view's sentence: off the laptop, and the same code on a 100-inch screen."""
    near, far = reading_band(layout, LAPTOP_COLUMN_MM)
    room_near, room_far = reading_band(layout, screen_column_mm(PROJECTOR_INCHES, columns))
    laptop = _("Phones read this from about {near} to {far} m off a laptop screen",
               near=_metres(near), far=_metres(far))
    projector = _("from about {near} to {far} m off a 100-inch projector screen",
                  near=_metres(room_near), far=_metres(room_far))
    sentence = _("{laptop}; {projector}.", laptop=laptop, projector=projector)
    if not full_screen and layout.module_columns == 1:
        sentence += " " + _("For the room, press f on a projector or TV.")
    return sentence


def room_sentence(layout: Layout, columns: int, screen_inches: float | None = None) -> str:
    """The room view's sentence, for the audience: where to stand."""
    if screen_inches:
        near, far = reading_band(layout, screen_column_mm(screen_inches, columns))
        return _("Scan from about {near} to {far} m from this screen.", near=_metres(near), far=_metres(far))
    near, far = reading_band(layout, screen_column_mm(PROJECTOR_INCHES, columns))
    return _("Scan from about {near} to {far} m from a 100-inch screen; closer to a smaller one.",
             near=_metres(near), far=_metres(far))
