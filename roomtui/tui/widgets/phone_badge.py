"""What phones have left waiting for the secretary, in a few words for the meeting bar."""

from __future__ import annotations

from roomtui.domain.model import Meeting, RequestState, Satisfaction, SignInState
from roomtui.i18n import _, ngettext


def waiting_count(meeting: Meeting) -> tuple[int, int]:
    """(requests to speak waiting, sign-ins to confirm): the live view's badge."""
    return (sum(1 for r in meeting.floor_requests if r.state is RequestState.WAITING),
            sum(1 for s in meeting.sign_ins if s.state is SignInState.CLAIMED))


def badge(meeting: Meeting) -> str:
    """'2 ask to speak · 3 sign-ins to confirm · rating #4: 5/1/2', or '' when nothing waits."""
    asking, claims = waiting_count(meeting)
    parts = []
    if asking:
        parts.append(ngettext("{n} asks to speak", "{n} ask to speak", asking, n=asking))
    if claims:
        parts.append(ngettext("{n} sign-in to confirm", "{n} sign-ins to confirm", claims, n=claims))
    for rating in meeting.ratings:
        if rating.closed_at is None:
            response = meeting.response(rating.response_id)
            counts = meeting.tally(rating)
            parts.append(_("rating #{issue}: {satisfied}/{basically}/{dissatisfied}",
                           issue=response.issue_id if response else "?", satisfied=counts[Satisfaction.SATISFIED],
                           basically=counts[Satisfaction.BASICALLY], dissatisfied=counts[Satisfaction.DISSATISFIED]))
    return " · ".join(parts)
