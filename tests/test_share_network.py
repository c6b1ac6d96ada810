"""Where to share: addresses, the hotspot, nmcli (a fake one on PATH), the remembered network,
and ``roomtui share`` asking its questions on the terminal. No real network is changed."""

from __future__ import annotations

import io
import json
import os
import stat
import sys
import threading
import time
import urllib.request
from types import SimpleNamespace

import pytest

from roomtui.cli import build_parser, main
from roomtui.share import DEFAULT_PORT, Discovery, Sharing, discover, settings
from roomtui.share import hotspot as nmcli
from roomtui.share.network import AddressKind, LocalAddress, classify, local_addresses
from roomtui.share.notice import notice_path, process_alive, read_notice
from roomtui.share.terminal import run_share
from roomtui.share.wifi import WifiNetwork, wifi_payload
from roomtui.store.desk import Desk
from share_helpers import demo_archive


# -- addresses --------------------------------------------------------------------------------
@pytest.mark.parametrize("interface, address, platform, kind", [
    ("wlp2s0", "10.42.0.1", "linux", AddressKind.HOTSPOT),  # NetworkManager's shared network
    ("Local Area Connection* 2", "192.168.137.1", "win32", AddressKind.HOTSPOT),  # Windows Mobile hotspot
    ("bridge100", "192.168.2.1", "darwin", AddressKind.HOTSPOT),  # macOS Internet Sharing
    ("bridge100", "192.168.2.1", "linux", AddressKind.NETWORK),
    ("ap0", "192.168.12.1", "linux", AddressKind.HOTSPOT),
    ("wlan0", "192.168.1.23", "linux", AddressKind.NETWORK),
    ("eth0", "172.17.0.2", "linux", AddressKind.NETWORK),
    ("lo", "127.0.0.1", "linux", AddressKind.LOOPBACK),
    ("wlan0", "169.254.10.1", "linux", None),
    ("wlan0", "fe80::1", "linux", None),
])
def test_addresses_are_classified(interface, address, platform, kind):
    assert classify(interface, address, 24, platform=platform) is kind


def test_the_interface_nmcli_names_as_hotspot_counts_as_hotspot():
    assert classify("wlan0", "192.168.50.1", 24, frozenset({"wlan0"}), "linux") is AddressKind.HOTSPOT


def test_hotspot_addresses_come_first(monkeypatch):
    import ifaddr

    def adapter(name, *ips):
        return SimpleNamespace(name=name, nice_name=name, ips=[SimpleNamespace(ip=ip, network_prefix=p) for ip, p in ips])

    monkeypatch.setattr(ifaddr, "get_adapters", lambda: [
        adapter("lo", ("127.0.0.1", 8), (("::1", 0, 0), 128)),
        adapter("eth0", ("192.168.1.23", 24)),
        adapter("wlp2s0", ("10.42.0.1", 24), ("169.254.3.3", 16)),
    ])
    found = local_addresses()
    assert [(a.interface, a.address, a.kind) for a in found] == [
        ("wlp2s0", "10.42.0.1", AddressKind.HOTSPOT), ("eth0", "192.168.1.23", AddressKind.NETWORK),
        ("lo", "127.0.0.1", AddressKind.LOOPBACK)]


def test_this_machine_lists_its_addresses_without_error():
    assert all(a.kind in AddressKind for a in local_addresses())


# -- nmcli, faked ---------------------------------------------------------------------------
FAKE_NMCLI = """#!{python}
import json, sys
with open({log!r}, "a", encoding="utf-8") as log:
    log.write(json.dumps(sys.argv[1:], ensure_ascii=False) + "\\n")
answers = json.load(open({answers!r}, encoding="utf-8"))
answer = answers.get(" ".join(sys.argv[1:]), {{"out": "", "code": 0}})
sys.stdout.write(answer["out"])
sys.exit(answer["code"])
"""


@pytest.fixture
def fake_nmcli(tmp_path, monkeypatch):
    """An ``nmcli`` first on PATH that records its arguments and answers from a table."""
    folder = tmp_path / "bin"
    folder.mkdir()
    log, answers = tmp_path / "nmcli.log", tmp_path / "nmcli.json"
    answers.write_text("{}", encoding="utf-8")
    script = folder / "nmcli"
    script.write_text(FAKE_NMCLI.format(python=sys.executable, log=str(log), answers=str(answers)), encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder), prepend=":")

    def answer(table: dict[str, tuple[str, int] | str]) -> None:
        answers.write_text(json.dumps({k: {"out": v, "code": 0} if isinstance(v, str) else {"out": v[0], "code": v[1]}
                                       for k, v in table.items()}, ensure_ascii=False), encoding="utf-8")

    def calls() -> list[list[str]]:
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []

    return SimpleNamespace(answer=answer, calls=calls, path=str(script))


def test_terse_output_keeps_escaped_colons():
    assert nmcli.split_terse(r"yes:Council\:Room 4:x\\y") == ["yes", "Council:Room 4", "x\\y"]


def test_the_hotspot_command_is_built_exactly():
    network = WifiNetwork("会议室 Wi-Fi", "pa ss;word")
    command = nmcli.hotspot_command(network, "wlan0")
    assert command == ["nmcli", "device", "wifi", "hotspot", "ifname", "wlan0", "con-name", "roomtui-hotspot",
                       "ssid", "会议室 Wi-Fi", "password", "pa ss;word"]
    assert nmcli.shown(command).endswith("ssid '会议室 Wi-Fi' password 'pa ss;word'")


def test_discovery_reads_nmcli_and_changes_nothing(fake_nmcli, tmp_path):
    assert nmcli.nmcli_path() == fake_nmcli.path
    fake_nmcli.answer({
        "-t -f DEVICE,TYPE device": "wlan0:wifi\neth0:ethernet\nlo:loopback\n",
        "-t -f ACTIVE,SSID device wifi": "no:Other\nyes:Council\\:Room\n",
    })
    found = discover(tmp_path)
    assert found.nmcli and found.wifi_devices == ["wlan0"] and found.joined_wifi == "Council:Room"
    assert all(call[:3] != ["device", "wifi", "hotspot"] for call in fake_nmcli.calls())
    assert {tuple(call) for call in fake_nmcli.calls()} <= {
        ("-t", "-f", "NAME,TYPE,DEVICE", "connection", "show", "--active"), ("-t", "-f", "DEVICE,TYPE", "device"),
        ("-t", "-f", "ACTIVE,SSID", "device", "wifi")}


def test_a_running_nmcli_hotspot_gives_its_device_name_and_password(fake_nmcli):
    fake_nmcli.answer({
        "-t -f NAME,TYPE,DEVICE connection show --active": "Wired:802-3-ethernet:eth0\nHotspot:802-11-wireless:wlan0\n",
        "-s -t -f 802-11-wireless.mode,802-11-wireless.ssid,802-11-wireless-security.psk connection show Hotspot":
            "802-11-wireless.mode:ap\n802-11-wireless.ssid:Room\\:4\n802-11-wireless-security.psk:k3v9wq2mzp\n",
    })
    assert nmcli.active_hotspot() == ("wlan0", WifiNetwork("Room:4", "k3v9wq2mzp"))


# -- the remembered network -----------------------------------------------------------------
def test_the_network_is_remembered_owner_only(tmp_path):
    network = WifiNetwork("县政协 Wi-Fi", 'pa;ss:"word\\')
    path = settings.save_network(tmp_path / "data", network)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert settings.load_network(tmp_path / "data") == network
    path.write_text("{not json", encoding="utf-8")
    assert settings.load_network(tmp_path / "data") is None
    suggested = settings.suggested_network()
    assert suggested.problems() == [] and suggested.name.startswith("roomtui-")


# -- roomtui share, on the terminal ---------------------------------------------------------
HOTSPOT_HERE = LocalAddress("wlan0", "127.0.0.1", 8, AddressKind.HOTSPOT)  # loopback stands in for 10.42.0.1


def share_in_background(archive, meeting_id, answers: str, discoveries: list[Discovery], **options):
    """Run ``roomtui share``'s terminal flow; fetch the page once it serves, then stop it."""
    out, stop, fetched = io.StringIO(), threading.Event(), {}

    def started(sharing):
        with urllib.request.urlopen(sharing.url, timeout=10) as answer:
            fetched["status"], fetched["url"] = answer.status, sharing.url
        fetched["wifi"] = sharing.wifi_payload
        stop.set()

    calls = iter(discoveries)
    status = run_share(archive, meeting_id, out=out, input=io.StringIO(answers), stop=stop, on_started=started,
                       discovery=lambda folder: next(calls), port=0, **options)
    return status, out.getvalue(), fetched


def test_share_starts_the_hotspot_only_after_yes_and_serves_on_it(fake_nmcli, tmp_path):
    archive, meeting_id = demo_archive(tmp_path / "data")
    before = Discovery([], None, nmcli=True, wifi_devices=["wlan0"])
    after = Discovery([HOTSPOT_HERE], None, nmcli=True, wifi_devices=["wlan0"])
    status, output, fetched = share_in_background(archive, meeting_id, "y\n", [before, after])
    assert status == 0, output
    hotspot_calls = [c for c in fake_nmcli.calls() if c[:3] == ["device", "wifi", "hotspot"]]
    assert len(hotspot_calls) == 1
    remembered = settings.load_network(archive.root)
    assert ["nmcli", *hotspot_calls[0]] == nmcli.hotspot_command(remembered, "wlan0")
    assert nmcli.shown(nmcli.hotspot_command(remembered, "wlan0")) in output  # shown before it ran
    assert fetched["status"] == 200 and fetched["wifi"] == wifi_payload(remembered)
    assert "Join the Wi-Fi" in output and "Open the minutes" in output and fetched["url"] in output


def test_share_without_yes_changes_no_network(fake_nmcli, tmp_path):
    archive, meeting_id = demo_archive(tmp_path / "data")
    before = Discovery([], None, nmcli=True, wifi_devices=["wlan0"])
    status, output, fetched = share_in_background(archive, meeting_id, "n\n", [before])
    assert status == 1 and not fetched
    assert not fake_nmcli.calls()
    assert "Switch the laptop's hotspot on" in output


def test_share_on_a_hotspot_asks_its_name_and_password_once(tmp_path):
    archive, meeting_id = demo_archive(tmp_path / "data")
    found = Discovery([HOTSPOT_HERE])
    status, output, fetched = share_in_background(archive, meeting_id, "会议室;1\nshort\n会议室;1\nk3v9:wq2mzp\n",
                                                  [found])
    assert status == 0, output
    assert "The Wi-Fi password must have 8 to 63 characters." in output
    network = WifiNetwork("会议室;1", "k3v9:wq2mzp")
    assert settings.load_network(archive.root) == network and fetched["wifi"] == wifi_payload(network)
    # the second time nothing is asked
    status, output, fetched = share_in_background(archive, meeting_id, "", [Discovery([HOTSPOT_HERE], network)])
    assert status == 0 and fetched["wifi"] == wifi_payload(network) and "Wi-Fi name:" not in output


def test_share_on_a_joined_network_says_which_and_asks(tmp_path):
    archive, meeting_id = demo_archive(tmp_path / "data")
    lan = LocalAddress("wlan0", "127.0.0.1", 8, AddressKind.NETWORK)
    status, output, fetched = share_in_background(archive, meeting_id, "y\n", [Discovery([lan], joined_wifi="Office")])
    assert status == 0 and fetched["status"] == 200 and fetched["wifi"] is None
    assert "Share on the Wi-Fi network \u201cOffice\u201d (wlan0, 127.0.0.1)?" in output


def test_share_command_line(tmp_path, capsys):
    args = build_parser().parse_args(["share", "Tongjiang", "--address", "127.0.0.1", "--port", "0"])
    assert (args.command, args.address, args.port) == ("share", "127.0.0.1", 0)
    assert main(["share", "nothing-like-it", "--data", str(tmp_path)]) == 1
    assert "nothing-like-it" in capsys.readouterr().err
    share_help = build_parser()._subparsers._group_actions[0].choices["share"].format_help()
    assert f"(default: {DEFAULT_PORT})" in " ".join(share_help.split())


def test_share_on_the_terminal_follows_changes_of_the_meeting_file(tmp_path):
    """The app in another window records something: the next phone gets the new minutes."""
    archive, meeting_id = demo_archive(tmp_path / "data")
    out, stop, seen = io.StringIO(), threading.Event(), {}

    def started(sharing):
        def change_then_watch():
            try:
                meeting = archive.load(meeting_id)
                meeting.title = "Renamed council 更名"
                Desk(archive).replace(meeting_id, meeting)  # as the app in another window would
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline and "renamed" not in seen:
                    with urllib.request.urlopen(sharing.url, timeout=10) as answer:
                        if "Renamed council 更名".encode() in answer.read():
                            seen["renamed"] = True
                    stop.wait(0.2)
            finally:
                stop.set()  # whatever happened here, the server stops and the test ends

        threading.Thread(target=change_then_watch, daemon=True).start()

    status = run_share(archive, meeting_id, address="127.0.0.1", port=0, out=out, input=io.StringIO(""),
                       stop=stop, on_started=started)
    assert status == 0 and seen.get("renamed"), out.getvalue()
    assert "The meeting changed: the shared minutes are up to date." in out.getvalue()


def test_share_on_the_terminal_tells_the_room_view_until_ctrl_c(tmp_path):
    """``roomtui show`` is another process: the share leaves it a notice (owner-only: it holds the
    Wi-Fi password) and takes it down when Ctrl+C stops sharing."""
    archive, meeting_id = demo_archive(tmp_path / "data")
    network = WifiNetwork("会议室;1", "k3v9:wq2mzp")
    settings.save_network(archive.root, network)
    path = notice_path(archive.root, meeting_id)
    seen = {}

    def started(sharing):
        seen["notice"], seen["url"] = read_notice(path), sharing.url
        seen["modes"] = stat.S_IMODE(path.stat().st_mode), stat.S_IMODE(path.parent.stat().st_mode)
        raise KeyboardInterrupt  # Ctrl+C

    status = run_share(archive, meeting_id, address="127.0.0.1", port=0, out=io.StringIO(), input=io.StringIO(""),
                       on_started=started)
    assert status == 0 and seen["modes"] == (0o600, 0o700)
    notice = seen["notice"]
    assert (notice.url, notice.wifi_payload, notice.network_name, notice.password) == (
        seen["url"], wifi_payload(network), network.name, network.password)
    assert notice.pid == os.getpid() and process_alive(notice.pid)
    assert not path.exists()


def test_a_share_takes_down_only_its_own_notice(tmp_path):
    """Two shares of one meeting (the app and the terminal): the one that stops first leaves the
    other's notice up."""
    archive, meeting_id = demo_archive(tmp_path / "data")
    meeting = archive.load(meeting_id)
    path = notice_path(archive.root, meeting_id)
    first = Sharing(meeting, "127.0.0.1", port=0).start()
    second = Sharing(meeting, "127.0.0.1", port=0).start()
    first.announce(archive.root)
    second.announce(archive.root)
    first.stop()
    assert read_notice(path).url == second.url
    second.stop()
    second.stop()  # twice is harmless
    assert not path.exists()


def test_an_address_given_by_hand_is_described_without_an_empty_name():
    from roomtui.share import describe
    from roomtui.share.network import AddressKind, LocalAddress

    kind = next(iter(AddressKind))
    text = describe(LocalAddress("", "127.0.0.1", 8, kind if kind is not AddressKind.HOTSPOT else list(AddressKind)[1]))
    assert "127.0.0.1" in text and "  " not in text and "on  (" not in text
