"""Whatever a person types or pastes into a form: a clear refusal or clean text, never a crash.

Property-based: hypothesis throws arbitrary text (control characters, escape sequences, bidi
overrides, huge pastes, absurd numbers and dates) at the secretary's verbs. Every call either
succeeds with clean text stored, or raises ValidationError with readable problems and leaves
the meeting exactly as it was.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roomtui.domain import Council, Disposition, ValidationError
from roomtui.domain.codec import meeting_to_data
from roomtui.domain.demo import build_demo

HOSTILE = st.sampled_from([
    "\x1b[31mred\x1b[0m", "\x1b]0;pwned\x07", "\u202eevil\u202c", "\x00\x01\x02", "a\rb\nc\td", "=HYPERLINK(\"x\")",
    "<script>alert(1)</script>", "|pipe|", "x" * 600, "字" * 30_000, "\ud800" if False else "\U0001f600", "",
    "   ", "2019-13-40", "-5", "99999999999", "\x7f\x9b[2J", "\u2066\u2069", "名字\u200f",
])
TEXT = st.one_of(HOSTILE, st.text(max_size=80), st.text(alphabet=st.characters(max_codepoint=0x3000), max_size=40))
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def stored_text_is_clean(meeting) -> None:
    def walk(value):
        if isinstance(value, str):
            assert not UNSAFE.search(value), repr(value)
            assert "\x1b" not in value
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
    walk(meeting_to_data(meeting))


def attempt(action, setup=None) -> None:
    meeting = build_demo("en")
    council = Council(meeting)
    if setup is not None:
        setup(council)
    before = meeting_to_data(meeting)
    try:
        action(council)
    except ValidationError as error:
        assert error.problems and all(isinstance(p, str) and p for p in error.messages)
        assert meeting_to_data(meeting) == before, "a refused action must change nothing"
        return
    stored_text_is_clean(meeting)


@SETTINGS
@given(name=TEXT, affiliation=TEXT, contact=TEXT, role=st.sampled_from(["member", "resident", "mayor", "", "委员"]))
def test_add_participant(name, affiliation, contact, role):
    attempt(lambda c: c.add_participant(name, role, affiliation=affiliation, contact=contact))


@SETTINGS
@given(title=TEXT, minutes=st.one_of(TEXT, st.integers(-10**9, 10**9)))
def test_add_agenda_item(title, minutes):
    attempt(lambda c: c.add_agenda_item(title, "other", minutes))


@SETTINGS
@given(title=TEXT, date=TEXT, venue=TEXT, start=TEXT, length=st.one_of(TEXT, st.integers(-10**6, 10**6)))
def test_set_details(title, date, venue, start, length):
    attempt(lambda c: c.set_details(title=title, date=date, venue=venue, start_time=start, planned_minutes=length))


@SETTINGS
@given(title=TEXT, description=TEXT, department=TEXT)
def test_raise_issue_from_the_floor(title, description, department):
    attempt(lambda c: c.raise_issue(title=title, description=description, expected_department=department),
            setup=lambda c: c.start_meeting())


@SETTINGS
@given(department=TEXT, text=TEXT, action_text=TEXT, deadline=TEXT, deliverable=TEXT,
       disposition=st.sampled_from(list(Disposition)))
def test_record_response(department, text, action_text, deadline, deliverable, disposition):
    attempt(lambda c: c.record_response(1, department, disposition, text=text, action=action_text, lead_unit="Unit",
                                        deadline=deadline, plan=text, milestones=text, target_date=deadline,
                                        reason=text, body_asked=text, next_step=text, interim_measure=text,
                                        commitments=[{"lead_unit": department, "deliverable": deliverable,
                                                      "deadline": deadline}]))


@SETTINGS
@given(limit=st.one_of(TEXT, st.integers(-10**6, 10**6)))
def test_speaking_limits(limit):
    attempt(lambda c: c.set_limits(booked=limit))


def test_a_one_megabyte_paste_is_refused_with_its_size():
    meeting = build_demo("en")
    try:
        Council(meeting).set_details(background="字" * 1_000_000)
    except ValidationError as error:
        assert "1,000,000 characters" in error.problems[0] and "background" in error.problems[0]
    else:
        raise AssertionError("a 1 MB paste must be refused")


JSON_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@JSON_SETTINGS
@given(text=st.one_of(st.text(max_size=200), st.binary(max_size=200).map(lambda b: b.decode("latin-1"))))
def test_meeting_json_import_of_junk_gives_a_message(text):
    from roomtui.minutes import meeting_from_json

    try:
        meeting_from_json(text)
    except ValueError as error:
        assert str(error)


def _mutations():
    """A valid export with one value somewhere replaced by junk of another type."""
    import json

    from roomtui.domain import FrozenClock
    from roomtui.domain.demo import play_demo
    from roomtui.minutes import export_minutes

    meeting = play_demo(build_demo("zh"), FrozenClock(__import__("datetime").datetime(2019, 11, 22, 9)))
    document = json.loads(export_minutes(meeting, "json", public=False))
    paths = []

    def walk(value, path):
        paths.append(path)
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))
    walk(document["meeting"], ("meeting",))
    return document, paths


_DOCUMENT, _PATHS = _mutations()


@JSON_SETTINGS
@given(path=st.sampled_from(_PATHS[1:]), junk=st.one_of(st.none(), st.integers(), st.text(max_size=20),
                                                       st.lists(st.integers(), max_size=2), st.just({"x": 1})))
def test_meeting_json_import_of_damaged_exports_never_crashes(path, junk):
    import copy
    import json

    from roomtui.minutes import meeting_from_json

    document = copy.deepcopy(_DOCUMENT)
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = junk
    try:
        meeting = meeting_from_json(json.dumps(document, ensure_ascii=False))
    except ValueError as error:
        assert str(error)
    else:
        stored_text_is_clean(meeting)
