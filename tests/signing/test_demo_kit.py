"""The demo token made with the real SoftHSM2 tools, its plaintext key file,
and the environment of the system tools."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from hanoi_desk.demo import kit as demo_kit


def _softhsm() -> str:
    found = demo_kit.find_softhsm()
    assert found.usable, f"SoftHSM2 and its tools are part of ./run test's setup: {found}"
    return found.usable


class _KeyFileWatch:
    """A spy, not a fake: it notes whether the plaintext key file exists each time
    a tool starts, then runs the real tool."""

    def __init__(self, key_file: Path) -> None:
        self.key_file = key_file
        self.seen: list[tuple[str, bool]] = []
        self._run = subprocess.run

    def __call__(self, cmd: tuple[str, ...], **kwargs: Any) -> subprocess.CompletedProcess[Any]:
        self.seen.append((cmd[0], self.key_file.exists()))
        return self._run(cmd, **kwargs)


def test_the_demo_token_is_made_with_the_real_tools_and_no_key_file_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "softhsm"
    watch = _KeyFileWatch(folder / demo_kit.KEY_DER)
    monkeypatch.setattr(demo_kit.subprocess, "run", watch)
    token = demo_kit.make_demo_token(folder, _softhsm())
    assert watch.seen[0] == ("softhsm2-util", False)
    assert ("pkcs11-tool", True) in watch.seen  # the key went to the token from that file
    assert not (folder / demo_kit.KEY_DER).exists()
    listed = subprocess.run(
        ["pkcs11-tool", "--module", token.module, "--token-label", token.label,
         "--login", "--pin", token.pin, "--list-objects"],
        env=demo_kit.system_tool_env(SOFTHSM2_CONF=str(token.softhsm_conf)),
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "Private Key Object" in listed and "demo-signing-key" in listed
    assert listed.count("Certificate Object") == 2  # the signer's and the demo root's
    assert token.root_pem.read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")


def test_the_plaintext_key_is_removed_when_pkcs11_tool_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Both tools are real; pkcs11-tool fails for real, on a module that does not exist.
    folder = tmp_path / "softhsm"
    watch = _KeyFileWatch(folder / demo_kit.KEY_DER)
    monkeypatch.setattr(demo_kit.subprocess, "run", watch)
    with pytest.raises(subprocess.CalledProcessError) as err:
        demo_kit.make_demo_token(folder, str(tmp_path / "no-such-module.so"))
    assert err.value.cmd[0] == "pkcs11-tool"
    assert watch.seen == [("softhsm2-util", False), ("pkcs11-tool", True)]  # there for it ...
    assert not (folder / demo_kit.KEY_DER).exists()  # ... and gone


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
    # Installed tools cannot be taken away for one test: an empty PATH stands for
    # a machine without them, and an empty file for the module found there.
    monkeypatch.setenv("PATH", str(tmp_path))  # neither tool on PATH
    found = demo_kit.find_softhsm()
    assert found.module == str(module) and found.usable is None
    assert found.missing_tools == ("softhsm2-util (SoftHSM2)", "pkcs11-tool (OpenSC)")
