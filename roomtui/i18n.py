"""The one translation function every user-visible string goes through.

Messages are keyed by their English text (gettext style), so code reads naturally and a
missing translation falls back to English instead of failing. Catalogs are plain dicts in
``roomtui/locale_<lang>.py``; a Chinese interface only needs its catalog filled in.
"""

from __future__ import annotations

import importlib
import os

LANGUAGES = ("en", "zh")
_catalog: dict[str, str] = {}
_language = "en"


def set_language(language: str) -> None:
    """Switch the interface language; unknown languages fall back to English."""
    global _catalog, _language
    language = (language or "en").split("_")[0].split("-")[0].lower()
    if language not in LANGUAGES or language == "en":
        _catalog, _language = {}, "en"
        return
    module = importlib.import_module(f"roomtui.locale_{language}")
    _catalog, _language = dict(module.CATALOG), language


def language() -> str:
    return _language


def _(message: str, /, **values: object) -> str:
    """Translate ``message`` and fill ``{name}`` placeholders from ``values``."""
    text = _catalog.get(message, message)
    return text.format(**values) if values else text


def init_from_environment() -> None:
    """Honour ROOMTUI_LANG so a secretary can pick the interface language once."""
    set_language(os.environ.get("ROOMTUI_LANG", "en"))
