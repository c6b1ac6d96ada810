"""Golden minutes of the played demo council: 5 formats x public/internal x English/Chinese.

The minutes are a record people sign off on, so any change to them must be seen in a diff.
Regenerate after an intended change with ``ROOMTUI_UPDATE_GOLDEN=1 pytest tests/test_minutes_golden.py``
and review the diff of tests/golden/minutes/ before committing it.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from roomtui.domain.clock import FrozenClock
from roomtui.domain.demo import build_demo, play_demo
from roomtui.minutes import FORMATS, export_minutes

GOLDEN = Path(__file__).parent / "golden" / "minutes"
UPDATE = os.environ.get("ROOMTUI_UPDATE_GOLDEN") == "1"
START = datetime(2019, 11, 22, 9, 0)


def played(language: str):
    return play_demo(build_demo(language), FrozenClock(START))


def first_difference(expected: bytes, actual: bytes) -> str:
    old, new = expected.decode("utf-8").splitlines(), actual.decode("utf-8").splitlines()
    for number, (a, b) in enumerate(zip(old, new), 1):
        if a != b:
            return f"line {number}:\n  golden: {a!r}\n  actual: {b!r}"
    return f"length differs: golden {len(old)} lines, actual {len(new)} lines"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("variant", ["public", "internal"])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_demo_minutes_match_golden_file(language, variant, fmt):
    actual = export_minutes(played(language), fmt, public=variant == "public")
    path = GOLDEN / f"demo-{language}-{variant}.{fmt}"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
    assert path.exists(), f"{path} is missing: run ROOMTUI_UPDATE_GOLDEN=1 pytest {__file__}"
    expected = path.read_bytes()
    assert actual == expected, first_difference(expected, actual)


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_does_not_depend_on_when_it_runs(fmt):
    """Two exports of the same closed meeting, even an hour apart, give the same bytes."""
    meeting = played("en")
    first = export_minutes(meeting, fmt, public=True)
    later = export_minutes(meeting, fmt, public=True, now=meeting.closed_at + timedelta(hours=1))
    assert first == later == export_minutes(played("en"), fmt, public=True)


def test_golden_folder_holds_exactly_the_twenty_files():
    names = sorted(p.name for p in GOLDEN.iterdir() if not p.name.startswith("."))
    assert names == sorted(f"demo-{lang}-{variant}.{fmt}" for lang in ("en", "zh")
                           for variant in ("public", "internal") for fmt in FORMATS)
