"""The share screen in the app: w in the hand-out view, two codes that decode, and a server that
never outlives the screen (w again, Esc, another view, quitting)."""

from __future__ import annotations

import asyncio
import stat
import urllib.error
import urllib.request

import pytest

from roomtui.i18n import set_language
from roomtui.share import Discovery, WifiNetwork
from roomtui.share.network import AddressKind, LocalAddress
from roomtui.share.notice import notice_path, read_notice
from roomtui.tui.app import RoomApp
from roomtui.tui.screens.handout import HandoutScreen
from roomtui.tui.screens.share import ShareScreen
from roomtui.tui.widgets.share_code import PayloadCode
from share_helpers import decode_region, demo_archive, read_wifi

NETWORK = WifiNetwork('县政协;会议室:"4"', "pa\\ss:wo;rd")
HOTSPOT_HERE = LocalAddress("wlan0", "127.0.0.1", 8, AddressKind.HOTSPOT)  # loopback stands in for 10.42.0.1


@pytest.fixture
def app(tmp_path, monkeypatch):
    archive, meeting_id = demo_archive(tmp_path / "data")
    monkeypatch.setattr("roomtui.tui.screens.share.discover", lambda folder: Discovery([HOTSPOT_HERE], NETWORK))
    return RoomApp(archive, meeting_id=meeting_id, view="handout")


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def refused(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=10)
    except urllib.error.URLError as error:
        return isinstance(error.reason, ConnectionRefusedError)
    return False


async def start(app, pilot) -> ShareScreen:
    await pilot.pause()
    assert isinstance(app.screen, HandoutScreen)
    await pilot.press("w")
    for _ in range(20):  # discovery, then building and binding: one worker after the other
        await app.workers.wait_for_complete()
        await pilot.pause()
        if isinstance(app.screen, ShareScreen):
            break
    assert isinstance(app.screen, ShareScreen)
    return app.screen


def room_notice(app, screen: ShareScreen):
    """The notice the share left for the room view, checked owner-only; None when there is none."""
    path = notice_path(app.archive.root, screen.sharing.meeting_id)
    if not path.exists():
        return None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    notice = read_notice(path)
    assert notice.url == screen.sharing.url and notice.wifi_payload == screen.sharing.wifi_payload
    assert (notice.network_name, notice.password) == (NETWORK.name, NETWORK.password)
    return notice


async def test_w_shares_two_codes_that_decode_and_w_again_stops(app):
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await start(app, pilot)
        url = screen.sharing.url
        assert url.startswith("http://127.0.0.1:")
        status, page = await asyncio.to_thread(fetch, url)
        assert status == 200 and b"Minutes: " in page
        screen._update_status()  # (it reads the count once a second by itself)
        await pilot.pause()
        text = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "Join the Wi-Fi" in text and "Open the minutes" in text
        assert "Phones that took the minutes: 1 · downloads: 1." in text
        assert "w or Esc stops sharing" in text
        wifi = screen.query_one("#share-wifi", PayloadCode)
        link = screen.query_one("#share-url", PayloadCode)
        assert wifi.region.right <= link.region.x  # side by side
        assert decode_region(app, wifi.region) == [wifi.payload]
        assert read_wifi(wifi.payload) == {"T": "WPA", "S": NETWORK.name, "P": NETWORK.password}
        assert decode_region(app, link.region) == [url]
        assert room_notice(app, screen) is not None  # the projector's room view shows the same codes
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, HandoutScreen)
        assert not screen.sharing.running and room_notice(app, screen) is None
        assert await asyncio.to_thread(refused, url)


async def test_a_change_while_sharing_is_served_and_undo_too(app):
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await start(app, pilot)
        app.act("Rename", lambda council: council.set_details(title="Renamed council 更名"))
        await app.workers.wait_for_complete()
        _, page = await asyncio.to_thread(fetch, screen.sharing.url)
        assert "Renamed council 更名".encode() in page
        await pilot.press("ctrl+z")
        await app.workers.wait_for_complete()
        _, page = await asyncio.to_thread(fetch, screen.sharing.url)
        assert "Renamed council 更名".encode() not in page


@pytest.mark.parametrize("leave", ["escape", "f4", "f6"])
async def test_leaving_the_view_stops_the_server(app, leave):
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await start(app, pilot)
        url = screen.sharing.url
        assert room_notice(app, screen) is not None
        await pilot.press(leave)
        await pilot.pause()
        assert not isinstance(app.screen, ShareScreen)
        assert not screen.sharing.running and await asyncio.to_thread(refused, url)
        assert room_notice(app, screen) is None


async def test_quitting_stops_the_server(app):
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await start(app, pilot)
        url = screen.sharing.url
        assert room_notice(app, screen) is not None
    assert not screen.sharing.running and await asyncio.to_thread(refused, url)
    assert room_notice(app, screen) is None


async def test_captions_in_the_chinese_interface(tmp_path, monkeypatch):
    set_language("zh")
    archive, meeting_id = demo_archive(tmp_path / "data", "zh")
    monkeypatch.setattr("roomtui.tui.screens.share.discover", lambda folder: Discovery([HOTSPOT_HERE], NETWORK))
    app = RoomApp(archive, meeting_id=meeting_id, view="handout")
    async with app.run_test(size=(160, 50)) as pilot:
        await start(app, pilot)
        text = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "连接 Wi-Fi" in text and "打开会议纪要" in text


async def test_no_network_at_all_says_how_to_switch_the_hotspot_on(tmp_path, monkeypatch):
    archive, meeting_id = demo_archive(tmp_path / "data")
    monkeypatch.setattr("roomtui.tui.screens.share.discover", lambda folder: Discovery([]))
    app = RoomApp(archive, meeting_id=meeting_id, view="handout")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        from roomtui.tui.notices import NoticeDialog

        assert isinstance(app.screen, NoticeDialog)  # the steps, in full, until Esc
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HandoutScreen)
        assert any("Switch the laptop's hotspot on" in said for said in app.notices.said)
