"""The minutes as one self-contained HTML5 file: opens on any phone or laptop, prints on A4.

The body is the Markdown minutes rendered by markdown-it-py with raw HTML switched off, so
anything typed in the room reaches the page as text, never as markup. The stylesheet is
inlined and a Content-Security-Policy forbids scripts and any network fetch: the file works
offline and cannot call home even if someone edits it.

Written for the attendee's phone: the outcome first (agreed items, who does what by when, the
next council, the answers), attendance and speeches after; every table cell carries its
column's name (``data-label``) so that on a narrow screen each row becomes a card of
"label: value" lines (assets/minutes.css), while A4 and wide screens keep the tables; each
issue's answer has an anchor (``#issue-4``) that a link or a hand-out can open the page at; a
label alone on its line (``class="label"``) is never left at the foot of a printed page.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from importlib.resources import files

from markdown_it import MarkdownIt
from markdown_it.token import Token

from roomtui.minutes.markdown import render_markdown
from roomtui.minutes.model import Minutes

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_CSP = CSP  # the name register_html.py imports


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return (files("roomtui.assets") / "minutes.css").read_text(encoding="utf-8")


def _renderer() -> MarkdownIt:
    # "commonmark" enables raw HTML by default: turn it off explicitly, then add GFM tables.
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def issue_anchor(issue_number: int) -> str:
    """The fragment that opens the minutes at an issue's answer: ``minutes.html#issue-4``."""
    return f"issue-{issue_number}"


def _annotate(tokens: list[Token], minutes: Minutes) -> None:
    """Cell labels, issue anchors and label paragraphs, set on the parsed tokens (markdown-it
    escapes attribute values, and every value here is our own label or a number)."""
    answers = iter(minutes.responses)
    anchored: set[int] = set()
    section = ""
    header: list[str] = []
    column = 0
    for n, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            section = tokens[n + 1].content
        elif token.type == "heading_open" and token.tag == "h3" and section == minutes.labels["responses"]:
            response = next(answers, None)
            if response is not None:
                anchor = issue_anchor(response.issue_number)
                token.attrSet("id", anchor if response.issue_number not in anchored
                              else f"response-{response.response_id}")
                anchored.add(response.issue_number)
        elif token.type == "table_open":
            token.attrSet("class", "cards")
        elif token.type == "thead_open":
            header = []
        elif token.type == "th_open":
            header.append(tokens[n + 1].content)
        elif token.type == "tr_open":
            column = 0
        elif token.type == "td_open":
            if column < len(header):
                token.attrSet("data-label", header[column])
            column += 1
        elif token.type == "paragraph_open" and _only_bold(tokens[n + 1]):
            token.attrSet("class", "label")


def _only_bold(inline: Token) -> bool:
    children = [c for c in inline.children or [] if c.type != "text" or c.content.strip()]
    return [c.type for c in children] == ["strong_open", "text", "strong_close"]


def render_body(minutes: Minutes) -> str:
    """The minutes' HTML inside ``<main>``, outcome first."""
    md = _renderer()
    tokens = md.parse(render_markdown(minutes, outcome_first=True))
    _annotate(tokens, minutes)
    return md.renderer.render(tokens, md.options, {})


def render_html(minutes: Minutes) -> str:
    body = render_body(minutes)
    title = minutes.labels["document_title"].format(title=minutes.header.title)
    return html_page(title, minutes.language, f"{body.rstrip()}\n")


def html_page(title: str, language: str, main: str, *, extra_css: str = "") -> str:
    """A whole page around ``main`` (HTML ending in a newline): self-contained, no script, no
    network (CSP), the minutes' stylesheet and then ``extra_css``. The minutes and the papers for
    the door share it, so both print alike."""
    lang = "zh" if language == "zh" else "en"
    css = stylesheet().rstrip() + (f"\n{extra_css}" if extra_css else "")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="roomtui">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>\n{css}\n</style>\n"
        "</head>\n"
        "<body>\n"
        "<main>\n"
        f"{main}"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )
