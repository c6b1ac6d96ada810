"""The room view (``roomtui show MEETING``): a read-only projector screen that follows a meeting.

Importing this package costs nothing: the App lives in ``roomtui.tui.room.app``.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path


def room_view_command(meeting_id: str, data_root: str | os.PathLike) -> str:
    """The exact command that opens the room view of a meeting in another terminal.

    ``--data`` is spelled out unless the folder is the platform's default, because the
    projector's terminal may not share the secretary's ROOMTUI_DATA.
    """
    from platformdirs import user_data_dir

    words = ["roomtui", "show", meeting_id]
    root = Path(data_root).expanduser().resolve()
    if root != Path(user_data_dir("roomtui", appauthor=False)).expanduser().resolve():
        words += ["--data", str(root)]
    return shlex.join(words)
