"""The JSON export is the complete record: it imports back unchanged, and bad files say why."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from roomtui.domain.clock import FrozenClock
from roomtui.domain.codec import meeting_to_data
from roomtui.domain.demo import build_demo, play_demo
from roomtui.minutes import MinutesImportError, export_minutes, meeting_from_json
from roomtui.minutes.json_ import FORMAT, SCHEMA, render_json


def played(language: str = "en"):
    return play_demo(build_demo(language), FrozenClock(datetime(2019, 11, 22, 9, 0)))


def document(**changes):
    doc = json.loads(render_json(played(), public=False))
    doc.update(changes)
    return doc


def import_error(value) -> str:
    text = value if isinstance(value, (str, bytes)) else json.dumps(value)
    with pytest.raises(MinutesImportError) as caught:
        meeting_from_json(text)
    return str(caught.value)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("public", [True, False])
def test_export_import_export_gives_identical_bytes(language, public):
    first = export_minutes(played(language), "json", public=public)
    second = export_minutes(meeting_from_json(first), "json", public=public)
    assert first == second


def test_import_restores_the_whole_meeting():
    meeting = played("zh")
    restored = meeting_from_json(render_json(meeting, public=False))
    assert restored == meeting
    assert meeting_to_data(restored) == meeting_to_data(meeting)


def test_document_shape():
    text = render_json(played("zh"), public=False)
    doc = json.loads(text)
    assert set(doc) == {"format", "schema", "meeting"}
    assert doc["format"] == FORMAT and doc["schema"] == SCHEMA == 3
    assert "通江县" in text  # ensure_ascii=False: Chinese stays readable
    assert text == json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    public = json.loads(render_json(played("zh"), public=True))
    assert public["public"] is True


def test_import_accepts_bytes_with_a_bom():
    data = b"\xef\xbb\xbf" + export_minutes(played(), "json", public=False)
    assert meeting_from_json(data).title == "Tongjiang County CPPCC consultation council"


def test_import_cleans_escape_sequences():
    doc = document()
    doc["meeting"]["title"] = "\x1b[2J\x1b[31mTitle\u202e"
    doc["meeting"]["responses"][0]["text"] = "a\x07b\r\nc"
    meeting = meeting_from_json(json.dumps(doc))
    assert meeting.title == "Title"
    assert meeting.responses[0].text == "ab\nc"


def test_error_for_bad_json_names_line_and_column():
    message = import_error('{\n  "format": "roomtui-meeting",\n  "schema": 1,\n  "meeting": {,}\n}')
    assert message.startswith("not valid JSON") and "line 4, column" in message


def test_error_for_bad_utf8():
    assert "not UTF-8" in import_error(b'{"format": "\xff"}')


@pytest.mark.parametrize("top", ["[]", "\"x\"", "3", "null"])
def test_error_when_top_level_is_not_an_object(top):
    assert "top level is not an object" in import_error(top)


def test_error_for_wrong_format_marker():
    message = import_error(document(format="openslides-export"))
    assert '"openslides-export"' in message and '"roomtui-meeting"' in message
    assert "format is" in import_error({"schema": 1, "meeting": {}})


def test_error_for_newer_schema():
    message = import_error(document(schema=SCHEMA + 1))
    assert "newer roomtui" in message and f"schema {SCHEMA + 1}" in message


@pytest.mark.parametrize("schema", [0, -1, "1", 1.5, True, None])
def test_error_for_invalid_schema(schema):
    assert "schema must be a whole number" in import_error(document(schema=schema))


def test_error_for_missing_meeting_or_title():
    assert "meeting: missing" in import_error({"format": FORMAT, "schema": 1})
    doc = document()
    del doc["meeting"]["title"]
    assert "meeting.title" in import_error(doc)
    doc = document()
    doc["meeting"]["id"] = "  "
    assert "meeting.id" in import_error(doc)


@pytest.mark.parametrize("path, value, expected", [
    (("participants", 0, "present"), "yes", "meeting.participants[0].present: expected true or false"),
    (("date",), "2019-13-45", "meeting.date: '2019-13-45' is not a valid date"),
    (("responses", 1, "disposition"), "maybe", "meeting.responses[1].disposition: 'maybe' is not a valid Disposition"),
    (("responses", 0, "commitments", 0, "deadline"), 20191207, "meeting.responses[0].commitments[0].deadline"),
    (("issues",), {"id": 1}, "meeting.issues: expected a list"),
    (("speakers", 0, "participant_id"), "2", "meeting.speakers[0].participant_id: expected a whole number"),
])
def test_field_errors_name_the_field(path, value, expected):
    doc = document()
    target = doc["meeting"]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert expected in import_error(doc)


def test_error_for_dangling_references_and_duplicate_ids():
    doc = document()
    doc["meeting"]["responses"][0]["issue_id"] = 999
    doc["meeting"]["speakers"][3]["participant_id"] = 77
    message = import_error(doc)
    assert "meeting.responses[0].issue_id: no such id 999" in message
    assert "meeting.speakers[3].participant_id: no such id 77" in message
    doc = document()
    doc["meeting"]["issues"][1]["id"] = doc["meeting"]["issues"][0]["id"]
    assert "meeting.issues[1].id: 1 is used twice" in import_error(doc)


def test_import_error_is_a_value_error():
    assert issubclass(MinutesImportError, ValueError)
