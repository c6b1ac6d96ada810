"""Every screen, in both interface languages, at 80x24 and 120x40 (SVG snapshots).

The interface language and the meeting's language are the same in each run (a Chinese secretary
runs a Chinese council), so every label, footer, table and form is seen as a person sees it.
Regenerate after an intended change with ``pytest tests/test_screen_snapshots.py --snapshot-update``
and look at the report before committing.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest

from roomtui.domain.clock import FrozenClock
from roomtui.domain.demo import build_demo, play_demo
from roomtui.domain.model import Disposition, Role, SpeakerKind
from roomtui.i18n import set_language
from roomtui.store import Archive
from roomtui.tui.app import RoomApp

from conftest import COUNCIL_START

LANGUAGES = ("en", "zh")
SIZES = ((80, 24), (120, 40))


def _mid_council(archive: Archive, clock: FrozenClock, language: str) -> str:
    """The demo half-way through the speeches: a resident has the floor, one response recorded."""
    meeting_id = archive.create(build_demo(language))
    session = archive.open(meeting_id, clock=clock)
    try:
        meeting = session.meeting
        members = [p.id for p in meeting.participants if p.role is Role.MEMBER]
        residents = [p.id for p in meeting.participants if p.role is Role.RESIDENT]
        session.do("start", lambda c: c.start_meeting())
        session.do("item", lambda c: c.next_item())
        session.do("item", lambda c: c.next_item())
        for person, kind in ((members[0], SpeakerKind.BOOKED), (residents[0], SpeakerKind.IMPROMPTU),
                             (members[1], SpeakerKind.BOOKED), (residents[1], SpeakerKind.IMPROMPTU)):
            session.do("add", lambda c, p=person, k=kind: c.speaking_order().add(p, k, c.now()))
        session.do("next", lambda c: c.speaking_order().next(c.now()))
        clock.advance(7 * 60 + 30)
        session.do("issue", lambda c: c.raise_issue(3, raised_by=residents[0]))
        session.do("issue", lambda c: c.raise_issue(4))
        issue = meeting.issue(4)
        session.do("respond", lambda c: c.record_response(
            4, issue.expected_department or "-", Disposition.RESOLVE_NOW, action="-", lead_unit=issue.expected_department
            or "-", deadline=(COUNCIL_START + timedelta(days=15)).date()))
        session.do("next", lambda c: c.speaking_order().next(c.now()))
        clock.advance(100)
    finally:
        session.close()
    return meeting_id


def _app(tmp_path, language: str, view: str | None, state: str = "fresh", tag: str = "") -> RoomApp:
    set_language(language)
    # the meetings list shows its data folder: a fixed path, so the picture does not change per run
    folder = tmp_path / "data" if view else Path(tempfile.gettempdir()) / "roomtui-snapshots" / f"{language}{tag}"
    shutil.rmtree(folder, ignore_errors=True)
    archive = Archive(folder)
    clock = FrozenClock(COUNCIL_START)
    if state == "played":
        meeting_id = archive.create(play_demo(build_demo(language), FrozenClock(COUNCIL_START)))
    elif state == "live":
        meeting_id = _mid_council(archive, clock, language)
    else:
        meeting_id = archive.create(build_demo(language))
    return RoomApp(archive, meeting_id=meeting_id if view else None, clock=clock, view=view)


# (name, view, meeting state, keys pressed once it is shown)
SCREENS = [
    ("home", None, "fresh", []),
    ("prepare_details", "prepare", "fresh", []),
    ("prepare_participants", "prepare", "fresh", ["2"]),
    ("prepare_agenda", "prepare", "fresh", ["3"]),
    ("prepare_issues", "prepare", "fresh", ["4"]),
    ("live", "live", "live", []),
    ("response_form", "live", "live", ["r"]),
    ("minutes", "minutes", "played", []),
    ("handout", "handout", "played", []),
    ("help", "live", "live", ["f1"]),
]


@pytest.fixture(autouse=True)
def _interface_language_back_to_english():
    yield
    set_language("en")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name, view, state, keys", SCREENS, ids=[s[0] for s in SCREENS])
def test_screen(snap_compare, tmp_path, name, view, state, keys, language, size):
    app = _app(tmp_path, language, view, state, tag=f"-{size[0]}x{size[1]}")
    assert snap_compare(app, press=keys, terminal_size=size)
