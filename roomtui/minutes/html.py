"""The minutes as one self-contained HTML5 file: opens on any phone or laptop, prints on A4.

The body is the Markdown minutes rendered by markdown-it-py with raw HTML switched off, so
anything typed in the room reaches the page as text, never as markup. The stylesheet is
inlined and a Content-Security-Policy forbids scripts and any network fetch: the file works
offline and cannot call home even if someone edits it.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from importlib.resources import files

from markdown_it import MarkdownIt

from roomtui.minutes.markdown import render_markdown
from roomtui.minutes.model import Minutes

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return (files("roomtui.assets") / "minutes.css").read_text(encoding="utf-8")


def _renderer() -> MarkdownIt:
    # "commonmark" enables raw HTML by default: turn it off explicitly, then add GFM tables.
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def render_html(minutes: Minutes) -> str:
    body = _renderer().render(render_markdown(minutes))
    title = minutes.labels["document_title"].format(title=minutes.header.title)
    lang = "zh" if minutes.language == "zh" else "en"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="roomtui">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>\n{stylesheet().rstrip()}\n</style>\n"
        "</head>\n"
        "<body>\n"
        "<main>\n"
        f"{body.rstrip()}\n"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )
