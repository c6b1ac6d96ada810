"""The minutes model: what the record says, independent of any output format."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import FrozenInstanceError
from datetime import datetime

import pytest

from roomtui.domain.clock import FrozenClock
from roomtui.domain.council import Council
from roomtui.domain.demo import build_demo, play_demo
from roomtui.domain.model import AgendaKind, Disposition, Grade, Role, Satisfaction, SpeakerKind
from roomtui.i18n import set_language
from roomtui.minutes import FORMATS, build_minutes, default_filename, export_minutes
from roomtui.minutes.labels import LABELS

START = datetime(2019, 11, 22, 9, 0)


def played(language: str = "en"):
    return play_demo(build_demo(language), FrozenClock(START))


def test_header_and_attendance():
    minutes = build_minutes(played(), public=True)
    h = minutes.header
    assert (h.date, h.start_time, h.end_time, h.closed) == ("2019-11-22", "09:00", "10:07", True)
    assert h.host == "Chen Guoqiang" and h.recorder == "Li Ming"
    assert [g.role for g in minutes.present] == ["secretary", "chair", "member", "resident representative",
                                                 "department head", "leader"]
    assert sum(len(g.attendees) for g in minutes.present) == 15
    assert [a.name for a in minutes.absent] == ["Zhou Min"]
    assert all(a.contact == "" for g in minutes.present for a in g.attendees)
    assert build_minutes(played(), public=False).absent[0].contact == "136 0000 0501"


def test_speeches_in_the_order_they_were_held_with_time_used():
    speeches = build_minutes(played(), public=True).speeches
    assert [s.speaker for s in speeches[2:6]] == ["Zhang Xiaojun", "Fu Xiude", "Liu Yan", "Wu Chaolin"]
    assert [s.number for s in speeches] == list(range(1, len(speeches) + 1))
    assert len(speeches) == 16  # answers queued during the speeches are held in the answers item
    liu = speeches[4]
    assert (liu.time_used, liu.over_by, liu.start) == ("8:00", "", "09:24")  # the 90 s pause is not counted
    wu = speeches[5]
    assert (wu.time_used, wu.over_by, wu.kind, wu.role) == ("3:40", "0:40", "impromptu", "resident representative")
    assert speeches[3].kind == "point of order"


def test_issues_are_attributed_to_the_turn_that_raised_them():
    speeches = build_minutes(played(), public=True).speeches
    by_name = {s.speaker: s for s in speeches if s.issues_raised}
    assert [(r.number, r.title) for r in by_name["Wu Chaolin"].issues_raised] == [
        (3, "No activity square in Chunchangping")]
    assert [r.number for r in by_name["Tang Lihua"].issues_raised] == [11]
    answers = [s.answers.number for s in speeches if s.answers]
    assert answers == [4, 6, 8, 9, 3, 11]


def test_key_points_come_from_the_speaker_entry():
    meeting = played()
    meeting.speakers[2].summary = "Owners' committees first.\nThen property fees."
    speech = build_minutes(meeting, public=True).speeches[2]
    assert speech.key_points == "Owners' committees first.\nThen property fees."


def test_response_rows_carry_the_disposition_fields_and_commitments():
    responses = build_minutes(played(), public=True).responses
    assert [r.issue_number for r in responses] == [4, 6, 8, 9, 3, 11]
    assert {r.disposition_key for r in responses} == {d.value for d in Disposition}
    fire = responses[0]
    assert fire.details == (("Action", "Mark the fire lane and tow offending cars"),
                            ("Lead unit", "County traffic police brigade"), ("Deadline", "2019-12-07"))
    assert fire.confirmed and fire.location == "Xicheng community" and fire.responder == "Sun Wei"
    roofs = responses[2]
    assert [label for label, _ in roofs.details] == ["Reason", "Body asked", "Next step", "Interim measure"]
    floods = responses[3]
    assert [c.deliverable for c in floods.commitments] == ["Drains cleared", "Pipe rebuild studied and budgeted"]
    assert floods.commitments[1].co_units == ("County finance bureau",)


def test_statistics_per_role_add_up():
    minutes = build_minutes(played(), public=True)
    assert [s.role for s in minutes.statistics] == ["chair", "member", "resident representative",
                                                    "department head", "leader"]
    assert minutes.total_time.turns == len(minutes.speeches) == sum(s.turns for s in minutes.statistics)
    assert minutes.total_time.time_used == "1:05:45"
    members = minutes.statistics[1]
    assert (members.turns, members.time_used) == (3, "16:15")


def test_follow_up_lists_open_commitments_by_deadline():
    meeting = played()
    minutes = build_minutes(meeting, public=True)
    deadlines = [c.deadline for c in minutes.open_commitments]
    assert deadlines == sorted(deadlines) and len(deadlines) == 6 and deadlines[0] == "2019-11-29"
    assert (minutes.review_date, minutes.next_theme) == ("2020-03-20", meeting.next_theme)
    assert [i.number for i in minutes.unanswered] == [1, 2, 5, 7, 10]
    council = Council(meeting, FrozenClock(START))
    council.record_progress(4, 0, grade=Grade.A)  # drains cleared: solved
    council.record_progress(3, 0, grade=Grade.D)  # roof repair: cannot be done, explained
    council.record_progress(1, 0, grade=Grade.B)
    council.add_commitment(5, lead_unit="Planning bureau", deliverable="Public hearing")  # no deadline: last
    rows = build_minutes(meeting, public=True).open_commitments
    assert [r.deliverable for r in rows][0] == "Fire lane marked and kept clear"
    assert rows[0].grade == "B in progress" and rows[-1].deadline == ""
    assert "Drains cleared" not in [r.deliverable for r in rows] and len(rows) == 5


def test_remarks_and_agreed_items():
    minutes = build_minutes(played(), public=True)
    assert minutes.leader_summary.startswith("Departments must honour")
    assert minutes.closing_remarks.startswith("The next council")
    assert minutes.agreed_items == ("Commitments are followed up by the CPPCC office monthly",
                                    "Results reported at the next council")


def test_minutes_are_frozen():
    minutes = build_minutes(played(), public=True)
    with pytest.raises(FrozenInstanceError):
        minutes.public = False  # type: ignore[misc]
    with pytest.raises(TypeError):
        minutes.labels["minutes"] = "x"  # type: ignore[index]


@pytest.mark.parametrize("interface", ["en", "zh"])
def test_the_meeting_language_decides_the_labels_not_the_interface(interface):
    set_language(interface)
    try:
        zh = build_minutes(played("zh"), public=True)
        en = build_minutes(played("en"), public=True)
    finally:
        set_language("en")
    assert zh.language == "zh" and zh.labels["speeches"] == "发言情况"
    assert zh.responses[0].disposition == "当场解决" and zh.present[0].role == "秘书"
    assert en.labels["speeches"] == "Speeches" and en.responses[0].disposition == "resolve now"
    md = export_minutes(played("zh"), "md", public=True).decode()
    assert "## 现场回应" in md and "**日期：**" in md
    assert '<html lang="zh">' in export_minutes(played("zh"), "html", public=True).decode()


def test_unknown_meeting_language_falls_back_to_english():
    meeting = played("en")
    meeting.language = "fr"
    assert build_minutes(meeting, public=True).labels["responses"] == "Responses"


def test_label_tables_are_complete():
    assert set(LABELS["en"]) == set(LABELS["zh"])
    for language in ("en", "zh"):
        for enum in (Role, SpeakerKind, Disposition, Grade, Satisfaction, AgendaKind):
            labels = [member.label_in(language) for member in enum]
            assert len(set(labels)) == len(labels) and all(labels), (language, enum)
    assert Disposition.RESOLVE_NOW.label_in("zh") == "当场解决"


def test_a_running_meeting_counts_the_running_speech_up_to_now():
    clock = FrozenClock(START)
    meeting = build_demo("en")
    council = Council(meeting, clock)
    council.start_meeting()
    order = council.speaking_order()
    order.add(meeting.participants[1].id, SpeakerKind.BOOKED, clock.now())
    order.next(clock.now())
    clock.advance(95)
    minutes = build_minutes(meeting, public=True, now=clock.now())
    assert minutes.speeches[0].time_used == "1:35" and not minutes.header.closed
    assert build_minutes(meeting, public=True).speeches[0].time_used == "0:00"  # record's last moment
    assert "Provisional" in export_minutes(meeting, "md", public=True, now=clock.now()).decode()


def test_an_empty_meeting_still_exports():
    meeting = build_demo("en")
    meeting.participants, meeting.issues, meeting.agenda = [], [], []
    meeting.date = None
    for fmt in FORMATS:
        assert export_minutes(meeting, fmt, public=True)
    assert "None." in export_minutes(meeting, "md", public=True).decode()


def test_export_rejects_unknown_formats():
    with pytest.raises(ValueError, match="md, html, json, csv, ics"):
        export_minutes(played(), "pdf", public=True)


def test_default_filename():
    meeting = played()
    assert default_filename(meeting, "md", True) == (
        "2019-11-22 Tongjiang County CPPCC consultation council - minutes (public).md")
    assert default_filename(meeting, "ics", False) == (
        "2019-11-22 Tongjiang County CPPCC consultation council - minutes (internal).ics")
    meeting.title = "../../etc/passwd"
    name = default_filename(meeting, "csv", True)
    assert "/" not in name and "\\" not in name and not name.startswith(".") and name.endswith(".csv")


def test_minutes_package_loads_without_textual_or_tinydb():
    code = ("import sys, roomtui.minutes; bad = [m for m in ('textual', 'tinydb') if m in sys.modules]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_export_names_keep_chinese_and_drop_what_a_usb_stick_refuses():
    from roomtui.minutes import safe_title

    zh = play_demo(build_demo("zh"), FrozenClock(datetime(2019, 11, 22, 9, 0)))
    name = default_filename(zh, "md", True)
    assert name.startswith("2019-11-22 ") and name.endswith(" - 纪要（公开版）.md")
    assert zh.title in name
    assert safe_title('a<b>c:"d"/e\\f|g?h*i\x07\n.') == "a b c d e f g h i"
    assert safe_title("...") == "meeting" and safe_title(".hidden") == "hidden"
    assert len(safe_title("长" * 300)) == 60


def test_export_name_carries_the_day_held():
    meeting = build_demo("en")
    council = Council(meeting, FrozenClock(datetime(2026, 12, 5, 21, 40)))
    council.start_meeting()
    assert default_filename(meeting, "md", False).startswith("2026-12-05 Tongjiang")
