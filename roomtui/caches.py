"""The switch of roomtui's speed caches: one environment variable, read here only.

ROOMTUI_NO_CACHES=1 turns every cache named in CACHES off; ROOMTUI_NO_CACHES=queue-labels,file-splice
turns off those named. Read when roomtui starts (read_switch() reads it again). A cache only saves
time: the tests compare what is drawn and written with and without it (tests/test_caches.py).
docs/architecture.md, "Caches", says what each one keeps and what it is worth.
"""

from __future__ import annotations

import os

CACHES = {
    "compiled-encoders": "one encoder per dataclass, compiled from its type hints (domain/codec.py _compile); "
                         "off: the generic walk, field by field",
    "record-dicts": "a record's dict reused while its fingerprint is unchanged (domain/codec.py MeetingEncoder); "
                    "off: every record encoded at every save, every list new (views redraw more)",
    "file-splice": "the bytes of unchanged records and tables of the meeting file reused (store/meeting_file.py "
                   "FileEncoder); off: every record's JSON made again",
    "collector-pause": "the garbage collector paused while roomtui loads, then told to leave what loaded alone "
                       "(gc.freeze; cli.py, tui/app.py)",
    "collector-threshold": "young collections every 20,000 allocations instead of 700 in the app (tui/app.py)",
    "redraw-guards": "live panels skip a redraw when what they show is unchanged (agenda, meeting bar, issues, "
                     "speaking order and time, countdown: each widget's _shown/_signature/_seen; the scrollbars "
                     "of tui/textual_compat.py)",
    "queue-labels": "the speaking queue's drawn labels, by row, version, style and width "
                    "(tui/widgets/speaker_queue.py)",
}


def _read() -> frozenset[str]:
    value = os.environ.get("ROOMTUI_NO_CACHES", "").strip()
    if value.lower() in ("", "0", "no", "false"):
        return frozenset()
    if value.lower() in ("1", "yes", "true", "all"):
        return frozenset(CACHES)
    return frozenset(name.strip() for name in value.split(","))


_OFF = _read()  # read once: enabled() runs on hot paths (every record of every save)


def read_switch() -> None:
    """Read ROOMTUI_NO_CACHES again (a test that sets it calls this, and again after)."""
    global _OFF
    _OFF = _read()


def enabled(name: str) -> bool:
    """Whether the cache ``name`` (a key of CACHES) keeps what it made."""
    if name in _OFF:
        return False
    if name not in CACHES:
        raise KeyError(f"no cache named {name!r}: {', '.join(CACHES)}")
    return True
