"""A kill between the two writes of a report-back answer: every reader of the earlier meeting
(export, hand-out, room view, the app opening it) sees the answer the later meeting holds.

The normal run kills 20 times; ROOMTUI_SLOW=1 kills 300 times.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from roomtui.cli import main
from roomtui.domain.report_back_agenda import add_report_back
from roomtui.store import Archive
from roomtui.store.desk import Desk
from roomtui.store.follow import MeetingFollower
from roomtui.store.followup_index import load_register, load_with_answers
from tests.followup_helpers import SERIES_A, council_with, two_series_folder

HERE = Path(__file__).resolve().parent
KILLS = 300 if os.environ.get("ROOMTUI_SLOW") else 20
ROOF = "a-2019#r3.1"

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL exists on POSIX only")


def _folder(data: Path) -> int:
    """The two series, and a next council whose report-back names the roof repair; its issue id."""
    archive = Archive(data)
    two_series_folder(archive)
    archive.create(council_with("a-next", "Next council", date(2020, 5, 8), SERIES_A, [], closed=False))
    open_a = load_register(archive, date(2020, 4, 1)).open_in_series(SERIES_A)
    Desk(archive).act("a-next", "report-back", lambda council: add_report_back(council, open_a))  # as the app does
    return next(i.id for i in archive.load("a-next").issues if i.followup_of == ROOF)


def _copy_in(meeting) -> bool:
    history = meeting.responses[2].commitments[0].history
    return any(entry.source.startswith("a-next#") for entry in history)


def _readers_agree(data: Path, answered: bool, capsys) -> None:
    archive = Archive(data)
    assert _copy_in(load_with_answers(archive, "a-2019")) is answered
    follower = MeetingFollower(Archive(data, read_only=True), "a-2019")  # the room view
    follower.poll()
    assert _copy_in(follower.meeting) is answered
    assert main(["export", "a-2019", "--format", "json", "--data", str(data)]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert ("All roofs repaired" in json.dumps(exported, ensure_ascii=False)) is answered
    desk = Desk(archive)  # the app opening it writes the repair through the desk
    desk.open("a-2019")
    desk.close()
    assert _copy_in(archive.load("a-2019")) is answered


def test_a_lost_copy_is_seen_by_every_reader(tmp_path, capsys):
    data = tmp_path / "data"
    issue_id = _folder(data)
    archive = Archive(data)
    session = archive.open("a-next")  # the later meeting written alone: as after a kill between the writes
    session.do("answer", lambda c: c.record_response(issue_id, c.meeting.issue(issue_id).expected_department,
                                                      "resolve_now", action="Roofs repaired",
                                                      text="All roofs repaired", lead_unit="x", deadline="2020-05-08"))
    session.close()
    assert not _copy_in(archive.load("a-2019"))
    _readers_agree(data, True, capsys)


def test_sigkill_between_the_two_writes_of_an_answer(tmp_path, capsys):
    rng = random.Random(20200508)
    between = 0
    for kill in range(KILLS):
        data = tmp_path / f"run{kill}"
        issue_id = _folder(data)
        if kill % 2:  # a folder from before report-back.json: the desk writes it before its first write
            (data / "report-back.json").unlink()
        child = subprocess.Popen([sys.executable, str(HERE / "report_back_child.py"), str(data), "a-next",
                                  str(issue_id)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.03))
        child.send_signal(signal.SIGKILL)
        _out, err = child.communicate()
        assert "Traceback" not in err, err
        archive = Archive(data)  # takes over the dead writer's locks
        answered = bool(archive.load("a-next").responses)
        between += answered and not _copy_in(archive.load("a-2019"))
        _readers_agree(data, answered, capsys)
    print(f"\n{KILLS} kills, {between} between the two writes")
