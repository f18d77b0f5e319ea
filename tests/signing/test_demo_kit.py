"""The demo token's plaintext key file and the environment of the system tools."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from hanoi_desk.app import demo_kit


def test_the_plaintext_key_is_removed_when_pkcs11_tool_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    def run(cmd: tuple[str, ...], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        if cmd[0] == "pkcs11-tool":
            seen.append((tmp_path / "softhsm" / demo_kit.KEY_DER).exists())
            raise subprocess.CalledProcessError(1, cmd)
        return subprocess.CompletedProcess(cmd, 0)

    monkeypatch.setattr(demo_kit.subprocess, "run", run)
    with pytest.raises(subprocess.CalledProcessError):
        demo_kit.make_demo_token(tmp_path / "softhsm", "/no/such/module.so")
    assert seen == [True]  # it was there for pkcs11-tool ...
    assert not (tmp_path / "softhsm" / demo_kit.KEY_DER).exists()  # ... and is gone


def test_system_tools_get_the_systems_library_path_in_a_bundle(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/hanoi-desk/_internal")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/usr/local/lib")
    assert demo_kit.system_tool_env(X="1")["LD_LIBRARY_PATH"] == "/opt/hanoi-desk/_internal"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    env = demo_kit.system_tool_env(SOFTHSM2_CONF="/tmp/c")
    assert env["LD_LIBRARY_PATH"] == "/usr/local/lib" and "LD_LIBRARY_PATH_ORIG" not in env
    assert env["SOFTHSM2_CONF"] == "/tmp/c"
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG")
    assert "LD_LIBRARY_PATH" not in demo_kit.system_tool_env()
    assert demo_kit.os.environ["LD_LIBRARY_PATH"] == "/opt/hanoi-desk/_internal"  # untouched


def test_find_softhsm_names_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(demo_kit.SOFTHSM_ENV, "none")
    assert demo_kit.find_softhsm().turned_off and demo_kit.softhsm_module() is None
    module = tmp_path / "libsofthsm2.so"
    module.write_bytes(b"")
    monkeypatch.setenv(demo_kit.SOFTHSM_ENV, str(module))
    monkeypatch.setenv("PATH", str(tmp_path))  # neither tool on PATH
    found = demo_kit.find_softhsm()
    assert found.module == str(module) and found.usable is None
    assert found.missing_tools == ("softhsm2-util (SoftHSM2)", "pkcs11-tool (OpenSC)")
