"""The public minutes leave out exactly the private fields: contacts and internal notes.

A public summary is handed to anyone in the room (and scanned off the screen), so one leaked
phone number is one too many: every public output of the demo is scanned for every contact.
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from roomtui.domain.clock import FrozenClock
from roomtui.domain.demo import build_demo, play_demo
from roomtui.minutes import FORMATS, export_minutes
from roomtui.minutes.json_ import PRIVATE_FIELDS

NOTES = {
    "participant": "PRIVNOTE-PERSON mobile only after 6pm",
    "issue": "PRIVNOTE-ISSUE proposer asked to stay anonymous",
    "response": "PRIVNOTE-RESPONSE budget not yet approved",
}


def noted(language: str):
    """The played demo with an internal note on a participant, an issue and a response."""
    meeting = play_demo(build_demo(language), FrozenClock(datetime(2019, 11, 22, 9, 0)))
    meeting.participants[8].note = NOTES["participant"]
    meeting.issue(3).note = NOTES["issue"]  # answered
    meeting.issue(1).note = NOTES["issue"]  # still awaiting a response
    meeting.responses[0].note = NOTES["response"]
    return meeting


def variants_of_contact(contact: str) -> set[str]:
    return {contact, contact.replace(" ", ""), contact.replace(" ", "-")}


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_public_output_holds_no_contact_and_no_note(language, fmt):
    meeting = noted(language)
    text = export_minutes(meeting, fmt, public=True).decode("utf-8-sig")
    if fmt == "ics":
        text = text.replace("\r\n ", "")  # unfold, so a number cut by a fold is still found
    contacts = [c for p in meeting.participants for c in variants_of_contact(p.contact)]
    assert len(contacts) >= 16
    assert not [c for c in contacts if c in text]
    assert not [n for n in NOTES.values() if n in text]
    assert "PRIVNOTE" not in text


@pytest.mark.parametrize("language", ["en", "zh"])
def test_internal_output_keeps_contacts_and_notes(language):
    meeting = noted(language)
    md, html, data = (export_minutes(meeting, f, public=False).decode("utf-8-sig") for f in ("md", "html", "json"))
    for text in (md, html, data):
        assert all(p.contact in text for p in meeting.participants)
        assert all(note in text for note in NOTES.values())
    csv_text = export_minutes(meeting, "csv", public=False).decode("utf-8-sig")
    ics_text = export_minutes(meeting, "ics", public=False).decode().replace("\r\n ", "")
    assert NOTES["response"] in csv_text and NOTES["response"] in ics_text


def test_public_json_blanks_the_private_fields_and_nothing_else():
    meeting = noted("en")
    internal = json.loads(export_minutes(meeting, "json", public=False))["meeting"]
    public = json.loads(export_minutes(meeting, "json", public=True))["meeting"]
    for collection, names in PRIVATE_FIELDS.items():
        for row in internal[collection]:
            for name in names:
                row[name] = ""
    assert public == internal
    assert PRIVATE_FIELDS == {"participants": ("contact", "note"), "issues": ("note",), "responses": ("note",)}


def test_public_minutes_keep_everything_that_is_not_private():
    """Names, responders, responses and commitments are the point of the hand-out."""
    meeting = noted("en")
    md = export_minutes(meeting, "md", public=True).decode()
    for person in meeting.participants:
        assert person.name in md
    for response in meeting.responses:
        assert response.responder in md and response.text in md
        assert all(c.deliverable in md for c in response.commitments)
    assert "Public summary" in md and "Internal record" not in md
    assert "Internal record" in export_minutes(meeting, "md", public=False).decode()
