"""While phones take part, the projector shows the way in: the Wi-Fi code and the take-part page.

The secretary lets phones take part (``h`` in the live view) and opens the room view on the
projector (``roomtui show``). The room view learns of the share from the notice the app leaves in
the data folder (share/notice.py); that notice carried only the minutes link, so the projector
showed "Open the minutes" and the room could not scan its way in to sign in, ask to speak and
rate the answers. The notice now names the phones' page while they take part, and the room view
shows its code; once the meeting is ended the phones stop and the hand-out shows, as before.
Codes are read back off the screen with zxing-cpp, as tests/test_handout_decode.py does.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from live_helpers import make_app
from room_helpers import ROOM_URL, SHARE_NETWORK, SHARE_URL, live_demo, look, put_up_share, room_beside
from share_helpers import decode_region, read_wifi
from test_handout_decode import decode, region_text, screen_text, squeeze

from roomtui.domain.model import MeetingStatus
from roomtui.i18n import set_language
from roomtui.share import Discovery, Sharing, WifiNetwork
from roomtui.share.network import AddressKind, LocalAddress
from roomtui.share.notice import ShareNotice, notice_path, read_notice
from roomtui.share.phone_writes import PhoneWrites
from roomtui.share.room_door import RoomDoor
from roomtui.share.room_state import build_room_state
from roomtui.tui.dialogs import ConfirmDialog
from roomtui.tui.screens.share import ShareScreen
from roomtui.tui.widgets.qr_code import QRCodeView
from roomtui.tui.widgets.share_code import PayloadCode

HOTSPOT_HERE = LocalAddress("wlan0", "127.0.0.1", 8, AddressKind.HOTSPOT)
TAKE_PART = {"en": "2  Take part: sign in, ask to speak, rate the answers", "zh": "2  参与：签到、申请发言、评价回应"}
HEADING = {"en": "Take part from your phone: scan code 1, then code 2. No internet is needed.",
           "zh": "用手机参与会议：先扫二维码 1，再扫二维码 2，无需互联网。"}
MINUTES = {"en": "Open the minutes", "zh": "打开会议纪要"}


@pytest.fixture(autouse=True)
def english_after():
    yield
    set_language("en")


def codes_read(app, columns=("join", "open")) -> tuple[list[str], ...]:
    """What zxing-cpp reads off code 1 (join the Wi-Fi) and code 2 (the page)."""
    return tuple(decode_region(app, app.screen.query_one(f"#wifi-{column}-code", PayloadCode).region)
                 for column in columns)


def shape(app) -> str:
    return next(name for name in ("-none", "-speaking", "-between", "-ended", "-sharing")
                if app.screen.has_class(name))


# -- the notice --------------------------------------------------------------------------------
def test_a_share_with_phones_taking_part_names_their_page_in_its_notice_until_it_stops(tmp_path):
    archive, meeting_id, clock, session = live_demo(tmp_path)
    meeting = session.meeting
    path = notice_path(archive.root, meeting_id)
    door = RoomDoor(build_room_state(meeting, now=clock.now()), PhoneWrites(lambda actions: actions))
    with Sharing(meeting, "127.0.0.1", WifiNetwork("roomtui-k7mp", "h3q9xv2kdm"), port=0, room=door) as sharing:
        sharing.announce(archive.root)
        notice = read_notice(path)
        assert notice is not None and notice.room_url == sharing.room_url
        assert notice.room_url.startswith(notice.url) and notice.room_url.endswith("/room")
    assert read_notice(path) is None  # phones stopped: no page named any more
    with Sharing(meeting, "127.0.0.1", port=0) as minutes_only:  # the hand-out view's w: the minutes only
        minutes_only.announce(archive.root)
        assert read_notice(path).room_url is None and read_notice(path).url == minutes_only.url
    session.close()


def test_the_take_part_page_reads_back_and_an_odd_one_is_no_notice():
    notice = ShareNotice.now(SHARE_URL, SHARE_NETWORK["en"], ROOM_URL)
    assert ShareNotice.from_bytes(notice.to_bytes()) == notice
    older = notice.to_bytes().replace(b'"room_url"', b'"unknown"')  # a notice of a roomtui before phones took part
    assert ShareNotice.from_bytes(older) == replace(notice, room_url=None)
    for odd in ("http://evil.example/room", "javascript:alert(1)", ROOM_URL + "\x1b[2J", ROOM_URL + "x" * 600):
        assert ShareNotice.from_bytes(replace(notice, room_url=odd).to_bytes()) is None, odd
    assert ShareNotice.from_bytes(notice.to_bytes().replace(ROOM_URL.encode(), b"5")) is None  # not a text


# -- the room view -----------------------------------------------------------------------------
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_while_phones_take_part_the_projector_shows_their_page_then_the_hand_out(tmp_path, language, size):
    set_language(language)
    archive, meeting_id, clock, session = live_demo(tmp_path, language)
    notice = put_up_share(archive.root, meeting_id, language=language, room=True)
    network = SHARE_NETWORK[language]
    app = room_beside(archive, meeting_id, clock)  # read-only, polled by hand
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert shape(app) == "-sharing"
        join, page = codes_read(app)
        assert page == [ROOM_URL]  # the room scans its way in
        assert join == [notice.wifi_payload]
        assert read_wifi(join[0]) == {"T": "WPA", "S": network.name, "P": network.password}
        text = squeeze(screen_text(app))
        assert squeeze(TAKE_PART[language]) in text and squeeze(MINUTES[language]) not in text
        detail = squeeze(region_text(app, app.screen.query_one("#wifi-open-detail").content_region))
        assert detail.endswith(squeeze(ROOM_URL))  # said in words under the code too
        if size == (120, 40):
            assert squeeze(HEADING[language]) in text

        session.do("close", lambda c: c.close_meeting())  # ended: phones stop (tui/ending.py)
        assert app.poll()
        await pilot.pause()
        assert shape(app) == "-ended" and not app.screen.query_one("#room-wifi").display
        assert decode(app, app.screen.query_one(QRCodeView)).startswith("[1/")  # the hand-out, as before
    session.close()


async def test_a_minutes_share_with_no_wifi_code_still_says_take_part_when_phones_do(tmp_path):
    archive, meeting_id, clock, session = live_demo(tmp_path)
    session.close()
    put_up_share(archive.root, meeting_id, with_wifi=False, room=True)
    app = room_beside(archive, meeting_id, clock)  # read-only, polled by hand
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert shape(app) == "-sharing" and not app.screen.query_one("#wifi-join").display
        assert codes_read(app, ["open"]) == ([ROOM_URL],)
        text = screen_text(app)
        assert "Take part: sign in, ask to speak, rate the answers" in text and "2  Take" not in text
        assert "Take part from your phone: join this laptop's network, then scan the code." in text
        assert f"on this laptop's network: {ROOM_URL}" in text


# -- the whole way: h in the secretary's app, the projector beside it ---------------------------
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_h_in_the_app_puts_the_take_part_code_on_the_projector_until_the_meeting_ends(tmp_path, monkeypatch,
                                                                                            language):
    set_language(language)
    monkeypatch.setattr("roomtui.tui.screens.share.discover",
                        lambda folder: Discovery([HOTSPOT_HERE], WifiNetwork("roomtui-test", "k3v9wq2mzp")))
    app, archive, meeting_id, clock = make_app(tmp_path, language)
    room = room_beside(archive, meeting_id, clock)
    async with room.run_test(size=(120, 40)) as room_pilot, app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        speeches = next(a.id for a in app.session.meeting.agenda if a.kind.value == "speeches")
        assert app.act("start", lambda c: (c.start_meeting(), c.start_item(speeches))).done
        await pilot.press("h")
        for _n in range(20):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if isinstance(app.screen, ShareScreen):
                break
        assert isinstance(app.screen, ShareScreen) and app.phones is not None
        room_url = app.phones.sharing.room_url
        assert read_notice(notice_path(archive.root, meeting_id)).room_url == room_url
        await pilot.press("escape")  # back to work: the phones go on taking part
        await pilot.pause()
        await look(room, room_pilot)
        assert shape(room) == "-sharing" and codes_read(room)[1] == [room_url]
        assert squeeze(TAKE_PART[language]) in squeeze(screen_text(room))

        app.confirm_close_meeting()  # e
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert app.session.meeting.status is MeetingStatus.CLOSED and app.phones is None
        assert read_notice(notice_path(archive.root, meeting_id)) is None
        await look(room, room_pilot)
        assert shape(room) == "-ended" and decode(room, room.screen.query_one(QRCodeView)).startswith("[1/")
