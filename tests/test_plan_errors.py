"""How problems read, and where the line scanner places keys (tomllib gives no positions)."""

from __future__ import annotations

from roomtui.i18n import set_language
from roomtui.plan import ImportProblem, PlanImportError
from roomtui.domain.choices import role_of
from roomtui.plan.csv_table import sniff_delimiter
from roomtui.plan.toml_locate import TomlLocator
from roomtui.domain.model import Role


def test_problem_text_names_file_line_context_and_message():
    assert str(ImportProblem("plan.toml", 14, "deadline", "deadline '2019-13-40' is not a date")) == \
        "plan.toml, line 14: deadline '2019-13-40' is not a date"
    assert str(ImportProblem("p.csv", 3, "role", "unknown role 'x'", "column 身份")) == \
        "p.csv, line 3 (column 身份): unknown role 'x'"
    assert str(ImportProblem("p.csv", None, None, "the file is empty")) == "p.csv: the file is empty"


def test_error_is_a_value_error_listing_up_to_twenty_problems():
    problems = [ImportProblem("f", n, None, f"problem {n}") for n in range(1, 24)]
    error = PlanImportError(problems)
    assert isinstance(error, ValueError) and error.problems == problems
    lines = str(error).splitlines()
    assert lines[0] == "f, line 1: problem 1" and lines[19] == "f, line 20: problem 20"
    assert lines[20] == "... and 3 more" and len(lines) == 21
    assert PlanImportError(problems[:2]).describe().count("\n") == 1


def test_locator_follows_arrays_nested_arrays_and_skips_multiline_strings():
    text = "\n".join([
        'plan_version = 1',               # 1
        '[meeting]',                      # 2
        'title = "T"',                    # 3
        'background = """',               # 4
        'name = "not a key"',             # 5
        '[[participants]]',               # 6 inside the string
        '"""',                            # 7
        "venue = '''one line'''",         # 8
        '[[agenda]]  # first',            # 9
        'title = "A"',                    # 10
        '[[agenda.parts]]',               # 11
        'title = "A1"',                   # 12
        '[[agenda]]',                     # 13
        '[[agenda.parts]]',               # 14
        '[[agenda.parts]]',               # 15
        '  "planned_minutes" = 5',        # 16
        '[[participants]]',               # 17
        'name = "P"',                     # 18
    ])
    at = TomlLocator(text)
    assert at.line((), "plan_version") == 1
    assert at.line(("meeting",), "title") == 3 and at.line(("meeting",), "venue") == 8
    assert at.line(("meeting",), "name") == 2  # not the line inside the string: the table's own line
    assert at.line(("agenda", 0), "title") == 10 and at.line(("agenda", 0, "parts", 0), "title") == 12
    assert at.line(("agenda", 1, "parts", 1), "planned_minutes") == 16
    assert at.line(("agenda", 1, "parts", 0)) == 14
    assert at.line(("participants", 0), "name") == 18  # the first real [[participants]]
    assert at.line(("issues", 0), "title") is None


def test_delimiter_sniffing_ignores_quoted_delimiters():
    assert sniff_delimiter('"a,b,c";d\n1;2') == ";"
    assert sniff_delimiter("a\tb\tc\n") == "\t"
    assert sniff_delimiter("姓名\n张三\n") == ","
    assert sniff_delimiter("a,b;c\n") == ","


def test_role_words_follow_the_interface_label_too():
    set_language("zh")
    assert role_of("列席/媒体") is Role.OBSERVER and role_of("居民代表") is Role.RESIDENT
    set_language("en")
    assert role_of("resident representative") is Role.RESIDENT and role_of("mayor") is None
