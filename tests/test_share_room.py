"""Phones taking part through the share: the page, the forms, and every hostile POST refused.

A real session writes each phone's action; the server listens on 127.0.0.1 only.
"""

from __future__ import annotations

import re
import socket

import pytest

from roomtui.share import Limits, Sharing
from roomtui.share.room_door import Buckets
from room_helpers_phones import Phone, SharedRoom
from share_helpers import raw_request, secrets_of, status_of


@pytest.fixture
def room(tmp_path):
    shared = SharedRoom(tmp_path)
    yield shared
    shared.close()


def signed_in(room, who: int = 9, source: str = "127.0.0.1") -> Phone:
    phone = Phone(room, source)
    phone.get()
    status, headers, _ = phone.post("sign-in", {"p": str(who)})
    assert status == 303 and headers["x-roomtui-result"] == "received"
    phone.get()
    return phone


def test_the_page_gives_a_cookie_a_token_and_no_private_field(room):
    phone = Phone(room)
    status, headers, text = phone.get()
    assert status == 200 and phone.cookie.startswith("rt=") and len(phone.token) == 32
    assert "HttpOnly" in headers["set-cookie"] and "SameSite=Strict" in headers["set-cookie"]
    assert "frame-ancestors 'self'" in headers["content-security-policy"]
    assert "<script" not in text and "http://" not in text.replace(room.url, "")
    _, _, found = phone.request("GET", phone.base + "room?q=Wu")
    for secret in secrets_of(room.session.meeting):
        assert secret not in text and secret.encode() not in found
    assert b"Wu Chaolin" in found


def test_sign_in_ask_and_the_place_in_line(room):
    phone = signed_in(room)
    assert "Signed in as Wu Chaolin" in phone.get()[2]
    other = Phone(room, "127.0.3.2")
    other.get()
    status, headers, _ = other.post("sign-in", {"p": "9"})
    assert headers["x-roomtui-result"] == "refused"
    assert "already signed in from another phone" in other.get()[2]
    status, headers, _ = phone.post("ask", {"topic": "bus stop", "back": "page"})
    assert headers["x-roomtui-result"] == "received" and headers["location"].endswith("/room")
    assert "number 1 in line" in phone.get("room/live")[2]
    assert [r.topic for r in room.archive.load(room.meeting_id).floor_requests] == ["bus stop"]


def test_an_unlisted_name_is_cleaned_and_shown_escaped(room):
    phone = Phone(room)
    phone.get()
    phone.post("sign-in", {"name": "<script>alert(1)</script>\u202e", "aff": "A&B"})
    text = phone.get()[2]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script>" not in text and "\u202e" not in text
    assert room.session.meeting.sign_ins[0].name == "<script>alert(1)</script>"


def test_a_vote_replayed_is_one_vote_and_the_tally_grows(room):
    phones = [signed_in(room, who, f"127.0.4.{who}") for who in (9, 10, 11)]
    rating = room.secretary(lambda c: c.open_rating(1))
    live = phones[0].get("room/live")[2]
    assert 'name="c" value="dissatisfied"' in live
    for _ in range(2):  # the same form twice: a double tap, a reload
        status, headers, _ = phones[0].post("vote", {"r": str(rating.id), "c": "dissatisfied", "back": "live"})
        assert headers["x-roomtui-result"] == "received" and headers["location"].endswith("/room/live")
    phones[1].post("vote", {"r": str(rating.id), "c": "satisfied"})
    assert len(room.archive.load(room.meeting_id).votes) == 2
    live = phones[2].get("room/live")[2]
    assert "1 satisfied · 0 basically · 1 dissatisfied" in live
    assert "You rated: Dissatisfied" in phones[0].get("room/live")[2]


# -- hostile POSTs ---------------------------------------------------------------------------
@pytest.mark.parametrize("case, expected", [
    ("no token", 403), ("wrong token", 403), ("another meeting", 409), ("wrong content type", 415),
    ("multipart", (400, 415)), ("no cookie", 403), ("foreign origin", 403), ("cross-site fetch", 403),
    ("unknown field", 400), ("repeated field", 400), ("not a number", 400), ("bad utf-8", 400),
])
def test_hostile_posts_are_refused_and_change_nothing(room, case, expected):
    phone = signed_in(room)
    rating = room.secretary(lambda c: c.open_rating(1))
    vote = {"r": str(rating.id), "c": "dissatisfied"}
    if case == "no token":
        answer = phone.request("POST", phone.base + "room/vote", f"m={room.meeting_id}&r={rating.id}&c=satisfied".encode(),
                               {"Content-Type": "application/x-www-form-urlencoded"})
    elif case == "wrong token":
        answer = phone.post("vote", vote, token="0" * 32)
    elif case == "another meeting":
        answer = phone.post("vote", vote, meeting="another-meeting")
    elif case == "wrong content type":
        answer = phone.post("vote", vote, content_type="text/plain")
    elif case == "multipart":
        answer = phone.post("vote", vote, content_type="multipart/form-data; boundary=x")
    elif case == "no cookie":
        phone.cookie = ""
        answer = phone.post("vote", vote)
    elif case == "foreign origin":
        answer = phone.post("vote", vote, headers={"Origin": "http://evil.example"})
    elif case == "cross-site fetch":
        answer = phone.post("vote", vote, headers={"Sec-Fetch-Site": "cross-site"})
    elif case == "unknown field":
        answer = phone.post("vote", {**vote, "sign_in_id": "1"})
    elif case == "repeated field":
        answer = phone.request("POST", phone.base + "room/vote",
                               f"t={phone.token}&m={room.meeting_id}&r={rating.id}&c=satisfied&c=dissatisfied".encode(),
                               {"Content-Type": "application/x-www-form-urlencoded"})
    elif case == "not a number":
        answer = phone.post("vote", {"r": "1e3", "c": "satisfied"})
    else:
        answer = phone.request("POST", phone.base + "room/vote",
                               f"t={phone.token}&m={room.meeting_id}&r={rating.id}&c=".encode() + b"%ff%fe",
                               {"Content-Type": "application/x-www-form-urlencoded"})
    assert answer[0] in (expected if isinstance(expected, tuple) else (expected,)), answer
    assert room.archive.load(room.meeting_id).votes == []


def raw_post(room, body: bytes, head: str) -> bytes:
    port = room.sharing.server.port
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head.encode() + body)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def test_an_oversize_or_unmeasured_body_is_refused_unread(room):
    phone = signed_in(room)
    path = phone.base + "room/vote"
    big = b"a" * 100_000
    answer = raw_post(room, big, f"POST {path} HTTP/1.1\r\nHost: x\r\nCookie: {phone.cookie}\r\n"
                                 f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(big)}\r\n\r\n")
    assert status_of(answer) == 413
    answer = raw_post(room, b"5\r\nhello\r\n0\r\n\r\n", f"POST {path} HTTP/1.1\r\nHost: x\r\n"
                      "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n")
    assert status_of(answer) == 411
    answer = raw_post(room, b"", f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n")
    assert status_of(answer) == 411


def test_a_body_sent_too_slowly_is_dropped(tmp_path):
    room = SharedRoom(tmp_path, limits=Limits(request_timeout=1.0))
    try:
        phone = signed_in(room)
        sock = socket.create_connection(("127.0.0.1", room.sharing.server.port), timeout=10)
        sock.sendall(f"POST {phone.base}room/ask HTTP/1.1\r\nHost: x\r\nCookie: {phone.cookie}\r\n"
                     "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\nt=".encode())
        sock.settimeout(5)
        assert sock.recv(100) == b""  # closed by the server, nothing answered
        sock.close()
    finally:
        room.close()


def test_posts_under_a_wrong_token_or_without_taking_part_are_refused(room, tmp_path):
    phone = signed_in(room)
    status, _, _ = phone.request("POST", "/wrongtokenwrongtoken00/room/ask", b"t=x",
                                 {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 404
    minutes_only = Sharing(room.session.meeting, "127.0.0.1", port=0).start()
    try:
        base = minutes_only.url
        from urllib.parse import urlsplit
        import http.client
        connection = http.client.HTTPConnection("127.0.0.1", urlsplit(base).port, timeout=10)
        connection.request("POST", urlsplit(base).path + "room/ask", body=b"t=x",
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert connection.getresponse().status == 405
        connection.close()
        connection = http.client.HTTPConnection("127.0.0.1", urlsplit(base).port, timeout=10)
        connection.request("GET", urlsplit(base).path + "room")
        assert connection.getresponse().status == 404  # nothing of it runs unless the secretary lets phones take part
        connection.close()
    finally:
        minutes_only.stop()


def test_too_many_posts_from_one_phone_or_one_address_are_told_to_wait(tmp_path):
    still = lambda: 0.0  # noqa: E731 - time stands still: no bucket refills during the test
    room = SharedRoom(tmp_path, per_phone=Buckets(burst=6, every=2.0, clock=still),
                      per_address=Buckets(burst=10, every=1.0, clock=still))
    try:
        phone = signed_in(room)  # one post
        answers = [phone.post("ask", {"topic": f"t{n}"})[0] for n in range(8)]
        assert answers == [303] * 5 + [429] * 3
        other = signed_in(room, 10)  # another phone at the same address: the address has 4 left
        answers = [other.post("ask", {"topic": f"t{n}"})[0] for n in range(5)]
        assert answers == [303] * 3 + [429] * 2
    finally:
        room.close()


def test_the_page_speaks_the_meetings_language(tmp_path):
    room = SharedRoom(tmp_path, language="zh")
    try:
        phone = Phone(room)
        text = phone.get()[2]
        assert 'lang="zh-CN"' in text and "查找您的姓名" in text and "名单上没有您" in text
        _, _, found = phone.request("GET", phone.base + "room?q=" + "%E5%90%B4")  # 吴: one character is enough
        assert "这是我" in found.decode()
        phone.post("sign-in", {"p": "9"})
        assert "已签到" in phone.get()[2] and "申请发言" in phone.get()[2]
        assert "当前" in phone.get("room/live")[2]
    finally:
        room.close()


def test_the_live_frame_follows_the_floor_and_puts_the_open_rating_first(room):
    import re

    from roomtui.domain import SpeakerKind

    phone = signed_in(room)
    room.secretary(lambda c: [c.speaking_order().add(p, SpeakerKind.IMPROMPTU, c.now()) for p in (5, 6, 7)])
    room.secretary(lambda c: c.speaking_order().next(c.now()))
    live = phone.get("room/live")[2]
    assert "On the floor: <span class=\"big\">Zhang Xiaojun</span>" in live
    assert re.search(r"[45]:\d\d left", live) and "Next: Fu Xiude, Liu Yan" in live
    assert '<meta http-equiv="refresh" content="4">' in live
    room.secretary(lambda c: c.open_rating(2))
    live = phone.get("room/live")[2]
    answers = re.findall(r'<div class="answer"><b>#(\d+)', live)
    issue_of_2 = str(room.session.meeting.response(2).issue_id)
    assert answers[0] == issue_of_2 and len(answers) == len(room.session.meeting.responses)


def test_a_query_with_too_many_fields_is_told_so_not_dropped(room):
    phone = signed_in(room)
    port = room.sharing.server.port
    query = "&".join(f"f{n}=x" for n in range(6)) + "&q=Wu"
    for sub in ("room", "room/live"):
        answer = raw_request(port, f"GET {phone.base}{sub}?{query} HTTP/1.1\r\nHost: x\r\nCookie: {phone.cookie}\r\n"
                                   "Connection: close\r\n\r\n".encode(), timeout=5)
        assert status_of(answer) == 400, answer[:200]
    assert phone.get()[0] == 200


def test_one_device_making_up_cookies_signs_in_only_a_few(room):
    """A laptop in the room clears its cookie before each sign-in, to sign in a crowd that votes:
    from one address only PHONES_PER_ADDRESS phones sign in; a claim refused takes no place, a
    phone signed in may repeat its sign-in, and another address is not affected."""
    from roomtui.share.room_door import PHONES_PER_ADDRESS

    taken = Phone(room, "127.0.7.1")
    taken.get()
    taken.post("sign-in", {"p": "9"})
    first = Phone(room, "127.0.7.2")
    first.get()
    assert first.post("sign-in", {"p": "9"})[1]["x-roomtui-result"] == "refused"  # taken: no place used
    results = []
    crowd = []
    for n in range(PHONES_PER_ADDRESS + 2):
        phone = Phone(room, "127.0.7.2")  # a fresh cookie each time, the same address
        phone.get()
        results.append(phone.post("sign-in", {"name": f"Made up {n}"})[1]["x-roomtui-result"])
        crowd.append(phone)
    assert results == ["received"] * PHONES_PER_ADDRESS + ["refused"] * 2
    assert "4 sign-ins have already come from this device" in crowd[-1].get()[2]
    assert crowd[0].post("sign-in", {"name": "Made up 0"})[1]["x-roomtui-result"] == "received"  # a second tap
    other = Phone(room, "127.0.7.3")
    other.get()
    assert other.post("sign-in", {"name": "Someone else"})[1]["x-roomtui-result"] == "received"
    names = [s.name for s in room.archive.load(room.meeting_id).sign_ins if s.name]
    assert names == [f"Made up {n}" for n in range(PHONES_PER_ADDRESS)] + ["Someone else"]


def test_the_refusal_for_too_many_sign_ins_is_in_the_meetings_language(tmp_path):
    room = SharedRoom(tmp_path, language="zh", phones_per_address=1)
    try:
        for n in range(2):
            phone = Phone(room, "127.0.7.4")
            phone.get()
            phone.post("sign-in", {"name": f"居民{n}"})
        assert "此设备已有 1 人签到" in phone.get()[2]
    finally:
        room.close()


def test_a_head_request_does_not_take_the_phones_note_away(room):
    phone = signed_in(room)
    phone.post("ask", {"topic": "bus stop"})
    for sub in ("room", "room/live"):
        assert phone.request("HEAD", phone.base + sub)[0] == 200
    assert "Received." in phone.get()[2]


def test_a_page_from_before_sharing_restarted_says_so_in_the_meetings_language(tmp_path):
    from roomtui.share.room_door import RoomDoor

    still = lambda: 0.0  # noqa: E731 - no bucket refills during the test
    room = SharedRoom(tmp_path, language="zh")
    try:
        phone = Phone(room)
        phone.get()
        # the secretary stopped sharing and let phones in again: a new door, the phone's page is older
        room.sharing.server.room = RoomDoor(room.door.state, room.writes, per_phone=Buckets(2, 1.0, clock=still))
        for answer in (phone.post("sign-in", {"p": "9"}), phone.post("sign-in", {"p": "9"}, meeting="another")):
            status, headers, body = answer
            assert status in (403, 409) and headers["content-type"].startswith("text/html")
            assert "此页面已过期" in body.decode() and f'href="{phone.base}room" target="_top"' in body.decode()
        phone.get()  # opened again: its own token
        assert phone.post("sign-in", {"p": "9"})[1]["x-roomtui-result"] == "received"
        phone.post("ask", {"topic": "路灯"})
        status, headers, body = phone.post("ask", {"topic": "路灯"})
        assert status == 429 and headers["retry-after"] == "5" and "请稍等几秒再试" in body.decode()
        assert len(room.archive.load(room.meeting_id).sign_ins) == 1
    finally:
        room.close()


def test_the_longest_chinese_the_page_lets_a_phone_type_is_received(tmp_path):
    """The page lets a phone type a 40-character name, a 60-character unit and an 80-character topic;
    in Chinese each character is 9 bytes of the posted form, and every one of them must get in."""
    room = SharedRoom(tmp_path, language="zh")
    try:
        phone = Phone(room)
        page = phone.get()[2]
        limits = {name: int(size) for name, size in re.findall(r'name="(\w+)" maxlength="(\d+)"', page)}
        assert limits == {"name": 40, "aff": 60}
        name, unit = "欧阳" * (limits["name"] // 2), "石牛嘴村" * (limits["aff"] // 4)
        assert phone.post("sign-in", {"name": name, "aff": unit})[1]["x-roomtui-result"] == "received"
        live = phone.get()[2]
        topic_limit = int(re.search(r'name="topic" maxlength="(\d+)"', live).group(1))
        status, headers, _ = phone.post("ask", {"topic": "路灯" * (topic_limit // 2)})
        assert status == 303 and headers["x-roomtui-result"] == "received"
        stored = room.archive.load(room.meeting_id)
        assert stored.sign_ins[0].name == name and stored.floor_requests[0].topic == "路灯" * (topic_limit // 2)
    finally:
        room.close()


def test_a_refusal_speaks_the_meetings_language_whatever_the_secretarys_screen_speaks(tmp_path):
    from roomtui.i18n import language, set_language

    before = language()
    set_language("en")  # the secretary's screen in English, the meeting in Chinese
    room = SharedRoom(tmp_path, language="zh")
    try:
        first, second = Phone(room, "127.0.8.1"), Phone(room, "127.0.8.2")
        for phone in (first, second):
            phone.get()
            phone.post("sign-in", {"p": "9"})
        note = re.search(r'class="note"[^>]*>([^<]*)', second.get()[2]).group(1)
        assert note == "未办理：吴朝林已在另一部手机上签到；可请工作人员释放该签到"
        second.post("ask", {"topic": "路灯"})
        assert re.search(r'class="note"[^>]*>([^<]*)', second.get()[2]).group(1) == "未办理：请先签到"
    finally:
        room.close()
        set_language(before)
