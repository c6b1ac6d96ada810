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

from roomtui.domain.codec import to_data
from roomtui.domain.followup import (
    MeetingFollowUp,
    Register,
    RegisterEntry,
    merge_answers,
    parse_ref,
    report_back_answers,
)
from roomtui.domain.model import FollowUpEntry, Grade, Meeting
from roomtui.i18n import _
from roomtui.store.storage import atomic_write

INDEX_NAME = "followup.json"
INDEX_VERSION = 1


# -- (de)serialising what the register needs -----------------------------------------------------
def _entry_from(data: dict[str, Any]) -> FollowUpEntry:
    return FollowUpEntry(at=datetime.fromisoformat(data["at"]), grade=Grade(data["grade"]) if data.get("grade") else None,
                         previous=Grade(data["previous"]) if data.get("previous") else None,
                         note=data.get("note", ""), source=data.get("source", ""))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _register_entry_from(d: dict[str, Any]) -> RegisterEntry:
    return RegisterEntry(
        ref=d["ref"], meeting_id=d["meeting_id"], meeting_title=d["meeting_title"], meeting_date=_day(d["meeting_date"]),
        series=d["series"], language=d["language"], meeting_closed=d["meeting_closed"],
        issue_number=d["issue_number"], issue_title=d["issue_title"], department=d["department"],
        response_id=d["response_id"], index=d["index"], lead_unit=d["lead_unit"], co_units=tuple(d["co_units"]),
        deliverable=d["deliverable"], deadline=_day(d["deadline"]), grade=Grade(d["grade"]) if d["grade"] else None,
        history=tuple(_entry_from(e) for e in d["history"]))


def followup_to_data(f: MeetingFollowUp) -> dict[str, Any]:
    return {"entries": to_data(list(f.entries)), "answers": {k: to_data(list(v)) for k, v in f.answers.items()},
            "targets": list(f.targets)}


def followup_from_data(meeting_id: str, data: dict[str, Any]) -> MeetingFollowUp:
    return MeetingFollowUp(meeting_id, tuple(_register_entry_from(e) for e in data["entries"]),
                           {k: tuple(_entry_from(e) for e in v) for k, v in data["answers"].items()},
                           tuple(data["targets"]))


# -- the register -------------------------------------------------------------------------------
def _stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_mtime_ns, st.st_size]


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
    cached = _read_index(index_path)
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
        row = cached.get(meeting_id)
        if isinstance(row, dict) and row.get("stamp") == stamp:
            try:
                meetings.append(followup_from_data(meeting_id, row["data"]))
                fresh[meeting_id] = row
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
    if changed or set(fresh) != set(cached):
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
    from roomtui.store.archive import BadMeetingFile, MeetingNotFound
    from roomtui.store.session import ReadOnlyError, SaveError
    from roomtui.domain.validation import ValidationError

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
