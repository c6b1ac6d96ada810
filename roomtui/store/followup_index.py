"""The register's index: what follow-up needs of every meeting, kept beside the meetings.

    <data>/followup.json   per meeting: the file's size and mtime when it was read, and its
                           commitments and report-back answers (a cache: rebuilt at will)

Opening the register with 1,000 meetings must not parse 1,000 meeting files. A meeting file is
only read again when its size or modification time changed (files are replaced atomically, so
every write changes them); the rest comes from this index. A file that cannot be read is named
in the register, and the others are still listed.

The copies of report-back answers in the earlier meetings are kept in step by the desk of
open meetings (desk.py), as part of the action that changed an answer.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from roomtui.domain.followup import (
    MeetingFollowUp,
    Register,
    RegisterEntry,
    commitment_ref,
)
from roomtui.domain.model import FollowUpEntry, Grade, Meeting
from roomtui.domain.room_tally import RoomTally
from roomtui.domain.report_back import take_merged
from roomtui.domain.validation import MAX_FILE_BYTES
from roomtui.safe_read import read_regular, stamp_settled
from roomtui.store.archive import Archive, BadMeetingFile, MeetingNotFound
from roomtui.store.followup_shape import check_lists, check_shape
from roomtui.store.report_back_index import answer_sources, linked_from, write_links
from roomtui.store.storage import atomic_write

INDEX_NAME = "followup.json"
INDEX_VERSION = 5  # 3: report-back links imported and not yet confirmed (claims); 4: each meeting's origin;
# 5: the room's tally of each commitment's response (counts and closed, never who voted)


# -- (de)serialising what the register needs -----------------------------------------------------
# Compact on purpose: 1,000 meetings of 8 commitments are 8,000 rows read at every opening, so
# the meeting's own fields are stored once and each row is a list, not a dict of long keys.
def _grade(value: str | None) -> Grade | None:
    return None if value is None else Grade(value)  # 0 or "" is not "no grade": a damaged row


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _entry_row(e: FollowUpEntry) -> list:
    return [e.at.isoformat(), e.grade.value if e.grade else None, e.previous.value if e.previous else None, e.note,
            e.source]


def _entry_from(row: list) -> FollowUpEntry:
    at, grade, previous, note, source = row
    return FollowUpEntry(at=datetime.fromisoformat(at), grade=_grade(grade), previous=_grade(previous), note=note,
                         source=source)


def _tally_row(tally: RoomTally | None) -> list | None:
    return None if tally is None else [tally.satisfied, tally.basically, tally.dissatisfied, tally.closed]


def _tally_from(row: list | None) -> RoomTally | None:
    if row is not None and any(isinstance(n, int) and n < 0 for n in row[:3]):
        raise ValueError("a negative count of votes")  # a damaged row: read the meeting again
    return None if row is None else RoomTally(*row)


def followup_to_data(f: MeetingFollowUp) -> dict[str, Any]:
    first = f.entries[0] if f.entries else None
    meeting = [first.meeting_title, first.meeting_date.isoformat() if first.meeting_date else None, first.series,
               first.language, first.meeting_closed] if first else None
    rows = [[e.issue_number, e.issue_title, e.department, e.response_id, e.index, e.lead_unit, list(e.co_units),
             e.deliverable, e.deadline.isoformat() if e.deadline else None, e.grade.value if e.grade else None,
             [_entry_row(h) for h in e.history], _tally_row(e.room)] for e in f.entries]
    return {"meeting": meeting, "rows": rows,
            "answers": {k: [_entry_row(e) for e in v] for k, v in f.answers.items()}, "targets": list(f.targets),
            "claims": [list(claim) for claim in f.claims],
            "origin": [f.origin, f.title, f.date.isoformat() if f.date else None,
                       f.changed_at.isoformat() if f.changed_at else None]}


def followup_from_data(meeting_id: str, data: dict[str, Any]) -> MeetingFollowUp:
    entries = []
    if data["rows"]:
        title, day, series, language, closed = data["meeting"]
        meeting_date = _day(day)
        for number, issue_title, department, response_id, index, lead, co_units, deliverable, deadline, grade, \
                history, tally in data["rows"]:
            entries.append(RegisterEntry(
                commitment_ref(meeting_id, response_id, index + 1), meeting_id, title, meeting_date, series, language,
                closed, number, issue_title, department, response_id, index, lead, tuple(co_units), deliverable,
                _day(deadline), _grade(grade), tuple(_entry_from(h) for h in history), _tally_from(tally)))
    origin, title, day, changed = data["origin"]
    return MeetingFollowUp(meeting_id, tuple(entries),
                           {k: tuple(_entry_from(e) for e in v) for k, v in data["answers"].items()},
                           tuple(data["targets"]), tuple((int(n), str(t), str(r)) for n, t, r in data["claims"]),
                           origin, title, _day(day), datetime.fromisoformat(changed) if changed else None)


# -- the register -------------------------------------------------------------------------------
# data folder -> meeting id -> (stamp, what the register needs, its index row): a second opening
# of the register in the same process only looks at the files' stamps.
_MEMORY: dict[str, dict[str, tuple[list[int], MeetingFollowUp, dict]]] = {}


def _stamp(path: Path) -> list[int]:
    """Changes with every save: each save is a new file (temp file + rename), so a new inode too."""
    st = path.stat()
    return [st.st_mtime_ns, st.st_size, st.st_ino]


def _read_index(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(read_regular(path, MAX_FILE_BYTES))
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
        return {}
    meetings = data.get("meetings")
    return meetings if isinstance(meetings, dict) else {}


def load_register(archive: Archive, today: date) -> Register:
    """Every commitment in the data folder; damaged meeting files are named, not fatal."""
    meetings, damaged = load_followups(archive)
    return Register.build(meetings, today, damaged)


def load_followups(archive: Archive) -> tuple[list[MeetingFollowUp], list[tuple[str, str]]]:
    """What the register needs of each meeting, from the index where it is fresh."""
    index_path = Path(archive.root) / INDEX_NAME
    memory = _MEMORY.setdefault(str(Path(archive.root).resolve()), {})
    cached: dict[str, Any] | None = None  # the file index, read only if memory does not suffice
    fresh: dict[str, Any] = {}
    meetings: list[MeetingFollowUp] = []
    damaged: list[tuple[str, str]] = []
    changed = False
    for path in sorted(archive.meetings_dir.glob("*.json")):
        meeting_id = path.stem
        try:
            stamp = _stamp(path)
        except OSError:
            continue  # deleted meanwhile
        settled = stamp_settled(stamp[0])  # on FAT (2 s mtimes) a save just now may keep the stamp
        remembered = memory.get(meeting_id)
        if remembered is not None and remembered[0] == stamp and settled:
            meetings.append(remembered[1])
            fresh[meeting_id] = remembered[2]
            continue
        if cached is None:
            cached = _read_index(index_path)
        row = cached.get(meeting_id)
        if isinstance(row, dict) and row.get("stamp") == stamp and settled:
            try:
                check_lists(row["data"])
                followup = followup_from_data(meeting_id, row["data"])
                check_shape(followup)  # a row of any other shape is read again from the meeting
                meetings.append(followup)
                fresh[meeting_id] = row
                memory[meeting_id] = (stamp, followup, row)
                continue
            except (KeyError, TypeError, ValueError, AttributeError):
                pass  # a damaged cache row: read the meeting itself
        changed = True
        try:
            meeting = archive.load(meeting_id)
        except BadMeetingFile as error:
            damaged.append((path.name, error.reason))
            continue
        except MeetingNotFound:
            continue
        followup = MeetingFollowUp.of(meeting)
        meetings.append(followup)
        fresh[meeting_id] = {"stamp": stamp, "data": followup_to_data(followup)}
        memory[meeting_id] = (stamp, followup, fresh[meeting_id])
    for gone in set(memory) - set(fresh):
        del memory[gone]
    if not archive.read_only and (changed or (cached is not None and set(fresh) != set(cached))):
        try:
            atomic_write(index_path, json.dumps({"version": INDEX_VERSION, "meetings": fresh}, ensure_ascii=False,
                                                separators=(",", ":")).encode("utf-8"))
        except OSError:
            pass  # only a cache: the register is right without it, just slower next time
    if not archive.read_only:
        _rebuild_links(archive, meetings)
    return meetings, damaged


def _rebuild_links(archive: Archive, followups: list[MeetingFollowUp]) -> None:
    links: dict[str, list[str]] = {}
    for followup in followups:
        for ref in followup.targets:
            earlier = ref.split("#")[0]
            if earlier != followup.meeting_id and followup.meeting_id not in links.get(earlier, ()):
                links.setdefault(earlier, []).append(followup.meeting_id)
    if links != linked_from(archive):
        write_links(archive, links)


# -- every reader sees the answers --------------------------------------------------------------
def answered_copies(archive: Archive, meeting: Meeting) -> bool:
    """Bring ``meeting``'s copies of report-back answers in line (in memory) with the meetings
    that answer its commitments; True if anything changed.

    A crash between an answer's two writes leaves the earlier meeting's copy behind; every
    reader (export, hand-out, room view, the desk when it opens the meeting) passes here, so all
    show the answer the later meeting holds, and the desk writes the repair at once. Only the
    meetings report-back.json names (and those its copies came from) are read, never the folder."""
    if not answer_sources(archive, meeting):
        return False
    own = MeetingFollowUp.of(meeting)
    related = []
    for source in sorted(answer_sources(archive, meeting)):
        try:
            related.append(MeetingFollowUp.of(archive.load(source)))
        except (BadMeetingFile, MeetingNotFound, OSError):
            continue  # named by the register, which reads every file
    if not related:
        return False
    register = Register.build([own, *related], date.today())
    return meeting.id in register.out_of_step and take_merged(meeting, register.entries)


def load_with_answers(archive: Archive, meeting_id: str) -> Meeting:
    """A meeting as every reader must see it: its file, with the report-back answers it lacks."""
    meeting = archive.load(meeting_id)
    answered_copies(archive, meeting)
    return meeting
