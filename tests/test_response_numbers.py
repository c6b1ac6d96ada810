"""One numbering of responses: the hand-out's list (r) and `roomtui handout --response N`
count the same way (issue 25, bug 10): in the order the responses were recorded."""

from __future__ import annotations

import io
from datetime import datetime

import pytest

from roomtui.domain.answering import numbered_responses
from roomtui.domain.clock import FrozenClock
from roomtui.domain.demo import build_demo, play_demo
from roomtui.handout import run_plain_handout
from roomtui.i18n import set_language
from roomtui.store import Archive
from roomtui.tui.app import RoomApp


def played_archive(tmp_path, language: str) -> tuple[Archive, str]:
    archive = Archive(tmp_path / "data")
    meeting = play_demo(build_demo(language, f"2019-11-22-{language}0000"), FrozenClock(datetime(2019, 11, 22, 9)))
    return archive, archive.create(meeting)


def test_responses_are_numbered_in_recording_order_not_by_issue():
    meeting = play_demo(build_demo("en"), FrozenClock(datetime(2019, 11, 22, 9)))
    numbered = numbered_responses(meeting)
    assert [n for n, _r in numbered] == list(range(1, len(meeting.responses) + 1))
    assert [r.id for _n, r in numbered] == [r.id for r in meeting.responses]
    assert [r.issue_id for _n, r in numbered] != sorted(r.issue_id for _n, r in numbered)  # the two orders differ


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_the_handout_list_and_the_cli_agree(tmp_path, language, size):
    archive, meeting_id = played_archive(tmp_path, language)
    set_language(language)
    app = RoomApp(archive, meeting_id=meeting_id, view="handout", clock=FrozenClock(datetime(2019, 11, 22, 12)))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        options = app.screen.query_one("#handout-responses")
        labels = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
    meeting = archive.load(meeting_id)
    assert len(labels) == len(meeting.responses)
    for number, label in enumerate(labels, 1):
        assert label.startswith(f"{number}. #"), label
        issue_number = int(label.split("#")[1].split()[0])
        out = io.StringIO()
        assert run_plain_handout(meeting, response=number, text_only=True, out=out) == 0
        assert meeting.issue(issue_number).title in out.getvalue()
