"""Helpers for the Wi-Fi share tests: a shared demo meeting, raw HTTP, and a WIFI: reader."""

from __future__ import annotations

import socket
from pathlib import Path

import zxingcpp

from roomtui.cli import main
from roomtui.domain.demo import DEMO_ID
from roomtui.store import Archive
from roomtui.store.desk import Desk

NOTES = ("PRIVNOTE-PERSON mobile only after 6pm", "PRIVNOTE-ISSUE proposer asked to stay anonymous",
         "PRIVNOTE-RESPONSE budget not yet approved")


def demo_archive(folder: Path, language: str = "en") -> tuple[Archive, str]:
    """The demo council in ``folder``, created by the CLI, with internal notes added."""
    assert main(["demo", "--no-open", "--lang", language, "--data", str(folder)]) == 0
    archive = Archive(folder)
    meeting_id = DEMO_ID[language]
    meeting = archive.load(meeting_id)
    meeting.participants[0].note = NOTES[0]
    meeting.issues[0].note = NOTES[1]
    if meeting.responses:
        meeting.responses[0].note = NOTES[2]
    desk = Desk(archive)
    desk.replace(meeting_id, meeting)
    desk.close()
    return archive, meeting_id


def secrets_of(meeting) -> list[str]:
    """Every contact and note of the meeting: none may ever be served."""
    values = [p.contact for p in meeting.participants if p.contact]
    values += [c.replace(" ", "") for c in values]
    values += [r.note for r in (*meeting.participants, *meeting.issues, *meeting.responses) if r.note]
    return [v for v in values if v.strip()]


def raw_request(port: int, data: bytes, host: str = "127.0.0.1", timeout: float = 10.0) -> bytes:
    """Send ``data`` as is and read the whole answer (until the server closes or times out)."""
    with socket.create_connection((host, port), timeout=timeout) as sock:
        try:
            sock.sendall(data)
        except OSError:
            pass
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, TimeoutError, socket.timeout):
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def status_of(answer: bytes) -> int | None:
    if not answer.startswith(b"HTTP/1."):
        return None
    return int(answer.split(b" ", 2)[1])


def read_wifi(text: str) -> dict[str, str]:
    """A ``WIFI:`` text read the way ZXing's WifiResultParser (Android's readers) reads it.

    Written independently of roomtui.share.wifi: split at unescaped ``;``, drop the escaping
    backslashes, and take a value wholly in unescaped double quotes as the quoted name."""
    assert text.startswith("WIFI:"), text
    fields: dict[str, str] = {}
    body = text[len("WIFI:"):]
    assert body.endswith(";;"), text
    chars: list[tuple[str, bool]] = []  # (character, was escaped)
    parts: list[list[tuple[str, bool]]] = []
    escaped = False
    for char in body:
        if escaped:
            chars.append((char, True))
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ";":
            parts.append(chars)
            chars = []
        else:
            chars.append((char, False))
    for part in parts:
        if not part:
            continue
        key = "".join(c for c, _ in part[:1])
        assert part[1] == (":", False), part
        value = part[2:]
        if len(value) >= 2 and value[0] == ('"', False) and value[-1] == ('"', False):
            value = value[1:-1]
        fields[key] = "".join(c for c, _ in value)
    return fields


def decode_region(app, region) -> list[str]:
    """The codes zxing-cpp reads off ``region`` of the screen, as the compositor painted it (the
    hand-out tests' cells-to-pixels, so every code of roomtui is read the same way)."""
    from test_handout_decode import region_image

    found = zxingcpp.read_barcodes(region_image(app, region), formats=zxingcpp.BarcodeFormat.QRCode,
                                   try_invert=False)
    return [f.bytes.decode("utf-8") for f in found]
