"""One term per concept in each language: the catalogs use the glossary's words (roomtui/locale/glossary.toml).

A secretary who reads 议定事项 in the register and in the minutes takes them for one thing; the
register's commitments and the minutes' agreed items are two. The glossary names each concept's
word in English and Chinese and the synonyms no string may use for it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from roomtui.catalog import DOMAINS, read_po

GLOSSARY = Path(__file__).resolve().parents[1] / "roomtui" / "locale" / "glossary.toml"
TERMS = tomllib.loads(GLOSSARY.read_text(encoding="utf-8"))["term"]


def entries():
    """(domain, English, Chinese) of every translated entry, plural forms included."""
    for domain in DOMAINS:
        for entry in read_po("zh_CN", domain):
            if not entry.id:
                continue
            ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
            strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            for english in ids:
                for chinese in strings:
                    yield domain, english, chinese or ""


def mentions(english: str, term: str) -> bool:
    return re.search(rf"\b{re.escape(term)}", english, re.IGNORECASE) is not None


def test_the_glossary_names_each_concept_once():
    assert all(term["en"] and term["zh"] for term in TERMS)
    assert len({term["en"].casefold() for term in TERMS}) == len(TERMS)


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t["en"])
def test_no_chinese_string_calls_a_concept_by_another_word(term):
    wrong = [(domain, english, chinese) for domain, english, chinese in entries()
             if mentions(english, term["en"]) and any(word in chinese for word in term.get("not_zh", ()))]
    assert not wrong, f"{term['en']} is {term['zh']}, never {term.get('not_zh')}: {wrong}"


@pytest.mark.parametrize("term", [t for t in TERMS if t.get("not_en")], ids=lambda t: t["en"])
def test_no_english_string_calls_a_concept_by_another_word(term):
    wrong = {english for _domain, english, _zh in entries()
             if any(mentions(english, word) for word in term["not_en"])}
    assert not wrong, f"say {term['en']!r}: {sorted(wrong)}"


def test_the_readme_calls_each_action_by_its_word():
    readme = (GLOSSARY.parents[2] / "README.md").read_text(encoding="utf-8")
    for term in TERMS:
        for word in term.get("not_en", ()):
            assert not mentions(readme, word), f"README says {word!r}: say {term['en']!r}"
