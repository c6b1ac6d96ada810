"""The layering rule of docs/architecture.md ("The layers") at run time: the domain and store load without Textual.

The static rule (which package may import which, relative and dynamic imports included) is an
import-linter contract in pyproject.toml, checked by `lint-imports` in the README's test command.
"""

from __future__ import annotations

import subprocess
import sys


def test_domain_and_store_load_without_textual():
    code = ("import sys, roomtui.domain, roomtui.domain.demo, roomtui.store, roomtui.cli; "
            "bad = [m for m in ('textual', 'rich') if m in sys.modules]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
