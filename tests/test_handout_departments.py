"""The hand-out's summary names each department once, with all its issues.

A trial raised #4 (the county public security bureau), #10 (the town), then #11 (public security
again), answered all three, and ``roomtui handout MEETING --text`` listed 县公安局 twice: the
summary grouped consecutive runs in issue-number order. The README promises "each department
with its issues": departments come in the order they first answered, issues by number within,
and issues still waiting for an answer last.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime

import pytest

from roomtui.domain.clock import FrozenClock
from roomtui.domain.council import Council
from roomtui.domain.demo import build_demo
from roomtui.domain.model import Disposition
from roomtui.handout import handout_document, handout_text, paginate
from roomtui.handout.qr import byte_capacity
from roomtui.store import Archive
from roomtui.store.desk import Desk

POLICE = {"en": "County Public Security Bureau", "zh": "县公安局"}
TOWN = {"en": "Nuojiang Town Government", "zh": "诺江镇人民政府"}
NOISE = {"en": "Night-time noise from a market", "zh": "农贸市场夜间噪音扰民"}


def answered_in(language: str, order: tuple[int, ...]):
    """The demo council: #4 and #10 from the report and #11 from the floor raised in that order,
    then answered in ``order`` (#4 and #11 by public security, #10 by the town)."""
    meeting = build_demo(language)
    clock = FrozenClock(datetime(2019, 11, 22, 9, 0))
    council = Council(meeting, clock)
    council.start_meeting()
    council.raise_issue(4)
    council.raise_issue(10)
    noise = council.raise_issue(title=NOISE[language], expected_department=POLICE[language])
    assert noise.id == 11
    department = {4: POLICE, 10: TOWN, 11: POLICE}
    for number in order:
        clock.advance(60)
        council.record_response(number, department[number][language], Disposition.RESOLVE_NOW,
                                text="-", action={"en": f"Act on #{number}", "zh": f"办理 #{number}"}[language],
                                lead_unit=department[number][language],
                                deadline=date(2019, 12, number))
    return meeting


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_department_answering_in_two_separate_runs_is_listed_once(language):
    text = handout_text(answered_in(language, (4, 10, 11)))
    lines = text.splitlines()
    assert lines.count(POLICE[language]) == 1 and lines.count(TOWN[language]) == 1
    police, town = lines.index(POLICE[language]), lines.index(TOWN[language])
    assert police < town  # public security answered first
    issue_lines = [line.split(" ", 1)[0] for line in lines if line.startswith("#")]
    assert issue_lines == ["#4", "#11", "#10"]  # each under its department, by number within
    assert police < lines.index(next(line for line in lines if line.startswith("#11 "))) < town


@pytest.mark.parametrize("language", ["en", "zh"])
def test_departments_come_in_the_order_they_first_answered_and_unanswered_issues_last(language):
    meeting = answered_in(language, (10, 11, 4))  # the town first; public security answers #11 before #4
    meeting.issues[2].raised_at = datetime(2019, 11, 22, 9, 0)  # #3 raised too, never answered
    lines = handout_text(meeting).splitlines()
    assert lines.index(TOWN[language]) < lines.index(POLICE[language])
    assert [line.split(" ", 1)[0] for line in lines if line.startswith("#")] == ["#10", "#4", "#11", "#3"]
    assert lines.count(POLICE[language]) == 1


@pytest.mark.parametrize("language", ["en", "zh"])
def test_one_department_s_issues_stay_whole_items_and_pages_join_back(language):
    """Each department is one item of the document, so pages rather start a department than cut
    one; at every code size the pages' bodies still join back to the summary."""
    document = handout_document(answered_in(language, (4, 10, 11)))
    police_items = [item for item in document.items if item.startswith(POLICE[language] + "\n")]
    assert len(police_items) == 1 and "#4 " in police_items[0] and "#11 " in police_items[0]
    for version in range(5, 41):
        pages = paginate(document, byte_capacity(version))
        assert "".join(page.body for page in pages) == document.text


def test_roomtui_handout_text_lists_the_department_once(tmp_path):
    meeting = answered_in("zh", (4, 10, 11))
    archive = Archive(tmp_path)
    meeting_id = archive.ensure_demo("zh")
    meeting.id = meeting_id
    desk = Desk(archive)
    desk.replace(meeting_id, meeting)
    desk.close()
    done = subprocess.run([sys.executable, "-m", "roomtui", "--data", str(tmp_path), "handout", meeting_id, "--text"],
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines().count("县公安局") == 1 and "#11 农贸市场夜间噪音扰民" in done.stdout
