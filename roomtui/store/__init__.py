"""Durable storage of meetings on TinyDB (see archive.py for the folder layout)."""

from roomtui.store.archive import (
           DAMAGED,
           Archive,
           BadMeetingFile,
           MeetingNotFound,
           MeetingSummary,
)
from roomtui.store.session import MeetingSession, ReadOnlyError, SaveError

__all__ = ["Archive", "BadMeetingFile", "DAMAGED", "MeetingNotFound", "MeetingSession", "MeetingSummary",
           "ReadOnlyError", "SaveError"]
