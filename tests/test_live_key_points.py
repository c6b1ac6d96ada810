"""Key points of a speech, typed while the speaker talks, land in the store and the minutes."""

from __future__ import annotations

from live_helpers import fill, make_app

from roomtui.domain.model import SpeakerKind
from roomtui.minutes import export_minutes


async def test_key_points_of_the_current_speaker(tmp_path):
    app, archive, meeting_id, clock = make_app(tmp_path)
    session = archive.open(meeting_id, clock=clock)
    session.do("start", lambda c: c.start_meeting())
    session.do("add", lambda c: c.speaking_order().add(9, SpeakerKind.IMPROMPTU, c.now()))
    session.do("next", lambda c: c.speaking_order().next(c.now()))
    session.close()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        fill(app, summary="Chunchangping needs an activity square.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        clock.advance(60)
        await pilot.press("s")  # the speaker stops; w now edits the last speech
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert app.screen.query_one("#field-summary").text == "Chunchangping needs an activity square."
        await pilot.press("escape")
    stored = archive.load(meeting_id)
    assert stored.speakers[0].summary == "Chunchangping needs an activity square."
    assert "Chunchangping needs an activity square." in export_minutes(stored, "md", public=True).decode()


async def test_response_form_names_the_departments_own_responder(tmp_path):
    app, archive, meeting_id, clock = make_app(tmp_path)
    session = archive.open(meeting_id, clock=clock)
    session.do("start", lambda c: c.start_meeting())
    session.do("add", lambda c: c.speaking_order().add(9, SpeakerKind.IMPROMPTU, c.now()))  # a resident speaks
    session.do("next", lambda c: c.speaking_order().next(c.now()))
    session.do("raise", lambda c: c.raise_issue(4))  # fire lane -> Public Security Bureau
    session.close()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.query_one("#field-department").value == "County Public Security Bureau"
        assert app.screen.query_one("#field-responder").value == "Sun Wei"
        await pilot.press("escape")


async def test_proposer_satisfaction_is_recorded_for_the_response(tmp_path):
    from roomtui.domain.model import Disposition, Satisfaction
    from textual.widgets import Input

    app, archive, meeting_id, clock = make_app(tmp_path)
    session = archive.open(meeting_id, clock=clock)
    session.do("start", lambda c: c.start_meeting())
    session.do("respond", lambda c: c.record_response(4, "County Public Security Bureau", Disposition.RESOLVE_NOW,
                                                      action="Mark the lane", lead_unit="Traffic police",
                                                      deadline="2019-12-07"))
    session.close()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#picker-filter", Input).value = "dissatisfied"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    stored = archive.load(meeting_id)
    assert stored.responses[0].satisfaction is Satisfaction.DISSATISFIED
    minutes = export_minutes(stored, "md", public=True).decode()
    assert "dissatisfied" in minutes
    still_open = minutes[minutes.index("Issues still open"):]
    assert "| 4 | Cars block the fire lane of an old compound |" in still_open  # reopened by the proposer
