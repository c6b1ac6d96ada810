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


CONSTRAINTS = README.parent / ".ci" / "constraints.txt"


def _pins() -> dict[str, str]:
    pins = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.split(";")[0].strip().partition("==")
            pins[name] = version
    return pins


def test_every_install_of_the_readme_takes_the_tested_versions():
    """A laptop installs what was tested: both first commands and the wheelhouse's downloads read
    the constraints, which pin Textual as pyproject does (the snapshots were made with it)."""
    demo, tests = first_sh_block()[:2]
    assert " -c .ci/constraints.txt " in demo and " -c .ci/constraints.txt " in tests
    downloads = [line for line in README.read_text(encoding="utf-8").splitlines() if line.startswith("pip download")]
    assert downloads and all(" -c .ci/constraints.txt " in line for line in downloads)
    import tomllib

    project = tomllib.loads((README.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    textual = [d for d in project["dependencies"] if d.startswith("textual")]
    assert textual == [f"textual=={_pins()['textual']}"]


def test_the_constraints_are_the_environment_the_tests_run_in():
    """Every package pinned is installed here at that version (else the lock is stale:
    `.venv/bin/python .ci/lock.py` writes it again), and every run-time dependency is pinned."""
    import sys
    from importlib import metadata

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    pins = _pins()
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    stale = {name: (version, installed.get(name)) for name, version in pins.items()
             if name in installed and installed[name] != version}
    assert not stale, stale
    for text in metadata.requires("roomtui") or []:
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate({"python_version": f"{sys.version_info[0]}.{sys.version_info[1]}"}):
            assert canonicalize_name(requirement.name) in pins, requirement
