"""The HTML minutes and the share page on a 390x844 phone, measured in headless Chromium.

Tables were wider than the screen (7 of 12 in Chinese, 10 of 12 in English), cut at the edge;
the downloads sat at the end of a page a dozen screens long, 19 px tall. Measured here with
the page's own layout: nothing beyond the right edge (the document's scroll width and every
element's right side), the downloads on the first screen, each at least 44 px tall; the outcome
before the attendance; every answer with its anchor. The minutes forbid scripts (their
Content-Security-Policy), so the test copy has the policy removed and a measuring script added.
Chromium comes from Debian's ``chromium`` package (.ci/run installs it); without it: skipped.
"""

from __future__ import annotations

import html
import json
import re
from datetime import datetime

import pytest

from roomtui.domain.clock import FrozenClock
from roomtui.domain.demo import build_demo, play_demo
from roomtui.minutes import build_minutes, export_minutes
from roomtui.share.documents import build_shared_minutes
from test_share_browser import CHROMIUM, chromium

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")

WIDTH, HEIGHT = 390, 844
START = datetime(2019, 11, 22, 9, 0)
MEASURE = """<script>
const over = [];
for (const el of document.querySelectorAll("body *")) {
  const box = el.getBoundingClientRect();
  if (box.width > 0 && box.right > innerWidth + 0.5) over.push(el.tagName + " " + Math.round(box.right) + " "
      + (el.textContent || "").trim().slice(0, 40));
}
const links = [...document.querySelectorAll("#downloads a")].map(a => a.getBoundingClientRect());
const result = {width: innerWidth, scroll: document.documentElement.scrollWidth, over: over,
  links: links.map(b => [Math.round(b.top), Math.round(b.bottom), Math.round(b.height)]),
  order: [...document.querySelectorAll("h2")].map(h => h.textContent),
  anchors: [...document.querySelectorAll("h3[id]")].map(h => h.id),
  cells: [...document.querySelectorAll("td")].slice(0, 3).map(td => getComputedStyle(td, "::before").content)};
parent.postMessage(JSON.stringify(result), "*");
</script>"""
# Headless Chromium keeps its window at least 500 px wide: the page is opened in a 390x844 frame,
# which is the viewport its media queries and measurements see, and reports to this wrapper.
FRAME = """<!DOCTYPE html><html><body style="margin:0">
<iframe src="{src}" width="390" height="844" style="border:0;display:block"></iframe>
<pre id="measured"></pre>
<script>addEventListener("message", e => {{ document.getElementById("measured").textContent = e.data; }});</script>
</body></html>"""


def measure(tmp_path, page: str, name: str) -> dict:
    """Open ``page`` at 390x844 and return what the measuring script saw."""
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", page)
    path = tmp_path / f"{name}.html"
    path.write_text(page.replace("</body>", MEASURE + "\n</body>"), encoding="utf-8")
    frame = tmp_path / f"{name}-phone.html"
    frame.write_text(FRAME.format(src=path.name), encoding="utf-8")
    done = chromium(tmp_path, "--virtual-time-budget=3000", "--dump-dom", frame.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.search(r'<pre id="measured">(.+?)</pre>', done.stdout, re.S)
    assert found, done.stdout[-2000:]
    chromium(tmp_path, f"--screenshot={tmp_path / (name + '.png')}", frame.as_uri())  # for a human look
    return json.loads(html.unescape(found.group(1)))


def played(language: str):
    return play_demo(build_demo(language), FrozenClock(START))


@pytest.mark.parametrize("public", [True, False], ids=["public", "internal"])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_minutes_fit_a_phone_screen(tmp_path, language, public):
    meeting = played(language)
    seen = measure(tmp_path, export_minutes(meeting, "html", public=public).decode("utf-8"), f"minutes-{language}")
    assert seen["width"] == WIDTH
    assert seen["scroll"] <= WIDTH, seen["over"][:5]
    assert seen["over"] == []
    assert all(label.startswith('"') and len(label) > 3 for label in seen["cells"])  # "Role: ", "身份："
    t = build_minutes(meeting, public=public).labels
    order = seen["order"]
    assert order.index(t["agreed_items"]) < order.index(t["follow_up"]) < order.index(t["responses"]) \
        < order.index(t["attendance"]) < order.index(t["speeches"])
    assert seen["anchors"][:2] == ["issue-4", "issue-6"]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_share_page_puts_the_downloads_on_the_first_screen(tmp_path, language):
    shared = build_shared_minutes(played(language))
    seen = measure(tmp_path, shared.page.body.decode("utf-8"), f"share-{language}")
    assert seen["scroll"] <= WIDTH and seen["over"] == []
    assert len(seen["links"]) == 4
    assert all(bottom <= HEIGHT and height >= 44 for _top, bottom, height in seen["links"]), seen["links"]


def test_hostile_long_words_stay_on_the_screen(tmp_path):
    meeting = played("en")
    word = "Supercalifragilistic" * 20
    meeting.title = word
    meeting.issue(4).title = word
    meeting.responses[0].commitments[0].deliverable = word
    seen = measure(tmp_path, export_minutes(meeting, "html", public=True).decode("utf-8"), "long")
    assert seen["scroll"] <= WIDTH and seen["over"] == [], seen["over"][:5]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_printed_a4_never_ends_a_page_with_a_label(tmp_path, language):
    """Chromium's A4 print of the internal minutes: no page's last line is a label or heading
    ("Commitments:", "回应内容：") whose table or text went to the next page."""
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 reads the printed PDF")
    from test_docx_render import page_lines

    meeting = played(language)  # without the print rule: "Response:" ends page 3 (en), "回应内容：" page 2 (zh)
    path = tmp_path / "minutes.html"
    path.write_bytes(export_minutes(meeting, "html", public=False))
    pdf_path = tmp_path / "minutes.pdf"
    done = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", path.as_uri())
    assert done.returncode == 0 and pdf_path.exists(), done.stderr[-2000:]
    pdf = pdfium.PdfDocument(str(pdf_path))
    t = build_minutes(meeting, public=False).labels
    labels = {f"{t[key]}{t['colon']}".strip() for key in ("response", "commitments", "background")}
    headings = {t[key] for key in ("attendance", "speeches", "responses", "follow_up", "open_commitments")}
    assert len(pdf) > 3
    for number in range(len(pdf) - 1):
        last = page_lines(pdf[number])[-1][2]
        assert last not in labels | headings, (number + 1, last)
