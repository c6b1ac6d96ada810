"""By keys: o then n interrupts the speaker; the next n gives him the floor back with his time left."""

from __future__ import annotations

from live_helpers import make_app

from roomtui.store import Archive
from roomtui.tui.widgets.countdown import Countdown


async def add(pilot, key: str, name: str) -> None:
    await pilot.press(key)
    await pilot.pause()
    await pilot.press(*name, "enter")
    await pilot.pause()


async def test_point_of_order_then_the_speaker_resumes(tmp_path):
    app, _archive, meeting_id, clock = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("right", "right", "right")  # the speeches
        await add(pilot, "b", "zhang")
        await add(pilot, "b", "liu")
        await pilot.press("n")
        clock.advance(11)
        await add(pilot, "o", "fu x")
        await pilot.press("n")
        await pilot.pause()
        countdown = app.screen.query_one(Countdown)
        assert "Fu Xiude" in str(app.screen.query_one("#cd-speaker").content)
        assert "interrupts Zhang Xiaojun" in str(app.screen.query_one("#cd-kind").content)
        head = str(app.screen.query_one("#sp-head").content)
        assert "interrupted: Zhang Xiaojun, 7:49 left" in head
        clock.advance(50)
        await pilot.press("n")
        await pilot.pause()
        countdown.tick()
        assert "Zhang Xiaojun" in str(app.screen.query_one("#cd-speaker").content)
        assert str(app.screen.query_one("#cd-digits").value) == "7:49"
        assert "interrupted" not in str(app.screen.query_one("#sp-head").content)
        clock.advance(9)
        await pilot.press("n")  # Liu
        await pilot.pause()

    stored = Archive(tmp_path / "data").load(meeting_id)
    turns = sorted((s for s in stored.speakers if s.started_at), key=lambda s: (s.started_at, s.id))
    names = [stored.participant(s.participant_id).name for s in turns]
    assert names[-3:] == ["Zhang Xiaojun", "Fu Xiude", "Liu Yan"]
    zhang = turns[-3]
    assert zhang.done and round(zhang.elapsed_seconds(stored.closed_at or clock.now())) == 20
    assert zhang.pauses[0].interrupted_by == turns[-2].id


async def test_resume_with_nobody_else_waiting(tmp_path):
    app, _archive, _meeting_id, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("right", "right", "right")
        await add(pilot, "b", "zhang")
        await pilot.press("n")
        clock.advance(100)
        await add(pilot, "o", "fu x")
        await pilot.press("n")
        clock.advance(30)
        await pilot.press("n")  # the queue is empty, but Zhang is owed the floor
        await pilot.pause()
        order = app.session.council.speaking_order()
        assert order.current is not None and app.session.meeting.participant(
            order.current.participant_id).name == "Zhang Xiaojun"
        assert order.current.remaining_seconds(clock.now()) == 8 * 60 - 100
