"""The frozen desktop bundle against the source checkout, measured in the same run.

- ``bundle.size``: the one-folder bundle unpacked, against the same runtime
  dependencies as installed in the virtual environment (every distribution
  hanoi-desk needs, with the extras it asks for): how much of what is
  installed the bundle carries. The bundle also holds libpython and the part
  of the standard library it uses, which the baseline does not count.
- ``bundle.startup``: the frozen ``hanoi-desk`` from process start to its
  first window, against ``python -m hanoi_desk`` from the checkout, with the
  probe that ``ui.startup`` uses.

The bundle is built into ``benchmarks/out/bundle`` and reused while
build.spec, the hooks, the sources and the resources are unchanged (a stamp
of their hashes); ``HANOI_DESK_BUNDLE=<dist>/hanoi-desk`` measures an
existing bundle instead.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

from common import first_window, report

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))
from helpers import pyinstaller_command  # noqa: E402 - the packaging tests' build command

OUT = HERE / "out" / "bundle"
INPUTS = ("build.spec", "installers/pyinstaller-hooks", "src/hanoi_desk", "resources")
MIB = 1024 * 1024


def _stamp() -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        path = ROOT / name
        files = [path] if path.is_file() else sorted(path.rglob("*"))
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts:
                digest.update(str(f.relative_to(ROOT)).encode())
                digest.update(f.read_bytes())
    return digest.hexdigest()


def bundle() -> Path:
    """The bundle to measure: given, reused, or built now."""
    given = os.environ.get("HANOI_DESK_BUNDLE")
    if given:
        return Path(given)
    folder = OUT / "dist" / "hanoi-desk"
    stamp_file = OUT / "stamp"
    stamp = _stamp()
    built = (folder / "hanoi-desk").is_file() and stamp_file.is_file()
    if built and stamp_file.read_text() == stamp:
        print("# reusing the bundle in benchmarks/out/bundle (inputs unchanged)", flush=True)
        return folder
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    subprocess.run(pyinstaller_command(OUT), cwd=OUT, check=True)
    stamp_file.write_text(stamp)
    print(f"# built the bundle in {time.perf_counter() - started:.0f} s", flush=True)
    return folder


def _size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir())


def _runtime_distributions() -> list[metadata.Distribution]:
    """hanoi-desk and, recursively, what it requires (with the extras asked for)."""
    found: dict[str, metadata.Distribution] = {}
    todo: list[tuple[str, frozenset[str]]] = [("hanoi-desk", frozenset())]
    while todo:
        name, extras = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # an optional dependency for another platform
        if key in found and not extras:
            continue
        found[key] = dist
        for text in dist.requires or []:
            req = Requirement(text)
            wanted = [{"extra": e} for e in ("", *extras)]
            if req.marker is None or any(req.marker.evaluate(env) for env in wanted):
                todo.append((req.name, frozenset(req.extras)))
    return list(found.values())


def _installed_size() -> int:
    total = 0
    for dist in _runtime_distributions():
        for entry in dist.files or []:
            path = Path(str(dist.locate_file(entry)))
            if path.is_file():
                total += path.stat().st_size
    return total


def bench_size(folder: Path) -> None:
    report(
        "bundle.size",
        _size(folder) / MIB,
        _installed_size() / MIB,
        "MiB",
        "frozen bundle unpacked vs its runtime packages installed in the venv",
    )


def bench_startup(folder: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="hd-bench-bundle-") as tmp:
        home = Path(tmp)
        frozen_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
        frozen = min(first_window([folder / "hanoi-desk"], home, frozen_env) for _ in range(5))
        source = min(first_window([sys.executable, "-m", "hanoi_desk"], home) for _ in range(5))
    report(
        "bundle.startup",
        frozen * 1000,
        source * 1000,
        "ms",
        "frozen hanoi-desk vs python -m hanoi_desk, process start to first window",
    )


def main() -> None:
    folder = bundle()
    bench_size(folder)
    bench_startup(folder)


if __name__ == "__main__":
    main()
