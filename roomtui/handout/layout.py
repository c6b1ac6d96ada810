"""What a given area can show: which version, how large, cut into which pages, or why not.

Both the Textual widget and the plain terminal mode ask here, so the two never disagree about
what fits. The choice is made for reading, measured with a camera simulation (see
tests/test_handout_camera.py): a phone needs about 4 pixels per module, so how far away it
reads depends on the size of a module on the screen, and how much of its frame the code must
fill depends on the density (the version). Two purposes:

- at the table (``Purpose.TABLE``, the hand-out view): people come to the laptop, so the
  fewest pages. Among versions up to the maximum (``qr.DEFAULT_MAX_VERSION`` unless the
  secretary asks for more) whose code fits: the fewest pages; among those, the largest modules
  (scale); then the smallest version, the least dense code.
- for the room (``Purpose.ROOM``, the room view and full screen): people stay where they sit,
  so the largest module (columns a module is wide, solid blocks counting two) that carries the
  summary in at most ``ROOM_MAX_PAGES`` pages, a round the carousel turns while people aim;
  then the fewest pages, then the smallest version. A larger screen so reads from further away.
  When no version carries it in that many pages, the table's choice.

A code that would be too small to carry a header and a useful body is not shown cropped or
crammed: the layout says how many cells the smallest useful code needs instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from roomtui.handout.pages import Page, PageTooSmall, paginate
from roomtui.handout.qr import MAX_VERSION, MIN_VERSION, byte_capacity, clamp_version
from roomtui.handout.render import RenderMode, code_cells
from roomtui.handout.text import Document
from roomtui.i18n import _

ROOM_MAX_PAGES = 8  # 8 pages at the room view's 8 s a page: a round in about a minute


class Purpose(str, Enum):
    TABLE = "table"
    ROOM = "room"


@dataclass(frozen=True)
class Layout:
    pages: tuple[Page, ...] = ()
    version: int = 0
    scale: int = 1
    mode: RenderMode = RenderMode.HALF_BLOCK
    needed: tuple[int, int] | None = None  # cells the smallest useful code needs, when too small
    needed_version: int | None = None  # and its version
    capped: bool = False  # too small only because of the maximum version

    @property
    def fits(self) -> bool:
        return bool(self.pages)

    @property
    def module_columns(self) -> int:
        """How many terminal columns one module is wide: what sets the reading distance."""
        return self.scale * (2 if self.mode is RenderMode.BACKGROUND else 1)


def plan_layout(document: Document, columns: int, rows: int, *, mode: RenderMode = RenderMode.HALF_BLOCK,
                max_version: int = MAX_VERSION, purpose: Purpose = Purpose.TABLE) -> Layout:
    mode, purpose = RenderMode(mode), Purpose(purpose)
    max_version = clamp_version(max_version)
    fitting = [v for v in range(MIN_VERSION, max_version + 1) if _fits(code_cells(v, mode), columns, rows)]
    useful = [v for v in fitting if _pages(document, v) is not None]
    if not useful:
        smallest = smallest_useful_version(document)
        capped = smallest is not None and smallest > max_version
        needed = code_cells(smallest, mode) if smallest is not None else None
        return Layout(mode=mode, needed=needed, needed_version=smallest, capped=capped)
    # Page counts are not monotonic in the version (lines jump to the next page), so every
    # fitting version is tried.
    scales = {v: _scale(v, mode, columns, rows) for v in useful}
    room = [v for v in useful if len(_pages(document, v)) <= ROOM_MAX_PAGES] if purpose is Purpose.ROOM else []
    if room:
        version = min(room, key=lambda v: (-scales[v], len(_pages(document, v)), v))
    else:
        version = min(useful, key=lambda v: (len(_pages(document, v)), -scales[v], v))
    return Layout(pages=_pages(document, version), version=version, scale=scales[version], mode=mode)


def smallest_useful_version(document: Document) -> int | None:
    return next((v for v in range(MIN_VERSION, MAX_VERSION + 1) if _pages(document, v) is not None), None)


def _scale(version: int, mode: RenderMode, columns: int, rows: int) -> int:
    scale = 1
    while _fits(code_cells(version, mode, scale + 1), columns, rows):
        scale += 1
    return scale


@lru_cache(maxsize=512)
def _pages(document: Document, version: int) -> tuple[Page, ...] | None:
    try:
        return paginate(document, byte_capacity(version))
    except PageTooSmall:
        return None


def _fits(cells: tuple[int, int], columns: int, rows: int) -> bool:
    return cells[0] <= columns and cells[1] <= rows


def too_small_message(layout: Layout, max_version: int, terminal: tuple[int, int],
                      chrome: tuple[int, int] = (0, 0)) -> str:
    """Why no code is shown and what would make one fit. ``terminal`` is the whole terminal
    (columns, lines); ``chrome`` what it spends on other things than the code."""
    if layout.needed is None:
        return _("This text cannot be cut into readable codes.")
    if layout.capped:
        return _("Version {version} is too small for a readable page; allow at least version {needed}.",
                 version=max_version, needed=layout.needed_version)
    columns, lines = terminal
    width = max(layout.needed[0] + chrome[0], columns)
    height = max(layout.needed[1] + chrome[1], lines)
    return _("Too small for a readable code: it needs a terminal of at least {width}×{height} (now {columns}×{lines}).",
             width=width, height=height, columns=columns, lines=lines)
