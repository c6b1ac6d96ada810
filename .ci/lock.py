"""Write .ci/constraints.txt: every package of the tested environment, at the version tested.

Run with the venv the tests passed in: `.venv/bin/python .ci/lock.py`. The README's install
commands and the wheelhouse recipe install with `-c .ci/constraints.txt`, so a laptop gets exactly
what was tested. A package whose release needs a newer Python than the oldest roomtui supports is
pinned for those Pythons only (on the older one pip chooses within pyproject's ranges).
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

OLDEST = "3.10"  # pyproject's requires-python
SKIP = {"roomtui", "pip", "setuptools", "wheel"}


def pins() -> list[str]:
    lines = []
    for dist in metadata.distributions():
        name = canonicalize_name(dist.metadata["Name"])
        if name in SKIP:
            continue
        line = f"{name}=={dist.version}"
        needs = dist.metadata.get("Requires-Python")
        if needs and OLDEST not in SpecifierSet(needs):
            line += f'; python_version >= "{sys.version_info[0]}.{sys.version_info[1]}"'
        lines.append(line)
    return sorted(set(lines))


def main() -> None:
    head = (f"# The tested environment (Python {sys.version_info[0]}.{sys.version_info[1]}, {sys.platform}), "
            "written by .ci/lock.py: do not edit by hand.\n"
            "# Used by the README's install commands and its wheelhouse recipe (pip -c).\n")
    target = Path(__file__).with_name("constraints.txt")
    target.write_text(head + "\n".join(pins()) + "\n", encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
