"""The secretary's side of phones taking part: h in the live view lets phones in (the codes),
Esc goes back to work while they take part, the bar counts what waits, and the phones view
accepts or declines requests, confirms or releases sign-ins, and opens and closes ratings."""

from __future__ import annotations

import asyncio

import pytest

from roomtui.i18n import set_language
from roomtui.share import Discovery, WifiNetwork
from roomtui.share.network import AddressKind, LocalAddress
from roomtui.tui.phones import PhonesScreen
from roomtui.tui.screens.live import LiveScreen
from roomtui.tui.screens.share import ShareScreen
from live_helpers import make_app
from room_helpers_phones import Phone

HOTSPOT_HERE = LocalAddress("wlan0", "127.0.0.1", 8, AddressKind.HOTSPOT)


class AppRoom:
    """What Phone needs of a shared room, read from the app's share."""

    def __init__(self, app) -> None:
        self.url = app.phones.sharing.url
        self.meeting_id = app.session.meeting.id


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def let_phones_in(app, pilot) -> ShareScreen:
    await pilot.pause()
    assert isinstance(app.screen, LiveScreen)
    speeches = next(a.id for a in app.session.meeting.agenda if a.kind.value == "speeches")
    assert app.act("start", lambda c: (c.start_meeting(), c.start_item(speeches))).done
    return await share_with_h(app, pilot)


async def share_with_h(app, pilot) -> ShareScreen:
    """h puts the share up (a worker finds the network): wait for its screen and the phones' service."""
    await pilot.press("h")
    for _ in range(20):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if isinstance(app.screen, ShareScreen):
            break
    assert isinstance(app.screen, ShareScreen) and app.phones is not None
    return app.screen


@pytest.fixture
def live_app(tmp_path, monkeypatch, request):
    language = getattr(request, "param", "en")
    set_language(language)
    monkeypatch.setattr("roomtui.tui.screens.share.discover",
                        lambda folder: Discovery([HOTSPOT_HERE], WifiNetwork("roomtui-test", "k3v9wq2mzp")))
    app, archive, meeting_id, clock = make_app(tmp_path, language)
    yield app, archive, meeting_id
    set_language("en")


async def phone_takes_part(app, source: str, who: int) -> Phone:
    phone = Phone(AppRoom(app), source)
    await asyncio.to_thread(phone.get)
    status, headers, _ = await asyncio.to_thread(phone.post, "sign-in", {"p": str(who)})
    assert headers["x-roomtui-result"] == "received", headers
    await asyncio.to_thread(phone.get)
    return phone


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_phones_sign_in_ask_and_rate_while_the_secretary_works(live_app, size):
    app, archive, meeting_id = live_app
    async with app.run_test(size=size) as pilot:
        share = await let_phones_in(app, pilot)
        assert share.sharing.room_url.endswith("/room")
        assert "Take part" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen) and share.sharing.running  # phones keep taking part
        phone = await phone_takes_part(app, "127.0.5.1", 9)
        _, headers, _ = await asyncio.to_thread(phone.post, "ask", {"topic": "bus stop"})
        assert headers["x-roomtui-result"] == "received"
        await pilot.pause()
        assert archive.load(meeting_id).floor_requests[0].topic == "bus stop"  # on disk before "received"
        bar = screen_text(app).splitlines()[0]
        assert "1 asks to speak" in bar or size[0] < 100
        assert app.act("answer", lambda c: c.record_response(1, "Housing Bureau", "step_by_step", plan="survey first",
                                                             milestones="May", target_date="2027-01-01")).done
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, PhonesScreen)
        text = screen_text(app)
        assert "bus stop" in text and "Wu Chaolin" in text
        app.screen.query_one("OptionList").highlighted = 1  # the request
        await pilot.press("a")
        await pilot.pause()
        meeting = app.session.meeting
        assert meeting.floor_requests[0].state.value == "accepted"
        assert meeting.speaker(meeting.floor_requests[0].speaker_id).kind.value == "impromptu"
        assert meeting.sign_ins[0].state.value == "confirmed"
        place = await asyncio.to_thread(phone.get, "room/live")
        assert "You are on the speaking list" in place[2]
        response_row = next(i for i in range(app.screen.query_one("OptionList").option_count)
                            if (app.screen.query_one("OptionList").get_option_at_index(i).id or "").startswith("v"))
        app.screen.query_one("OptionList").highlighted = response_row
        await pilot.press("o")
        await pilot.pause()
        rating = app.session.meeting.ratings[0]
        _, headers, _ = await asyncio.to_thread(phone.post, "vote", {"r": str(rating.id), "c": "basically_satisfied"})
        assert headers["x-roomtui-result"] == "received"
        await pilot.pause()
        listing = app.screen.query_one("OptionList")
        assert "open: 0 satisfied, 1 basically, 0 dissatisfied" in str(listing.get_option_at_index(response_row).prompt)
        await pilot.press("o")  # close
        await pilot.pause()
        _, headers, _ = await asyncio.to_thread(phone.post, "vote", {"r": str(rating.id), "c": "satisfied"})
        assert headers["x-roomtui-result"] == "refused"
        await pilot.press("ctrl+z")  # the secretary's last action, the close, is taken back
        await pilot.pause()
        assert app.session.meeting.ratings[0].closed_at is None


@pytest.mark.parametrize("live_app", ["zh"], indirect=True)
async def test_the_phones_view_in_chinese(live_app):
    app, archive, meeting_id = live_app
    async with app.run_test(size=(80, 24)) as pilot:
        await let_phones_in(app, pilot)
        assert "扫码参与" in screen_text(app)
        await pilot.press("escape")
        await phone_takes_part(app, "127.0.5.2", 9)
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        text = screen_text(app)
        assert "发言申请" in text and "签到" in text and "待确认" in text


async def test_release_and_quitting_stops_the_share(live_app):
    app, archive, meeting_id = live_app
    async with app.run_test(size=(120, 40)) as pilot:
        share = await let_phones_in(app, pilot)
        await pilot.press("escape")
        await phone_takes_part(app, "127.0.5.3", 10)
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        listing = app.screen.query_one("OptionList")
        listing.highlighted = next(i for i in range(listing.option_count)
                                   if (listing.get_option_at_index(i).id or "").startswith("s"))
        await pilot.press("r")
        await pilot.pause()
        assert app.session.meeting.sign_ins[0].state.value == "released"
        sharing = share.sharing
    assert not sharing.running and app.phones is None


async def test_sign_ins_at_the_door_from_prepare(tmp_path, monkeypatch):
    monkeypatch.setattr("roomtui.tui.screens.share.discover",
                        lambda folder: Discovery([HOTSPOT_HERE], WifiNetwork("roomtui-test", "k3v9wq2mzp")))
    app, archive, meeting_id, clock = make_app(tmp_path)
    app._initial_view = "prepare"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        from roomtui.tui.screens.prepare import PrepareScreen

        assert isinstance(app.screen, PrepareScreen)
        assert app.act("absent", lambda c: c.set_present(11, False)).done
        await share_with_h(app, pilot)
        await pilot.press("escape")
        phone = await phone_takes_part(app, "127.0.5.4", 11)
        await pilot.pause()
        assert "Signed in as Luo Wenbin (waiting for the secretary to confirm)" in (await asyncio.to_thread(phone.get))[2]
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, PhonesScreen)
        listing = app.screen.query_one("OptionList")
        listing.highlighted = next(i for i in range(listing.option_count)
                                   if (listing.get_option_at_index(i).id or "").startswith("s"))
        await pilot.press("c")
        await pilot.pause()
        assert app.session.meeting.participant(11).present and app.session.meeting.status.value == "draft"
        assert "(confirmed)" in (await asyncio.to_thread(phone.get))[2]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_room_mostly_dissatisfied_reopens_the_issue_in_the_live_view(live_app, size):
    app, archive, meeting_id = live_app
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        speeches = next(a.id for a in app.session.meeting.agenda if a.kind.value == "speeches")
        assert app.act("start", lambda c: (c.start_meeting(), c.start_item(speeches))).done
        assert app.act("answer", lambda c: c.record_response(1, "Housing Bureau", "step_by_step", plan="survey first",
                                                             milestones="May", target_date="2027-01-01")).done
        rating = app.act("rate", lambda c: c.open_rating(1)).result
        phones = [f"{n:02d}" * 8 for n in range(3)]
        assert app.act("phones", lambda c: [c.claim(p, name=f"Resident {n}") for n, p in enumerate(phones)]
                       + [c.vote(p, rating.id, "dissatisfied") for p in phones[:2]]
                       + [c.vote(phones[2], rating.id, "satisfied")]).done
        await pilot.pause()
        if size[0] < 120:
            await pilot.press("v", "v")  # the issues tab of the narrow layout
            await pilot.pause()
        assert "reopened" not in screen_text(app)  # still voting: nothing decided
        assert app.act("close", lambda c: c.close_rating(1)).done
        await pilot.pause()
        assert "⟲ reopened" in screen_text(app)
        assert app.session.meeting.issue_open(1)


async def test_the_meeting_decides_who_rates(live_app):
    app, archive, meeting_id = live_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(PhonesScreen())
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-resident").value = False
        form.query_one("#field-observer").value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PhonesScreen)
        assert [r.value for r in app.session.meeting.rating_roles] == ["member", "observer"]
        await pilot.press("v")
        await pilot.pause()
        for name in ("member", "observer", "resident", "chair"):
            app.screen.query_one(f"#field-{name}").value = False
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "choose at least one role" in screen_text(app)
        assert [r.value for r in app.session.meeting.rating_roles] == ["member", "observer"]


async def test_each_group_of_phones_is_one_desk_step_moving_the_revision_once(live_app):
    app, archive, meeting_id = live_app
    async with app.run_test(size=(120, 40)) as pilot:
        await let_phones_in(app, pilot)
        await pilot.press("escape")
        assert app.act("answer", lambda c: c.record_response(1, "Housing Bureau", "step_by_step", plan="survey first",
                                                             milestones="May", target_date="2027-01-01")).done
        rating = app.act("rate", lambda c: c.open_rating(1)).result
        phones = [await phone_takes_part(app, f"127.0.6.{n + 1}", who) for n, who in enumerate((9, 10, 11, 12, 5))]
        seen = []
        app.desk.listen(seen.append)
        revision, groups = app.revision, app.phones.writes.writes
        await asyncio.gather(*(asyncio.to_thread(p.post, "vote", {"r": str(rating.id), "c": "dissatisfied"})
                               for p in phones))
        await pilot.pause()
        groups = app.phones.writes.writes - groups
        assert 1 <= groups <= 5 and app.revision - revision == groups == len(seen)
        assert all(change.label.endswith("from phones") for change in seen)
        assert len(archive.load(meeting_id).votes) == 5
        # ctrl+z takes back the secretary's own last action (opening the rating), never the votes
        # phones were told were received: but these were cast on that rating, so they fall with it
        assert app.session.can_undo and app.session.undo_label == "rate"
        assert app.act("note", lambda c: c.set_details(next_theme="Parking")).done
        await pilot.press("ctrl+z")  # the note: the five votes stay, in memory and on disk
        await pilot.pause()
        assert seen[-1].undone and seen[-1].label == "note"
        assert len(app.session.meeting.votes) == 5 == len(archive.load(meeting_id).votes)
        await pilot.press("ctrl+z")  # the rating itself, and with it what was cast on it
        await pilot.pause()
        assert seen[-1].undone and seen[-1].label == "rate" and not archive.load(meeting_id).ratings
