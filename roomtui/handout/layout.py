"""What a given area can show: which version, how large, cut into which pages, or why not.

Both the Textual widget and the plain terminal mode ask here, so the two never disagree about
what fits. The choice, in order:

1. only versions up to the user's maximum whose code (with its quiet zone) fits the area;
2. the fewest pages, which usually means the largest version that fits;
3. among versions giving that many pages, the smallest: a less dense code, and no half-empty
   code with room to spare;
4. the largest whole-number scale the area allows, so a projector shows big modules.

A code that would be too small to carry a header and a useful body is not shown cropped or
crammed: the layout says how many cells the smallest useful code needs instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from roomtui.handout.pages import Page, PageTooSmall, paginate
from roomtui.handout.qr import MAX_VERSION, MIN_VERSION, byte_capacity, clamp_version
from roomtui.handout.render import RenderMode, code_cells
from roomtui.handout.text import Document
from roomtui.i18n import _


@dataclass(frozen=True)
class Layout:
    pages: tuple[Page, ...] = ()
    version: int = 0
    scale: int = 1
    needed: tuple[int, int] | None = None  # cells the smallest useful code needs, when too small
    needed_version: int | None = None  # and its version
    capped: bool = False  # too small only because of the maximum version

    @property
    def fits(self) -> bool:
        return bool(self.pages)


def plan_layout(document: Document, columns: int, rows: int, *, mode: RenderMode = RenderMode.HALF_BLOCK,
                max_version: int = MAX_VERSION) -> Layout:
    max_version = clamp_version(max_version)
    fitting = [v for v in range(MIN_VERSION, max_version + 1) if _fits(code_cells(v, mode), columns, rows)]
    useful = [v for v in fitting if _pages(document, v) is not None]
    if not useful:
        smallest = smallest_useful_version(document)
        capped = smallest is not None and smallest > max_version
        needed = code_cells(smallest, mode) if smallest is not None else None
        return Layout(needed=needed, needed_version=smallest, capped=capped)
    # Page counts are not monotonic in the version (whole items jump to the next page), so
    # all fitting versions are tried; ties go to the smallest.
    version = min(useful, key=lambda v: (len(_pages(document, v)), v))
    scale = 1
    while _fits(code_cells(version, mode, scale + 1), columns, rows):
        scale += 1
    return Layout(pages=_pages(document, version), version=version, scale=scale)


def smallest_useful_version(document: Document) -> int | None:
    return next((v for v in range(MIN_VERSION, MAX_VERSION + 1) if _pages(document, v) is not None), None)


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
