"""What the room's phones add to the record: sign-ins (签到), requests to speak (申请发言),
and the ratings of answers (满意度测评) with their votes.

Plain records like the rest of the meeting (model.py holds them in ``Meeting``); the verbs that
change them are in room_verbs.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from roomtui.domain.kinds import RequestState, Role, Satisfaction, SignInState


@dataclass
class SignIn:
    """One phone's claim of a name (签到): a listed participant, or an unlisted resident typed on
    the phone (``name`` and ``affiliation``; listed as a participant when the secretary confirms)."""

    id: int
    participant_id: int | None = None
    name: str = ""  # unlisted only
    affiliation: str = ""  # unlisted only
    phone: str = ""  # private: a digest of the phone's own key, never shown or served
    state: SignInState = SignInState.CLAIMED
    at: datetime | None = None
    decided_at: datetime | None = None


@dataclass
class FloorRequest:
    """A signed-in phone asks to speak (申请发言), optionally on a topic; the secretary decides."""

    id: int
    sign_in_id: int
    topic: str = ""
    state: RequestState = RequestState.WAITING
    at: datetime | None = None
    decided_at: datetime | None = None
    speaker_id: int | None = None  # the turn it became, once accepted


@dataclass
class Rating:
    """The room's verdict on one response (满意度测评), open from ``opened_at`` until ``closed_at``."""

    id: int
    response_id: int
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    roles: list[Role] = field(default_factory=list)  # who votes, as the meeting decided when it opened


@dataclass
class Vote:
    """One signed-in name's vote on one rating; changed in place until the rating closes."""

    id: int
    rating_id: int
    sign_in_id: int
    choice: Satisfaction = Satisfaction.SATISFIED
    at: datetime | None = None
