"""Bring a whole meeting in from a file: a TOML plan or a roomtui JSON export.

Either the whole file is stored, as a new meeting or over the meeting with the same id, or
nothing is: every parser collects its problems first and raises one error naming them.
"""

from __future__ import annotations

from pathlib import Path

from roomtui.i18n import _
from roomtui.store import Archive

MAX_IMPORT_BYTES = 10 * 1024 * 1024


def read_meeting_file(path: Path):
    """Parse ``path`` into a Meeting without storing anything; ValueError says what is wrong."""
    suffix = path.suffix.lower()
    if path.stat().st_size > MAX_IMPORT_BYTES:
        raise ValueError(_("{path}: the file is larger than 10 MB; is it the right file?", path=path))
    if suffix == ".toml":
        from roomtui.plan.toml_plan import load_plan

        return load_plan(path)
    if suffix == ".json":
        from roomtui.minutes.json_ import meeting_from_json

        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValueError(_("{path}: not UTF-8 text (byte {byte})", path=path, byte=error.start)) from None
        try:
            return meeting_from_json(text)
        except ValueError as error:
            raise ValueError(f"{path}: {error}") from None
    raise ValueError(_("{path}: roomtui imports .toml plans and .json meetings", path=path))


def import_file(archive: Archive, path: Path) -> str:
    """Store the meeting in ``path``; returns its id. Same id as a stored meeting: replaces it."""
    meeting = read_meeting_file(path)
    if meeting.id and archive.exists(meeting.id):
        archive.replace(meeting)
        return meeting.id
    return archive.create(meeting)
