"""The hand-out text, its pages, the layout and the cell rendering, without any UI."""

from __future__ import annotations

from datetime import datetime

import pytest
from qrcode.exceptions import DataOverflowError

from roomtui.domain.clock import FrozenClock
from roomtui.domain.demo import build_demo, play_demo
from roomtui.domain.model import Disposition
from roomtui.handout import (
    BLACK,
    MIN_BODY_BYTES,
    WHITE,
    Document,
    PageTooSmall,
    RenderMode,
    byte_capacity,
    code_cells,
    handout_document,
    handout_text,
    paginate,
    plan_layout,
    qr_matrix,
    render_cells,
    response_document,
    response_text,
)
from roomtui.handout.qr import QUIET_ZONE, side


def played(language: str):
    return play_demo(build_demo(language), FrozenClock(datetime(2019, 11, 22, 9, 0)))


@pytest.fixture(scope="module", params=["en", "zh"])
def meeting(request):
    return played(request.param)


def size(text: str) -> int:
    return len(text.encode("utf-8"))


def within(cells: tuple[int, int], area: tuple[int, int]) -> bool:
    return cells[0] <= area[0] and cells[1] <= area[1]


# -- the text -------------------------------------------------------------------------------
def test_english_text_has_the_public_facts():
    text = handout_text(played("en"))
    assert text.startswith("Tongjiang County CPPCC consultation council\n2019-11-22 09:00, Conference room")
    assert "#4 Cars block the fire lane of an old compound (Xicheng community)\n" \
           "County Public Security Bureau: resolve now\n" in text
    assert "- Fire lane marked and kept clear (led by County traffic police brigade; " \
           "with County fire brigade; by 2019-12-07)" in text
    assert "needs higher-level support" in text and "study, then resolve step by step" in text
    assert text.endswith("Next council: New rural-gentry culture and grass-roots social governance\n"
                         "Report back on: 2020-03-20\n")
    assert "#1 " not in text  # a report issue never raised in the room is not handed out


@pytest.mark.parametrize("language, pending", [("en", "No response yet"), ("zh", "尚未答复")])
def test_a_raised_issue_without_answer_is_marked_pending(language, pending):
    meeting = played(language)
    answered = meeting.responses[-1]
    meeting.responses.remove(answered)
    issue = meeting.issue(answered.issue_id)
    assert issue.raised_at is not None and not meeting.responses_to(issue.id)
    assert f"#{issue.id} {issue.title}" in handout_text(meeting)
    assert f"{issue.location}）\n{pending}\n" in handout_text(meeting) or \
           f"{issue.location})\n{pending}\n" in handout_text(meeting)


def test_chinese_text_uses_chinese_labels():
    text = handout_text(played("zh"))
    for label in ("当场解决", "研究后逐步解决", "需上级支持", "主题：", "下次协商：新乡贤文化与基层社会治理"):
        assert label in text
    assert "#4 老旧小区消防通道被车辆堵塞（西城社区）\n县公安局：当场解决\n" in text
    assert "- 排水管道疏通（县市政公用事业服务中心牵头；2019-11-29前）" in text
    assert "resolve now" not in text and "Theme" not in text


def test_response_text_is_its_block_of_the_handout(meeting):
    text = handout_text(meeting)
    assert len(meeting.responses) >= 5
    assert {r.disposition for r in meeting.responses} == set(Disposition)
    for response in meeting.responses:
        alone = response_text(meeting, response)
        issue = meeting.issue(response.issue_id)
        assert alone.startswith(f"#{issue.id} {issue.title}")
        assert response.department in alone
        for commitment in response.commitments:
            assert commitment.deliverable in alone and commitment.deadline.isoformat() in alone
        assert alone in text


def test_no_private_field_reaches_any_page(meeting):
    for participant in meeting.participants:
        participant.contact = f"PRIVATE-CONTACT-{participant.id}"
        participant.note = f"PRIVATE-NOTE-P{participant.id}"
    for issue in meeting.issues:
        issue.note = f"PRIVATE-NOTE-I{issue.id}"
    for response in meeting.responses:
        response.note = f"PRIVATE-NOTE-R{response.id}"
    documents = [handout_document(meeting)] + [response_document(meeting, r) for r in meeting.responses]
    for document in documents:
        for version in (9, 12, 20, 40):
            for page in paginate(document, byte_capacity(version)):
                assert "PRIVATE" not in page.payload


def test_typed_newlines_and_escapes_do_not_break_the_layout():
    meeting = played("en")
    meeting.responses[0].action = "line one\nline two\x1b[31m red"
    text = response_text(meeting, meeting.responses[0])
    assert "Action: line one line two red; led by" in text and "\x1b" not in text


# -- pages ----------------------------------------------------------------------------------
@pytest.mark.parametrize("version", [9, 10, 12, 15, 20, 25, 40])
def test_pages_carry_headers_and_join_back_to_the_text(meeting, version):
    document = handout_document(meeting)
    pages = paginate(document, byte_capacity(version))
    assert "".join(p.body for p in pages) == document.text
    for k, page in enumerate(pages, 1):
        assert page.header == f"[{k}/{len(pages)}] {meeting.title} 2019-11-22"
        assert page.payload == page.header + "\n" + page.body
        assert size(page.payload) <= byte_capacity(version)
        assert page.body


def test_pages_start_at_items_when_items_fit(meeting):
    document = handout_document(meeting)
    pages = paginate(document, byte_capacity(20))
    item_starts, offset = set(), 0
    for item in document.items:
        item_starts.add(offset)
        offset += len(item)
    page_start = 0
    for page in pages:
        assert page_start in item_starts
        page_start += len(page.body)
    assert len(pages) < len(document.items)  # items share pages too


def test_long_lines_are_cut_at_spaces_and_chinese_between_characters():
    english = "word " * 200 + "\n"
    chinese = "通江县政协协商议事会" * 40 + "\n"
    document = Document("Council", "2019-11-22", ("intro\n", english, chinese))
    capacity = byte_capacity(9)
    pages = paginate(document, capacity)
    assert "".join(p.body for p in pages) == document.text
    assert all(size(p.payload) <= capacity for p in pages)
    english_pages = [p.body for p in pages if p.body.startswith("word")]
    assert len(english_pages) > 2 and all(b.endswith(" ") or b.endswith("\n") for b in english_pages)
    chinese_pages = [p.body for p in pages if "协商" in p.body]
    assert len(chinese_pages) > 2
    joined = b"".join(p.body.encode("utf-8") for p in pages)
    assert joined == document.text.encode("utf-8")  # so no page holds half a character
    for body in chinese_pages[:-1]:  # a full page of 3-byte characters is cut as late as it can be
        assert size(body) > capacity - size(pages[0].header) - 1 - 3


def test_a_long_title_is_shortened_in_headers_only():
    document = Document("协商议事会" * 60, "2019-11-22", ("body line\n" * 50,))
    capacity = byte_capacity(12)
    pages = paginate(document, capacity)
    for page in pages:
        assert size(page.header) <= capacity // 2
        assert page.header.startswith(f"[{page.number}/{len(pages)}] 协商") and "…" in page.header
        assert page.header.endswith(" 2019-11-22")
    assert "".join(p.body for p in pages) == document.text


def test_a_code_too_small_for_a_useful_page_is_refused(meeting):
    document = handout_document(meeting)
    with pytest.raises(PageTooSmall):
        paginate(document, byte_capacity(5))
    assert byte_capacity(9) - size(paginate(document, byte_capacity(9))[0].header) - 1 >= MIN_BODY_BYTES


def test_page_numbers_widen_with_many_pages():
    document = Document("T", "", tuple(f"item {n}\n" + "x" * 90 + "\n" for n in range(30)))
    pages = paginate(document, byte_capacity(8))
    assert len(pages) >= 10 and pages[0].header == f"[1/{len(pages)}] T"
    assert all(size(p.payload) <= byte_capacity(8) for p in pages)


# -- capacity and symbols -------------------------------------------------------------------
def test_capacities_match_the_qr_tables():
    assert [byte_capacity(v) for v in (10, 20, 25, 40)] == [213, 666, 997, 2331]


@pytest.mark.parametrize("version", [9, 20])
def test_capacity_is_exactly_what_qrcode_accepts(version):
    fits = "通" * (byte_capacity(version) // 3) + "x" * (byte_capacity(version) % 3)
    assert len(qr_matrix(fits, version)) == side(version)
    with pytest.raises(DataOverflowError):
        qr_matrix(fits + "x", version)


# -- layout ---------------------------------------------------------------------------------
def test_layout_uses_the_largest_version_the_area_and_cap_allow(meeting):
    document = handout_document(meeting)
    layout = plan_layout(document, 200, 58, max_version=20)
    assert layout.fits and layout.scale == 1 and layout.version <= 20
    assert within(code_cells(layout.version, RenderMode.HALF_BLOCK), (200, 58))
    counts = {v: len(paginate(document, byte_capacity(v))) for v in range(9, 21)}
    assert len(layout.pages) == min(counts.values())  # the fewest pages the area allows,
    assert all(counts[v] > len(layout.pages) for v in range(9, layout.version))  # as sparse as can be
    assert counts[20] <= counts[9] / 3
    smaller = plan_layout(document, 200, 58, max_version=12)
    assert smaller.version <= 12 and len(smaller.pages) > len(layout.pages)


def test_layout_says_what_size_is_needed(meeting):
    document = handout_document(meeting)
    layout = plan_layout(document, 80, 22)
    assert not layout.fits and layout.needed == code_cells(layout.needed_version, RenderMode.HALF_BLOCK)
    assert not layout.capped
    capped = plan_layout(document, 300, 100, max_version=5)
    assert not capped.fits and capped.capped and capped.needed_version > 5


def test_layout_scales_modules_up_when_there_is_room():
    meeting = played("en")
    document = response_document(meeting, meeting.responses[0])
    layout = plan_layout(document, 400, 200, max_version=40)
    assert len(layout.pages) == 1 and layout.scale >= 2
    assert within(code_cells(layout.version, RenderMode.HALF_BLOCK, layout.scale), (400, 200))
    assert not within(code_cells(layout.version, RenderMode.HALF_BLOCK, layout.scale + 1), (400, 200))


# -- cells ----------------------------------------------------------------------------------
def modules_from_cells(rows, mode, scale):
    """Undo the rendering: a pixel per half cell (or per two cells), then one per module."""
    pixels = []
    for row in rows:
        if mode is RenderMode.BACKGROUND:
            pixels.append([cell.bg == BLACK for cell in row[::2]])
        else:
            pixels.append([(cell.fg if cell.char == "▀" else cell.bg) == BLACK for cell in row])
            pixels.append([cell.bg == BLACK for cell in row])
    return [row[::scale] for row in pixels[::scale]]


@pytest.mark.parametrize("mode", list(RenderMode))
@pytest.mark.parametrize("scale", [1, 2])
def test_cells_draw_the_matrix_with_a_white_quiet_zone(mode, scale):
    matrix = qr_matrix("[1/1] 通江 2019-11-22\n当场解决", 3)
    rows = render_cells(matrix, mode, scale)
    assert (len(rows[0]), len(rows)) == code_cells(3, mode, scale)
    assert {(c.fg, c.bg) for row in rows for c in row} <= {(BLACK, WHITE), (WHITE, BLACK), (BLACK, BLACK)}
    assert {c.char for row in rows for c in row} <= {" ", "▀"}
    modules = modules_from_cells(rows, mode, scale)
    n = side(3) + 2 * QUIET_ZONE
    framed = modules[:n]
    assert all(not any(row) for row in framed[:QUIET_ZONE] + framed[-QUIET_ZONE:])
    assert all(not any(row[:QUIET_ZONE] + row[-QUIET_ZONE:]) for row in framed)
    inner = [tuple(row[QUIET_ZONE:-QUIET_ZONE]) for row in framed[QUIET_ZONE:-QUIET_ZONE]]
    assert tuple(inner) == matrix
