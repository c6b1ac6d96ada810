"""Headings and labels of the minutes, in the meeting's own language.

The minutes are a document of the meeting, not of the screen: a Chinese council gets Chinese
minutes even when the secretary's interface is English. So these labels do not go through the
interface catalog (``roomtui.i18n``); they live here, one table per meeting language.
"""

from __future__ import annotations

from roomtui.domain.model import Disposition
from roomtui.i18n import RecordTables

MINUTES_LANGUAGES = ("en", "zh")

_ENGLISH: dict[str, str] = {
    "document_title": "Minutes: {title}",
    "public_note": "Public summary: contact details and internal notes are left out.",
    "internal_note": "Internal record: contains contact details and internal notes. Do not hand out.",
    "provisional": "Provisional: the meeting has not been closed yet.",
    "date": "Date",
    "time": "Time",
    "planned": "Planned",
    "venue": "Venue",
    "host": "Host",
    "recorder": "Recorder",
    "series": "Series",
    "attendance": "Attendance",
    "present": "Present",
    "absent": "Absent",
    "present_count": "{present} present, {absent} absent",
    "role": "Role",
    "name": "Name",
    "affiliation": "Affiliation",
    "contact": "Contact",
    "note": "Note",
    "theme_background": "Theme and background",
    "theme": "Theme",
    "background": "Background",
    "speeches": "Speeches",
    "speaker": "Speaker",
    "kind": "Kind",
    "agenda_item": "Agenda item",
    "start": "Start",
    "time_used": "Time used",
    "key_points": "Key points",
    "issues_raised": "Issues",
    "answers_issue": "answers #{number}",
    "responses": "Responses",
    "issue_number": "Issue #",
    "issue": "Issue",
    "location": "Location",
    "department": "Department",
    "responder": "Responder",
    "response": "Response",
    "disposition": "Disposition",
    "confirmed": "Confirmed in session",
    "satisfaction": "Satisfaction of the proposer",
    "room_rating": "Rating of the room",
    "room_rating_counts": "{satisfied} satisfied, {basically} basically satisfied, {dissatisfied} dissatisfied ({total} in all)",
    "room_rating_and": "{counts}; {verdict}",
    "room_rating_open": "still open",
    "room_rating_rejected": "mostly dissatisfied: the issue stays open for follow-up",
    "issue_note": "Issue note",
    "response_note": "Response note",
    "commitments": "Commitments",
    "lead_unit": "Lead unit",
    "co_units": "Co-units",
    "deliverable": "Deliverable",
    "deadline": "Deadline",
    "grade": "Grade",
    "followup_history": "Follow-up of commitment {number}",
    "action": "Action",
    "plan": "Plan",
    "milestones": "Milestones",
    "target_date": "Target date",
    "reason": "Reason",
    "body_asked": "Body asked",
    "next_step": "Next step",
    "interim_measure": "Interim measure",
    "statistics": "Speaking time by role",
    "turns": "Turns",
    "share": "Share",
    "total": "Total",
    "remarks": "Leaders' remarks",
    "leader_summary": "Leader's summary",
    "closing_remarks": "Closing remarks",
    "agreed_items": "Agreed items",
    "follow_up": "Follow-up",
    "review_date": "Review date",
    "next_theme": "Next theme",
    "open_commitments": "Open commitments",
    "unanswered": "Issues still open (no response yet, or the proposer was dissatisfied)",
    "expected_department": "Expected department",
    "none": "None.",
    "yes": "yes",
    "no": "no",
    "list_separator": "; ",
    "colon": ": ",
    "description_issue": "Issue #{number}: {title}",
    "calendar_name": "Commitments: {title}",
    "file_public": "minutes (public)",
    "file_internal": "minutes (internal)",
    "agenda": "Agenda",
    "planned_time": "Planned",
    "end": "End",
    "actual": "Actual",
    "minutes_planned": "{n} min",
    "duration_min_sec": "{n} min {s} s",
    "duration_sec": "{s} s",
    "overtime": "{time} over",
    "issue_heading": "Issue {number}: {title}",
    "number_column": "No.",
    "speaker_turn": "{role}, {kind}",
    "agenda_item_line": "Agenda item",
    "document_number": "Document number",
    "issuing_office": "Issuing office",
    "issue_date": "Date of issue",
    "copy_to": "Copy to",
    "agenda_document": "Agenda: {title}",
    "signin_document": "Sign-in sheet: {title}",
    "signature": "Signature",
    "slot": "Time",
    "file_agenda": "agenda",
    "file_signin": "sign-in sheet",
    "signin_note": "Please sign in at the door. Anyone not on the list writes their name, affiliation and role on a free line.",
}
# The minutes in each language: the English above, the rest from the record catalog (i18n.py).
LABELS = RecordTables("minutes", _ENGLISH, MINUTES_LANGUAGES)

# The fields each disposition carries, in the order the minutes list them.
DISPOSITION_FIELDS: dict[Disposition, tuple[str, ...]] = {
    Disposition.RESOLVE_NOW: ("action", "lead_unit", "deadline"),
    Disposition.STEP_BY_STEP: ("plan", "milestones", "target_date"),
    Disposition.HIGHER_LEVEL: ("reason", "body_asked", "next_step", "interim_measure"),
}


def minutes_language(language: str) -> str:
    """The meeting's language if the minutes speak it, English otherwise."""
    code = (language or "en").split("_")[0].split("-")[0].lower()
    return code if code in MINUTES_LANGUAGES else "en"


def labels_for(language: str) -> dict[str, str]:
    return LABELS[minutes_language(language)]


def enum_label(value: object, language: str) -> str:
    """A role, disposition, grade... in the minutes' language (the domain keeps one table)."""
    if hasattr(value, "label_in"):
        return value.label_in(minutes_language(language))
    return str(value)

