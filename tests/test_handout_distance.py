"""The hand-out's layout for the room and the distance phones read it from, without any UI."""

from __future__ import annotations

import pytest
from test_handout_text import TABLE_CODES, meeting, within  # noqa: F401 (meeting is a fixture)

from roomtui.handout import PageTooSmall, RenderMode, byte_capacity, code_cells, handout_document, paginate, plan_layout
from roomtui.handout.qr import DEFAULT_MAX_VERSION


def test_for_the_room_the_largest_module_in_a_round_the_carousel_turns(meeting):
    """Purpose.ROOM: at 200x60 two columns a module (version 7 or 8, at most ROOM_MAX_PAGES
    pages) where the table takes one column and three or four pages; where no version carries the
    summary in that many pages, the table's choice."""
    from roomtui.handout.layout import ROOM_MAX_PAGES, Purpose

    document = handout_document(meeting)
    table = plan_layout(document, 200, 59, max_version=DEFAULT_MAX_VERSION)
    room = plan_layout(document, 200, 59, max_version=DEFAULT_MAX_VERSION, purpose=Purpose.ROOM)
    assert table.module_columns == 1 and len(table.pages) <= TABLE_CODES[meeting.language]
    assert room.module_columns == 2 and len(room.pages) <= ROOM_MAX_PAGES and room.version < table.version
    for version in range(1, DEFAULT_MAX_VERSION + 1):  # no larger module fits with few enough pages
        try:
            pages = paginate(document, byte_capacity(version))
        except PageTooSmall:
            continue
        if len(pages) <= ROOM_MAX_PAGES:
            assert not within(code_cells(version, RenderMode.HALF_BLOCK, 3), (200, 59))
    small = plan_layout(document, 80, 24, max_version=DEFAULT_MAX_VERSION, purpose=Purpose.ROOM)
    assert len(small.pages) > ROOM_MAX_PAGES and small == plan_layout(document, 80, 24, max_version=DEFAULT_MAX_VERSION)


def test_the_distance_grows_with_the_module_and_the_screen(meeting):
    from roomtui.handout.distance import LAPTOP_COLUMN_MM, reading_band, room_sentence, screen_column_mm
    from roomtui.handout.layout import Purpose

    document = handout_document(meeting)
    one = plan_layout(document, 86, 39, max_version=DEFAULT_MAX_VERSION)
    two = plan_layout(document, 200, 59, max_version=DEFAULT_MAX_VERSION, purpose=Purpose.ROOM)
    assert (one.module_columns, two.module_columns) == (1, 2)
    assert reading_band(two, LAPTOP_COLUMN_MM)[1] == pytest.approx(2 * reading_band(one, LAPTOP_COLUMN_MM)[1])
    assert 0.4 <= reading_band(one, LAPTOP_COLUMN_MM)[1] <= 0.5  # the study: 0.43-0.47 m on a 15.6" laptop
    assert screen_column_mm(100, 200) == pytest.approx(2 * screen_column_mm(50, 200))
    near, far = reading_band(two, screen_column_mm(100, 200))
    assert 3 <= near < far <= 7
    assert room_sentence(two, 200, 100.0) == f"Scan from about {round(near)} to {round(far)} m from this screen."
