"""SQL lives in store/ (and in server/, which has its own database): an AST
check over src/hanoi_desk finds every other module that runs SQL (a call of
``.execute``, ``.executemany`` or ``.executescript``) or holds an SQL
statement in a string (docstrings aside: they run nothing).

Since issue 11 no module outside store/ and server/ does: the use cases call
the repositories of ``store/repos``. ``ALLOWED`` stays, empty, to name an
exception should one ever be argued for; a listed file that no longer runs SQL
fails too. The cache's connection is private, so no module outside store/
reaches for a ``.conn`` attribute either (the sync calls its HTTP connection
``link``)."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "hanoi_desk"

OWNERS = ("store", "server")
"""Folders whose modules own a database and may speak SQL."""

ALLOWED: set[str] = set()

EXECUTE = {"execute", "executemany", "executescript"}

# Upper case only, as SQL is written here: English prose ("Select a token",
# "Update the app") never matches, a statement in any layout does.
STATEMENT = re.compile(
    r"\bSELECT\b[\s\S]{0,2000}?\bFROM\b"
    r"|\bINSERT\s+(?:OR\s+[A-Z]+\s+)?INTO\b"
    r"|\bREPLACE\s+INTO\b"
    r"|\bUPDATE\s+\w+\s+SET\b"
    r"|\bDELETE\s+FROM\b"
    r"|\b(?:CREATE|DROP)\s+(?:TEMP\s+|VIRTUAL\s+)?(?:TABLE|INDEX|VIEW|TRIGGER)\b"
    r"|\bALTER\s+TABLE\b"
    r"|\bPRAGMA\s+\w+"
)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def sql_lines(source: str) -> list[int]:
    """Lines of ``source`` that run SQL or hold an SQL statement."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    lines = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in EXECUTE
        ):
            lines.append(node.lineno)
        elif isinstance(node, ast.JoinedStr):
            # An f-string's statement is split around its fields: read it whole.
            text = "".join(
                v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "{}"
                for v in node.values
            )
            if STATEMENT.search(text):
                lines.append(node.lineno)
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and STATEMENT.search(node.value)
        ):
            lines.append(node.lineno)
    return sorted(set(lines))


def conn_lines(source: str) -> list[int]:
    """Lines of ``source`` that use an attribute named ``conn``."""
    return sorted(
        {
            node.lineno
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Attribute) and node.attr == "conn"
        }
    )


def _outside_owners(find: Callable[[str], list[int]]) -> dict[str, list[int]]:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        name = path.relative_to(SRC).as_posix()
        if name.split("/")[0] in OWNERS:
            continue
        lines = find(path.read_text("utf-8"))
        if lines:
            found[name] = lines
    return found


def _offenders() -> dict[str, list[int]]:
    return _outside_owners(sql_lines)


def test_the_check_finds_every_form_of_sql() -> None:
    source = '''
"""Docstrings may say SELECT x FROM y: they run nothing."""
conn.execute("x")
cur.executemany(q, rows)
db.executescript(script)
A = "SELECT id,\\n    title FROM documents"
B = f"SELECT {COLUMNS} FROM annotations WHERE id = ?"
C = "INSERT OR IGNORE INTO blobs VALUES (?)"
D = """UPDATE outbox
SET state = 'done'"""
E = "PRAGMA cipher_version"
F = "DELETE FROM notes"
G = "Select a token, then update the app from the server."
'''
    assert sql_lines(source) == [3, 4, 5, 6, 7, 8, 9, 11, 12]


def test_no_module_outside_store_and_server_runs_sql_unless_listed() -> None:
    new = {name: lines for name, lines in _offenders().items() if name not in ALLOWED}
    assert new == {}, "SQL belongs in a store/ repository, not in these files (lines)"


def test_every_listed_offender_still_runs_sql() -> None:
    """The list stays honest: a file whose SQL moved to a repository leaves it."""
    assert sorted(ALLOWED - _offenders().keys()) == []


def test_the_conn_check_finds_an_attribute_named_conn() -> None:
    source = """
cache.conn.execute("x")
c = replica.conn
self.conn = link
conn = 1
self.connection = 2
"""
    assert conn_lines(source) == [2, 3, 4]


def test_no_module_outside_store_and_server_uses_a_conn_attribute() -> None:
    """The cache's connection is private (``Cache._conn``): a use case calls a
    repository, and nothing names some other thing ``.conn`` to blur the grep."""
    assert _outside_owners(conn_lines) == {}
