"""The one-file roomtui (python -m roomtui.bundle) runs where nothing is installed and no index is reached.

Built in a temporary folder from this environment (no download), then run by the Python of a
fresh virtual environment that has no roomtui and no packages at all, with pip's index disabled:
every command the README shows for a laptop without network gives exactly what the installed
package gives.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from roomtui import __version__
from roomtui.bundle import BINARY_SUFFIXES, LEFT_OUT, main as bundle_main, resolve


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bundle")
    assert bundle_main(["-o", str(folder / "dist"), "--no-download"]) == 0
    pyz = folder / "dist" / f"roomtui-{__version__}.pyz"
    assert pyz.exists()
    fresh = folder / "venv"
    venv.EnvBuilder(with_pip=False).create(fresh)
    python = fresh / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    return pyz, python, folder


def clean_env(folder: Path, data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PIP_", "ROOMTUI_"))}
    env.update(PIP_NO_INDEX="1", ROOMTUI_DATA=str(data), ROOMTUI_PYZ_CACHE=str(folder / "cache"),
               ROOMTUI_LANG="en", PYTHONNOUSERSITE="1")
    return env


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """In the data folder's parent, so that this checkout is not importable from the working directory."""
    cwd = Path(env["ROOMTUI_DATA"]).parent
    return subprocess.run(command, capture_output=True, env=env, timeout=300, cwd=cwd)


def test_the_fresh_environment_has_no_roomtui(built):
    _, python, folder = built
    result = run([str(python), "-c", "import roomtui"], clean_env(folder, folder / "none"))
    assert result.returncode != 0 and b"No module named 'roomtui'" in result.stderr


COMMANDS = [
    ["--version"],
    ["demo", "--no-open"],
    ["list"],
    ["export", "Tongjiang", "--format", "md"],
    ["export", "Tongjiang", "--format", "md", "--public"],
    ["handout", "Tongjiang", "--text"],
]


def test_the_pyz_gives_what_the_installed_package_gives(built):
    pyz, python, folder = built
    bundled_env = clean_env(folder, folder / "data-pyz")
    installed_env = clean_env(folder, folder / "data-installed")
    installed_env.pop("ROOMTUI_PYZ_CACHE")
    for args in COMMANDS:
        from_pyz = run([str(python), str(pyz), *args], bundled_env)
        installed = run([sys.executable, "-m", "roomtui", *args], installed_env)
        assert from_pyz.returncode == 0, (args, from_pyz.stderr.decode())
        assert installed.returncode == 0, (args, installed.stderr.decode())
        assert from_pyz.stdout == installed.stdout, args
        assert from_pyz.stdout.strip(), args
    assert (folder / "data-pyz" / "meetings" / "demo-tongjiang-2019.json").exists()
    unpacked = [p for p in (folder / "cache").iterdir() if not p.name.startswith(".")]
    assert len(unpacked) == 1 and (unpacked[0] / ".complete").exists()  # unpacked once, then reused


def test_the_pyz_says_word_export_needs_pip(built):
    pyz, python, folder = built
    env = clean_env(folder, folder / "data-docx")
    assert run([str(python), str(pyz), "demo", "--no-open"], env).returncode == 0
    result = run([str(python), str(pyz), "export", "Tongjiang", "--format", "docx", "-o", str(folder / "m.docx")], env)
    assert result.returncode == 1 and b"python-docx" in result.stderr and b"Traceback" not in result.stderr
    assert not (folder / "m.docx").exists()
    html = run([str(python), str(pyz), "export", "Tongjiang", "--format", "html", "-o", str(folder / "m.html")], env)
    assert html.returncode == 0 and (folder / "m.html").read_bytes().startswith(b"<!DOCTYPE html>")


def test_the_pyz_is_pure_python_and_complete(built):
    pyz, _, _ = built
    assert pyz.read_bytes().startswith(b"#!/usr/bin/env python3\n")
    with zipfile.ZipFile(pyz) as archive:
        names = archive.namelist()
    assert "__main__.py" in names and "roomtui/cli.py" in names and "roomtui/tui/app.tcss" in names
    assert "roomtui/assets/minutes.css" in names
    assert not [n for n in names if n.endswith(BINARY_SUFFIXES)]
    assert not [n for n in names if n.startswith(("docx/", "lxml/"))]
    tops = {n.split("/")[0] for n in names}
    # what Python 3.10 and Windows need although this machine may not install it
    assert {"textual", "rich", "tinydb", "qrcode", "platformdirs", "markdown_it", "pygments", "tomli", "colorama"} <= tops


def test_the_closure_covers_every_target_and_leaves_out_the_compiled_part():
    needed = resolve()
    assert {"textual", "tinydb", "qrcode", "platformdirs", "tomli", "colorama", "linkify-it-py"} <= set(needed)
    assert set(LEFT_OUT) <= set(needed)
    assert not {"pytest", "pillow", "pypng", "tree-sitter"} & set(needed)  # extras nobody asked for


def test_without_the_wheels_the_build_names_what_is_missing(tmp_path, monkeypatch, capsys):
    from importlib import metadata

    real = metadata.distribution

    def missing_tomli(name):
        if name == "tomli":
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(metadata, "distribution", missing_tomli)
    assert bundle_main(["-o", str(tmp_path), "--no-download"]) == 1
    assert "tomli" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.pyz"))
