"""The live screen in the middle of the Chinese demo council, at 80x24 (tabs) and 160x50 (columns)."""

from __future__ import annotations

from datetime import date

from live_helpers import make_app

from roomtui.domain.model import Disposition, SpeakerKind


def _mid_council(tmp_path):
    """The zh demo half-way through the speeches: Wu Chaolin has 30 s left, one response recorded."""
    app, archive, meeting_id, clock = make_app(tmp_path, "zh")
    session = archive.open(meeting_id, clock=clock)
    try:
        meeting = session.meeting
        who = {p.name: p.id for p in meeting.participants}

        def turn(seconds):
            session.do("next", lambda c: c.speaking_order().next(c.now()))
            clock.advance(seconds)

        def add(name, kind):
            session.do("add", lambda c: c.speaking_order().add(who[name], kind, c.now()))

        session.do("start", lambda c: c.start_meeting())
        add("陈国强", SpeakerKind.BOOKED)
        turn(240)
        session.do("item", lambda c: c.next_item())
        add("陈国强", SpeakerKind.BOOKED)
        turn(14 * 60)
        session.do("item", lambda c: c.next_item())
        for name, kind in (("张晓军", SpeakerKind.BOOKED), ("吴朝林", SpeakerKind.IMPROMPTU),
                           ("刘燕", SpeakerKind.BOOKED), ("唐丽华", SpeakerKind.IMPROMPTU),
                           ("罗文斌", SpeakerKind.IMPROMPTU)):
            add(name, kind)
        turn(7 * 60 + 30)
        session.do("stop", lambda c: c.speaking_order().stop(c.now()))  # Zhang has finished: no interruption
        add("付秀德", SpeakerKind.POINT_OF_ORDER)
        turn(45)
        turn(8 * 60 + 40)
        session.do("issue", lambda c: c.raise_issue(3, raised_by=who["吴朝林"]))
        session.do("issue", lambda c: c.raise_issue(4))
        session.do("respond", lambda c: c.record_response(
            4, "县公安局", Disposition.RESOLVE_NOW, responder="孙伟", text="联合消防大队施划标线并依法执法。",
            action="施划消防通道标线", lead_unit="县交警大队", deadline=date(2019, 12, 7),
            commitments=[dict(lead_unit="县交警大队", co_units="县消防救援大队", deliverable="消防通道标线施划",
                              deadline=date(2019, 12, 7))]))
        session.do("confirm", lambda c: c.confirm_response(1))
        session.do("next", lambda c: c.speaking_order().next(c.now()))  # 吴朝林, resident: 3:00
        clock.advance(150)
    finally:
        session.close()
    return app


def test_live_80x24_zh(snap_compare, tmp_path):
    assert snap_compare(_mid_council(tmp_path), terminal_size=(80, 24))


def test_live_80x24_zh_issues_tab(snap_compare, tmp_path):
    assert snap_compare(_mid_council(tmp_path), terminal_size=(80, 24), press=["v", "v"])


def test_live_160x50_zh(snap_compare, tmp_path):
    assert snap_compare(_mid_council(tmp_path), terminal_size=(160, 50))
