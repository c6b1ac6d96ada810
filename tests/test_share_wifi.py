"""The "Join the Wi-Fi" code: the WIFI: text phones join, escaped right, decoded by zxing-cpp."""

from __future__ import annotations

import numpy as np
import pytest
import zxingcpp

from roomtui.handout.render import RenderMode
from roomtui.share.codes import code_rows, side_by_side
from roomtui.share.wifi import WifiNetwork, escape_value, wifi_payload
from share_helpers import read_wifi

NETWORKS = [
    WifiNetwork("roomtui-abcd", "k3v9wq2mzp"),
    WifiNetwork("Council;Room:4", 'pa;ss:wo,rd"\\end'),
    WifiNetwork('back\\slash "quoted"', "semi;colon;;"),
    WifiNetwork("县政协会议室", "密码:是;好\\的"),
    WifiNetwork("CAFE", "12345678"),  # a hex-looking name is quoted, else readers take it for hex bytes
    WifiNetwork('"', ",,,,::::"),
]


def cells_image(rows, pixels: int = 4) -> np.ndarray:
    """Half-block cells to grey pixels: a cell is its top and its bottom module."""
    grid = []
    for row in rows:
        grid.append([0 if (c.fg if c.char == "▀" else c.bg) == "#000000" else 255 for c in row])
        grid.append([0 if c.bg == "#000000" else 255 for c in row])
    image = np.array(grid, dtype=np.uint8)
    return np.repeat(np.repeat(image, pixels, axis=0), pixels, axis=1)


def decode_all(image) -> list[str]:
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode, try_invert=False)
    return [f.bytes.decode("utf-8") for f in found]


def test_the_format_as_phones_expect_it():
    assert wifi_payload(WifiNetwork("roomtui-abcd", "k3v9wq2mzp")) == "WIFI:T:WPA;S:roomtui-abcd;P:k3v9wq2mzp;;"
    assert escape_value('a\\b;c,d:e"f') == 'a\\\\b\\;c\\,d\\:e\\"f'
    assert wifi_payload(WifiNetwork("CAFE", "12345678")) == 'WIFI:T:WPA;S:"CAFE";P:12345678;;'
    assert wifi_payload(WifiNetwork("open", "")) == "WIFI:T:nopass;S:open;;"


@pytest.mark.parametrize("network", NETWORKS, ids=lambda n: n.name)
def test_the_code_decodes_to_the_exact_name_and_password(network):
    payload = wifi_payload(network)
    texts = decode_all(cells_image(code_rows(payload, RenderMode.HALF_BLOCK)))
    assert texts == [payload]
    assert read_wifi(texts[0]) == {"T": "WPA", "S": network.name, "P": network.password}


def test_both_codes_side_by_side_are_read_each_as_itself():
    wifi = wifi_payload(NETWORKS[3])
    url = "http://10.42.0.1:8765/8q4a5nrswDd1HRaftX4ubA/"
    image = cells_image(side_by_side(code_rows(wifi), code_rows(url)))
    assert sorted(decode_all(image)) == sorted([wifi, url])


def test_problems_are_named():
    assert WifiNetwork("ok-name", "short").problems() == ["The Wi-Fi password must have 8 to 63 characters."]
    assert WifiNetwork("", "longenough").problems() == ["The Wi-Fi name is empty."]
    assert WifiNetwork("会" * 11, "longenough").problems()  # 33 bytes: over an SSID's 32
    assert WifiNetwork("会" * 10, "longenough").problems() == []
