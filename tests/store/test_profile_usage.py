"""What ``hanoi-desk profile wipe`` says it accepts, in its own help and in the
README: the two must agree, and neither may suggest that --passphrase-stdin
needs --yes (it counts unsent work at a terminal as well)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hanoi_desk.cli.main import build_parser

README = Path(__file__).resolve().parents[2] / "README.md"
WIPE = "hanoi-desk profile wipe NAME [--passphrase-stdin] [--yes [--discard-unsent]]"


def _help(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args([*args, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


def test_wipe_usage_nests_only_discard_unsent_under_yes(capsys: pytest.CaptureFixture[str]) -> None:
    shown = _help(capsys, "profile", "wipe")
    assert shown.splitlines()[0] == "usage: " + WIPE
    assert "--passphrase-stdin" in shown and "--discard-unsent" in shown


def test_the_readme_shows_the_same_wipe_usage() -> None:
    lines = [
        line.split("#")[0].rstrip()
        for line in README.read_text("utf-8").splitlines()
        if line.startswith("hanoi-desk profile wipe ")
    ]
    assert lines == [WIPE]
