"""Run every benchmark: ``./run bench [name-prefix ...]``.

Each ``bench_*.py`` module has a ``main()`` that prints lines of the form
``bench <name> ours=<v><unit> baseline=<v><unit> ratio=<ours/baseline>``,
the baseline measured in the same run on the same machine.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    wanted = sys.argv[1:]
    sys.path.insert(0, str(HERE))
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if wanted and not any(name.startswith(w) for w in wanted):
            continue
        started = time.perf_counter()
        print(f"# {path.name}", flush=True)
        importlib.import_module(path.stem).main()
        print(f"# {path.name} took {time.perf_counter() - started:.1f}s", flush=True)


if __name__ == "__main__":
    main()
