"""The register's index: what follow-up needs of every meeting, kept beside the meetings.

    <data>/followup.json   per meeting: the file's size and mtime when it was read, and its
                           commitments and report-back answers (a cache: rebuilt at will)

Opening the register with 1,000 meetings must not parse 1,000 meeting files. A meeting file is
only read again when its size or modification time changed (files are replaced atomically, so
every write changes them); the rest comes from this index. A file that cannot be read is named
in the register, and the others are still listed.

This module also keeps the copies of report-back answers in the earlier meetings up to date
(see the docstring of roomtui/domain/followup.py for why the copies exist and how they heal).
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
    merge_answers,
    parse_ref,
    report_back_answers,
)
from roomtui.domain.model import FollowUpEntry, Grade, Meeting
from roomtui.i18n import _
from roomtui.store.storage import atomic_write

INDEX_NAME = "followup.json"
INDEX_VERSION = 3


# -- (de)serialising what the register needs -----------------------------------------------------
# Compact on purpose: 1,000 meetings of 8 commitments are 8,000 rows read at every opening, so
# the meeting's own fields are stored once and each row is a list, not a dict of long keys.
def _grade(value: str | None) -> Grade | None:
    return Grade(value) if value else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _entry_row(e: FollowUpEntry) -> list:
    return [e.at.isoformat(), e.grade.value if e.grade else None, e.previous.value if e.previous else None, e.note,
            e.source]


def _entry_from(row: list) -> FollowUpEntry:
    at, grade, previous, note, source = row
    return FollowUpEntry(at=datetime.fromisoformat(at), grade=_grade(grade), previous=_grade(previous), note=note,
                         source=source)


def followup_to_data(f: MeetingFollowUp) -> dict[str, Any]:
    first = f.entries[0] if f.entries else None
    meeting = [first.meeting_title, first.meeting_date.isoformat() if first.meeting_date else None, first.series,
               first.language, first.meeting_closed] if first else None
    rows = [[e.issue_number, e.issue_title, e.department, e.response_id, e.index, e.lead_unit, list(e.co_units),
             e.deliverable, e.deadline.isoformat() if e.deadline else None, e.grade.value if e.grade else None,
             [_entry_row(h) for h in e.history]] for e in f.entries]
    return {"meeting": meeting, "rows": rows,
            "answers": {k: [_entry_row(e) for e in v] for k, v in f.answers.items()}, "targets": list(f.targets),
            "origin": [f.origin, f.title, f.date.isoformat() if f.date else None,
                       f.changed_at.isoformat() if f.changed_at else None]}


def followup_from_data(meeting_id: str, data: dict[str, Any]) -> MeetingFollowUp:
    entries = []
    if data["rows"]:
        title, day, series, language, closed = data["meeting"]
        meeting_date = _day(day)
        for number, issue_title, department, response_id, index, lead, co_units, deliverable, deadline, grade, \
                history in data["rows"]:
            entries.append(RegisterEntry(
                commitment_ref(meeting_id, response_id, index + 1), meeting_id, title, meeting_date, series, language,
                closed, number, issue_title, department, response_id, index, lead, tuple(co_units), deliverable,
                _day(deadline), _grade(grade), tuple(_entry_from(h) for h in history)))
    origin, title, day, changed = data["origin"]
    return MeetingFollowUp(meeting_id, tuple(entries),
                           {k: tuple(_entry_from(e) for e in v) for k, v in data["answers"].items()},
                           tuple(data["targets"]), origin, title, _day(day),
                           datetime.fromisoformat(changed) if changed else None)


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
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
        return {}
    meetings = data.get("meetings")
    return meetings if isinstance(meetings, dict) else {}


def load_register(archive: Any, today: date) -> Register:
    """Every commitment in the data folder; damaged meeting files are named, not fatal."""
    meetings, damaged = load_followups(archive)
    return Register.build(meetings, today, damaged)


def load_followups(archive: Any) -> tuple[list[MeetingFollowUp], list[tuple[str, str]]]:
    """What the register needs of each meeting, from the index where it is fresh."""
    from roomtui.store.archive import BadMeetingFile, MeetingNotFound

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
        remembered = memory.get(meeting_id)
        if remembered is not None and remembered[0] == stamp:
            meetings.append(remembered[1])
            fresh[meeting_id] = remembered[2]
            continue
        if cached is None:
            cached = _read_index(index_path)
        row = cached.get(meeting_id)
        if isinstance(row, dict) and row.get("stamp") == stamp:
            try:
                followup = followup_from_data(meeting_id, row["data"])
                meetings.append(followup)
                fresh[meeting_id] = row
                memory[meeting_id] = (stamp, followup, row)
                continue
            except (KeyError, TypeError, ValueError):
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
    if changed or (cached is not None and set(fresh) != set(cached)):
        try:
            atomic_write(index_path, json.dumps({"version": INDEX_VERSION, "meetings": fresh}, ensure_ascii=False,
                                                separators=(",", ":")).encode("utf-8"))
        except OSError:
            pass  # only a cache: the register is right without it, just slower next time
    return meetings, damaged


# -- keeping the copies of report-back answers in step ------------------------------------------------
_propagated: dict[tuple[str, str], tuple] = {}  # (data folder, meeting id) -> what was last carried over


def propagate_answers(archive: Any, meeting: Meeting) -> list[str]:
    """After a save of ``meeting``: copy its report-back answers into the earlier meetings.

    Returns problems (a locked or damaged earlier meeting); they heal the next time the
    register is opened. Cheap when nothing changed: the last state carried over is remembered.
    """
    targets = tuple(issue.followup_of for issue in meeting.issues if issue.followup_of)
    key = (str(archive.root), meeting.id)
    if not targets and key not in _propagated:
        return []
    answers = report_back_answers(meeting)
    state = (targets, tuple((ref, tuple((e.source, e.at, e.grade, e.note) for e in entries))
                            for ref, entries in sorted(answers.items())))
    if _propagated.get(key) == state:
        return []
    problems: list[str] = []
    previous_targets = _propagated.get(key, ((), ()))[0]
    by_meeting: dict[str, list[str]] = {}
    for ref in dict.fromkeys((*targets, *previous_targets)):
        parsed = parse_ref(ref)
        if parsed is not None and parsed[0] != meeting.id:
            by_meeting.setdefault(parsed[0], []).append(ref)
    for original, refs in by_meeting.items():
        problem = _carry_over(archive, original, meeting.id, answers, refs)
        if problem:
            problems.append(problem)
    if not problems:
        _propagated[key] = state
    return problems


def _carry_over(archive: Any, original: str, source: str, answers: dict, refs: list[str]) -> str:
    from roomtui.domain.validation import ValidationError
    from roomtui.store.archive import BadMeetingFile, MeetingNotFound
    from roomtui.store.session import ReadOnlyError, SaveError

    try:
        current = archive.load(original)
        if not merge_answers(current, source, answers, refs):
            return ""
        session = archive.open(original)
    except (BadMeetingFile, MeetingNotFound, OSError) as error:
        return _("cannot update {meeting}: {reason}", meeting=original, reason=str(error))
    try:
        session.do(_("Report-back from {meeting}", meeting=source),
                   lambda council: merge_answers(council.meeting, source, answers, refs))
    except (ReadOnlyError, SaveError, ValidationError, OSError) as error:
        return _("cannot update {meeting}: {reason}", meeting=original, reason=str(error))
    finally:
        session.close()
    return ""


def heal_copies(archive: Any, register: Register, meetings_by_source: dict | None = None) -> list[str]:
    """Write the merged history into every earlier meeting whose copies lag (after a crash)."""
    problems: list[str] = []
    for original in sorted(register.out_of_step):
        try:
            meeting = archive.load(original)
        except Exception as error:  # named, never fatal
            problems.append(_("cannot update {meeting}: {reason}", meeting=original, reason=str(error)))
            continue
        wanted = {e.ref: e for e in register.entries if e.meeting_id == original}

        def apply(council, wanted=wanted) -> bool:
            changed = False
            for response in council.meeting.responses:
                for n, commitment in enumerate(response.commitments, 1):
                    entry = wanted.get(f"{original}#r{response.id}.{n}")
                    if entry is not None and (list(entry.history) != commitment.history
                                              or entry.grade is not commitment.grade):
                        commitment.history, commitment.grade = list(entry.history), entry.grade
                        changed = True
            return changed

        from roomtui.domain.council import Council

        if not apply(Council(meeting)):
            continue
        from roomtui.store.session import ReadOnlyError, SaveError

        try:
            session = archive.open(original)
        except Exception as error:
            problems.append(_("cannot update {meeting}: {reason}", meeting=original, reason=str(error)))
            continue
        try:
            session.do(_("Report-back answers carried over"), apply)
        except (ReadOnlyError, SaveError, OSError) as error:
            problems.append(_("cannot update {meeting}: {reason}", meeting=original, reason=str(error)))
        finally:
            session.close()
    return problems
