"""What the share serves: the public minutes, built in memory, and nothing else.

Built from the meeting when sharing starts (and again whenever the meeting changes), never
read from disk by path: the server can only ever hand out these few byte strings, so no URL
can reach an internal field, another meeting or a file.

- the page (``/<token>/``): the public HTML minutes exactly as ``roomtui export --format html
  --public`` writes them, with one block of download links added right under the title (an
  attendee takes the minutes home first; the links are buttons a thumb can hit);
- the downloads: the public HTML, Markdown, CSV and ICS, each byte for byte the export.

The link labels are in the meeting's language, like the minutes themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from types import MappingProxyType
from urllib.parse import quote

from roomtui.domain.model import Meeting
from roomtui.minutes import default_filename, export_minutes
from roomtui.minutes.labels import minutes_language

DOWNLOAD_FORMATS = ("html", "md", "csv", "ics")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
}
_LINK_LABELS = {
    "en": {
        "heading": "Take the minutes with you",
        "html": "This page (HTML)",
        "md": "Minutes as text (Markdown)",
        "csv": "Commitments (CSV, for a spreadsheet)",
        "ics": "Deadlines (ICS, for a calendar)",
    },
    "zh": {
        "heading": "下载会议纪要",
        "html": "本页（HTML）",
        "md": "纪要文本（Markdown）",
        "csv": "承诺事项（CSV，可用表格软件打开）",
        "ics": "办理期限（ICS，可导入日历）",
    },
}
_TITLE_END = "</h1>\n"


@dataclass(frozen=True)
class Document:
    """One served document: its bytes, its content type, and for downloads a file name."""

    body: bytes
    content_type: str
    filename: str | None = None  # None: shown in the browser, not downloaded

    @property
    def disposition(self) -> str | None:
        if self.filename is None:
            return None
        ascii_name = self.filename.encode("ascii", "replace").decode("ascii").replace("?", "_").replace('"', "_")
        return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(self.filename)}"


@dataclass(frozen=True)
class SharedMinutes:
    """The page and the downloads, keyed by their path under the token (``""`` is the page)."""

    documents: MappingProxyType

    @property
    def page(self) -> Document:
        return self.documents[""]


def build_shared_minutes(meeting: Meeting) -> SharedMinutes:
    """Every document the share serves, from the public variant only."""
    documents: dict[str, Document] = {}
    links = []
    for fmt in DOWNLOAD_FORMATS:
        name = default_filename(meeting, fmt, public=True)
        documents[name] = Document(export_minutes(meeting, fmt, public=True), CONTENT_TYPES[fmt], name)
        links.append((fmt, name))
    html = documents[default_filename(meeting, "html", public=True)].body.decode("utf-8")
    documents[""] = Document(with_links(html, links, meeting.language).encode("utf-8"), CONTENT_TYPES["html"])
    return SharedMinutes(MappingProxyType(documents))


def links_block(links: list[tuple[str, str]], language: str) -> str:
    """The download links added to the page: relative links, so any address works."""
    words = _LINK_LABELS.get(minutes_language(language), _LINK_LABELS["en"])
    items = "".join(f'<li><a href="{escape(quote(name))}" download="{escape(name)}">{escape(words[fmt])}</a></li>\n'
                    for fmt, name in links)
    return f'<nav id="downloads">\n<h2>{escape(words["heading"])}</h2>\n<ul>\n{items}</ul>\n</nav>\n'


def with_links(html: str, links: list[tuple[str, str]], language: str) -> str:
    """The export's HTML with the links block inserted right after its title."""
    at = html.index(_TITLE_END) + len(_TITLE_END)
    return html[:at] + links_block(links, language) + html[at:]
