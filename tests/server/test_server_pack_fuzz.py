"""Every field of meeting.toml replaced by values of the wrong kind: always a clear
``UserError`` (or a valid pack), never a crash."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from hanoi_desk.errors import UserError
from hanoi_desk.server.packs import read_pack

BASE: dict[str, Any] = {
    "meeting": {"id": "m1", "title": "Họp", "starts_at": "2027-01-01T08:00:00+07:00",
                "ends_at": "2027-01-01T09:00:00+07:00", "status": "open", "place": "P",
                "organisation": "UBND"},
    "participants": [{"username": "an", "role": "chair"}],
    "agenda": [{"id": "a1", "title": "Mục 1", "presenter": "X",
                "documents": [{"id": "d1", "title": "Tờ trình", "file": "x.pdf"}]}],
}  # fmt: skip
WEIRD: list[Any] = [5, [], {}, True, "", "../x", [1], [{}], "a" * 500, 1.5]


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return "{" + ", ".join(f"{k} = {_toml_value(x)}" for k, x in v.items()) + "}"


def _toml(doc: dict[str, Any]) -> str:
    lines = [f"{k} = {_toml_value(v)}" for k, v in doc.items() if k != "meeting"]
    meeting = doc["meeting"]
    if isinstance(meeting, dict):
        lines += ["[meeting]"] + [f"{k} = {_toml_value(v)}" for k, v in meeting.items()]
    else:
        lines.insert(0, f"meeting = {_toml_value(meeting)}")
    return "\n".join(lines) + "\n"


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, child in items:
        found += (
            _paths(child, (*prefix, key)) if isinstance(child, dict | list) else [(*prefix, key)]
        )
    return found


def test_wrong_kinds_of_values_never_crash(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.7\n")
    refused = 0
    for path in _paths(BASE):
        for weird in WEIRD:
            doc = copy.deepcopy(BASE)
            target = doc
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = weird
            (tmp_path / "meeting.toml").write_text(_toml(doc), "utf-8")
            try:
                read_pack(tmp_path)
            except UserError as err:
                assert "not valid TOML" not in err.message("en")  # the test wrote valid TOML
                refused += 1
    assert refused > 150  # most of these are wrong; the rest are harmless (e.g. an empty place)
