"""The hand-out: the public summary as QR codes that phones read with no network.

Below the UI: no Textual here. ``text`` writes the summary, ``pages`` cuts it into codes,
``qr`` makes the symbols, ``render`` draws them in black and white cells, ``layout`` decides
what fits an area, ``terminal`` shows it all in a plain terminal.
"""

from roomtui.handout.layout import Layout, plan_layout, too_small_message
from roomtui.handout.pages import MIN_BODY_BYTES, Page, PageTooSmall, paginate
from roomtui.handout.qr import DEFAULT_MAX_VERSION, QUIET_ZONE, byte_capacity, qr_matrix
from roomtui.handout.render import (
    BLACK,
    WHITE,
    Cell,
    RenderMode,
    code_cells,
    render_cells,
    to_ansi,
)
from roomtui.handout.terminal import run_plain_handout
from roomtui.handout.text import (
    Document,
    handout_document,
    handout_text,
    response_document,
    response_text,
)

__all__ = [
    "BLACK", "Cell", "DEFAULT_MAX_VERSION", "Document", "Layout", "MIN_BODY_BYTES", "Page", "PageTooSmall",
    "QUIET_ZONE", "RenderMode", "WHITE", "byte_capacity", "code_cells", "handout_document", "handout_text",
    "paginate", "plan_layout", "qr_matrix", "render_cells", "response_document", "response_text",
    "run_plain_handout", "to_ansi", "too_small_message",
]
