"""Every part of the package has its place in the import-linter contracts
(pyproject.toml; ``lint-imports`` checks the imports themselves), and what the
program sets for its whole process is set by its entry point alone."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "hanoi_desk"

FOUNDATIONS = {
    "__init__",
    "__main__",
    "errors",  # shared by every layer; its own contract forbids it to import one
    "i18n",
    "resources",
    "locale",  # data: the message catalogues
    "protocol",  # the wire format, shared by the client's sync and the server
    "server",  # a separate product: its own contract keeps the client off it
}
"""Top-level parts deliberately outside the layers, each for the reason given."""


def _top_level() -> set[str]:
    return {
        p.stem if p.is_file() else p.name
        for p in SRC.iterdir()
        if (p.is_file() and p.suffix == ".py") or (p / "__init__.py").is_file()
    }


def _layered() -> set[str]:
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"][
        "contracts"
    ]
    layers = next(c for c in contracts if c["type"] == "layers")["layers"]
    return {
        name.strip().removeprefix("hanoi_desk.")
        for layer in layers
        for name in re.split(r"[|:]", layer)
    }


def test_every_top_level_module_is_in_the_layers_or_a_named_foundation() -> None:
    top = _top_level()
    assert {"mupdf", "store", "cli"} <= top  # the scan really finds modules and packages
    assert top - _layered() == FOUNDATIONS


def test_only_the_entry_point_changes_the_whole_process() -> None:
    """``prctl`` (non-dumpable) concerns the process, not a profile: it is made in
    cli/process.py, called first thing by ``hanoi-desk``'s main(), and nowhere
    else (a library or test importing the store must not change the process)."""
    callers = sorted(
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "prctl(" in path.read_text("utf-8")
    )
    assert callers == ["cli/process.py"]
