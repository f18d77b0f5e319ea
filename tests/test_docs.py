"""The docs cite tests that exist: a renamed or removed test file leaves a
document pointing at nothing, and a reader takes the claim on trust."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CITED = re.compile(r"(?<![\w/])((?:tests/[\w/]+/)?test_\w+\.py)(?:::(\w+))?")
"""``tests/ui/test_x.py``, ``tests/ui/test_x.py::test_y``, or a bare ``test_x.py``."""


def cited_tests(text: str) -> list[tuple[str, str | None]]:
    return [(m.group(1), m.group(2)) for m in CITED.finditer(text)]


def unresolved(document: Path) -> list[str]:
    files = sorted((ROOT / "tests").rglob("test_*.py"))
    wrong = []
    for path, name in cited_tests(document.read_text(encoding="utf-8")):
        if "/" in path:
            matches = [ROOT / path] if (ROOT / path).is_file() else []
        else:  # a bare name, in a section that already said which folder
            matches = [f for f in files if f.name == path]
        where = f"{document.relative_to(ROOT)}: {path}" + (f"::{name}" if name else "")
        if not matches:
            wrong.append(f"{where}: no such test file")
        elif name and not any(
            re.search(rf"^(?:async )?def {name}\(|^class {name}\b", f.read_text(), re.M)
            for f in matches
        ):
            wrong.append(f"{where}: no such test in it")
    return wrong


def test_the_pattern_finds_every_form_of_citation() -> None:
    text = (
        "see `tests/ui/test_a.py::test_b`, tests/store/test_c.py and test_d.py; "
        "not src/hanoi_desk/selftest/checks.py"
    )
    assert cited_tests(text) == [
        ("tests/ui/test_a.py", "test_b"),
        ("tests/store/test_c.py", None),
        ("test_d.py", None),
    ]


def test_every_test_the_docs_cite_exists() -> None:
    documents = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    cited = sum(len(cited_tests(d.read_text(encoding="utf-8"))) for d in documents)
    assert cited > 5  # the pattern still finds the citations
    assert [w for d in documents for w in unresolved(d)] == []
