"""Key material in the code's own objects: never in a repr, and the sizes of the
cipher spelled once."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import pkgutil
from pathlib import Path

from hanoi_desk.app.session import Desk
from hanoi_desk.store.replica import Account
from helpers import FixedPrompt

SRC = Path(__file__).resolve().parents[2] / "src" / "hanoi_desk"


def _forms(secret: bytes | str) -> dict[str, str]:
    """How a secret would show up in a repr: its text, hex (both cases), or the
    escaped bytes a ``bytearray``'s repr prints."""
    if isinstance(secret, str):
        return {"text": secret}
    return {"hex": secret.hex(), "HEX": secret.hex().upper(), "bytes": repr(secret)[2:-1]}


def _leaks(text: str, secrets: list[bytes | str]) -> list[str]:
    """Which secret (by its index) shows in ``text`` and how; never the value, so
    a failing run does not print the keys either."""
    return [
        f"secret {i} as {how}"
        for i, s in enumerate(secrets)
        for how, form in _forms(s).items()
        if form in text
    ]


def test_no_repr_of_an_unlocked_profile_or_its_keys_shows_a_key(desk: Desk, fast_kdf: None) -> None:
    desk.create("alice", FixedPrompt())
    profile = desk.vault.unlock("alice", FixedPrompt(), "passphrase")
    try:
        keys = profile.keys
        secrets: list[bytes | str] = [
            bytes(profile.master),
            bytes(keys.database),
            bytes(keys.blobs),
            bytes(keys.outbox),
        ]
        assert all(any(s) for s in secrets)  # real keys: a zero buffer would prove nothing
        shown = {"keys": repr(keys), "profile": repr(profile), "str": str(keys)}
        assert {k: _leaks(v, secrets) for k, v in shown.items()} == {
            "keys": [],
            "profile": [],
            "str": [],
        }
    finally:
        profile.wipe()


def test_the_repr_of_a_sync_account_shows_no_token() -> None:
    access, refresh = "eyJhbGciOi.access-7Qx", "rt-9f8e7d6c5b4a"
    account = Account(
        "https://hdnd.example.vn", "client", "device", "an", "u1", access, refresh, None
    )
    assert _leaks(repr(account), [access, refresh]) == []
    assert "an" in repr(account)  # still says which account it is


def _dataclasses_of(package: str) -> list[type]:
    found = []
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ == module.__name__
            ):
                found.append(value)
    return found


def test_every_key_buffer_field_of_the_store_and_signing_is_kept_out_of_reprs() -> None:
    """Keys live in ``bytearray`` buffers (store/keys.py): a dataclass field of that
    type is key material, and so are the fields named below (credentials, the
    decrypted soft key). A new one must say ``field(repr=False)``."""
    named = {"access_token", "refresh_token", "private", "encrypted_key"}
    classes = _dataclasses_of("hanoi_desk.store") + _dataclasses_of("hanoi_desk.signing")
    assert len(classes) > 10  # the scan really finds them
    shown, secret_fields = [], 0
    for cls in classes:
        for f in dataclasses.fields(cls):
            # Annotations are strings here (``from __future__ import annotations``).
            if f.type in (bytearray, "bytearray") or f.name in named:
                secret_fields += 1
                if f.repr:
                    shown.append(f"{cls.__module__}.{cls.__qualname__}.{f.name}")
    assert secret_fields >= 7  # DerivedKeys (3), Account (2), SoftKey, _KeyFile
    assert shown == []


def _module_constants(path: Path) -> set[str]:
    names = set()
    for node in ast.parse(path.read_text("utf-8")).body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def test_the_cipher_sizes_are_defined_once() -> None:
    """Two copies of a size of the format can drift apart; every module imports
    them from store/keys.py."""
    where: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        for name in _module_constants(path) & {"KEY_BYTES", "NONCE_BYTES", "TAG_BYTES"}:
            where.setdefault(name, []).append(str(path.relative_to(SRC)))
    assert where == {
        "KEY_BYTES": ["store/keys.py"],
        "NONCE_BYTES": ["store/keys.py"],
        "TAG_BYTES": ["store/keys.py"],
    }
