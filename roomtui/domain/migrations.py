"""Older meeting documents brought up to the current schema, before they are decoded.

One function per step, run in order on the plain data a file holds (the store's meeting file
and the JSON export carry the same meeting data), so that an old file opens with the meaning it
had when it was written and is written back in the current schema by the next save.

Schema 3 (this version): phones take part (sign-ins, requests to speak, ratings and votes, and
the roles that rate). A meeting from before has none of those records.

Schema 2:
- ``issues[].raiser`` says whether ``raised_by`` was confirmed by the secretary. Before it, the
  research report's issues raised with `I` were credited to whoever had the floor without
  asking; those credits are kept as *unconfirmed* guesses (shown, offered, never printed as
  "raised by"). An issue from the floor was raised through a form naming its author: confirmed.
- ``origin`` is the meeting's identity across copies. Copies imported before it existed got new
  ids but kept the moment the meeting was created and its title, so those make the origin: the
  copies of one meeting find each other again.
"""

from __future__ import annotations

import hashlib
from typing import Any

SCHEMA = 3


def legacy_origin(data: dict[str, Any]) -> str:
    """The origin of a meeting written before origins: the same for every copy of it."""
    created = data.get("created_at")
    if not isinstance(created, str) or not created:
        return str(data.get("id") or "")
    seed = "\x1f".join(str(data.get(key) or "") for key in ("title", "date")) + "\x1f" + created
    return "legacy-" + hashlib.sha256(seed.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _to_2(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    if not data.get("origin"):
        data["origin"] = legacy_origin(data)
    issues = []
    for issue in data.get("issues") or []:
        if isinstance(issue, dict) and "raiser" not in issue:
            credited = issue.get("raised_by") is not None
            if not credited:
                raiser = "nobody"
            elif issue.get("source", "report") == "report":
                raiser = "unconfirmed"
            else:
                raiser = "person"
            issue = {**issue, "raiser": raiser}
        issues.append(issue)
    if isinstance(data.get("issues"), list):
        data["issues"] = issues
    return data


PHONE_LISTS = ("sign_ins", "floor_requests", "ratings", "votes")  # the records of schema 3


def _to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Phones took part from schema 3 on: a meeting before it has none of their records (the
    roles that rate take their default)."""
    return {**data, **{name: [] for name in PHONE_LISTS}}


_STEPS = {1: _to_2, 2: _to_3}


def migrate(data: Any, schema: int) -> Any:
    """``data`` of a meeting written in ``schema``, as the current schema has it."""
    if not isinstance(data, dict):
        return data  # the decoder names what is wrong with it
    while schema < SCHEMA:
        data = _STEPS[schema](data)
        schema += 1
    return data
