"""``hanoi-desk demo`` in a fresh process: the real server, a SoftHSM2 demo
token (or, with SoftHSM2 made unavailable, the DEMO software key), the app
opened on the demo profile (offscreen), a first sync, and one signature."""

from __future__ import annotations

import os
from pathlib import Path

from helpers import run_cli


def test_demo_opens_the_app_synced_with_a_working_token(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HANOI_DESK_LANG": "en"}
    result = run_cli(
        "demo", "--gui", "--smoke", "--home", str(tmp_path / "demo"), env=env, timeout=280
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    assert "passphrase: demo-passphrase" in out
    assert "PIN: 246810" in out
    assert "demo token signed 1 document(s)" in out
    assert "demo app ready: 1 meeting(s), sync state up_to_date" in out
    # The demo never touched a real profile directory: everything is under --home.
    assert (tmp_path / "demo" / "profiles" / "demo" / "profile.json").is_file()
    assert (tmp_path / "demo" / "softhsm" / "tokens").is_dir()
    assert not (tmp_path / "demo" / "softhsm" / "signer.key.der").exists()


def test_demo_without_softhsm_signs_with_the_software_key(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HANOI_DESK_LANG": "en",
        "HANOI_DESK_DEMO_SOFTHSM": "none",  # as on a machine without SoftHSM2
    }
    home = tmp_path / "demo"
    result = run_cli("demo", "--gui", "--smoke", "--home", str(home), env=env, timeout=280)
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    key = home / "softkey" / "hanoi-desk-DEMO-software-key.pem"
    assert "SoftHSM2 is not installed: the demo signs with a software key instead" in out
    assert f"Software key (DEMO — not a hardware token): {key}, passphrase: 246810" in out
    assert f"hanoi-desk tokens --software-key {key}" in out
    assert "demo software key signed 1 document(s)" in out
    assert "demo app ready: 1 meeting(s), sync state up_to_date" in out
    assert not (home / "softhsm").exists()  # no token was made
    assert key.stat().st_mode & 0o777 == 0o600
    assert "BEGIN ENCRYPTED PRIVATE KEY" in key.read_text("ascii")
    assert not [p for p in (home / "softkey").iterdir() if p.suffix in (".der", ".part")]


def test_demo_without_a_display_is_the_text_walk_through(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = run_cli("demo", "--home", str(tmp_path / "demo"), env=env)
    assert result.returncode == 0, result.stderr
    assert "[Hà Nội]" in result.stdout
