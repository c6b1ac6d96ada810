"""The room view follows a meeting the secretary (another session, here) changes, and never writes.

Each change is made through a real writing session, then the view is polled once by hand
(``app.poll()``), so what the test sees is exactly what one poll of the timer would show.
What is checked is what the screen shows (the compositor's text) and, for the codes, what two
QR decoders read off it.
"""

from __future__ import annotations

from datetime import date, datetime


from room_helpers import SHARE_NETWORK, SHARE_URL, data_files, dead_pid, kill_writer_mid_action, live_demo, put_up_share
from share_helpers import decode_region, read_wifi
from test_handout_decode import decode, region_text, screen_text, squeeze

from roomtui.domain.model import Disposition, SpeakerKind
from roomtui.domain.speaking import current_speaker
from roomtui.handout.text import handout_text
from roomtui.i18n import set_language
from roomtui.store import Archive
from roomtui.share.notice import notice_path
from roomtui.store.follow import POLL_SECONDS
from roomtui.tui.room.app import RoomViewApp
from roomtui.tui.widgets.qr_code import QRCodeView
from roomtui.tui.widgets.share_code import PayloadCode


def room_view(archive, meeting_id, clock) -> RoomViewApp:
    return RoomViewApp(Archive(archive.root, read_only=True), meeting_id, clock=clock, poll_seconds=None,
                       carousel_seconds=None)


def shown(app, selector: str) -> str:
    """What one part of the screen shows inside its border, without the spaces and line breaks of its wrapping."""
    return squeeze(region_text(app, app.screen.query_one(selector).content_region))


def shape(app) -> str:
    return next(name for name in ("-none", "-speaking", "-between", "-ended", "-sharing")
                if app.screen.has_class(name))


def floor_state(app) -> set[str]:
    floor = app.screen.query_one("#room-floor")
    return {name for name in ("-plenty", "-warning", "-overtime", "-paused", "-idle") if floor.has_class(name)}


async def test_the_room_view_follows_every_change_after_one_poll(tmp_path):
    archive, meeting_id, clock, session = live_demo(tmp_path)
    app = room_view(archive, meeting_id, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()

        async def poll() -> str:
            assert app.poll(), "a saved change must be seen by the next poll"
            await pilot.pause()
            return screen_text(app)

        # between speakers: the agenda with what is done, and who is next
        text = screen_text(app)
        assert shape(app) == "-between"
        assert "✓ 1 Opening" in text and "item 3/7 Speeches" in text and "planned 60 min" in text
        assert "1 Zhang Xiaojun · member" in text and "3 Liu Yan" in text and "Tang Lihua" not in text
        assert "and 1 more" in text

        # next speaker
        session.do("next", lambda c: c.speaking_order().next(c.now()))
        await pilot.pause()
        assert shape(app) == "-between"  # nothing shows before the poll...
        text = await poll()  # ...and everything after it
        assert shape(app) == "-speaking" and floor_state(app) == {"-plenty"}
        assert "Zhang Xiaojun · member · CPPCC member, Dongcheng" in text
        assert app.screen.query_one("#room-floor").digits == "5:00"
        assert "1 Wu Chaolin" in text and "3 Tang Lihua" in text and "Zhang Xiaojun ·" not in text.split("Next")[1]
        assert not app.poll()  # no change, no re-read

        # the countdown runs from the clock alone, with warning colours at 30 s and overtime
        clock.advance(275)
        app.tick()
        await pilot.pause()
        assert app.screen.query_one("#room-floor").digits == "0:25" and floor_state(app) == {"-warning"}
        clock.advance(37)
        app.tick()
        await pilot.pause()
        assert app.screen.query_one("#room-floor").digits == "+0:12" and floor_state(app) == {"-overtime"}
        assert "over time" in screen_text(app)

        # pause, then extend
        session.do("pause", lambda c: c.speaking_order().pause(c.now()))
        text = await poll()
        assert "PAUSED" in text and "-paused" in floor_state(app)
        session.do("resume", lambda c: c.speaking_order().resume(c.now()))
        session.do("extend", lambda c: c.speaking_order().extend(60))
        text = await poll()
        assert "limit 6:00" in text and "PAUSED" not in text
        assert app.screen.query_one("#room-floor").digits == "0:48" and floor_state(app) == {"-plenty"}

        # next agenda item: the department answers
        session.do("item", lambda c: c.next_item())
        text = await poll()
        assert "item 4/7 Department answers" in text and "planned 40 min" in text
        assert shape(app) == "-between" and "✓ 3 Speeches" in text

        # a department answers an issue: its number and title, then the response as it is recorded
        session.do("issue", lambda c: c.raise_issue(4))
        session.do("next", lambda c: c.speaking_order().next(c.now()))
        assert current_speaker(session.meeting).kind is SpeakerKind.ANSWER
        text = await poll()
        answering = shown(app, "#room-answering")
        assert squeeze("Answering issue #4 Cars block the fire lane of an old compound") in answering
        assert "Sun Wei · department head · County Public Security Bureau" in text
        assert "Response recorded" not in text
        session.do("respond", lambda c: c.record_response(
            4, "County Public Security Bureau", Disposition.RESOLVE_NOW, responder="Sun Wei",
            action="Mark the fire lane", lead_unit="County traffic police", deadline=date(2019, 12, 7)))
        text = await poll()
        answering = shown(app, "#room-answering")
        assert squeeze("Response recorded: County Public Security Bureau · resolve now") in answering
        session.do("stop", lambda c: c.speaking_order().stop(c.now()))
        text = await poll()
        assert shape(app) == "-between" and "Latest response" in text and "#4 Cars block" in text
        # phones rate it: the projector shows the tally as it grows (counts only)
        response_id = session.meeting.responses[-1].id
        rating = session.do("rate", lambda c: c.open_rating(response_id))
        session.do("phones", lambda c: [c.claim(f"{n:02d}" * 8, name=f"Resident {n}") for n in range(3)]
                   + [c.vote(f"{n:02d}" * 8, rating.id, choice)
                      for n, choice in enumerate(("satisfied", "dissatisfied", "dissatisfied"))])
        text = await poll()
        assert squeeze("rating: 1 satisfied · 0 basically satisfied · 2 dissatisfied · voting") in shown(app, "#room-latest")
        assert "Resident" not in text

        # the meeting ends: the hand-out codes, which read back as the hand-out
        session.do("close", lambda c: c.close_meeting())
        text = await poll()
        assert shape(app) == "-ended" and "Scan the code" in text
        code = app.screen.query_one(QRCodeView)
        header, body = decode(app, code).split("\n", 1)
        assert header.startswith("[1/") and "Tongjiang" in body, header  # page 1's text opens with the title
        assert body and handout_text(session.meeting).startswith(body)
        assert "Mark the fire lane" in handout_text(session.meeting)

        # reopened (a mistake corrected): the codes go away again
        session.do("reopen", lambda c: c.reopen_meeting())
        await poll()
        assert shape(app) != "-ended" and not app.screen.query(QRCodeView)
    session.close()
    assert app.poll_seconds is None and POLL_SECONDS <= 0.5


async def test_the_codes_in_the_room_view_decode_in_chinese_too(tmp_path):
    set_language("zh")
    archive, meeting_id, clock, session = live_demo(tmp_path, "zh")
    session.do("issue", lambda c: c.raise_issue(4))
    session.do("respond", lambda c: c.record_response(
        4, "县公安局", Disposition.RESOLVE_NOW, responder="孙伟", action="施划消防通道标线",
        lead_unit="县交警大队", deadline=date(2019, 12, 7)))
    session.do("close", lambda c: c.close_meeting())
    session.close()
    app = room_view(archive, meeting_id, clock)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        assert shape(app) == "-ended" and "扫描二维码" in screen_text(app)
        code = app.screen.query_one(QRCodeView)
        bodies = []
        for k in range(1, len(code.layout.pages) + 1):
            header, body = decode(app, code).split("\n", 1)
            assert header.startswith(f"[{k}/")
            bodies.append(body.removeprefix(code.page.repeated))  # a page among an issue's commitments repeats it
            code.next_page()
            await pilot.pause()
        assert "通江县政协" in bodies[0] and "".join(bodies) == handout_text(archive.load(meeting_id))
        assert "施划消防通道标线" in "".join(bodies)


async def test_no_key_changes_anything_and_no_lock_is_taken(tmp_path):
    archive, meeting_id, clock, session = live_demo(tmp_path)
    session.do("next", lambda c: c.speaking_order().next(c.now()))
    session.close()
    lock = archive.path_of(meeting_id).with_suffix(".lock")
    lock.unlink()
    before = data_files(archive.root)
    app = room_view(archive, meeting_id, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in ("n", "space", "plus", "s", "e", "right", "a", "ctrl+z", "enter", "delete", "c", "ctrl+p",
                    "escape", "f2", "f3"):
            await pilot.press(key)
            app.poll()
            await pilot.pause()
        assert app.is_running and shape(app) == "-speaking"
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    assert data_files(archive.root) == before and not lock.exists()


async def test_a_meeting_whose_writer_was_killed_mid_action_is_shown(tmp_path):
    archive, meeting_id, clock, session = live_demo(tmp_path)
    session.close()
    kill_writer_mid_action(archive.root, meeting_id)
    before = data_files(archive.root)
    assert any(".roomtui-tmp-" in name for name in before)  # the dead writer's unfinished save
    app = room_view(archive, meeting_id, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert shape(app) == "-between" and "1 Zhang Xiaojun" in screen_text(app)
        assert not app.screen.query_one("#room-problem").display
    assert data_files(archive.root) == before


async def test_a_removed_or_damaged_file_is_named_then_the_view_recovers(tmp_path):
    archive, meeting_id, clock, session = live_demo(tmp_path)
    session.do("next", lambda c: c.speaking_order().next(c.now()))
    path = archive.path_of(meeting_id)
    app = room_view(archive, meeting_id, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        problem = app.screen.query_one("#room-problem")
        assert not problem.display

        moved = path.with_name("elsewhere.json.moved")
        path.rename(moved)
        assert app.poll()
        await pilot.pause()
        text = screen_text(app)
        assert app.is_running and problem.display
        said = shown(app, "#room-problem")
        assert said.startswith("Notfollowing:") and squeeze(path.name) in said and "notthere" in said
        assert "Zhang Xiaojun" in text  # the last version read stays up
        moved.rename(path)
        assert app.poll()
        await pilot.pause()
        assert not problem.display and "Not following" not in screen_text(app)

        good = path.read_bytes()
        path.write_bytes(good[:100])
        assert app.poll()
        await pilot.pause()
        text = screen_text(app)
        said = shown(app, "#room-problem")
        assert app.is_running and "cannotberead" in said and "notvalidJSON" in said
        path.write_bytes(good)
        assert app.poll()
        await pilot.pause()
        assert not problem.display
        session.do("extend", lambda c: c.speaking_order().extend(60))
        assert app.poll()
        await pilot.pause()
        assert "limit 6:00" in screen_text(app)
    session.close()


async def test_at_80x24_only_the_name_and_the_countdown(tmp_path):
    archive, meeting_id, clock, session = live_demo(tmp_path)
    app = room_view(archive, meeting_id, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Next: Zhang Xiaojun" in text and "Agenda" not in text
        session.do("next", lambda c: c.speaking_order().next(c.now()))
        clock.advance(40)
        app.poll()
        await pilot.pause()
        text = screen_text(app)
        assert "Zhang Xiaojun · member" in text and app.screen.query_one("#room-floor").digits == "4:20"
        assert "Tongjiang" not in text and "Wu Chaolin" not in text and "item 3/7" not in text
        assert "█" in text  # the digits, drawn large
    session.close()


def test_the_language_is_the_meeting_s(tmp_path, monkeypatch):
    """`roomtui show` speaks the meeting's language unless --lang says otherwise."""
    from roomtui import cli
    from roomtui.i18n import language

    archive, meeting_id, clock, session = live_demo(tmp_path, "zh")
    session.close()
    seen = []
    monkeypatch.setattr("roomtui.tui.room.app.RoomViewApp.run", lambda self: seen.append((self, language())))
    assert cli.main(["show", "通江", "--data", str(archive.root)]) == 0
    assert seen[-1][1] == "zh" and seen[-1][0].follower.meeting_id == meeting_id
    assert cli.main(["show", meeting_id, "--lang", "en", "--data", str(archive.root)]) == 0
    assert seen[-1][1] == "en"


def test_show_names_a_missing_meeting_and_creates_nothing(tmp_path, capsys):
    from roomtui import cli

    assert cli.main(["show", "nothing-here", "--data", str(tmp_path / "none")]) == 1
    assert "nothing-here" in capsys.readouterr().err
    assert not (tmp_path / "none").exists()


async def test_a_long_hand_out_turns_its_pages_on_the_projector(tmp_path):
    from roomtui.domain.clock import FrozenClock
    from roomtui.domain.demo import build_demo, play_demo
    from roomtui.tui.room.widgets import HandoutCodes

    archive = Archive(tmp_path / "data")
    meeting = play_demo(build_demo("en"), FrozenClock(datetime(2019, 11, 22, 9)))
    meeting_id = archive.create(meeting)
    app = RoomViewApp(Archive(archive.root, read_only=True), meeting_id, poll_seconds=None,
                       carousel_seconds=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        code = app.screen.query_one(QRCodeView)
        pages = []
        for _ in range(3):
            header, body = decode(app, code).split("\n", 1)
            pages.append((header, body.removeprefix(code.page.repeated)))
            app.screen.query_one(HandoutCodes).turn_page()
            await pilot.pause()
        total = int(pages[0][0].split("/")[1].split("]")[0])
        assert total >= 3
        assert [header[:len(f"[{k}/")] for (header, _body), k in zip(pages, (1, 2, 3))] == ["[1/", "[2/", "[3/"]
        assert handout_text(meeting).startswith("".join(body for _header, body in pages))


# -- while the laptop shares the minutes over Wi-Fi ----------------------------------------
def wifi_codes(app, columns=("join", "open")) -> tuple[list[str], ...]:
    """What zxing-cpp reads off code 1 (join the Wi-Fi) and code 2 (open the minutes)."""
    return tuple(decode_region(app, app.screen.query_one(f"#wifi-{column}-code", PayloadCode).region)
                 for column in columns)


async def test_while_sharing_runs_the_room_view_shows_its_two_codes_and_writes_nothing(tmp_path):
    archive, meeting_id, clock, session = live_demo(tmp_path)
    session.do("close", lambda c: c.close_meeting())
    session.close()
    path = notice_path(archive.root, meeting_id)
    app = room_view(archive, meeting_id, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        async def poll() -> bool:
            """One poll of the timer; the room view writes nothing, whatever it finds."""
            before = data_files(archive.root)
            changed = app.poll()
            await pilot.pause()
            assert data_files(archive.root) == before
            return changed

        await pilot.pause()
        assert shape(app) == "-ended"

        notice = put_up_share(archive.root, meeting_id)  # as a sharer in another process would
        assert await poll()
        assert shape(app) == "-sharing" and not app.screen.query(QRCodeView)
        join, link = wifi_codes(app)
        assert join == [notice.wifi_payload] and link == [SHARE_URL]
        assert read_wifi(join[0]) == {"T": "WPA", "S": SHARE_NETWORK["en"].name, "P": SHARE_NETWORK["en"].password}
        text = screen_text(app)
        assert "1  Join the Wi-Fi" in text and "2  Open the minutes" in text
        assert "Wi-Fi: roomtui-k7mp   password: h3q9xv2kdm" in text and f"then open {SHARE_URL}" in text
        join_code = app.screen.query_one("#wifi-join-code", PayloadCode)
        assert join_code.region.right <= app.screen.query_one("#wifi-open-code").region.x  # side by side
        assert not await poll()  # nothing changed, nothing redrawn

        path.unlink()  # sharing stopped: the sharer took its notice down
        assert await poll()
        assert shape(app) == "-ended" and "Scan the code" in screen_text(app)
        assert decode(app, app.screen.query_one(QRCodeView)).startswith("[1/")

        put_up_share(archive.root, meeting_id, pid=dead_pid())  # a sharer killed before it could take it down
        assert not await poll() and shape(app) == "-ended"

        for damaged in (b'{"format": 1, "url": "http://10.42', b"\xff\xfe", b"[]", b'{"format": 1}',
                        notice.to_bytes().replace(b"http://", b"javascript:"),
                        notice.to_bytes().replace(b"roomtui-k7mp", b"\\u001b[2J"),  # a terminal escape
                        notice.to_bytes().replace(b"Qx7vN2", b"x" * 900)):  # more than a code should hold
            path.write_bytes(damaged)
            assert not await poll(), damaged
            assert app.is_running and shape(app) == "-ended" and not app.screen.query_one("#room-problem").display
        assert path.exists()  # never removed by the room view, dead or damaged

        put_up_share(archive.root, meeting_id, with_wifi=False)  # a network whose password roomtui does not know
        assert await poll()
        assert shape(app) == "-sharing" and not app.screen.query_one("#wifi-join").display
        assert wifi_codes(app, ["open"]) == ([SHARE_URL],)
        text = screen_text(app)
        assert "2  Open" not in text and "Open the minutes" in text and "join this laptop's network" in text


async def test_during_a_speech_the_countdown_keeps_the_projector(tmp_path):
    archive, meeting_id, clock, session = live_demo(tmp_path)
    put_up_share(archive.root, meeting_id)
    app = room_view(archive, meeting_id, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert shape(app) == "-sharing"  # nobody has the floor: the room may scan
        session.do("next", lambda c: c.speaking_order().next(c.now()))
        assert app.poll()
        await pilot.pause()
        assert shape(app) == "-speaking" and app.screen.query_one("#room-floor").digits == "5:00"
        session.do("stop", lambda c: c.speaking_order().stop(c.now()))
        assert app.poll()
        await pilot.pause()
        assert shape(app) == "-sharing" and wifi_codes(app)[1] == [SHARE_URL]
    session.close()


async def test_the_share_s_codes_decode_from_200x60_to_80x24_and_smaller_it_is_said_in_words(tmp_path):
    set_language("zh")
    archive, meeting_id, clock, session = live_demo(tmp_path, "zh")
    session.close()
    notice = put_up_share(archive.root, meeting_id, language="zh")
    network = SHARE_NETWORK["zh"]
    app = room_view(archive, meeting_id, clock)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        assert shape(app) == "-sharing"
        assert app.screen.query_one("#wifi-open-code", PayloadCode).scale == 2  # twice as large as at 120x40
        assert wifi_codes(app) == ([notice.wifi_payload], [SHARE_URL])
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert wifi_codes(app) == ([notice.wifi_payload], [SHARE_URL])
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        codes = [app.screen.query_one(f"#wifi-{column}-code", PayloadCode) for column in ("join", "open")]
        assert not any(code.scale for code in codes) and wifi_codes(app) == ([], [])
        assert screen_text(app).count("请放大窗口以显示") == 2  # said plainly, in place of each code
        assert shown(app, "#wifi-join-detail") == squeeze(f"Wi-Fi：{network.name} 密码：{network.password}")
        assert shown(app, "#wifi-open-detail") == squeeze(f"再打开 {SHARE_URL}")


def test_a_notice_whose_pid_now_belongs_to_another_program_is_not_a_share(tmp_path):
    """After a reboot or a long day a dead sharer's pid may be reused: a process that started after
    the notice was written did not write it."""
    import subprocess
    import sys
    from dataclasses import replace
    from datetime import datetime, timedelta

    from roomtui.share.notice import ShareNotice, sharer_running

    notice = ShareNotice.now("http://10.0.0.1:8000/m", None)
    assert sharer_running(notice)  # this process wrote it a moment ago
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        earlier = (datetime.now() - timedelta(hours=1)).isoformat(timespec="microseconds")
        assert not sharer_running(replace(notice, pid=other.pid, started=earlier))
    finally:
        other.kill()
        other.wait()
