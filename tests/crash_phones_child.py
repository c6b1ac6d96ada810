"""Child process of the phones' kill test: the share with phones taking part, writing through a
real session, until the parent kills it with SIGKILL in the middle of a burst of votes.

Prints ``<port> <token path> <rating id>`` once it listens; a phone is told "received" only
after its vote is in the file (PhoneWrites), so every acknowledged vote must survive the kill.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from roomtui.share import Sharing  # noqa: E402
from roomtui.share.phone_writes import PhoneWrites, act_together  # noqa: E402
from roomtui.share.room_door import Buckets, RoomDoor  # noqa: E402
from roomtui.share.room_state import build_room_state  # noqa: E402
from roomtui.store import Archive  # noqa: E402


def main(data: str, meeting_id: str) -> None:
    session = Archive(data).open(meeting_id)
    assert not session.read_only, session.read_only_reason
    session.do("reopen", lambda c: c.reopen_meeting())
    rating = session.do("open", lambda c: c.open_rating(1))
    lock = threading.Lock()
    door: list[RoomDoor] = []

    def write_together(actions):
        with lock:
            results = act_together(session.do, "from phones", actions)
            door[0].publish(build_room_state(session.meeting))
            return results

    writes = PhoneWrites(write_together).start()
    door.append(RoomDoor(build_room_state(session.meeting), writes, per_phone=Buckets(100, 0.01),
                         per_address=Buckets(100, 0.01)))
    sharing = Sharing(session.meeting, "127.0.0.1", port=0, room=door[0]).start()
    sys.stdout.write(f"{sharing.server.port} /{sharing.server.token}/ {rating.id}\n")
    sys.stdout.flush()
    while True:
        time.sleep(1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
