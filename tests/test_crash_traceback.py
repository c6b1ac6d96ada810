"""A crash report carries the traceback of the fault, also when it happened in a worker thread
(Textual hands the app a WorkerFailed made afterwards, with no traceback of its own)."""

from __future__ import annotations

import pytest

from roomtui.crash_report import write_report
from roomtui.store import Archive
from roomtui.tui.app import RoomApp

PHONE = "139 0000 4242"


def compute_the_register():
    contact = PHONE  # a local variable: never in the report
    raise KeyError(f"rows of {len(contact)}")


async def test_a_worker_s_crash_is_reported_with_its_traceback(tmp_path):
    archive = Archive(tmp_path / "data")
    app = RoomApp(archive, meeting_id=archive.ensure_demo("en"))
    with pytest.raises(Exception):
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.run_worker(compute_the_register, thread=True)
            await pilot.pause(0.2)
            await app.workers.wait_for_complete()
            await pilot.pause()
    (report,) = (tmp_path / "data" / "crash-reports").iterdir()
    text = report.read_text(encoding="utf-8")
    assert "WorkerFailed" in text and "Traceback (most recent call last)" in text
    assert "in compute_the_register" in text and 'raise KeyError(f"rows of {len(contact)}")' in text
    assert PHONE not in text


def test_a_raised_error_s_report_is_as_before(tmp_path):
    try:
        compute_the_register()
    except KeyError as error:
        report = write_report(tmp_path, error, "test")
    text = report.read_text(encoding="utf-8")
    assert text.count("Traceback (most recent call last)") == 1 and "The error it wraps" not in text
    assert "in compute_the_register" in text and PHONE not in text
