"""``python -m roomtui.bundle``: roomtui in one file, for a laptop with no network.

It writes ``roomtui-<version>.pyz``, a zip application (PEP 441) holding roomtui and every
run-time dependency, all pure Python, so one file copied from a USB stick runs with any Python
3.10 or newer on Linux, macOS or Windows: ``python roomtui-0.1.0.pyz demo``.

Where the dependencies come from: this environment's installed packages (the versions you
tested with). A dependency this platform or Python does not install (``tomli`` below 3.11,
``colorama`` on Windows) comes from ``--wheels DIR`` or is downloaded once with pip, as a pure
wheel, into ``<user cache>/roomtui/wheels``.

What it leaves out: python-docx and lxml. lxml is compiled for one platform and one Python, so a
file meant for every laptop cannot carry it; the one-file build exports every format but Word
(it says so when asked for docx). Installed with pip (or from a wheelhouse), roomtui has it.

At run time the file unpacks itself once into ``<user cache>/roomtui/pyz/<build id>/`` (Textual
reads its style sheets from disk, and Python caches compiled modules there) and runs from that
folder afterwards; ``ROOMTUI_PYZ_CACHE`` chooses another folder. A new build has a new id and
unpacks beside the old one, which can be deleted.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import roomtui

# Left out of the one-file build, with the reason the build prints.
LEFT_OUT = {
    "python-docx": "Word export needs lxml, which is compiled per platform",
    "lxml": "compiled per platform and Python version",
}
# Interpreters and platforms the file must run on: a dependency needed on any of them goes in.
TARGET_PYTHONS = ("3.10", "3.11", "3.12", "3.13", "3.14")
TARGET_PLATFORMS = (
    {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"},
    {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix"},
    {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt"},
)
BINARY_SUFFIXES = (".so", ".pyd", ".dll", ".dylib")
ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # every entry: the same file for the same inputs

BOOTSTRAP = '''\
"""Run roomtui from this one file: unpack once into a cache folder, then run from there."""
import os
import shutil
import sys
import tempfile
import zipfile

BUILD_ID = "{build_id}"


def cache_root():
    chosen = os.environ.get("ROOMTUI_PYZ_CACHE")
    if chosen:
        return chosen
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~\\\\AppData\\\\Local")
        return os.path.join(base, "roomtui", "Cache", "pyz")
    if sys.platform == "darwin":
        return os.path.expanduser("~/Library/Caches/roomtui/pyz")
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "roomtui", "pyz")


def unpack(archive):
    target = os.path.join(cache_root(), BUILD_ID)
    done = os.path.join(target, ".complete")
    if os.path.exists(done):
        return target
    os.makedirs(cache_root(), exist_ok=True)
    work = tempfile.mkdtemp(prefix=".unpacking-", dir=cache_root())
    try:
        with zipfile.ZipFile(archive) as bundle:
            bundle.extractall(work)
        open(os.path.join(work, ".complete"), "w").close()
        if os.path.isdir(target) and not os.path.exists(done):
            shutil.rmtree(target, ignore_errors=True)  # left half-way by a crash
        try:
            os.rename(work, target)  # atomic: a folder is complete or absent
        except OSError:
            if not os.path.exists(done):  # not another roomtui that unpacked it first
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def main():
    archive = os.path.dirname(os.path.abspath(__file__))
    if sys.version_info < (3, 10):
        sys.exit("roomtui needs Python 3.10 or newer; this is " + sys.version.split()[0])
    try:
        folder = unpack(archive)
    except OSError as error:
        sys.stderr.write("roomtui: cannot unpack into %s (%s); running from the file itself. "
                         "Set ROOMTUI_PYZ_CACHE to a writable folder.\\n" % (cache_root(), error))
        folder = archive
    sys.path[:] = [folder] + [p for p in sys.path if os.path.abspath(p) != archive]
    from roomtui.cli import main as roomtui_main

    sys.argv[0] = "roomtui"
    raise SystemExit(roomtui_main())


main()
'''


class BundleError(RuntimeError):
    """The build cannot go on: a dependency is compiled, or cannot be found; the text says which."""


@dataclass
class Bundle:
    path: Path
    build_id: str
    distributions: list[str]
    left_out: list[str]


def _packaging():
    try:
        from packaging.markers import default_environment
        from packaging.requirements import Requirement
        from packaging.utils import canonicalize_name
    except ImportError:  # pip always carries a copy
        from pip._vendor.packaging.markers import default_environment
        from pip._vendor.packaging.requirements import Requirement
        from pip._vendor.packaging.utils import canonicalize_name
    return Requirement, canonicalize_name, default_environment


def _needed_somewhere(requirement, extras: set[str]) -> bool:
    """Whether ``requirement`` applies on any target Python and platform, with the extras asked."""
    if requirement.marker is None:
        return True
    _, _, default_environment = _packaging()
    for python in TARGET_PYTHONS:
        for platform in TARGET_PLATFORMS:
            for extra in extras or {""}:
                environment = dict(default_environment(), python_version=python, python_full_version=python + ".0",
                                   extra=extra, **platform)
                if requirement.marker.evaluate(environment):
                    return True
    return False


def resolve(root: str = "roomtui") -> dict[str, object]:
    """The run-time closure of ``root``: canonical name -> Requirement that asked for it first."""
    Requirement, canonicalize_name, _ = _packaging()
    wanted: dict[str, object] = {}
    extras: dict[str, set[str]] = {}
    queue = [(Requirement(root), canonicalize_name(root))]
    while queue:
        requirement, name = queue.pop(0)
        new_extras = set(requirement.extras) - extras.get(name, set())
        if name in wanted and not new_extras:
            continue
        wanted.setdefault(name, requirement)
        extras.setdefault(name, set()).update(requirement.extras)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue  # not installed here: build() follows the dependencies of its wheel
        for text in requires:
            child = Requirement(text)
            if _needed_somewhere(child, extras[name]):
                queue.append((child, canonicalize_name(child.name)))
    wanted.pop(canonicalize_name(root), None)
    return wanted


def _add_tree(files: dict[str, bytes], source: Path, prefix: str) -> None:
    for path in sorted(source.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            files[f"{prefix}/{path.relative_to(source).as_posix()}"] = path.read_bytes()


def _add_roomtui(files: dict[str, bytes]) -> None:
    """roomtui itself, from wherever it is imported (an editable checkout or site-packages)."""
    _add_tree(files, Path(roomtui.__file__).parent, "roomtui")
    assets = Path(importlib.import_module("roomtui.assets").__file__).parent
    _add_tree(files, assets, "roomtui/assets")
    files.pop("roomtui/bundle.py", None)  # the build tool has no use at run time


def _optional_binary(name: str, names: set[str]) -> bool:
    """A compiled module that only speeds up Python source shipped beside it (mypyc builds such as
    tomli's): the source alone runs everywhere. ``pkg/mod.cpython-311-x86_64-linux-gnu.so`` next
    to ``pkg/mod.py``, or mypyc's shared helper ``<hash>__mypyc.<tag>.so``."""
    folder, _, file = name.rpartition("/")
    module = file.split(".", 1)[0]
    return module.endswith("__mypyc") or (f"{folder}/{module}.py" if folder else f"{module}.py") in names


def _add_installed(files: dict[str, bytes], dist) -> None:
    entries = [(e.as_posix() if hasattr(e, "as_posix") else str(e), e) for e in dist.files or ()]
    names = {name for name, _ in entries}
    for name, entry in entries:
        if name.startswith("..") or "__pycache__" in name or name.endswith((".pyc", ".pyo")):
            continue  # scripts in bin/, compiled caches
        if name.endswith(BINARY_SUFFIXES):
            if _optional_binary(name, names):
                continue
            raise BundleError(f"{dist.metadata['Name']} {dist.version} contains compiled code ({name}): "
                              f"a one-file build for every platform cannot carry it")
        path = Path(dist.locate_file(entry))
        if path.is_file():
            files[name] = path.read_bytes()


def _add_wheel(files: dict[str, bytes], wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.endswith("/") or name.split("/", 1)[0].endswith(".data"):
                continue
            if name.endswith(BINARY_SUFFIXES):
                raise BundleError(f"{wheel.name} contains compiled code ({name})")
            files[name] = archive.read(name)


def _wheel_requirements(files: dict[str, bytes], wheel: Path) -> dict[str, object]:
    """The run-time requirements a downloaded wheel declares (its METADATA's Requires-Dist)."""
    Requirement, canonicalize_name, _ = _packaging()
    dist_name, version = wheel.name.split("-")[:2]
    text = files.get(f"{dist_name}-{version}.dist-info/METADATA", b"").decode("utf-8", "replace")
    found = {}
    for line in text.splitlines():
        if line.startswith("Requires-Dist:"):
            requirement = Requirement(line.split(":", 1)[1].strip())
            if _needed_somewhere(requirement, set()):
                found[canonicalize_name(requirement.name)] = requirement
    return found


def wheel_cache() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("roomtui", appauthor=False)) / "wheels"


def _find_wheel(name: str, requirement, folders: list[Path], download: bool) -> Path:
    """A pure wheel for ``requirement``: from the given folders, else downloaded into the cache."""
    _, canonicalize_name, _ = _packaging()
    for folder in folders:
        for wheel in sorted(folder.glob("*.whl"), reverse=True):
            dist_name, version = wheel.name.split("-")[:2]
            if (canonicalize_name(dist_name) == name and wheel.name.endswith("-none-any.whl")
                    and requirement.specifier.contains(version, prereleases=True)):
                return wheel
    if not download:
        raise BundleError(f"{requirement} is needed on some platform but is not installed here and no wheel "
                          f"for it is in {', '.join(map(str, folders)) or 'a --wheels folder'}")
    cache = wheel_cache()
    cache.mkdir(parents=True, exist_ok=True)
    spec = f"{requirement.name}{requirement.specifier}"
    result = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
                             "--python-version", TARGET_PYTHONS[0], "-d", str(cache), spec],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise BundleError(f"cannot download {spec}: {result.stderr.strip().splitlines()[-1:] or result.returncode}")
    return _find_wheel(name, requirement, [cache], download=False)


def build(output_dir: Path, *, wheels: list[Path] | None = None, download: bool = True) -> Bundle:
    """Write ``roomtui-<version>.pyz`` into ``output_dir``; the same inputs give the same file."""
    folders = [Path(w) for w in (wheels or [])]
    files: dict[str, bytes] = {}
    _add_roomtui(files)
    included, left_out = [], []
    pending = resolve()
    seen: set[str] = set()
    while pending:
        name, requirement = pending.popitem()
        if name in seen:
            continue
        seen.add(name)
        if name in LEFT_OUT:
            left_out.append(name)
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            wheel = _find_wheel(name, requirement, folders, download)
            _add_wheel(files, wheel)
            included.append(wheel.name)
            pending.update((n, r) for n, r in _wheel_requirements(files, wheel).items() if n not in seen)
            continue
        _add_installed(files, dist)
        included.append(f"{dist.metadata['Name']}-{dist.version}")
    build_id = hashlib.sha256(b"".join(hashlib.sha256(name.encode() + b"\0" + files[name]).digest()
                                       for name in sorted(files))).hexdigest()[:16]
    files["__main__.py"] = BOOTSTRAP.format(build_id=f"{roomtui.__version__}-{build_id}").encode()
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / f"roomtui-{roomtui.__version__}.pyz"
    with tempfile.NamedTemporaryFile(dir=output_dir, prefix=".roomtui-", suffix=".pyz", delete=False) as handle:
        handle.write(b"#!/usr/bin/env python3\n")
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in sorted(files):
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, files[name])
    Path(handle.name).chmod(0o755)
    Path(handle.name).replace(target)
    return Bundle(target, f"{roomtui.__version__}-{build_id}", sorted(included), sorted(left_out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m roomtui.bundle",
        description="Build roomtui-<version>.pyz: roomtui and its pure-Python dependencies in one file "
                    "that runs with any Python >= 3.10 (python roomtui-<version>.pyz demo).")
    parser.add_argument("-o", "--output-dir", type=Path, default=Path("dist"), help="folder to write into (dist)")
    parser.add_argument("--wheels", type=Path, action="append", default=[], metavar="DIR",
                        help="folder of wheels for dependencies not installed here (tomli, colorama)")
    parser.add_argument("--no-download", action="store_true", help="never run pip download; fail instead")
    args = parser.parse_args(argv)
    try:
        bundle = build(args.output_dir, wheels=args.wheels, download=not args.no_download)
    except (BundleError, OSError) as error:
        print(f"roomtui.bundle: {error}", file=sys.stderr)
        return 1
    size = bundle.path.stat().st_size
    print(f"Wrote {bundle.path} ({size / 1e6:.1f} MB, build {bundle.build_id}).")
    print("Inside: " + ", ".join(bundle.distributions))
    for name in bundle.left_out:
        print(f"Left out: {name} ({LEFT_OUT[name]}); Word (.docx) export needs a pip install.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
