"""Real phone-sized browsers take part: headless Chromium pages (each its own profile: its own
cookie) sign in, ask to speak, vote and follow the tally, by real clicks on the script-free page.
Chromium comes from Debian's ``chromium`` package; without it the test says so and skips."""

from __future__ import annotations

import json

import pytest

from cdp_helpers import Browser
from room_helpers_phones import SharedRoom
from roomtui.share import Limits
from test_share_browser import CHROMIUM

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")

WORDS = {
    "en": {"signed": "Signed in as", "line": "number 1 in line", "rated": "You rated", "received": "Received.",
           "tally": "1 satisfied · 0 basically · 2 dissatisfied", "search": "Wu", "unlisted": "Ma Lin"},
    "zh": {"signed": "已签到", "line": "第 1 位", "rated": "您的评价", "received": "已收到。",
           "tally": "满意 1 · 基本满意 0 · 不满意 2", "search": "吴", "unlisted": "马林"},
}


def click(phone: Browser, selector: str, frame: bool = False) -> None:
    root = "document.querySelector('iframe').contentDocument" if frame else "document"
    try:
        phone.wait_for(f"!!{root}.querySelector({json.dumps(selector)})", timeout=10)
    except AssertionError:
        raise AssertionError(f"{selector} not on {phone.evaluate('location.href')}: {phone.text()[:400]}") from None
    phone.evaluate(f"{root}.querySelector({json.dumps(selector)}).click()")


def reload_frame(phone: Browser) -> None:
    try:
        phone.wait_for("!!document.querySelector('iframe') && document.readyState === 'complete'", timeout=10)
    except AssertionError:
        raise AssertionError(f"no live frame on {phone.evaluate('location.href')}: {phone.text()[:400]}") from None
    phone.evaluate("document.querySelector('iframe').contentWindow.location.reload()")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_phones_sign_in_ask_and_vote_in_a_real_browser(tmp_path, language):
    words = WORDS[language]
    # every browser here comes from 127.0.0.1; on the hotspot each phone has its own address
    room = SharedRoom(tmp_path / "data", language=language, limits=Limits(max_per_address=64))
    phones = []
    try:
        phones = [Browser(CHROMIUM, tmp_path / f"phone{n}", language) for n in range(3)]
        page = room.url + "room"
        for phone in phones:
            phone.open(page)
        first, second, third = phones
        # a listed resident finds her name by a few characters
        first.evaluate(f"document.querySelector('input[name=q]').value = {json.dumps(words['search'])}")
        first.evaluate("document.querySelector('form[method=get]').submit()")
        click(first, "form[action$='room/sign-in'] input[name=p] ~ button")
        first.wait_for(f"document.body.innerText.includes({json.dumps(words['signed'])})")
        # an unlisted resident types a name and village
        second.evaluate(f"document.querySelector('input[name=name]').value = {json.dumps(words['unlisted'])}")
        second.evaluate("document.querySelector('input[name=aff]').value = 'Nanjiang'")
        click(second, "#unlisted button")
        second.wait_for(f"document.body.innerText.includes({json.dumps(words['signed'])})")
        third.evaluate("document.querySelector('input[name=q]').value = 'Tang'" if language == "en" else
                       "document.querySelector('input[name=q]').value = '唐'")
        third.evaluate("document.querySelector('form[method=get]').submit()")
        click(third, "form[action$='room/sign-in'] input[name=p] ~ button")
        third.wait_for(f"document.body.innerText.includes({json.dumps(words['signed'])})")
        # the first asks to speak, and sees her place in line
        first.evaluate("document.querySelector('input[name=topic]').value = 'bus stop'")
        click(first, "form[action$='room/ask'] button")
        first.wait_for(f"document.body.innerText.includes({json.dumps(words['received'])})")
        reload_frame(first)
        first.wait_for(f"document.querySelector('iframe').contentDocument.body.innerText.includes({json.dumps(words['line'])})")
        # the secretary opens the rating of the first answer; every phone votes from the live frame
        room.secretary(lambda c: c.open_rating(1))
        for phone, choice in zip(phones, ("satisfied", "dissatisfied", "dissatisfied")):
            reload_frame(phone)
            click(phone, f"button[value={choice}]", frame=True)
            phone.wait_for("document.querySelector('iframe').contentDocument.body.innerText.includes("
                           f"{json.dumps(words['rated'])})")
        reload_frame(first)
        first.wait_for("document.querySelector('iframe').contentDocument.body.innerText.includes("
                       f"{json.dumps(words['tally'])})")
        width = first.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, width  # nothing wider than the phone
    finally:
        for phone in phones:
            phone.close()
        room.close()
    stored = room.archive.load(room.meeting_id)
    assert len(stored.sign_ins) == 3 and [r.topic for r in stored.floor_requests] == ["bus stop"]
    assert sorted(v.choice.value for v in stored.votes) == ["dissatisfied", "dissatisfied", "satisfied"]
