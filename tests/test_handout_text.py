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
from roomtui.handout.headers import short_title
from roomtui.handout.pages import page_header
from roomtui.handout.qr import DEFAULT_MAX_VERSION, QUIET_ZONE, side


def played(language: str):
    return play_demo(build_demo(language), FrozenClock(datetime(2019, 11, 22, 9, 0)))


@pytest.fixture(scope="module", params=["en", "zh"])
def meeting(request):
    return played(request.param)


def size(text: str) -> int:
    return len(text.encode("utf-8"))


def within(cells: tuple[int, int], area: tuple[int, int]) -> bool:
    return cells[0] <= area[0] and cells[1] <= area[1]


# -- the summary: a digest for a phone ------------------------------------------------------
def test_the_heading_says_the_times_held_as_the_minutes_do():
    """Started 3 minutes late, closed 7 minutes later: the hand-out says 09:03-09:10 like the
    minutes, not the planned 09:00; before the start, the plan is all there is."""
    from datetime import timedelta

    from roomtui.minutes.model import build_minutes

    meeting = build_demo("en")
    assert handout_text(meeting).splitlines()[1].startswith("2019-11-22 09:00,")
    meeting = played("en")
    first = min((item for item in meeting.agenda if item.started_at), key=lambda item: item.started_at)
    first.started_at = datetime(2019, 11, 22, 9, 3)
    meeting.closed_at = datetime(2019, 11, 22, 9, 10)
    header = build_minutes(meeting, public=True).header
    assert (header.start_time, header.end_time) == ("09:03", "09:10")
    assert handout_text(meeting).splitlines()[1].startswith("2019-11-22 09:03-09:10,")
    meeting.closed_at += timedelta(days=1)
    assert handout_text(meeting).splitlines()[1].startswith("2019-11-22 09:03-2019-11-23 09:10,")


def test_english_digest_has_what_who_disposition_and_when():
    text = handout_text(played("en"))
    assert text.startswith("Tongjiang County CPPCC consultation council\n"
                           "2019-11-22 09:00-10:07, Conference room, 4th floor, Nuojiang Town Government\n\n")
    assert "County Public Security Bureau\n" \
           "#4 Cars block the fire lane of an old compound: resolve now\n" \
           "- Mark the fire lane and tow offending cars by 2019-12-07\n" in text
    assert "#8 Leaking roofs in a 1970s dormitory compound: higher-level support\n" \
           "- Temporary roof repair by 2019-12-22\n" in text
    assert "- Drains cleared" not in text  # the commitment that repeats the action "Clear the drains"
    assert "- Clear the drains by 2019-11-29\n- Pipe rebuild studied and budgeted by 2020-06-30\n" in text
    assert "(Xicheng community)" not in text  # the place is on the issue's own code
    for detail in ("Plan:", "Milestones:", "Reason:", "led by", "Theme:"):
        assert detail not in text  # the minutes carry those
    assert text.endswith("Next council: New rural-gentry culture and grass-roots social governance\n"
                         "Report back: 2020-03-20\n")
    assert "#1 " not in text  # a report issue never raised in the room is not handed out


def test_no_line_is_said_twice_and_each_department_once(meeting):
    text = handout_text(meeting)
    lines = [line for line in text.splitlines() if line]
    assert len(lines) == len(set(lines))
    housing = "County Housing and Urban-Rural Construction Bureau" if meeting.language == "en" else "县住房和城乡建设局"
    assert sum(line == housing for line in lines) == 1
    assert sum(housing in line for line in lines) == 1
    for response in meeting.responses:  # every response still says what by when
        assert any(c.deadline.isoformat() in text for c in response.commitments) or response.deadline.isoformat() in text


def test_the_digest_is_a_third_of_the_old_summary(meeting):
    """The old summary (the minutes' response table cut up) took 2550 bytes in English and 2137 in
    Chinese for the demo council."""
    assert size(handout_text(meeting)) <= {"en": 1020, "zh": 900}[meeting.language]


@pytest.mark.parametrize("language, pending", [("en", "no response yet"), ("zh", "尚未答复")])
def test_a_raised_issue_without_answer_is_marked_pending(language, pending):
    meeting = played(language)
    answered = meeting.responses[-1]
    meeting.responses.remove(answered)
    issue = meeting.issue(answered.issue_id)
    assert issue.raised_at is not None and not meeting.responses_to(issue.id)
    text = handout_text(meeting)
    assert f"#{issue.id} {issue.title}" in text
    assert f"#{issue.id} {issue.title}：{pending}\n" in text or f"#{issue.id} {issue.title}: {pending}\n" in text


def test_chinese_text_uses_chinese_labels():
    text = handout_text(played("zh"))
    for label in ("当场解决", "逐步解决", "需上级支持", "下次协商：新乡贤文化与基层社会治理", "落实情况通报：2020-03-20"):
        assert label in text
    assert "县公安局\n#4 老旧小区消防通道被车辆堵塞：当场解决\n" \
           "- 2019-12-07前施划消防通道标线，拖移违停车辆\n" in text
    assert "resolve now" not in text and "Theme" not in text


# -- one response, one code -------------------------------------------------------------------
def test_response_text_is_the_whole_answer_in_one_code(meeting):
    assert len(meeting.responses) >= 5
    assert {r.disposition for r in meeting.responses} == set(Disposition)
    for response in meeting.responses:
        alone = response_text(meeting, response)
        issue = meeting.issue(response.issue_id)
        assert alone.startswith(f"#{issue.id} {issue.title}")
        assert issue.location in alone.splitlines()[0] or issue.location.split()[0] in issue.title
        assert f"{response.department}{'：' if meeting.language == 'zh' else ': '}" \
               f"{response.disposition.label_in(meeting.language)}\n" in alone
        for commitment in response.commitments:
            assert commitment.deliverable in alone or response.action in alone
            assert commitment.deadline.isoformat() in alone
        lines = alone.splitlines()
        assert len(lines) == len(set(lines))
        assert len(paginate(response_document(meeting, response), byte_capacity(DEFAULT_MAX_VERSION))) == 1
    step = next(r for r in meeting.responses if r.disposition is Disposition.STEP_BY_STEP)
    assert step.plan in response_text(meeting, step)  # room for the details the summary leaves out


def test_a_small_budget_keeps_the_essentials_and_drops_details():
    meeting = played("en")
    response = next(r for r in meeting.responses if r.disposition is Disposition.HIGHER_LEVEL)
    full = response_text(meeting, response, budget=10_000)
    assert "Reason: " in full and "Asked of: " in full and "Next step: " in full
    short = response_text(meeting, response, budget=150)
    assert "Reason: " not in short and "Asked of: " not in short
    assert short.startswith(f"#{response.issue_id} ") and "- Temporary roof repair by 2019-12-22" in short


def test_no_private_field_reaches_any_page(meeting):
    for participant in meeting.participants:
        participant.contact = f"PRIVATE-CONTACT-{participant.id}"
        participant.note = f"PRIVATE-NOTE-P{participant.id}"
    for issue in meeting.issues:
        issue.note = f"PRIVATE-NOTE-I{issue.id}"
    for response in meeting.responses:
        response.note = f"PRIVATE-NOTE-R{response.id}"
    documents = [handout_document(meeting)] + [response_document(meeting, r, budget=10_000) for r in meeting.responses]
    for document in documents:
        for version in (9, 12, 20, 40):
            for page in paginate(document, byte_capacity(version)):
                assert "PRIVATE" not in page.payload


def test_typed_newlines_and_escapes_do_not_break_the_layout():
    meeting = played("en")
    meeting.responses[0].action = "line one\nline two\x1b[31m red"
    text = response_text(meeting, meeting.responses[0])
    assert "- line one line two red by 2019-12-07" in text and "\x1b" not in text


# -- pages ----------------------------------------------------------------------------------
def greedy_page_count(document, capacity, pieces) -> int:
    """The fewest pages cutting only between ``pieces`` (of the text): fill each page as far as
    it goes."""
    pages, used, first = 1, 0, True
    for piece in pieces:
        budget = capacity - size(page_header(document, 1 if first else 2, 9)) - 1
        if used + size(piece) > budget:
            pages, used, first = pages + 1, 0, False
        used += size(piece)
    return pages


def fewest_page_bounds(document, capacity) -> tuple[int, int]:
    """The fewest pages lies between cutting anywhere between lines with nothing repeated, and
    cutting only between the blocks kept together (which never repeats a heading)."""
    lines = document.text.splitlines(keepends=True)
    blocks = [block.text for item in document.item_blocks() for block in item]
    return greedy_page_count(document, capacity, lines), greedy_page_count(document, capacity, blocks)


def test_no_page_opens_with_what_is_done_about_an_issue_on_the_page_before(meeting):
    """A commitment ("- ... by ...") or a second department's answer stays on the page of its
    issue's line; where one issue's answer is longer than a page (small codes), the next page
    repeats the issue's line (cut short on a tiny page) before going on. The bodies still join
    back to the text exactly, at every size."""
    document = handout_document(meeting)
    blocks = [block for item in document.item_blocks() for block in item]
    # a page may open at a block, or anywhere in the blocks that are no issue (the meeting's
    # own heading, the next council)
    openings = {block.text.splitlines()[0] for block in blocks}
    plain = [block.text for block in blocks if not block.heading]
    headings = {block.heading for block in blocks if block.heading}
    repeats = 0
    for version in range(5, 41):
        try:
            pages = paginate(document, byte_capacity(version))
        except PageTooSmall:
            continue
        assert "".join(p.body for p in pages) == document.text
        for page in pages:
            assert size(page.payload) <= byte_capacity(version)
        for page in pages[1:]:
            first = (page.repeated + page.body).splitlines()[0]
            repeated = first.removesuffix("…")
            assert (first in openings or any(h.startswith(repeated) for h in headings)
                    or any(first in text for text in plain)), (version, page.number, first)
            repeats += bool(page.repeated)
    assert repeats  # small codes did cut a long answer


@pytest.mark.parametrize("version", [9, 10, 12, 13, 15, 20, 25, 40])
def test_pages_carry_short_headers_and_join_back_to_the_text(meeting, version):
    document = handout_document(meeting)
    pages = paginate(document, byte_capacity(version))
    assert "".join(p.body for p in pages) == document.text
    low, high = fewest_page_bounds(document, byte_capacity(version))
    assert low <= len(pages) <= high
    tag = {"en": "Tongjiang", "zh": "通江县政协"}[meeting.language] + " 2019-11-22"
    for k, page in enumerate(pages, 1):
        if len(pages) == 1 or k == 1:
            assert page.header == f"[1/{len(pages)}]" and page.body.startswith(meeting.title + "\n")
        else:
            assert page.header == f"[{k}/{len(pages)}] {tag}"
        assert size(page.header) <= 32
        assert page.payload == page.header + "\n" + page.repeated + page.body
        assert size(page.payload) <= byte_capacity(version)
        assert page.body


def test_a_single_response_page_is_headed_by_the_meeting_alone(meeting):
    document = response_document(meeting, meeting.responses[0])
    (page,) = paginate(document, byte_capacity(DEFAULT_MAX_VERSION))
    assert page.header == {"en": "Tongjiang", "zh": "通江县政协"}[meeting.language] + " 2019-11-22"
    assert page.body == document.text


def test_pages_cut_between_items_when_that_costs_no_page(meeting):
    document = handout_document(meeting)
    item_starts, offset = set(), 0
    for item in document.items:
        item_starts.add(offset)
        offset += len(item)
    checked = 0
    for version in range(7, 41):
        capacity = byte_capacity(version)
        pages = paginate(document, capacity)
        whole = _whole_item_pages(document, capacity, len(str(len(pages))))
        if whole is not None and len(whole) == len(pages):
            starts = {sum(len(p.body) for p in pages[:k]) for k in range(len(pages))}
            assert starts <= item_starts, version
            checked += 1
    assert checked >= 5


def _whole_item_pages(document, capacity, digits):
    """Bodies when items are never cut (greedy, which is the fewest), or None if an item is
    longer than a page."""
    widest = 10**digits - 1
    bodies, current = [], ""
    for item in document.items:
        budget = capacity - size(page_header(document, 1 if not bodies else widest, widest)) - 1
        if current and size(current + item) > budget:
            bodies.append(current)
            current = ""
            budget = capacity - size(page_header(document, widest, widest)) - 1
        if size(item) > budget:
            return None
        current += item
    return bodies + [current]


def test_long_lines_are_cut_at_spaces_and_chinese_between_characters():
    english = "word " * 200 + "\n"
    chinese = "通江县政协协商议事会" * 40 + "\n"
    document = Document("Council", "2019-11-22", ("intro\n", english, chinese))
    capacity = byte_capacity(9)
    pages = paginate(document, capacity)
    assert "".join(p.body for p in pages) == document.text
    assert all(size(p.payload) <= capacity for p in pages)
    english_pages = [p.body for p in pages if p.body.startswith("word") and "通" not in p.body]
    assert len(english_pages) > 2 and all(b.endswith(" ") or b.endswith("\n") for b in english_pages)
    chinese_pages = [p.body for p in pages if "协商" in p.body]
    assert len(chinese_pages) > 2
    joined = b"".join(p.body.encode("utf-8") for p in pages)
    assert joined == document.text.encode("utf-8")  # so no page holds half a character
    for body in chinese_pages[:-1]:  # a full page of 3-byte characters is cut as late as it can be
        widest = size("[99/99] Council 2019-11-22")  # the header reserved while counting pages
        assert size(body) > capacity - widest - 1 - 3


def test_a_long_title_is_shortened_in_headers_only():
    document = Document("协商议事会" * 60, "2019-11-22", ("body line\n" * 50,))
    capacity = byte_capacity(12)
    pages = paginate(document, capacity)
    assert len(pages) > 1
    for page in pages:
        assert size(page.header) <= 44
        assert page.header.startswith(f"[{page.number}/{len(pages)}] 协商") and page.header.endswith(" 2019-11-22")
    assert "".join(p.body for p in pages) == document.text


@pytest.mark.parametrize("title, short", [
    ("Tongjiang County CPPCC consultation council", "Tongjiang"),
    ("通江县政协“有事来协商”协商议事会", "通江县政协"),
    ("Dongcheng residents' meeting", "Dongcheng"),
    ("Big council", "Big council"),
    ("", ""),
])
def test_short_titles(title, short):
    assert short_title(title) == short


def test_a_code_too_small_for_a_useful_page_is_refused(meeting):
    document = handout_document(meeting)
    with pytest.raises(PageTooSmall):
        paginate(document, byte_capacity(4))
    pages = paginate(document, byte_capacity(5))  # what a default 80x24 terminal can draw
    assert byte_capacity(5) - size(pages[-1].header) - 1 >= MIN_BODY_BYTES


def test_page_numbers_widen_with_many_pages():
    document = Document("T", "", tuple(f"item {n}\n" + "x" * 90 + "\n" for n in range(30)))
    pages = paginate(document, byte_capacity(7))
    assert len(pages) >= 10 and pages[0].header == f"[1/{len(pages)}] T"
    assert all(size(p.payload) <= byte_capacity(7) for p in pages)


# -- capacity and symbols -------------------------------------------------------------------
def test_capacities_match_the_qr_tables():
    """Level L (see handout.qr for why): ISO/IEC 18004 byte-mode capacities."""
    assert [byte_capacity(v) for v in (10, 12, 13, 20, 25, 40)] == [271, 367, 425, 858, 1273, 2953]


@pytest.mark.parametrize("version", [9, 20])
def test_capacity_is_exactly_what_qrcode_accepts(version):
    fits = "通" * (byte_capacity(version) // 3) + "x" * (byte_capacity(version) % 3)
    assert len(qr_matrix(fits, version)) == side(version)
    with pytest.raises(DataOverflowError):
        qr_matrix(fits + "x", version)


# -- layout ---------------------------------------------------------------------------------
# The hand-out screen at 120x40 gives the code 86x39 cells (the side column takes 34), 200x60
# gives 166x59; full screen gives the whole terminal.
LAPTOP, LAPTOP_FULL, LARGE, LARGE_FULL = (86, 39), (120, 40), (166, 59), (200, 60)
# codes of the demo summary at 120x40 (version 12): in English four since each department is
# named once, departments in the order they first answered; its 1011 bytes no longer cut into
# three pages at line boundaries (twelve bytes a page short). Chinese: three.
TABLE_CODES = {"en": 4, "zh": 3}


def test_the_demo_summary_takes_three_or_four_codes_at_120x40(meeting):
    document = handout_document(meeting)
    for area in (LAPTOP, LAPTOP_FULL):
        layout = plan_layout(document, *area, max_version=DEFAULT_MAX_VERSION)
        assert layout.fits and len(layout.pages) <= TABLE_CODES[meeting.language]
        assert layout.version <= DEFAULT_MAX_VERSION
    responses = [plan_layout(response_document(meeting, r), *LAPTOP, max_version=DEFAULT_MAX_VERSION)
                 for r in meeting.responses]
    assert [len(layout.pages) for layout in responses] == [1] * len(meeting.responses)


def test_a_larger_area_makes_modules_larger_never_the_code_denser(meeting):
    document = handout_document(meeting)
    laptop = plan_layout(document, *LAPTOP, max_version=DEFAULT_MAX_VERSION)
    previous = laptop
    for area in (LAPTOP_FULL, LARGE, LARGE_FULL, (300, 100), (400, 130)):
        layout = plan_layout(document, *area, max_version=DEFAULT_MAX_VERSION)
        assert layout.version <= laptop.version and len(layout.pages) <= len(laptop.pages)
        assert layout.scale >= previous.scale
        previous = layout
    assert previous.scale >= 2 and previous.module_columns >= 2


def test_layout_takes_the_fewest_pages_then_the_largest_modules_then_the_sparsest(meeting):
    document = handout_document(meeting)
    for area in (LAPTOP, LARGE, (300, 100)):
        for cap in (10, 13, 20):
            layout = plan_layout(document, *area, max_version=cap)
            options = []
            for version in range(1, cap + 1):
                if not within(code_cells(version, RenderMode.HALF_BLOCK), area):
                    continue
                try:
                    count = len(paginate(document, byte_capacity(version)))
                except PageTooSmall:
                    continue
                scale = max(s for s in range(1, 10) if within(code_cells(version, RenderMode.HALF_BLOCK, s), area))
                options.append((count, -scale, version))
            assert (len(layout.pages), -layout.scale, layout.version) == min(options)


def test_layout_says_what_size_is_needed(meeting):
    document = handout_document(meeting)
    layout = plan_layout(document, 80, 22)
    assert not layout.fits and layout.needed == code_cells(layout.needed_version, RenderMode.HALF_BLOCK)
    assert not layout.capped
    capped = plan_layout(document, 300, 100, max_version=4)
    assert not capped.fits and capped.capped and capped.needed_version > 4


def test_solid_blocks_fit_where_their_rows_allow(meeting):
    """A solid module is one terminal row, so the rows decide what fits."""
    document = handout_document(meeting)
    layout = plan_layout(document, *LARGE_FULL, mode=RenderMode.BACKGROUND, max_version=DEFAULT_MAX_VERSION)
    assert layout.fits and code_cells(layout.version, RenderMode.BACKGROUND)[1] <= 60
    assert layout.module_columns == 2
    large = plan_layout(document, 300, 100, mode=RenderMode.BACKGROUND, max_version=DEFAULT_MAX_VERSION)
    assert len(large.pages) <= TABLE_CODES[meeting.language]


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

