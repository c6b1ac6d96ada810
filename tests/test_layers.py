"""The layering rule of DESIGN.md: Textual lives only in the UI; the domain knows no storage."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "roomtui"
FORBIDDEN = {
    "domain": {"textual", "tinydb", "rich", "qrcode", "roomtui.store", "roomtui.tui", "roomtui.minutes",
               "roomtui.handout", "roomtui.plan"},
    "store": {"textual", "rich", "roomtui.tui"},
    "minutes": {"textual", "tinydb", "roomtui.tui", "roomtui.store"},
    "handout": {"textual", "tinydb", "roomtui.tui", "roomtui.store"},
    "plan": {"textual", "tinydb", "roomtui.tui", "roomtui.store"},
    "share": {"textual", "tinydb", "rich", "roomtui.tui"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_down(layer):
    offenders = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in imported_modules(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                offenders.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    assert not offenders, "\n".join(offenders)


def test_domain_and_store_load_without_textual():
    code = ("import sys, roomtui.domain, roomtui.domain.demo, roomtui.store, roomtui.cli; "
            "bad = [m for m in ('textual', 'rich') if m in sys.modules]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
