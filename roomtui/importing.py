"""Bring a whole meeting in from a file: a TOML plan or a roomtui JSON export.

An import never overwrites anything by itself. ``import_file`` always makes a NEW meeting
(the file's id is kept only when no meeting has it), so importing the same plan twice, or a
plan exported from a meeting that has since been run, gives two meetings, never one less.

Replacing a meeting is a separate, explicit act (``replace_from_file``: `roomtui import FILE
--replace MEETING`, or the app's confirmation naming the meeting). When the meeting has been
run (live or closed) or the file lacks private fields the meeting holds (contacts, notes: a
public export), a second explicit consent (``force``: `--force`) is needed. Either way the
meeting as it was is first copied into the backups folder, and the message names that copy.

Every file is parsed and checked whole before anything is stored: a plan through the Council's
rules, a JSON meeting through the domain's checked_meeting; files larger than the largest
meeting roomtui can write are refused (see validation.MAX_FILE_BYTES).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from roomtui.domain.model import Meeting, MeetingStatus
from roomtui.domain.report_back import untrust_links
from roomtui.domain.text import shown
from roomtui.domain.validation import MAX_FILE_BYTES, is_meeting_id
from roomtui.i18n import _, ngettext
from roomtui.safe_read import FileTooLarge, NotARegularFile, read_regular
from roomtui.store import Archive, BadMeetingFile, ReadOnlyError
from roomtui.store.desk import Desk

PRIVATE = {"participants": ("contact", "note"), "issues": ("note",), "responses": ("note",)}


class ImportRefused(ValueError):
    """The import was not done and nothing changed; the message says why and what to do."""


@dataclass(frozen=True)
class ImportResult:
    meeting_id: str
    file_id: str = ""  # the id the file asked for, when it could not be kept
    file_id_refused: bool = False  # ... because of its form ("../x", "abc\n"), not because it is taken
    backup: Path | None = None  # where the replaced meeting was copied
    unlinked: int = 0  # report-back links kept as text until the secretary confirms them (the register's l)

    def unlinked_notice(self) -> str:
        """What to say about the links set aside ("" when none were)."""
        if not self.unlinked:
            return ""
        return ngettext("{n} report-back link in the file is not linked yet: confirm it in the follow-up register "
                        "(l) if it answers a commitment of this folder.",
                        "{n} report-back links in the file are not linked yet: confirm them in the follow-up "
                        "register (l) if they answer commitments of this folder.", self.unlinked)


def read_meeting_file(path: Path) -> Meeting:
    """Parse ``path`` into a Meeting without storing anything; ValueError says what is wrong."""
    suffix = path.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise ValueError(_("{path}: roomtui imports .toml plans and .json meetings", path=path))
    try:  # read once, a regular file only, at most the largest meeting (see safe_read.py)
        data = read_regular(path, MAX_FILE_BYTES)
    except FileTooLarge as error:
        raise ValueError(_("{path}: the file is {size:.1f} MB; no meeting file is larger than {limit} MB",
                           path=path, size=error.size / 1024 / 1024, limit=MAX_FILE_BYTES // 1024 // 1024)) from None
    except (NotARegularFile, IsADirectoryError) as error:
        raise ValueError(_("{path} is {what}", path=str(path), what=error.strerror)) from None
    if suffix == ".toml":
        from roomtui.plan.toml_plan import load_plan

        return load_plan(data, source_name=path.name)
    if suffix == ".json":
        from roomtui.minutes.json_ import meeting_from_json

        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValueError(_("{path}: not UTF-8 text (byte {byte})", path=path, byte=error.start)) from None
        try:
            return meeting_from_json(text)
        except ValueError as error:
            raise ValueError(f"{path}: {error}") from None
    raise ValueError(_("{path}: roomtui imports .toml plans and .json meetings", path=path))


def import_file(archive: Archive, path: Path) -> ImportResult:
    """Store the meeting in ``path`` as a NEW meeting; never touches another one."""
    meeting = read_meeting_file(path)
    unlinked = untrust_links(meeting)  # a file never changes another meeting by itself: its links wait
    wanted = meeting.id
    refused = bool(wanted) and not is_meeting_id(wanted)
    if not wanted or refused or archive.exists(wanted):
        meeting.id = ""
    new_id = archive.create(meeting)  # a fresh id when the file's is taken, or taken meanwhile
    return ImportResult(new_id, file_id=wanted if wanted and wanted != new_id else "", file_id_refused=refused,
                        unlinked=unlinked)


def kept_id_note(result: ImportResult) -> str:
    """Why the file's own id was not kept, in words ('' when it was, or the file had none)."""
    if not result.file_id:
        return ""
    if result.file_id_refused:
        return _("the id {file_id} in the file is refused: an id holds only letters, digits, '-' and '_'",
                 file_id=shown(result.file_id, 60))
    return _("the id {file_id} in the file is already used; that meeting was not changed",
             file_id=shown(result.file_id, 60))


@dataclass(frozen=True)
class StoredCopy:
    """A meeting already in the folder that the file is a copy of (the same origin)."""

    meeting_id: str
    title: str
    changed: datetime  # when its file was last written

    def notice(self) -> str:
        return _("This is a copy of '{title}' ({id}), last changed {changed}.", title=shown(self.title, 60),
                 id=self.meeting_id, changed=self.changed.strftime("%Y-%m-%d %H:%M"))


def stored_copies(archive: Archive, meeting: Meeting) -> list[StoredCopy]:
    """The meetings of the folder that ``meeting`` (read from a file) is a copy of, latest change first.

    Read through the register's index, so asking costs no meeting file read when nothing changed.
    """
    if not meeting.origin:
        return []
    from roomtui.store.followup_index import load_followups

    found = []
    stored, _damaged = load_followups(archive)
    for m in stored:
        if m.identity != meeting.origin:
            continue
        try:
            changed = datetime.fromtimestamp(archive.path_of(m.meeting_id).stat().st_mtime)
        except OSError:
            continue
        found.append(StoredCopy(m.meeting_id, m.title, changed))
    return sorted(found, key=lambda c: c.changed, reverse=True)


def describe(meeting: Meeting) -> str:
    """The meeting as a confirmation names it: title, id, status and what it holds."""
    spoken = sum(1 for entry in meeting.speakers if entry.started_at is not None)
    return _("'{title}' ({id}, {status}: {people} participants, {items} agenda items, {issues} issues, "
             "{speeches} speeches, {responses} responses)", title=shown(meeting.title, 60), id=meeting.id,
             status=meeting.status.label, people=len(meeting.participants), items=len(meeting.agenda),
             issues=len(meeting.issues), speeches=spoken, responses=len(meeting.responses))


def replace_risks(current: Meeting, incoming: Meeting) -> list[str]:
    """Why replacing ``current`` with ``incoming`` needs a second consent (empty: it does not)."""
    risks = []
    if current.status is not MeetingStatus.DRAFT:
        risks.append(_("it is {status}: what was recorded in it (speeches, responses, grades) is replaced "
                       "by the file's", status=current.status.label))
    lost = _private_values(current) - _private_values(incoming)
    if lost:
        risks.append(_("the file lacks {n} private entries (contacts, internal notes) that the meeting holds",
                       n=len(lost)))
    return risks


def _private_values(meeting: Meeting) -> set[tuple[str, str, str]]:
    values = set()
    for collection, names in PRIVATE.items():
        for record in getattr(meeting, collection):
            for name in names:
                value = getattr(record, name)
                if value:
                    values.add((collection, name, value))
    return values


def check_replace(archive: Archive, path: Path, meeting_id: str) -> tuple[Meeting, Meeting, list[str]]:
    """(meeting now, meeting from the file, risks): everything a confirmation must say."""
    current = archive.load(meeting_id)
    incoming = read_meeting_file(path)
    return current, incoming, replace_risks(current, incoming)


def replace_from_file(desk: Desk, path: Path, meeting_id: str, *, force: bool = False) -> ImportResult:
    """Replace meeting ``meeting_id`` with the meeting in ``path`` through the desk (one undoable
    action); see the module docstring."""
    try:
        current, incoming, risks = check_replace(desk.archive, path, meeting_id)
    except BadMeetingFile as error:
        raise ImportRefused(_("{problem} Restore its backup first, or import the file as a new meeting.",
                              problem=str(error))) from None
    if risks and not force:
        raise ImportRefused(_("Not replaced: meeting {meeting}: {risks}. Add --force to replace it anyway (a copy "
                              "of it is kept in the backups folder), or import the file as a new meeting. Nothing "
                              "was changed.", meeting=describe(current), risks="; ".join(risks)))
    try:
        unlinked = untrust_links(incoming, {(i.id, i.followup_of) for i in current.issues if i.followup_of})
        backup = desk.replace(meeting_id, incoming)
    except ReadOnlyError as error:
        raise ImportRefused(_("Not replaced: {reason}. Close it there first. Nothing was changed.",
                              reason=str(error))) from None
    return ImportResult(meeting_id, backup=backup, unlinked=unlinked)
