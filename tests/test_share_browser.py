"""A real phone-sized browser opens the shared minutes: headless Chromium at 390x844.

The network is otherwise unreachable for the browser (every host but loopback resolves to
nothing and goes to a dead proxy), so the page can only show what the laptop served. The
rendered DOM must hold the minutes' title and every issue; the screenshot is kept in the
test's temporary folder for a human look. Chromium comes from Debian's ``chromium`` package
(.ci/run installs it); without it the test says so and skips.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from html import escape

import pytest

from roomtui.minutes import build_minutes
from roomtui.share import Sharing, WifiNetwork
from share_helpers import demo_archive, secrets_of

CHROMIUM = next((path for path in (os.environ.get("ROOMTUI_CHROMIUM"), shutil.which("chromium"),
                                   shutil.which("chromium-browser"), "/usr/bin/chromium") if path and os.path.exists(path)),
                None)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")


def chromium(tmp_path, *arguments: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
        "--disable-extensions", "--disable-sync", "--no-first-run", "--no-default-browser-check",
        "--mute-audio", "--hide-scrollbars", f"--user-data-dir={profile}", "--window-size=390,844",
        # nothing but the laptop: no name resolves, and every other host goes to a dead proxy
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--proxy-server=http://127.0.0.1:9",
        "--proxy-bypass-list=127.0.0.1", *arguments,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180,
                          env={**os.environ, "HOME": str(tmp_path)})


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_phone_sized_browser_shows_the_title_and_every_issue(tmp_path, language):
    archive, meeting_id = demo_archive(tmp_path / "data", language)
    meeting = archive.load(meeting_id)
    minutes = build_minutes(meeting, public=True)
    with Sharing(meeting, "127.0.0.1", WifiNetwork("roomtui-test", "k3v9wq2mzp"), port=0) as share:
        dumped = chromium(tmp_path, "--dump-dom", share.url)
        screenshot = tmp_path / f"minutes-{language}.png"
        shot = chromium(tmp_path, f"--screenshot={screenshot}", share.url)
        downloads = share.stats().downloads
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    dom = dumped.stdout
    assert "<main>" in dom and 'id="downloads"' in dom
    assert escape(minutes.header.title, quote=False) in dom
    assert meeting.issues and all(escape(issue.title, quote=False) in dom for issue in meeting.issues)
    assert not [secret for secret in secrets_of(meeting) if secret in dom]
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert downloads >= 2  # the browser really fetched from the share, twice
