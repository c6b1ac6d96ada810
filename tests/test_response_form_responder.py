"""The response form names who answers for the department chosen, never another's head.

Choosing another issue in the form replaced the department with the new issue's but kept the
responder of the first: the record said the head of public security answered for the town
government. The responder follows the department unless the secretary typed one.
"""

from __future__ import annotations

import pytest
from live_helpers import fill
from room_helpers import live_demo

from roomtui.domain.model import Raiser
from roomtui.i18n import set_language
from roomtui.tui.app import RoomApp
from roomtui.tui.live.response_form import ResponseForm

HEAD = {"en": "Sun Wei", "zh": "孙伟"}


def field(app, name: str) -> str:
    return str(app.screen.query_one(f"#field-{name}").value)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_another_issue_brings_its_own_departments_responder(tmp_path, language, size):
    archive, meeting_id, clock, session = live_demo(tmp_path, language)
    for issue_id in (4, 10):  # the fire lane (public security, whose head takes part), the lights (the town: nobody)
        session.do("raise", lambda c, issue_id=issue_id: c.raise_issue(issue_id, raiser=Raiser.GROUP))
    session.close()
    set_language(language)
    app = RoomApp(archive, meeting_id=meeting_id, view="live", clock=clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        meeting = app.session.meeting
        town = meeting.issue(10).expected_department
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ResponseForm)
        assert (field(app, "issue"), field(app, "responder")) == ("4", HEAD[language])
        fill(app, issue=10)
        await pilot.pause()
        assert (field(app, "department"), field(app, "responder")) == (town, "")
        fill(app, issue=4)
        await pilot.pause()
        assert field(app, "responder") == HEAD[language]
        fill(app, responder="Someone typed", issue=10)  # what the secretary typed stays
        await pilot.pause()
        assert field(app, "responder") == "Someone typed"
