"""Child process of the crash harness: runs the scripted council through the real store.

It prints the number of each step after ``desk.act`` returned (the step is acknowledged),
and is killed with SIGKILL at a random moment by the parent.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from council_script import clock, steps  # noqa: E402

from roomtui.store import Archive  # noqa: E402
from roomtui.store.desk import Desk  # noqa: E402


def main(data: str, meeting_id: str, total: int) -> None:
    moment = clock()
    desk = Desk(Archive(data), moment)  # the app's one write path
    session = desk.open(meeting_id)
    assert not session.read_only, session.read_only_reason
    out = sys.stdout
    for number, (label, action) in enumerate(steps(total), 1):
        moment.advance(7)
        desk.act(meeting_id, label, action)
        out.write(f"{number}\n")
        out.flush()
    out.write("done\n")
    out.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
