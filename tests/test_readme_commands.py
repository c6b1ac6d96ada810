"""The README's two first commands install the same way, so running one while the other's app is
open cannot pull modules from under it (a plain install replaced by an editable one did: F1 then
failed with ModuleNotFoundError)."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).parent.parent / "README.md"


def first_sh_block() -> list[str]:
    block = re.search(r"^```sh\n(.*?)^```$", README.read_text(encoding="utf-8"), re.S | re.M)
    assert block, "README.md has no sh block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_demo_and_test_commands_install_the_same_editable_copy():
    demo, tests = first_sh_block()[:2]
    install = re.compile(r"\.venv/bin/pip install [^&]+")
    assert install.search(demo) and install.search(tests)
    assert install.search(demo).group().strip() == install.search(tests).group().strip()
    assert " -e " in install.search(demo).group()
    assert demo.endswith("roomtui demo") and "pytest" in tests  # .ci/run runs the second line
