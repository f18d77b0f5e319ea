"""Finds every ``N_("...")`` template in the source tree by reading the code (AST),
so templates inside function bodies count too."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "hanoi_desk"


def templates(root: Path = SRC) -> dict[str, str]:
    found: dict[str, str] = {}
    for file in sorted(root.rglob("*.py")):
        tree = ast.parse(file.read_text("utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "N_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found[node.args[0].value] = str(file.relative_to(root))
    return found


if __name__ == "__main__":
    for text, where in sorted(templates().items(), key=lambda kv: kv[1]):
        print(f"{where}\t{text!r}")
