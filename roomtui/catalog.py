"""Maintainer's tool for the translation catalogs: ``python -m roomtui.catalog [check]``.

It does what ``pybabel extract``, ``pybabel update`` and ``pybabel compile`` do, with this
project's keywords, through Babel's API (Babel is a test dependency, never needed at run time).
There are two gettext domains (see roomtui/i18n.py): ``roomtui``, the interface, extracted from
the code's _(), N_(), ngettext(), pgettext() and problem() calls; and ``record``, the words of
minutes, hand-outs, enum labels and template agendas in the meeting's language, taken from the
English tables in the code (context ``table:key``).

    python -m roomtui.catalog         extract -> <domain>.pot, update each .po, compile each .mo
    python -m roomtui.catalog check   change nothing; list strings missing from a .po, untranslated
                                      or fuzzy entries, stale ones, a .mo not compiled from its .po
    python -m roomtui.catalog add FILE.json [LOCALE [DOMAIN]]
                                      set translations from {"English": "translation", ...} (a list
                                      of strings for a plural entry), then update and compile

New strings appear in the .po untranslated: translate them there, then run the command again.
"""

from __future__ import annotations

import io
import sys
from datetime import datetime, timezone
from pathlib import Path

from roomtui.i18n import DOMAIN, LOCALE_DIR, RECORD_DOMAIN

PACKAGE = Path(__file__).resolve().parent
KEYWORDS = {"_": None, "N_": None, "NP_": ((1, "c"), 2), "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "problem": (1,), "Problem": (1,)}
DOMAINS = (DOMAIN, RECORD_DOMAIN)
LOCALES = ("zh_CN",)
FIXED_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)


def extract(domain: str):
    """The template of ``domain``: the interface's marked strings, or the record's English tables."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    # a fixed date, so that regenerating unchanged catalogs changes no file
    template = Catalog(project="roomtui", domain=domain, fuzzy=False, creation_date=FIXED_DATE,
                       revision_date=FIXED_DATE)
    if domain == RECORD_DOMAIN:
        for table, key, english, where in record_entries():
            template.add(english, locations=[(where, 0)], context=f"{table}:{key}")
        return template
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=method_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True):
        if filename == "catalog.py":
            continue
        template.add(message, locations=[(f"roomtui/{filename}", lineno)], auto_comments=comments,
                     context=context)
    return template


def record_entries():
    """(table, key, English, where) of every word of the record (see i18n.record_label)."""
    from roomtui.domain import kinds, templates
    from roomtui.handout import text as handout_text
    from roomtui.minutes import labels, register_labels
    from roomtui.share import room_page

    for choice, english in kinds._LABELS.items():
        yield "enum", f"{type(choice).__name__}.{choice.value}", english, "roomtui/domain/kinds.py"
    for template in templates.TEMPLATES.values():
        for title, _kind, _minutes in template.agenda:
            yield "agenda", title, title, "roomtui/domain/templates.py"
    for table, module, english in (("minutes", "minutes/labels.py", labels.LABELS.english),
                                   ("register", "minutes/register_labels.py", register_labels.REGISTER_LABELS.english),
                                   ("handout", "handout/text.py", handout_text._LABELS.english),
                                   ("phone", "share/room_page.py", room_page.LABELS.english)):
        for key, text in english.items():
            yield table, key, text, f"roomtui/{module}"


def po_path(locale: str, domain: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{domain}.po"


def read_po(locale: str, domain: str):
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po as _read

    path = po_path(locale, domain)
    if not path.exists():
        return Catalog(locale=locale, domain=domain, project="roomtui")
    with path.open("rb") as handle:
        return _read(handle, locale=locale, domain=domain)


def write_po(catalog, path: Path) -> None:
    from babel.messages.pofile import write_po as _write

    buffer = io.BytesIO()
    _write(buffer, catalog, width=100, sort_by_file=True, include_previous=False, omit_header=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def compiled(catalog) -> bytes:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def update() -> None:
    for domain in DOMAINS:
        template = extract(domain)
        write_po(template, LOCALE_DIR / f"{domain}.pot")
        for locale in LOCALES:
            catalog = read_po(locale, domain)
            catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
            catalog.revision_date = FIXED_DATE
            write_po(catalog, po_path(locale, domain))
            po_path(locale, domain).with_suffix(".mo").write_bytes(compiled(catalog))


def _untranslated(entry) -> bool:
    strings = entry.string if isinstance(entry.string, (tuple, list)) else (entry.string,)
    return not all(strings)


def problems() -> list[str]:
    """What is out of date; empty when the catalogs are complete and compiled."""
    found: list[str] = []
    for domain in DOMAINS:
        template = extract(domain)
        for locale in LOCALES:
            catalog = read_po(locale, domain)
            where = f"{locale}/{domain}"
            for message in template:
                if not message.id:
                    continue
                entry = catalog.get(message.id, context=message.context)
                if entry is None:
                    found.append(f"{where}: not in the catalog: {message.id!r} ({message.locations[0][0]})")
                elif _untranslated(entry):
                    found.append(f"{where}: untranslated: {message.id!r}")
                elif entry.fuzzy:
                    found.append(f"{where}: fuzzy: {message.id!r}")
            for entry in catalog:
                if entry.id and template.get(entry.id, context=entry.context) is None:
                    found.append(f"{where}: stale (no longer used): {entry.id!r}")
            mo = po_path(locale, domain).with_suffix(".mo")
            if not mo.exists() or mo.read_bytes() != compiled(catalog):
                found.append(f"{where}: {mo.name} is not compiled from the current .po")
    return found


def add(path: Path, locale: str = "zh_CN", domain: str = DOMAIN) -> list[str]:
    """Put the translations of a JSON file into a .po (after an update); returns unknown ids.
    A key "context\x04English" (JSON "\u0004") is the English under a context (NP_, pgettext)."""
    import json

    update()
    catalog = read_po(locale, domain)
    unknown = []
    plurals = {entry.id[0]: entry for entry in catalog if isinstance(entry.id, tuple)}
    for english, translation in json.loads(path.read_text(encoding="utf-8")).items():
        context, _sep, english = english.rpartition("\x04")  # gettext's own "context\x04msgid" for NP_ words
        entry = catalog.get(english, context=context or None) or (None if context else plurals.get(english))
        if entry is None:
            unknown.append(english)
            continue
        entry.string = tuple(translation) if isinstance(entry.id, tuple) else translation
        entry.flags.discard("fuzzy")
    write_po(catalog, po_path(locale, domain))
    update()
    return unknown


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["add"]:
        for english in add(Path(argv[1]), *argv[2:4]):
            print(f"not in the catalog (no code uses it): {english!r}")
    elif argv[:1] != ["check"]:
        update()
    listed = problems()
    print("\n".join(listed) or "catalogs complete and compiled")
    return 1 if listed else 0


if __name__ == "__main__":
    sys.exit(main())
