"""The countdown: colours at 30 s left and at overtime, one bell at zero, true time after a restart."""

from __future__ import annotations

from datetime import timedelta

from live_helpers import make_app

from roomtui.domain.clock import FrozenClock
from roomtui.domain.model import SpeakerKind
from roomtui.store import Archive
from roomtui.tui.app import RoomApp
from roomtui.tui.commands import binding_commands
from roomtui.tui.screens.live import LiveScreen
from roomtui.tui.widgets.countdown import Countdown, clock_text, state_class


def test_clock_text_and_state():
    assert clock_text(180) == "3:00" and clock_text(0.4) == "0:01" and clock_text(0) == "0:00"
    assert clock_text(-12) == "+0:12" and clock_text(-0.5) == "+0:00"
    assert state_class(31) == "-plenty" and state_class(30) == "-warning" and state_class(0) == "-overtime"


def _start_speaker(archive: Archive, meeting_id: str, clock: FrozenClock, name: str) -> None:
    """Set the scene directly through a session (the keys are covered by test_live_council)."""
    session = archive.open(meeting_id, clock=clock)
    try:
        person = next(p.id for p in session.meeting.participants if p.name == name)
        session.do("start", lambda c: c.start_meeting())
        session.do("add", lambda c: c.speaking_order().add(person, SpeakerKind.IMPROMPTU, c.now()))
        session.do("next", lambda c: c.speaking_order().next(c.now()))
    finally:
        session.close()


async def test_colours_and_one_bell(tmp_path, monkeypatch):
    app, archive, meeting_id, clock = make_app(tmp_path)
    _start_speaker(archive, meeting_id, clock, "Wu Chaolin")  # a resident: 3:00
    rings = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(clock.now()))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        countdown = screen.query_one(Countdown)
        digits = screen.query_one("#cd-digits")

        async def at(elapsed: int) -> None:
            clock.set(start + timedelta(seconds=elapsed))
            countdown.tick()
            await pilot.pause()

        start = app.session.meeting.speakers[0].started_at
        await at(0)
        assert digits.value == "3:00" and countdown.has_class("-plenty")
        await at(149)
        assert digits.value == "0:31" and countdown.has_class("-plenty") and not countdown.has_class("-warning")
        await at(150)
        assert digits.value == "0:30" and countdown.has_class("-warning")
        assert rings == []
        await at(181)
        assert digits.value == "+0:01" and countdown.has_class("-overtime") and not countdown.has_class("-warning")
        assert len(rings) == 1
        for later in (182, 190, 200):
            await at(later)
        assert digits.value == "+0:20" and len(rings) == 1
        await pilot.press("plus")  # one more minute: the colours go back, and the bell rings again at zero
        assert countdown.has_class("-plenty") and digits.value == "0:40"
        await at(215)
        assert countdown.has_class("-warning") and len(rings) == 1
        await at(241)
        assert len(rings) == 2 and countdown.has_class("-overtime")
        await pilot.press("space")
        assert countdown.has_class("-paused")
        await at(300)  # paused: the time stands still
        assert digits.value == "+0:01"


async def test_restart_mid_speech_shows_true_remaining_time(tmp_path):
    app, archive, meeting_id, clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        await pilot.press("b")
        await pilot.pause()
        await pilot.press(*"zhang", "enter")
        await pilot.pause()
        await pilot.press("n")
        clock.advance(100)
        await pilot.press("space")  # a pause of 30 s
        clock.advance(30)
        await pilot.press("space")
        clock.advance(20)
        app.screen.tick()
        await pilot.pause()
        assert app.screen.query_one("#cd-digits").value == "6:00"  # 8:00 booked, 2:00 spoken
    # the laptop crashed; 45 s later roomtui is started again on the same data
    later = FrozenClock(clock.advance(45))
    again = RoomApp(Archive(tmp_path / "data"), meeting_id=meeting_id, clock=later)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, LiveScreen)  # a live meeting opens on the live view
        assert again.screen.query_one("#cd-digits").value == "5:15"
        assert "Zhang Xiaojun" in str(again.screen.query_one("#cd-speaker").content)


async def test_every_live_key_is_a_palette_command(tmp_path):
    app, _archive, _meeting_id, _clock = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        titles = {command.title for command in app.get_system_commands(screen)}
        for binding in screen.BINDINGS:
            assert binding.id and binding.id.startswith("live.")
            assert binding.description in titles
        assert "Quit" in titles  # Textual's own commands are still there
        # a command runs its action: "Next item" starts the meeting
        command = next(c for c in binding_commands(screen) if c.title == "Next item")
        await command.callback()
        await pilot.pause()
        assert app.session.meeting.current_item is not None


async def test_chinese_names_are_found_by_part_of_a_name(tmp_path):
    app, _archive, _meeting_id, _clock = make_app(tmp_path, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("朝", "enter")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await pilot.press(*"西城", "enter")  # by affiliation: 县政协委员（西城）
        await pilot.pause()
        meeting = app.session.meeting
        waiting = app.session.council.speaking_order().waiting
        assert [(meeting.participant(e.participant_id).name, e.kind) for e in waiting] == [
            ("付秀德", SpeakerKind.POINT_OF_ORDER), ("吴朝林", SpeakerKind.IMPROMPTU)]


async def test_a_second_passing_redraws_the_countdown_without_a_layout(tmp_path):
    """Its lines are one line each: a new text is a redraw, not a layout of the whole screen,
    which the countdown asked for every second while anyone spoke."""
    from textual.screen import Screen

    app, archive, meeting_id, clock = make_app(tmp_path)
    _start_speaker(archive, meeting_id, clock, "Wu Chaolin")
    async with app.run_test(size=(120, 40)) as pilot:
        countdown = app.screen.query_one(Countdown)
        start = app.session.meeting.speakers[0].started_at
        layouts = []
        real = Screen._refresh_layout
        clock.set(start + timedelta(seconds=9))
        countdown.tick()
        await pilot.pause(0.2)  # the screen has settled (its footer fitted once)
        for elapsed in (10, 11, 40):
            clock.set(start + timedelta(seconds=elapsed))
            Screen._refresh_layout = lambda screen, *args, **kwargs: (layouts.append(elapsed), real(screen, *args, **kwargs))[1]
            try:
                countdown.tick()
                await pilot.pause()
            finally:
                Screen._refresh_layout = real
        bar = countdown.query_one("#cd-bar").render_line(0).text
        assert layouts == [] and countdown.query_one("#cd-digits").value == "2:20"
        assert bar.count("█") and bar.count("░") and len(bar.strip()) > 20  # drawn, a quarter of it used
