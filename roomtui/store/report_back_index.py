"""Who reports on whom: the small index that lets any reader find a meeting's report-back answers.

    <data>/report-back.json   earlier meeting id -> the meetings whose report-back names its
                              commitments (a cache: grown by the desk, rebuilt with the register)

A report-back answer is written in the later meeting and copied into the earlier one; a crash
between the two writes leaves the copy behind. Every reader of the earlier meeting must still
show the answer (followup_index.answered_copies), without reading the whole folder (the first
screen with 1,000 meetings): this file says which few meetings to read. The desk writes it
before the first write of a report-back meeting, so no crash can leave an answer it does not name.
Kept apart from the register's module so the common case (nobody reports on this meeting) costs
one stat and imports nothing of the follow-up domain.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from roomtui.domain.model import Meeting
from roomtui.store.archive import Archive
from roomtui.store.storage import atomic_write

LINKS_NAME = "report-back.json"
_SEEN: dict[str, tuple[tuple[int, int, int], dict[str, list[str]]]] = {}  # file -> (stamp, links)


def linked_from(archive: Archive) -> dict[str, list[str]]:
    """Earlier meeting id -> the meetings that report on it; {} when the file is missing or bad."""
    path = Path(archive.root) / LINKS_NAME
    try:
        info = path.stat()
    except OSError:
        return {}
    stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
    seen = _SEEN.get(str(path))
    if seen is not None and seen[0] == stamp:
        return seen[1]
    try:
        table = json.loads(path.read_bytes())["links"]
        links = {str(k): [m for m in v if isinstance(m, str)] for k, v in table.items() if isinstance(v, list)}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        links = {}
    _SEEN[str(path)] = (stamp, links)
    return links


def answer_sources(archive: Archive, meeting: Meeting) -> set[str]:
    """The other meetings whose answers ``meeting``'s commitments may need (or hold copies of)."""
    if not any(response.commitments for response in meeting.responses):
        return set()
    copied = {entry.source.split("#")[0] for response in meeting.responses for commitment in response.commitments
              for entry in commitment.history if entry.source}
    return ({*linked_from(archive).get(meeting.id, ()), *copied}) - {meeting.id}


def note_links(archive: Archive, later: str, earlier: Iterable[str]) -> None:
    """Make sure each meeting in ``earlier`` lists ``later`` (grows only; the register prunes)."""
    links = linked_from(archive)
    missing = [e for e in earlier if later not in links.get(e, ())]
    if missing and not archive.read_only:
        grown = {k: list(v) for k, v in links.items()}
        for meeting_id in missing:
            grown.setdefault(meeting_id, []).append(later)
        write_links(archive, grown)


def write_links(archive: Archive, links: dict[str, list[str]]) -> None:
    try:
        atomic_write(Path(archive.root) / LINKS_NAME, json.dumps({"version": 1, "links": links}, ensure_ascii=False,
                                                                 separators=(",", ":")).encode("utf-8"))
    except OSError:
        pass  # the desk writes it again before the next report-back action
