"""Child process of the report-back kill test: records one report-back answer through the desk
(two files: the later meeting, then the copy in the earlier one) and is killed at a random moment."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from roomtui.domain.clock import FrozenClock  # noqa: E402
from roomtui.store import Archive  # noqa: E402
from roomtui.store.desk import Desk  # noqa: E402


def main(data: str, meeting_id: str, issue_id: int) -> None:
    desk = Desk(Archive(data), FrozenClock(datetime(2020, 5, 8, 9, 30)))
    desk.open(meeting_id)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    desk.act(meeting_id, "answer", lambda c: c.record_response(
        issue_id, c.meeting.issue(issue_id).expected_department, "resolve_now", action="Roofs repaired",
        text="All roofs repaired", lead_unit=c.meeting.issue(issue_id).expected_department, deadline="2020-05-08"))
    sys.stdout.write("done\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
