"""The folder form that the minutes (e) and Prepare's papers (w) share (tui/folder_export.py):
a file named as the folder is refused before anything is written, a write that fails part-way
says how many files it wrote, and the form stays open both times to try another folder."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from roomtui.tui.app import RoomApp
from roomtui.tui.dialogs import FormDialog

WAYS = [("minutes", "e", "roomtui.tui.screens.minutes.export_all"),
        ("prepare", "w", "roomtui.tui.screens.prepare.export_papers")]


async def _ask(app, pilot, key: str, folder) -> str:
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(app.screen, FormDialog)
    app.screen.query_one("#field-folder").value = str(folder)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, FormDialog)  # still open: the secretary can name another folder
    return str(app.screen.query_one("#form-problems", Static).content)


@pytest.mark.parametrize(("view", "key", "writer"), WAYS)
async def test_a_file_named_as_the_folder_is_refused_and_nothing_is_written(archive, clock, tmp_path, monkeypatch,
                                                                             view, key, writer):
    calls = []
    monkeypatch.setattr(writer, lambda *args, **kw: calls.append(args))
    meeting_id = archive.ensure_demo("en")
    taken = tmp_path / "notes.txt"
    taken.write_text("not a folder")
    app = RoomApp(archive, meeting_id=meeting_id, view=view, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        problems = await _ask(app, pilot, key, taken)
    assert "is a file, not a folder" in problems and str(taken) in problems
    assert calls == [] and taken.read_text() == "not a folder"


@pytest.mark.parametrize(("view", "key", "writer"), WAYS)
async def test_a_write_that_fails_part_way_says_how_many_files_it_wrote(archive, clock, tmp_path, monkeypatch,
                                                                        view, key, writer):
    def two_then_full(meeting, folder, *, written):
        written.extend([folder / "one", folder / "two"])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer, two_then_full)
    meeting_id = archive.ensure_demo("en")
    app = RoomApp(archive, meeting_id=meeting_id, view=view, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        problems = await _ask(app, pilot, key, tmp_path / "stick")
    assert "No space left on device" in problems and "2 files were written before it stopped" in problems
