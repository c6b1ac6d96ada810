"""The translation functions every user-visible string goes through (GNU gettext catalogs).

Messages are keyed by their English text, so code reads naturally and a missing translation
falls back to English. The catalogs are made with Babel and read with the standard library:

    roomtui/locale/roomtui.pot                       extracted template (pybabel extract)
    roomtui/locale/zh_CN/LC_MESSAGES/roomtui.po      the Chinese translations (pybabel update)
    roomtui/locale/zh_CN/LC_MESSAGES/roomtui.mo      compiled, shipped (pybabel compile)

``python -m roomtui.catalog`` runs the three steps (see that module). Text defined at import
time (binding descriptions, enum labels, table entries) is marked with ``N_()`` and translated
where it is shown, so the language can be chosen at any time.

A second domain, ``record``, holds the words of the *record*: minutes, hand-outs and agenda
templates are written in the meeting's language, not the secretary's. The code keeps those words
in English tables (one place each); :func:`record_label` and :func:`record_table` read them in a
meeting's language from the record catalog.
"""

from __future__ import annotations

import gettext as _gettext
import locale as _locale
import os
import sys
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("en", "zh")
DOMAIN = "roomtui"
RECORD_DOMAIN = "record"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
_GETTEXT_LOCALES = {"zh": "zh_CN"}

_language = "en"


@lru_cache(maxsize=None)
def translations(language: str, domain: str = DOMAIN) -> _gettext.NullTranslations:
    """The compiled catalog of ``language`` ("en" or "zh"); English is the identity."""
    locale_name = _GETTEXT_LOCALES.get(language)
    if locale_name is None:
        return _gettext.NullTranslations()
    return _gettext.translation(domain, LOCALE_DIR, languages=[locale_name], fallback=True)


def normalise(language: str | None) -> str:
    """'zh_CN.UTF-8', 'zh-Hans', 'ZH' -> 'zh'; anything unknown -> 'en'."""
    code = (language or "en").split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else "en"


def set_language(language: str | None) -> None:
    """Switch the interface language; unknown languages fall back to English."""
    global _language
    _language = normalise(language)


def language() -> str:
    return _language


def _fill(text: str, values: dict[str, object]) -> str:
    return text.format(**values) if values else text


def _(message: str, /, **values: object) -> str:
    """Translate ``message`` into the interface language and fill its ``{name}`` placeholders."""
    return _fill(translations(_language).gettext(message), values)


def ngettext(singular: str, plural: str, n: int, /, **values: object) -> str:
    """A message whose wording depends on a count; ``n`` is also available as ``{n}``."""
    values.setdefault("n", n)
    return _fill(translations(_language).ngettext(singular, plural, n), values)


def pgettext(context: str, message: str, /, **values: object) -> str:
    """A message whose translation depends on where it is used (``answer`` the verb or the noun)."""
    return _fill(translations(_language).pgettext(context, message), values)


def N_(message: str, /) -> str:
    """Mark text for extraction without translating it yet (translated where it is shown)."""
    return message


class InContext(str):
    """English text that carries its gettext context until it is shown (see NP_)."""

    context: str = ""


def NP_(context: str, message: str, /) -> str:
    """Like N_, for a word whose translation depends on where it is used: "Next" the page or the
    speaker, "answer" the speaker's turn or the response. ``translate`` honours the context."""
    text = InContext(message)
    text.context = context
    return text


def translate(message: str, /) -> str:
    """The interface-language form of a marked text (N_ or NP_), with its context if it has one."""
    if isinstance(message, InContext) and message.context:
        return translations(_language).pgettext(message.context, message)
    return translations(_language).gettext(message)


def record_label(language: str, table: str, key: str, english: str) -> str:
    """One word of a record table (minutes headings, hand-out words, enum labels, template agenda
    titles) in the meeting's language. The tables in the code are English; the translations are
    the ``record`` catalog, each entry under the context ``table:key`` so that two keys with the
    same English ("Planned" the time line, "Planned" the agenda column) can differ."""
    if normalise(language) == "en":
        return english
    return translations(normalise(language), RECORD_DOMAIN).pgettext(f"{table}:{key}", english)


def record_table(language: str, table: str, english: dict[str, str]) -> dict[str, str]:
    """A whole English table of the record in ``language``."""
    return {key: record_label(language, table, key, text) for key, text in english.items()}


def system_language() -> str:
    """The language a gettext program would pick: LANGUAGE, LC_ALL, LC_MESSAGES, LANG, or the
    user's UI language on Windows."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            # LANGUAGE may list several ("zh_CN:en"); the first one we have wins
            for candidate in value.split(":"):
                if candidate and normalise(candidate) != "en" or candidate.lower().startswith("en"):
                    return normalise(candidate)
            if variable != "LANGUAGE":
                return "en"
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        try:
            import ctypes

            lang_id = ctypes.windll.kernel32.GetUserDefaultUILanguage()
            return normalise(_locale.windows_locale.get(lang_id, "en"))
        except (AttributeError, OSError):
            return "en"
    return "en"


def init_from_environment() -> None:
    """ROOMTUI_LANG if set, else the system's language (as gettext programs do)."""
    set_language(os.environ.get("ROOMTUI_LANG") or system_language())


class RecordTables(Mapping):
    """``TABLE[language]``: an English table of the record in each record language, on demand."""

    def __init__(self, table: str, english: dict[str, str], languages: tuple[str, ...] = LANGUAGES) -> None:
        self.table, self.english, self.languages = table, english, languages
        self._made: dict[str, dict[str, str]] = {}

    def __getitem__(self, language: str) -> dict[str, str]:
        if language not in self.languages:
            raise KeyError(language)
        if language not in self._made:
            self._made[language] = record_table(language, self.table, self.english)
        return self._made[language]

    def __iter__(self) -> Iterator[str]:
        return iter(self.languages)

    def __len__(self) -> int:
        return len(self.languages)
