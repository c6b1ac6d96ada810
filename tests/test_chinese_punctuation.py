"""Chinese text joins words with Chinese punctuation: 您的评价：, 已签到：吴朝林（等待工作人员确认）,
吴朝林（春场坪社区）, 县公安局：已完成…, and a Latin word inside Chinese has a space on both sides
or on neither (在局域网 eth0（…）上分享, not 在eth0 所在的局域网). English keeps ': ' and ' (...)'."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from roomtui.domain.followup import _answer_note
from roomtui.domain.model import Response
from roomtui.i18n import LOCALE_DIR, _, set_language
from roomtui.share import describe
from roomtui.share.network import AddressKind, LocalAddress
from roomtui.tui.phones import PhonesScreen
from room_helpers_phones import Phone, SharedRoom
from test_phones_screen import let_phones_in, live_app, phone_takes_part, screen_text  # noqa: F401

CJK = "\u4e00-\u9fff"
# an ASCII colon or bracket touching Chinese, or a joiner that puts one before or after Chinese words
WRONG = re.compile(rf"[{CJK}]:|[{CJK}] ?\(|\)[{CJK}]|^ \(|\): ")
# real exceptions: a time format written the way the field is typed (分:秒 is M:SS)
ALLOWED = {"发言时限（分:秒）"}


@pytest.mark.parametrize("domain", ["roomtui", "record"])
def test_no_chinese_translation_uses_an_ascii_colon_or_brackets(domain):
    with open(LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / f"{domain}.po", "rb") as file:
        catalog = read_po(file)
    wrong = []
    for message in catalog:
        if not message.id:
            continue
        for text in message.string if isinstance(message.string, (tuple, list)) else [message.string]:
            if text and text not in ALLOWED and WRONG.search(text):
                wrong.append(f"{message.context or ''} {message.id!r}: {text!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(("language", "seen"), [("en", "County Police: Done"), ("zh", "县公安局：已完成")])
def test_the_registers_latest_progress_joins_department_and_answer_in_the_language(language, seen):
    department, said = ("County Police", "Done") if language == "en" else ("县公安局", "已完成")
    set_language(language)
    try:
        assert _answer_note(Response(1, 1, department, text=said)) == seen
        assert _answer_note(Response(1, 1, department)) == department
    finally:
        set_language("en")


LATIN_ONE_SIDE = re.compile(rf"[{CJK}][A-Za-z0-9][\w.-]* [{CJK}]|[{CJK}] [A-Za-z0-9][\w.-]*[{CJK}]")


@pytest.mark.parametrize("address", [LocalAddress("eth0", "192.168.1.5", 24, AddressKind.NETWORK),
                                     LocalAddress("wlan0", "10.42.0.1", 24, AddressKind.HOTSPOT)])
@pytest.mark.parametrize("wifi", [None, "会议室"])
def test_the_network_in_chinese_spaces_a_latin_word_evenly(address, wifi):
    set_language("zh")
    try:
        where = describe(address, wifi)
        for sentence in (_("Sharing on {where}.", where=where), _("Phones must first join {where}."),
                         _("(phones first join {where})", where=where)):
            sentence = sentence.replace("{where}", where)
            assert not LATIN_ONE_SIDE.search(sentence), sentence
            assert not WRONG.search(sentence), sentence
    finally:
        set_language("en")


@pytest.mark.parametrize(("language", "signed", "rate"),
                         [("en", "Signed in as Wu Chaolin (waiting for the secretary to confirm)", "Your rating:"),
                          ("zh", "已签到：吴朝林（等待工作人员确认）", "您的评价：")])
def test_the_phone_page_speaks_with_the_languages_punctuation(tmp_path, language, signed, rate):
    room = SharedRoom(tmp_path, language=language)
    try:
        phone = Phone(room)
        phone.get()
        phone.post("sign-in", {"p": "9"})
        assert signed in phone.get()[2]
        room.secretary(lambda c: c.open_rating(1))
        live = phone.get("room/live")[2]
        assert rate in live and "评价:" not in live
    finally:
        room.close()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("live_app", ["en", "zh"], indirect=True)
async def test_the_phones_view_gives_the_place_in_the_languages_brackets(live_app, size):
    app, archive, meeting_id = live_app
    async with app.run_test(size=size) as pilot:
        await let_phones_in(app, pilot)
        await pilot.press("escape")
        await phone_takes_part(app, "127.0.5.9", 9)
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, PhonesScreen)
        person = app.session.meeting.participant(9)
        chinese = person.name == "吴朝林"
        wanted = f"{person.name}（{person.affiliation}）" if chinese else f"{person.name} ({person.affiliation})"
        assert wanted in screen_text(app)


@pytest.mark.parametrize(("language", "seen"), [("en", "plan.toml, line 3 ([[participants]] #3): no role"),
                                                ("zh", "plan.toml，第 3 行（[[participants]] #3）：no role")])
def test_an_import_problem_names_its_place_in_the_languages_punctuation(language, seen):
    from roomtui.plan.errors import ImportProblem

    set_language(language)
    try:
        assert str(ImportProblem("plan.toml", 3, "role", "no role", where="[[participants]] #3")) == seen
    finally:
        set_language("en")


def test_the_chinese_register_dates_a_grade_in_chinese_brackets(archive):
    from roomtui.minutes.register_html import render_register_html
    from test_followup_exports import document, folder

    html = render_register_html(document(folder(archive), public=True, language="zh"))
    assert "C 列入计划（2020-03-01）" in html and "列入计划 (" not in html


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_removing_a_participant_names_the_place_in_the_languages_brackets(tmp_path, language, size):
    from roomtui.store import Archive
    from roomtui.tui.app import RoomApp
    from roomtui.tui.dialogs import ConfirmDialog

    archive = Archive(tmp_path)
    meeting_id = archive.ensure_demo(language)
    set_language(language)
    try:
        app = RoomApp(archive, meeting_id=meeting_id, view="prepare")
        async with app.run_test(size=size) as pilot:
            await pilot.press("2")
            await pilot.pause()
            key = app.screen.query_one("#participants-table").selected_key
            person = app.session.meeting.participant(int(key))
            assert person.affiliation
            await pilot.press("delete")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            text = "".join(screen_text(app).split())  # the question may wrap
            wanted = f"{person.name}（{person.affiliation}）" if language == "zh" else f"{person.name}({person.affiliation})"
            assert "".join(wanted.split()) in text
    finally:
        set_language("en")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_an_answer_in_the_speaking_order_names_its_issue_in_the_languages_brackets(tmp_path, language, size):
    from room_helpers import live_demo

    from roomtui.domain.model import Raiser, SpeakerKind
    from roomtui.tui.app import RoomApp

    archive, meeting_id, clock, session = live_demo(tmp_path, language)
    session.do("raise", lambda c: c.raise_issue(4, raiser=Raiser.GROUP))  # queues the department's answer
    answering = [e for e in session.meeting.speakers if e.kind is SpeakerKind.ANSWER and e.issue_id]
    session.close()
    set_language(language)
    app = RoomApp(archive, meeting_id=meeting_id, view="live", clock=clock)
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            meeting = app.session.meeting
            assert answering
            entry = answering[0]
            name = meeting.participant(entry.participant_id).name
            # the English row may end in … on a narrow panel: its start is enough
            wanted = f"{name}（回应 #{entry.issue_id}）" if language == "zh" else f"{name} (ans"
            seen = screen_text(app)
            for _n in range(4):  # under 120 columns the panels are tabs: v shows the next one
                if name in seen:
                    break
                await pilot.press("v")
                await pilot.pause()
                seen = screen_text(app)
            assert wanted in seen
    finally:
        set_language("en")
