"""domain.text's printable(): what reaches a terminal, a log line or a label
escaped, Vietnamese kept, and cut before escaping. Pure: no file, no process
(moved from tests/test_cli.py and tests/sync/test_cli_sync.py; the CLI's own
tests still check that its output goes through it)."""

from __future__ import annotations

import json

from hanoi_desk.domain.text import printable
from helpers import raw_controls


def test_printable_escapes_controls_and_keeps_vietnamese() -> None:
    from hanoi_desk.domain.text import printable, printable_json

    assert printable("Nguyễn Thị Ánh Tuyết, Đống Đa") == "Nguyễn Thị Ánh Tuyết, Đống Đa"
    decomposed = "Nguye\u0302\u0303n"  # combining marks are letters' parts: kept
    assert printable(decomposed) == decomposed
    assert printable("a\x1bb\rc\nd\te\x00f\x7fg\x9bh") == r"a\x1bb\rc\nd\te\x00f\x7fg\x9bh"
    assert (
        printable("x\u202ey\u2066z\u200bw\u2028v\ufeff") == r"x\u202ey\u2066z\u200bw\u2028v\ufeff"
    )
    assert printable("tag\U000e0041") == r"tag\U000e0041"
    assert printable("bad\udcff.pdf") == r"bad\udcff.pdf"  # an undecodable file name
    assert printable("a\x1b[1m\nb", keep_newlines=True) == "a\\x1b[1m\nb"
    value = {"signer": "An\x1b[8m\u202e\x85\x7f\U000e0041\udcff\n"}
    text = printable_json(value)
    assert raw_controls(text) == []
    assert json.loads(text) == value


def test_printable_cuts_the_text_before_escaping_it() -> None:
    assert printable("Nguyễn Văn An", limit=6) == "Nguyễn…"
    assert printable("Nguyễn", limit=6) == "Nguyễn"  # nothing cut, no "…"
    assert printable("ab\x1bcd", limit=3) == "ab\\x1b…"  # an escape is never cut in half
    assert printable("a\nb\nc", keep_newlines=True, limit=3) == "a\nb…"
    assert printable("a\nb\nc", limit=3) == "a\\nb…"
