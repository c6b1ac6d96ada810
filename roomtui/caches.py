"""The switch of roomtui's speed caches: one environment variable, read here only.

ROOMTUI_NO_CACHES=1 turns every cache named in CACHES off; ROOMTUI_NO_CACHES=queue-labels,stats-lines
turns off those named. A cache only saves time: the tests compare what is drawn and written with
and without it (tests/test_caches.py). docs/architecture.md, "Caches", says what each one keeps.
"""

from __future__ import annotations

import os

CACHES = {
    "queue-labels": "the speaking queue's drawn labels, by row, version, style and width (tui/widgets/speaker_queue.py)",
    "aligned-rows": "the speaking-time tables' drawn rows, by their cells and width (tui/widgets/aligned_rows.py)",
}


def _off() -> frozenset[str]:
    value = os.environ.get("ROOMTUI_NO_CACHES", "").strip()
    if value.lower() in ("", "0", "no", "false"):
        return frozenset()
    if value.lower() in ("1", "yes", "true", "all"):
        return frozenset(CACHES)
    return frozenset(name.strip() for name in value.split(","))


def enabled(name: str) -> bool:
    """Whether the cache ``name`` (a key of CACHES) keeps what it made. Read at every use, so a
    test can turn a cache off for one run with monkeypatch.setenv."""
    if name not in CACHES:
        raise KeyError(f"no cache named {name!r}: {', '.join(CACHES)}")
    return name not in _off()
