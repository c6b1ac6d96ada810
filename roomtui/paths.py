"""Where roomtui keeps its data: --data, then $ROOMTUI_DATA, then the platform's data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "ROOMTUI_DATA"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    if override:
        return Path(override).expanduser()
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("roomtui", appauthor=False))
