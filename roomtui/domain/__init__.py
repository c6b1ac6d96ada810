"""The meeting domain: plain Python, no Textual, no TinyDB (tests/test_layers.py keeps it so)."""

from roomtui.domain.clock import Clock, FrozenClock, SystemClock
from roomtui.domain.council import Council
from roomtui.domain.model import (
    AgendaItem,
    AgendaKind,
    Commitment,
    Disposition,
    Grade,
    Issue,
    IssueSource,
    Meeting,
    MeetingStatus,
    Participant,
    Pause,
    Response,
    Role,
    Satisfaction,
    SpeakerEntry,
    SpeakerKind,
    SpeakingLimits,
)
from roomtui.domain.speaking import SpeakingOrder
from roomtui.domain.validation import ValidationError

__all__ = [
    "AgendaItem", "AgendaKind", "Clock", "Commitment", "Council", "Disposition", "FrozenClock", "Grade", "Issue",
    "IssueSource", "Meeting", "MeetingStatus", "Participant", "Pause", "Response", "Role", "Satisfaction",
    "SpeakerEntry", "SpeakerKind", "SpeakingLimits", "SpeakingOrder", "SystemClock", "ValidationError",
]
