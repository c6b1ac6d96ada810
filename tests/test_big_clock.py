"""The countdown's big digits: scaled to the room, never wider or taller than their area."""

from __future__ import annotations

import pytest

from roomtui.tui.widgets.big_clock import best_scale, clock_size, draw


@pytest.mark.parametrize("columns, rows, expected", [(80, 3, 1), (76, 16, 5), (200, 60, 12), (10, 3, 1)])
def test_largest_scale_that_fits(columns, rows, expected):
    assert best_scale("7:59", columns, rows) == expected


def test_drawing_matches_its_size_and_shapes():
    lines = draw("+0:12", 2)
    width, height = clock_size("+0:12", 2)
    assert len(lines) == height and {len(line) for line in lines} == {width}
    one = draw("1", 1)
    assert one == ["▄█ ", " █ ", "▀▀▀"]  # a 3x5 one, drawn with half blocks
    assert draw("8", 1) != draw("0", 1)
