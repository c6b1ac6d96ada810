"""Which keys the live footer offers, by moment of the meeting, most needed first.

Keys are named by their binding ids (``live.next_speaker``, ``app.minutes``), never by action
strings: an action can be renamed or take new parameters without leaving the footer, and a test
(tests/test_footer_fit.py) checks that every id here names a binding of the live screen or the app.
A key that would be refused in a moment is not offered in it (``n`` once the meeting has ended,
``→`` on the last item); every key still works, or says why not, and F1 lists them all.
"""

from __future__ import annotations

from roomtui.domain.model import AgendaKind, Meeting, MeetingStatus, SpeakerKind
from roomtui.domain.speaking import current_speaker

ENDED = ("app.minutes", "app.handout", "app.home", "app.room_view")
NOT_STARTED = ("live.next_item", "app.prepare", "app.room_view")
BETWEEN_SPEAKERS = ("live.next_speaker", "live.add_speaker", "live.add_booked", "live.point_of_order",
                    "live.next_item", "live.raise_issue", "live.report_issue", "live.record_response",
                    "live.readd_last", "live.remarks", "live.previous_item", "live.end_meeting")
ANSWERING = ("live.record_response", "live.next_speaker", "live.pause_resume", "live.extend",
             "live.confirm_response", "live.add_commitment", "live.satisfaction", "live.key_points", "live.stop")
SPEAKING = ("live.next_speaker", "live.pause_resume", "live.extend", "live.stop", "live.key_points",
            "live.point_of_order", "live.add_speaker", "live.raise_issue", "live.report_issue",
            "live.record_response", "live.next_item")
CLOSING_UP = ("live.remarks", "live.end_meeting")  # the summary and the end, offered early in the last items
MOMENTS = {"ended": ENDED, "not_started": NOT_STARTED, "between_speakers": BETWEEN_SPEAKERS,
           "answering": ANSWERING, "speaking": SPEAKING, "closing_up": CLOSING_UP}


def closing_up(meeting: Meeting) -> bool:
    """In the last agenda items: the leader's summary, the closing, or simply the last item."""
    current = meeting.current_item
    return current is not None and (current.kind in (AgendaKind.SUMMARY, AgendaKind.CLOSING)
                                    or current.id == meeting.agenda[-1].id)


def footer_keys(meeting: Meeting, narrow: bool) -> list[str]:
    """The binding ids to offer now, in the order the moment needs them."""
    if meeting.status is MeetingStatus.CLOSED:
        return list(ENDED)
    current = meeting.current_item
    if current is None:
        return list(NOT_STARTED)
    entry = current_speaker(meeting)
    if entry is None:
        keys = list(BETWEEN_SPEAKERS)
    elif entry.kind is SpeakerKind.ANSWER:
        keys = list(ANSWERING)
    else:
        keys = list(SPEAKING)
    if closing_up(meeting):
        keys = [key for key in keys if key not in CLOSING_UP]
        keys[1:1] = CLOSING_UP  # right after the key of the moment (next speaker, record the response)
    refused = set()
    if current.id == meeting.agenda[-1].id:
        refused.add("live.next_item")  # "this is the last agenda item: end the meeting instead"
    if current.id == meeting.agenda[0].id:
        refused.add("live.previous_item")
    return (["live.next_tab"] if narrow else []) + [key for key in keys if key not in refused]
