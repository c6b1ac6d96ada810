"""Whatever a file holds, an import either works or raises PlanImportError, never anything else,
and a refused import leaves the meeting exactly as it was."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roomtui.domain.codec import meeting_to_data
from roomtui.domain.demo import build_demo
from roomtui.plan import (
    PlanImportError,
    apply_issues,
    apply_participants,
    dump_plan,
    load_plan,
    read_issues_csv,
    read_participants_csv,
)

MEETING = build_demo("zh")
BEFORE = meeting_to_data(MEETING)
PLAN_TEXT = dump_plan(MEETING)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks enough like a plan or a table to get past the first checks.
plan_words = st.sampled_from(["[meeting]", "[[participants]]", "[[agenda]]", "[[agenda.parts]]", "[[issues]]",
                              "[limits]", "title", "name", "role", "date", "=", '"', "'''", '"""', "\n", " ",
                              "2019-11-22", "25:00", "8:00", "true", "[", "]", "{", "}", ",", "#", "\\", "0",
                              "居民代表", "\x07", "\u202e", "parts", "present", "plan_version"])
csv_words = st.sampled_from(["name", "姓名", "身份", "role", "title", "问题", "描述", ",", ";", "\t", '"', "\n",
                             "\r\n", "居民代表", "boss", "是", "perhaps", "\x00", "\x07", " ", "x" * 600, "\ufeff"])


def mutated_plan() -> st.SearchStrategy[str]:
    """The demo plan with a slice replaced by plan-like noise."""
    return st.tuples(st.integers(0, len(PLAN_TEXT)), st.integers(0, 200),
                     st.lists(plan_words, max_size=12).map("".join)).map(
        lambda t: PLAN_TEXT[:t[0]] + t[2] + PLAN_TEXT[t[0] + t[1]:])


@SETTINGS
@given(st.one_of(st.text(max_size=300), st.lists(plan_words, max_size=40).map("".join), mutated_plan()))
def test_any_plan_text_loads_or_is_refused_cleanly(text):
    try:
        meeting = load_plan(text, source_name="plan.toml")
    except PlanImportError as error:
        assert error.problems and all(p.file == "plan.toml" for p in error.problems)
        assert str(error)
    else:
        assert meeting_to_data(load_plan(dump_plan(meeting), meeting_id=meeting.id)) == meeting_to_data(meeting)
    assert meeting_to_data(MEETING) == BEFORE


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_as_a_plan_are_refused_or_loaded(data):
    try:
        load_plan(data, source_name="plan.toml")
    except PlanImportError as error:
        assert error.problems


@SETTINGS
@given(st.one_of(st.binary(max_size=400), st.lists(csv_words, max_size=30).map("".join).flatmap(
    lambda text: st.sampled_from([text.encode("utf-8"), text.encode("gb18030", "replace"), text.encode("utf-16")]))),
    st.booleans())
def test_any_csv_bytes_import_whole_or_not_at_all(data, issues):
    meeting = copy.deepcopy(MEETING)
    before = meeting_to_data(meeting)
    reader, apply = (read_issues_csv, apply_issues) if issues else (read_participants_csv, apply_participants)
    try:
        rows = reader(data, source_name="x.csv")
        added = apply(meeting, rows)
    except PlanImportError as error:
        assert error.problems and all(p.file == "x.csv" for p in error.problems)
        assert meeting_to_data(meeting) == before
    else:
        kind = "issues" if issues else "participants"
        assert len(getattr(meeting, kind)) == len(before[kind]) + len(rows) == len(before[kind]) + len(added)
