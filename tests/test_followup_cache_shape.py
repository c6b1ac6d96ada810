"""followup.json of any wrong shape is a cache to rebuild, never a crash of `roomtui followup`.

Every value at every place of a good followup.json is replaced in turn by values of other kinds
(numbers, booleans, text, lists, objects, nothing, escapes); the register built from each must be
the register of the meetings themselves, and its text, CSV and HTML must render.
"""

from __future__ import annotations

import copy
import json
import os
from datetime import date

import pytest
from followup_helpers import rate, two_series_folder

from roomtui.cli import main
from roomtui.minutes.register_csv import render_register_csv
from roomtui.minutes.register_html import render_register_html
from roomtui.minutes.register_model import build_register_document
from roomtui.minutes.register_text import render_register_text
from roomtui.store import Archive
from roomtui.store.followup_index import _MEMORY, INDEX_NAME, INDEX_VERSION, load_register

TODAY = date(2020, 6, 1)
WRONG = (0, 1.5, True, None, "\x1b[2J", "2020-13-45", [], [1], {"a": 1})


def places(value, path=()):
    """Every place in a JSON value: a path of keys and indexes."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from places(item, (*path, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from places(item, (*path, n))


def aged(archive) -> None:
    """Meeting files saved a minute ago: their stamps are proof (safe_read.stamp_settled), so the
    register takes their rows from followup.json, which is what is under test here."""
    for path in archive.meetings_dir.glob("*.json"):
        os.utime(path, (path.stat().st_atime - 60, path.stat().st_mtime - 60))


def value_at(document, path):
    for key in path:
        document = document[key]
    return document


def put(document, path, new):
    changed = copy.deepcopy(document)
    if not path:
        return new
    holder = changed
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = new
    return changed


def rendered(register) -> None:
    doc = build_register_document(register.entries, register.today, language="en", public=False,
                                  damaged=register.damaged)
    render_register_text(doc), render_register_csv(doc), render_register_html(doc)


def rated(meeting) -> None:
    if meeting.id == "a-2019":
        rate(meeting, 3, ["dissatisfied", "dissatisfied", "satisfied"])
        rate(meeting, 1, ["satisfied", "basically_satisfied"], closed=False)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    archive = Archive(data)
    two_series_folder(archive, rated)  # rows with the room's tally (and rows without) are both checked
    aged(archive)
    _MEMORY.clear()
    good = load_register(archive, TODAY)
    document = json.loads((data / INDEX_NAME).read_bytes())
    return data, good, document


def test_every_wrong_value_at_every_place_is_rebuilt(folder):
    data, good, document = folder
    tried = 0
    for path in list(places(document)):
        for new in WRONG:
            _MEMORY.clear()  # as a new process finds it
            (data / INDEX_NAME).write_text(json.dumps(put(document, path, new)), encoding="utf-8")
            register = load_register(Archive(data), TODAY)
            if new is not None and type(new) is not type(value_at(document, path)) or new == "\x1b[2J":  # rebuilt
                assert register.entries == good.entries and not register.damaged, (path, new)
            rendered(register)  # a value of the right kind (another title) may stand, but renders
            tried += 1
    assert tried > 500


V = f'{{"version": {INDEX_VERSION}, "meetings": '  # the cache's own version: only its shape is wrong


@pytest.mark.parametrize("text", ["[]", "null", "7", '"x"', V + '[]}', V + '{"a-2019": {"stamp": 1, "data": []}}}',
                                  "[" * 100_000, V + "[" * 5000 + "]" * 5000 + "}"])
def test_followup_on_the_command_line_rebuilds_a_cache_of_the_wrong_shape(folder, capsys, text):
    data, good, _document = folder
    _MEMORY.clear()
    (data / INDEX_NAME).write_text(text, encoding="utf-8")
    assert main(["followup", "--data", str(data)]) == 0
    captured = capsys.readouterr()
    assert "Mark the fire lane" in captured.out and not captured.err
    assert json.loads((data / INDEX_NAME).read_bytes())["version"] == INDEX_VERSION  # written again whole


@pytest.mark.parametrize("place, new", [(("data", "answers"), []), (("data", "rows", 0, 2), 5),
                                        (("data", "rows", 0, 10), "AB"), (("data", "meeting"), 0)])
def test_followup_on_the_command_line_rebuilds_a_row_of_the_wrong_shape(folder, capsys, place, new):
    data, good, document = folder
    _MEMORY.clear()
    (data / INDEX_NAME).write_text(json.dumps(put(document, ("meetings", "a-2019", *place), new)), encoding="utf-8")
    assert main(["followup", "--data", str(data)]) == 0
    captured = capsys.readouterr()
    assert "Fire Brigade" in captured.out and not captured.err


async def test_the_app_s_register_opens_over_a_cache_of_the_wrong_shape(tmp_path):
    from roomtui.tui.app import RoomApp
    from roomtui.tui.screens.followup import FollowUpScreen
    from roomtui.tui.widgets.register_table import RegisterTable

    archive = Archive(tmp_path / "data")
    two_series_folder(archive)
    aged(archive)
    _MEMORY.clear()
    load_register(archive, TODAY)
    document = json.loads((archive.root / INDEX_NAME).read_bytes())
    broken = put(put(document, ("meetings", "a-2019", "data", "answers"), []), ("meetings", "b-2020", "data", "rows",
                                                                                0, 10), "AB")
    (archive.root / INDEX_NAME).write_text(json.dumps(broken), encoding="utf-8")
    _MEMORY.clear()
    app = RoomApp(archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, FollowUpScreen)
        assert len(app.screen.query_one("#followup-table", RegisterTable).keys) == 6
    assert not (archive.root / "crash-reports").exists()


def test_the_cache_roomtui_wrote_is_read_back_without_opening_a_meeting(folder, monkeypatch):
    """The right shape is taken as it is: a shape check that refused roomtui's own rows (a key added
    to followup_to_data and not to check_lists) would read every meeting again at every look."""
    data, good, document = folder
    (data / INDEX_NAME).write_text(json.dumps(document), encoding="utf-8")
    _MEMORY.clear()  # as a new process finds it

    def no_meeting_read(self, meeting_id):
        raise AssertionError(f"meeting {meeting_id} read again although its cached row is fresh")

    monkeypatch.setattr(Archive, "load", no_meeting_read)
    register = load_register(Archive(data), TODAY)
    assert register.entries == good.entries and not register.damaged
