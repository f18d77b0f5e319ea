"""Helpers shared by the benchmarks: timing and the one output format."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


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
