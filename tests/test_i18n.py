"""The gettext catalogs: complete, compiled, placeholders kept; the language can change at any time.

The catalogs are made with Babel (``python -m roomtui.catalog`` extracts, updates and compiles);
``roomtui.catalog.problems()`` lists strings the extraction finds that the .po lacks, untranslated
or fuzzy entries, stale ones, and a .mo that was not compiled from the current .po.
"""

from __future__ import annotations

import string

import pytest

from roomtui import catalog
from roomtui.i18n import DOMAIN, _, language, ngettext, normalise, set_language, system_language

ZH = catalog.read_po("zh_CN", DOMAIN)
ENTRIES = [entry for entry in ZH if entry.id]


def placeholders(text: str) -> set[str]:
    return {field for _literal, field, _spec, _conversion in string.Formatter().parse(text) if field is not None}


def test_the_catalogs_are_complete_and_compiled():
    problems = catalog.problems()
    assert not problems, "run python -m roomtui.catalog, translate, run it again:\n" + "\n".join(problems)


def test_the_extraction_finds_the_interface():
    template = catalog.extract(DOMAIN)
    ids = {entry.id for entry in template if entry.id}
    assert len(ids) > 500
    # literals, N_() marks (bindings, enum labels, templates, field names) and plurals
    assert {"Next speaker", "Hand-out", "{field} is required", "study, then resolve step by step",
            "lead unit", "Leader's summary", ("{n} issue", "{n} issues")} <= ids


def _msgstrs(entry) -> list[str]:
    return list(entry.string) if isinstance(entry.string, (tuple, list)) else [entry.string]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: str(e.id)[:60])
def test_translation_keeps_the_placeholders(entry):
    english = entry.id if isinstance(entry.id, str) else entry.id[-1]
    for translation in _msgstrs(entry):
        assert translation.strip(), "empty translation"
        assert placeholders(translation) <= placeholders(english) | {"n"}
        assert placeholders(english) - {"n"} <= placeholders(translation) or isinstance(entry.id, tuple)
        translation.format(**{name: 1 for name in placeholders(english) | {"n"}})


def test_translations_are_chinese():
    same = sorted(str(e.id) for e in ENTRIES if _msgstrs(e) == [e.id] and not placeholders(str(e.id)))
    assert not same, f"translations equal to the English: {same}"


def test_field_messages_start_with_the_field():
    """Plan imports place a sentence on a field's line by its leading label (startswith)."""
    for entry in ENTRIES:
        if isinstance(entry.id, str) and entry.id.startswith("{field}"):
            assert entry.string.startswith("{field}"), entry.id


def test_plurals_follow_the_count():
    assert ngettext("{n} issue", "{n} issues", 1) == "1 issue"
    assert ngettext("{n} issue", "{n} issues", 3) == "3 issues"
    set_language("zh")
    assert ngettext("{n} issue", "{n} issues", 3) == "3 个问题"


@pytest.mark.parametrize("environment, expected", [
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
    ({"LC_MESSAGES": "zh_CN", "LANG": "en_US"}, "zh"),
    ({"LANGUAGE": "fr:zh_CN", "LANG": "en_US"}, "zh"),
    ({"LANGUAGE": "en:zh_CN", "LANG": "zh_CN"}, "en"),
    ({}, "en"),
])
def test_the_interface_follows_the_system_locale(monkeypatch, environment, expected):
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert system_language() == expected


def test_roomtui_lang_wins_over_the_system(monkeypatch):
    from roomtui.i18n import init_from_environment

    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setenv("ROOMTUI_LANG", "en")
    init_from_environment()
    assert language() == "en"
    monkeypatch.delenv("ROOMTUI_LANG")
    init_from_environment()
    assert language() == "zh"


def test_normalise():
    assert normalise("zh-Hans") == normalise("ZH") == normalise("zh_CN.UTF-8") == "zh"
    assert normalise("de") == normalise(None) == normalise("") == "en"


async def test_the_footer_speaks_the_language_chosen_after_import(archive, clock):
    """Binding descriptions are N_() marks translated when a screen is made, not at import."""
    from textual.widgets import Footer

    from roomtui.tui.app import RoomApp
    from roomtui.tui.screens.live import LiveScreen  # imported while the interface is English

    demo = archive.ensure_demo("en")
    set_language("zh")
    app = RoomApp(archive, meeting_id=demo, clock=clock, view="live")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        labels = [key.description for key in app.screen.query_one(Footer).query("FooterKey")]
        assert "下一项" in labels and "Next item" not in labels  # before the start: → starts the meeting
        palette = [b for _key, b in app._bindings if b.action == "command_palette"]
        assert [b.description for b in palette] == ["命令"]  # ctrl+p: ours, translated, not Textual's "palette"


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


async def test_the_prepare_panes_keys_speak_the_interface_language(archive, clock):
    """Each prepare pane has keys of its own (a Widget's BINDINGS): translated like a screen's."""
    from textual.widgets._footer import FooterKey

    from roomtui.tui.app import RoomApp

    demo = archive.ensure_demo("zh")
    set_language("zh")
    app = RoomApp(archive, meeting_id=demo, clock=clock, view="prepare")
    async with app.run_test(size=(120, 40)) as pilot:
        for tab in "1234":
            await pilot.press(tab)
            await pilot.pause()
            labels = [key.description for key in app.screen.query(FooterKey)]
            english = [label for label in labels if label.isascii()]
            assert labels and not english, (tab, labels)


def test_a_word_marked_with_a_context_is_translated_in_its_context():
    """NP_ keeps "Next" the page apart from any other "Next": the binding shows the page's word."""
    from roomtui.i18n import NP_, set_language, translate
    from roomtui.tui.screens.handout import handout_bindings

    set_language("zh")
    try:
        assert translate(NP_("page", "Next")) == "下一页"
        assert translate(NP_("speaker", "Stop")) == "结束发言"
        next_page = next(b for b in handout_bindings() if b.id == "handout.next")
        from roomtui.tui.translated import translated

        assert translated(next_page).description == "下一页"
    finally:
        set_language("en")
    assert translate(NP_("page", "Next")) == "Next"
