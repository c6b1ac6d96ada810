"""Kill a writer with SIGKILL at random moments: every acknowledged action survives.

The normal run kills 50 times; ROOMTUI_SLOW=1 kills 1,000 times.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from council_script import fresh_meeting, replay
from roomtui.domain.codec import meeting_to_data
from roomtui.store import Archive

HERE = Path(__file__).resolve().parent
TOTAL = 220
KILLS = 1000 if os.environ.get("ROOMTUI_SLOW") else 50

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL exists on POSIX only")


def run_and_kill(data: Path, meeting_id: str, after: int, delay: float) -> int:
    """Start the child; once it acknowledged ``after`` steps, wait ``delay`` s (so the kill lands
    anywhere in the next write) and SIGKILL it. Returns how many steps it acknowledged."""
    child = subprocess.Popen([sys.executable, str(HERE / "crash_child.py"), str(data), meeting_id, str(TOTAL)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = 0
    while seen < after:
        line = child.stdout.readline()
        if not line.strip().isdigit():
            break
        seen = int(line)
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate()
    acknowledged = [seen] + [int(line) for line in out.splitlines() if line.isdigit()]
    assert "Traceback" not in err, err
    return acknowledged[-1]


def test_sigkill_never_loses_an_acknowledged_action(tmp_path):
    rng = random.Random(20191122)
    expected = {0: meeting_to_data(replay(0, TOTAL))}
    survived, counts = 0, []
    for kill in range(KILLS):
        data = tmp_path / f"run{kill}"
        archive = Archive(data)
        meeting_id = archive.create(fresh_meeting())
        acknowledged = run_and_kill(data, meeting_id, rng.randrange(TOTAL), rng.uniform(0, 0.02))
        reopened = Archive(data)  # cleans stray temp files, takes over the dead process's lock
        session = reopened.open(meeting_id)
        assert not session.read_only, "a killed writer's lock must be taken over"
        stored = meeting_to_data(session.meeting)
        session.close()
        # the stored meeting is exactly the state after the acknowledged steps, or one more
        # (the step in flight may have reached the disk before its acknowledgement)
        candidates = []
        for count in (acknowledged, acknowledged + 1):
            if count <= TOTAL:
                if count not in expected:
                    expected[count] = meeting_to_data(replay(count, TOTAL))
                candidates.append(expected[count])
        assert stored in candidates, f"kill {kill}: stored state matches neither {acknowledged} nor +1 steps"
        assert not list((data / "meetings").glob(".roomtui-tmp-*"))
        survived += 1
        counts.append(acknowledged)
    print(f"\n{survived} SIGKILLs survived; acknowledged steps at the kills: {sorted(counts)}")
    assert len(set(counts)) > min(KILLS, TOTAL) // 3, "kills should land all through the script"
    assert survived == KILLS


async def test_the_app_starts_on_a_meeting_left_by_a_killed_writer(tmp_path):
    from roomtui.tui.app import RoomApp
    from roomtui.tui.screens.live import LiveScreen

    data = tmp_path / "data"
    meeting_id = Archive(data).create(fresh_meeting())
    acknowledged = run_and_kill(data, meeting_id, after=120, delay=0.005)
    assert acknowledged >= 120
    app = RoomApp(Archive(data), meeting_id=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)  # a live meeting reopens on the live view
        assert not app.session.read_only
        expected = replay(acknowledged, TOTAL)
        assert len(app.session.meeting.speakers) >= len(expected.speakers)
