"""Helpers shared by the benchmarks: timing and the one output format."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """Best wall time in seconds: the least disturbed run on a shared machine."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def median_of(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def report(name: str, ours: float, baseline: float, unit: str, note: str = "") -> None:
    ratio = ours / baseline if baseline else float("inf")
    extra = f"  # {note}" if note else ""
    line = f"bench {name} ours={ours:.3f}{unit} baseline={baseline:.3f}{unit} ratio={ratio:.2f}"
    print(line + extra, flush=True)


def first_window(cmd: Sequence[str | Path], home: Path, env: dict[str, str] | None = None) -> float:
    """Seconds from starting ``cmd`` to its first window on screen.

    The desktop app prints ``first-window <epoch seconds>`` and quits when
    HANOI_DESK_STARTUP_PROBE is set (ui/app.py), so the figure includes the
    interpreter's start, every import, Qt and the unlock window's first paint.
    """
    full_env = {
        **(env if env is not None else os.environ),
        "HANOI_DESK_HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "HANOI_DESK_STARTUP_PROBE": "1",
    }
    started = time.time()
    out = subprocess.run(
        [str(c) for c in cmd], capture_output=True, text=True, check=True, env=full_env
    )
    line = next(x for x in out.stdout.splitlines() if x.startswith("first-window"))
    return float(line.split()[1]) - started
