"""The Chinese catalog covers every interface string, keeps its placeholders and holds nothing stale.

Strings are found by reading the source: every call ``_("literal", ...)`` in ``roomtui/**/*.py``.
A few strings reach ``_()`` through a variable; they are collected from the tables they live in.
"""

from __future__ import annotations

import ast
import dataclasses
import string
from pathlib import Path

import pytest

from roomtui import locale_zh
from roomtui.i18n import _, language, set_language

PACKAGE = Path(__file__).resolve().parent.parent / "roomtui"
CATALOG = locale_zh.CATALOG


def literal_messages() -> dict[str, list[str]]:
    """English message -> where it is used, for every ``_("...")`` call in the package."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
                found.setdefault(node.args[0].value, []).append(where)
    return found


def indirect_messages() -> set[str]:
    """Strings passed to ``_()`` through a variable: enum labels, field names, templates, views."""
    from roomtui.domain import model
    from roomtui.domain.templates import TEMPLATES
    from roomtui.domain.validation import REQUIRED_FIELDS
    from roomtui.plan import csv_import, toml_plan
    from roomtui.tui import screens

    messages = set(model._LABELS.values())  # _(_LABELS[self])
    for template in TEMPLATES.values():  # _(t.name), template_title(): _(title)
        messages.add(template.name)
        messages.update(title for title, _kind, _minutes in template.agenda)
    messages.update(label for fields in REQUIRED_FIELDS.values() for _name, label in fields)  # _(label)
    messages.update(title for _module, _class, title in screens._VIEWS)  # _(title)
    from roomtui.tui.screens.prepare import WEEKDAYS

    messages.update(WEEKDAYS)  # _(WEEKDAYS[date.weekday()])
    # field names shown in messages as _(name.replace("_", " ")): council.clean_fields, set_limits,
    # the CSV and TOML plan readers
    names: set[str] = set()
    for record in (model.Meeting, model.Participant, model.AgendaItem, model.Issue, model.Response,
                   model.Commitment, model.SpeakingLimits):
        names.update(field.name for field in dataclasses.fields(record))
    names.update(csv_import.PARTICIPANT_COLUMNS, csv_import.ISSUE_COLUMNS)
    names.update(toml_plan.MEETING_KEYS, toml_plan.LIMIT_KEYS, toml_plan.AGENDA_KEYS, toml_plan.PARTICIPANT_KEYS,
                 toml_plan.ISSUE_KEYS)
    messages.update(name.replace("_", " ") for name in names)
    return messages


def placeholders(text: str) -> set[str]:
    return {field for _literal, field, _spec, _conversion in string.Formatter().parse(text) if field is not None}


LITERALS = literal_messages()
USED = set(LITERALS) | indirect_messages()


def test_the_extraction_finds_the_interface():
    assert len(LITERALS) > 400
    assert "Next speaker" in LITERALS and "Hand-out" in LITERALS
    assert "{field} is required" in LITERALS


def test_every_literal_has_a_chinese_translation():
    missing = [f"{message!r} ({LITERALS[message][0]})" for message in sorted(LITERALS) if message not in CATALOG]
    assert not missing, f"{len(missing)} strings lack a Chinese translation:\n" + "\n".join(missing)


def test_every_indirect_message_has_a_chinese_translation():
    missing = sorted(indirect_messages() - set(CATALOG))
    assert not missing, f"strings passed to _() through a variable lack a translation: {missing}"


def test_no_stale_catalog_keys():
    stale = sorted(set(CATALOG) - USED)
    assert not stale, f"catalog keys no code uses any more: {stale}"


def test_the_catalog_has_no_duplicate_keys():
    tree = ast.parse((PACKAGE / "locale_zh.py").read_text(encoding="utf-8"))
    keys = [key.value for node in ast.walk(tree) if isinstance(node, ast.Dict)
            for key in node.keys if isinstance(key, ast.Constant)]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    assert not duplicates, f"keys written twice (the later one silently wins): {duplicates}"


@pytest.mark.parametrize("message", sorted(CATALOG))
def test_translation_keeps_the_placeholders(message):
    translation = CATALOG[message]
    assert translation.strip(), "empty translation"
    assert placeholders(translation) == placeholders(message)
    if placeholders(message):  # it formats: same names, and formatting specs that work
        values = {name: 1 for name in placeholders(message)}
        translation.format(**values)


def test_translations_are_chinese():
    untranslated = sorted(m for m, t in CATALOG.items() if t == m and not placeholders(m))
    assert not untranslated, f"translations equal to the English: {untranslated}"


def test_field_messages_start_with_the_field():
    """Plan imports place a sentence on a field's line by its leading label (startswith)."""
    for message, translation in CATALOG.items():
        if message.startswith("{field}"):
            assert translation.startswith("{field}"), message


def test_the_parts_problem_is_recognised_on_the_prepare_screen():
    # prepare.py marks the agenda status when a problem contains "parts of" or "部分"
    assert "部分" in CATALOG["the parts of '{title}' add up to more than its {minutes} min"]


def test_set_language_switches_to_chinese_and_back():
    set_language("zh")
    assert language() == "zh"
    assert _("Next speaker") == "下一位"
    assert _("Quit") == "退出"
    assert _("Hand-out") == "扫码带走"
    assert _("{field} is required", field=_("title")) == "标题不能为空"
    assert _("Page {k} of {n}", k=2, n=5) == "第 2/5 页"
    assert _("a string nobody translated") == "a string nobody translated"
    set_language("zh_CN.UTF-8")
    assert _("Undo") == "撤销"
    set_language("en")
    assert _("Next speaker") == "Next speaker"


def test_enum_labels_follow_the_interface_language():
    from roomtui.domain.model import Disposition, Role, SpeakerKind

    set_language("zh")
    assert Disposition.STEP_BY_STEP.label == "研究后逐步解决"
    assert Role.DEPARTMENT.label == "部门负责人"
    assert SpeakerKind.POINT_OF_ORDER.label == "程序动议"
    # the interface labels agree with the record-language labels of the minutes
    for choice in (*Role, *SpeakerKind, *Disposition):
        assert choice.label == choice.label_in("zh"), choice


def test_argparse_help_is_translated_when_the_parser_is_built():
    from roomtui.cli import build_parser

    set_language("zh")
    parser = build_parser()
    text = parser.format_help()
    assert "界面语言" in text and "创建示例议事会" in text
    export = parser._subparsers._group_actions[0].choices["export"].format_help()
    assert "略去隐私字段" in export


def test_roomtui_help_in_chinese_from_the_environment(monkeypatch, capsys):
    from roomtui.cli import main

    monkeypatch.setenv("ROOMTUI_LANG", "zh")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "用一台离线笔记本电脑开好协商议事会" in capsys.readouterr().out


def test_roomtui_lang_zh_help(monkeypatch, capsys):
    from roomtui.cli import main

    monkeypatch.delenv("ROOMTUI_LANG", raising=False)
    with pytest.raises(SystemExit):
        main(["--lang", "zh", "--help"])
    assert "界面语言" in capsys.readouterr().out
