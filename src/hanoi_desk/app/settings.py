"""Per-profile settings, declared once: name, type, default and why it exists.

They live inside the encrypted database (the ``meta`` table), because the
server address, the organisation and the images of a signer's signature and
seal say who the person is. The display language is also kept outside the
profile by the UI, since the unlock screen must speak it before any key is
known.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from hanoi_desk.app.changes import ChangeBus, Changes
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, SUPPORTED
from hanoi_desk.store.cache import Cache

BAD_SETTING = N_("“{value}” is not a valid value for {name}.")
_KEY = "settings"


@dataclass(frozen=True)
class Setting:
    name: str
    kind: type
    default: Any
    description: str
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()


SETTINGS: tuple[Setting, ...] = (
    Setting("server_url", str, "", "Address of the central document server."),
    Setting("username", str, "", "Login name on that server."),
    Setting("pkcs11_modules", list, [], "Extra PKCS#11 module files to look for tokens in."),
    Setting(
        "software_keys",
        list,
        [],
        "Demo software key files offered beside tokens; only hanoi-desk demo sets this.",
    ),
    Setting("signature_image", str, "", "PNG of the signer's handwritten signature."),
    Setting("seal_image", str, "", "PNG of the organisation's seal, drawn over the signature."),
    Setting("trust_roots", list, [], "Root certificate files trusted when verifying signatures."),
    Setting("organisation", str, "", "Organisation name printed in signature appearances."),
    Setting("language", str, "vi", "Language of the interface.", choices=SUPPORTED),
    Setting("idle_lock_minutes", int, 10, "Lock after this many idle minutes.", 1, 240),
    Setting(
        "token_keep_minutes",
        int,
        15,
        "How long a token stays logged in after a batch when the signer ticks the option.",
        1,
        120,
    ),
    Setting("retention_days", int, 30, "Purge a meeting's pack this long after it.", 1, 3650),
)
BY_NAME = {s.name: s for s in SETTINGS}


def check(name: str, value: Any) -> Any:
    spec = BY_NAME.get(name)
    if spec is None or not isinstance(value, spec.kind) or isinstance(value, bool):
        raise UserError(BAD_SETTING, value=str(value)[:40], name=name)
    if isinstance(value, int) and (
        (spec.minimum is not None and value < spec.minimum)
        or (spec.maximum is not None and value > spec.maximum)
    ):
        raise UserError(BAD_SETTING, value=str(value), name=name)
    if spec.choices and value not in spec.choices:
        raise UserError(BAD_SETTING, value=str(value)[:40], name=name)
    if isinstance(value, list) and not all(isinstance(v, str) for v in value):
        raise UserError(BAD_SETTING, value=str(value)[:40], name=name)
    return value


class Settings:
    """Runs on the lane that owns the database; a save publishes ``settings``."""

    def __init__(self, cache: Cache, changes: ChangeBus | None = None) -> None:
        self.cache = cache
        self.changes = changes if changes is not None else ChangeBus()

    def load(self) -> dict[str, Any]:
        row = self.cache.conn.execute("SELECT value FROM meta WHERE key = ?", (_KEY,)).fetchone()
        stored: dict[str, Any] = {}
        if row is not None:
            try:
                raw = json.loads(row[0])
                stored = raw if isinstance(raw, dict) else {}
            except ValueError:
                stored = {}
        values = {}
        for spec in SETTINGS:
            value = stored.get(spec.name, spec.default)
            try:
                values[spec.name] = check(spec.name, value)
            except UserError:  # a value from an older version that no longer fits
                values[spec.name] = spec.default
        return values

    def save(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Check every change first: one bad value changes nothing."""
        values = self.load()
        for name, value in changes.items():
            values[name] = check(name, value)
        with self.cache.transaction() as c:
            c.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (_KEY, json.dumps(values, ensure_ascii=False, sort_keys=True)),
            )
        self.changes.publish(Changes(settings=True))
        return values
