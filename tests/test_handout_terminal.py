"""The plain-terminal hand-out: what it prints is read back from its escapes and decoded."""

from __future__ import annotations

import io
import re
from datetime import datetime

import numpy as np
import pytest
import zxingcpp

from roomtui.domain.clock import FrozenClock
from roomtui.domain.demo import build_demo, play_demo
from roomtui.cli import main
from roomtui.handout.headers import width
from roomtui.handout import (
    PageTooSmall,
    RenderMode,
    byte_capacity,
    handout_document,
    handout_text,
    paginate,
    response_text,
    run_plain_handout,
)
from roomtui.store import Archive

_ESCAPE = re.compile(r"\x1b\[([0-9;]*)m")
_BLACK, _WHITE = (0, 0, 0), (255, 255, 255)


def played(language: str):
    return play_demo(build_demo(language), FrozenClock(datetime(2019, 11, 22, 9, 0)))


def code_lines(output: str) -> list[str]:
    """The printed rows of the code, without a header printed beside the first one."""
    return [line.rsplit("\x1b[0m", 1)[0] + "\x1b[0m" for line in output.splitlines() if line.startswith("\x1b[38;2;")]


def printed_header(output: str) -> str:
    """The header of a page printed alone: beside the code's first row, or the line above it."""
    first = output.splitlines()[0]
    return first.rsplit("\x1b[0m", 1)[1].strip() if first.startswith("\x1b[") else first


def cells(line: str) -> list[tuple[str, tuple, tuple]]:
    """(char, fg, bg) for each character of a printed code line."""
    result, fg, bg, position = [], None, None, 0
    for match in _ESCAPE.finditer(line):
        result += [(char, fg, bg) for char in line[position:match.start()]]
        numbers = [int(n) for n in match[1].split(";") if n]
        if numbers == [0]:
            fg = bg = None
        else:
            assert numbers[:2] == [38, 2] and numbers[5:7] == [48, 2] and len(numbers) == 10
            fg, bg = tuple(numbers[2:5]), tuple(numbers[7:10])
        position = match.end()
    assert line[position:] == ""
    return result


def decode_printed(output: str, mode: RenderMode = RenderMode.HALF_BLOCK) -> str:
    rows = [cells(line) for line in code_lines(output)]
    pixels = []
    for row in rows:
        if mode is RenderMode.BACKGROUND:
            pixels.append([bg == _BLACK for _, _, bg in row])
        else:
            pixels.append([(fg if char == "▀" else bg) == _BLACK for char, fg, bg in row])
            pixels.append([bg == _BLACK for _, _, bg in row])
    image = np.where(np.array(pixels), 0, 255).astype(np.uint8)
    if mode is RenderMode.BACKGROUND:  # a module is two cells wide and one tall
        image = np.repeat(image, 2, axis=0)
    image = np.repeat(np.repeat(image, 4, axis=0), 4, axis=1)
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode, try_invert=False)
    assert len(found) == 1
    return found[0].text


def bodies_by_payload(meeting) -> dict[str, str]:
    """Every page the summary can be cut into, by what its code carries: the body without the
    header and without the issue's line a page repeats when it opens among its commitments."""
    document = handout_document(meeting)
    found = {}
    for version in range(1, 41):
        try:
            found.update({page.payload: page.body for page in paginate(document, byte_capacity(version))})
        except PageTooSmall:
            pass
    return found


def test_text_only_prints_the_handout_text():
    meeting = played("zh")
    out = io.StringIO()
    assert run_plain_handout(meeting, text_only=True, out=out) == 0
    assert out.getvalue() == handout_text(meeting)


@pytest.mark.parametrize("mode", list(RenderMode))
def test_one_page_is_printed_in_explicit_black_and_white_and_decodes(mode):
    meeting = played("zh")
    out = io.StringIO()
    assert run_plain_handout(meeting, page=2, out=out, size=(300, 120), mode=mode) == 0
    output = out.getvalue()
    header = printed_header(output)
    assert header.startswith("[2/") and header.endswith(" 通江县政协 2019-11-22")
    colours = {(fg, bg) for line in code_lines(output) for _, fg, bg in cells(line)}
    assert colours <= {(_BLACK, _WHITE), (_WHITE, _BLACK), (_BLACK, _BLACK)}
    text = decode_printed(output, mode)
    assert text.split("\n", 1)[0] == header
    assert bodies_by_payload(meeting)[text] in handout_text(meeting)


def test_all_pages_through_the_prompt_make_the_handout():
    meeting = played("en")
    out = io.StringIO()
    answers = io.StringIO("\n" * 30)
    assert run_plain_handout(meeting, out=out, input=answers, size=(120, 40)) == 0
    screens = out.getvalue().split("Enter: next page")
    total = int(re.search(r"\[1/(\d+)\]", screens[0])[1])
    assert total <= 4  # the same four codes as the app at 120x40 (test_handout_decode.TABLE_CODES)
    decoded = [decode_printed(screen) for screen in screens[:total]]
    for k, text in enumerate(decoded, 1):
        header = text.split("\n", 1)[0]
        assert header.startswith(f"[{k}/{total}]") and header in screens[k - 1].splitlines()[-1]
    bodies = bodies_by_payload(meeting)
    assert "".join(bodies[text] for text in decoded) == handout_text(meeting)
    assert re.search(r"\[1/\d+\][^\n]*$", screens[total])  # after the last page, the first again


def test_prompt_keys_go_back_jump_and_quit():
    meeting = played("en")
    out = io.StringIO()
    assert run_plain_handout(meeting, out=out, input=io.StringIO("\np\n3\nq\n\n"), size=(120, 40)) == 0
    headers = re.findall(r"\[(\d+)/\d+\]", out.getvalue())
    assert headers == ["1", "2", "1", "3"]


def test_too_small_a_terminal_gets_the_size_it_needs():
    out = io.StringIO()
    assert run_plain_handout(played("en"), out=out, size=(70, 20)) == 1
    found = re.search(r"at least (\d+)×(\d+) \(now 70×20\)", out.getvalue())
    assert found and "\x1b" not in out.getvalue()
    out = io.StringIO()
    assert run_plain_handout(played("en"), page=1, out=out, size=(int(found[1]), int(found[2]))) == 0
    assert decode_printed(out.getvalue()).startswith("[1/")


def test_a_page_that_does_not_exist_is_an_error():
    out = io.StringIO()
    assert run_plain_handout(played("en"), page=99, out=out, size=(200, 60)) == 2
    assert "no page 99" in out.getvalue()


def test_the_terminal_size_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("COLUMNS", "70")
    monkeypatch.setenv("LINES", "20")
    out = io.StringIO()
    assert run_plain_handout(played("en"), page=1, out=out) == 1
    assert "(now 70×20)" in out.getvalue()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_each_response_is_one_code_in_a_120x40_terminal(language):
    meeting = played(language)
    for number, response in enumerate(meeting.responses, 1):
        out = io.StringIO()
        assert run_plain_handout(meeting, response=number, page=1, out=out, size=(120, 40)) == 0
        header, body = decode_printed(out.getvalue()).split("\n", 1)
        assert header == printed_header(out.getvalue()) and "2019-11-22" in header and "[" not in header
        assert body == response_text(meeting, response)
        out = io.StringIO()
        assert run_plain_handout(meeting, response=number, page=2, out=out, size=(120, 40)) == 2  # one page


def test_no_such_response_lists_the_responses():
    meeting = played("en")
    out = io.StringIO()
    assert run_plain_handout(meeting, response=9, out=out, size=(120, 40)) == 2
    assert "no response 9" in out.getvalue() and "\t#4\tCounty Public Security Bureau" in out.getvalue()


def test_handout_response_from_the_command_line(tmp_path, capsys):
    meeting = played("zh")
    Archive(tmp_path).create(meeting)
    response = meeting.responses[1]
    assert main(["handout", meeting.id, "--response", "2", "--text", "--data", str(tmp_path)]) == 0
    assert capsys.readouterr().out == response_text(meeting, response)
    assert main(["handout", meeting.id, "--response", "7", "--data", str(tmp_path)]) == 2
    out = capsys.readouterr().out
    assert ("no response 7" in out or "没有第 7 条答复" in out) and "2\t#6\t县住房和城乡建设局\n" in out
    with pytest.raises(SystemExit):
        main(["handout", meeting.id, "--page", "1", "--text", "--data", str(tmp_path)])


@pytest.mark.parametrize("size", [(120, 38), (120, 40), (80, 24)])
def test_a_page_printed_alone_keeps_its_header_above_the_prompt(size):
    """The shell's prompt takes the line after the page: page, header included, must fit the
    lines above it (at 120x38 the code used to take every line but the header's, and the prompt
    pushed the header off)."""
    columns, lines = size
    meeting = played("en")
    out = io.StringIO()
    assert run_plain_handout(meeting, page=2, out=out, size=size) == 0
    output = out.getvalue()
    assert len(output.splitlines()) <= lines - 1
    assert all(len(re.sub(r"\x1b\[[0-9;]*m", "", line)) <= columns for line in output.splitlines())
    header = printed_header(output)
    assert header.startswith("[2/") and decode_printed(output).split("\n", 1)[0] == header


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_default_80x24_terminal_hands_out_every_page(language):
    meeting = played(language)
    out = io.StringIO()
    assert run_plain_handout(meeting, out=out, input=io.StringIO("\n" * 40), size=(80, 24)) == 0
    screens = out.getvalue().split("Enter: next page")
    total = int(re.search(r"\[1/(\d+)\]", screens[0])[1])
    assert total > 3  # smaller codes, more pages
    bodies = bodies_by_payload(meeting)
    decoded = [decode_printed(screen) for screen in screens[:total]]
    for k, screen in enumerate(screens[:total], 1):  # the code and a prompt of one line: 24 lines, none wraps
        shown = screen[screen.index("\x1b["):]  # without the rest of the prompt before
        shown += "Enter: next page · p: previous · number: that page · q: quit "
        lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in shown.splitlines()]
        assert len(lines) <= 24 and all(width(line) <= 80 for line in lines), k
        header = printed_header(shown) or lines[-1].split("  ·  ")[0]  # beside the code, or before the keys
        assert header.startswith(f"[{k}/{total}]")
    assert "".join(bodies[text] for text in decoded) == handout_text(meeting)


def test_handout_solid_and_half_blocks_from_the_command_line(tmp_path, capsys, monkeypatch):
    meeting = played("en")
    Archive(tmp_path).create(meeting)
    monkeypatch.setenv("COLUMNS", "160")  # half blocks at one column a module: "▀" where modules differ
    monkeypatch.setenv("LINES", "60")
    drawn = {}
    for option in ("--solid", "--half-blocks"):
        assert main(["handout", meeting.id, "--page", "1", option, "--data", str(tmp_path)]) == 0
        output = capsys.readouterr().out
        drawn[option] = {char for line in code_lines(output) for char, _, _ in cells(line)}
        mode = RenderMode.BACKGROUND if option == "--solid" else RenderMode.HALF_BLOCK
        assert decode_printed(output, mode).startswith("[1/")
    assert drawn["--solid"] == {" "} and "▀" in drawn["--half-blocks"]
