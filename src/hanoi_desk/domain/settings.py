"""Per-profile settings, declared once: name, type, default, bounds and why it exists.

Each setting is a typed constant (``IDLE_LOCK_MINUTES: Setting[int]``), so a
read is typed (``values[IDLE_LOCK_MINUTES]`` is an ``int``) and so is a change
(``IDLE_LOCK_MINUTES.to(5)``, an :class:`Assignment`; mypy refuses
``IDLE_LOCK_MINUTES.to("5")``). The
values a profile stores are checked against the same table when read: one from
an older version that no longer fits reads as its default.

Lists are tuples here (immutable values); they are stored as JSON lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, overload

from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, SUPPORTED

T = TypeVar("T")

BAD_SETTING = N_("“{value}” is not a valid value for {name}.")
SHOWN_VALUE = 40
"""Characters of a refused value named in the message."""

Paths = tuple[str, ...]


@dataclass(frozen=True)
class Setting(Generic[T]):
    name: str
    kind: type
    """The runtime type checked on every value (``tuple`` for lists of strings)."""
    default: T
    description: str
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()

    def check(self, value: object) -> T:
        """``value`` if it fits this setting (a JSON list becomes a tuple), else UserError."""
        if self.kind is tuple and isinstance(value, list):
            value = tuple(value)
        bad = UserError(BAD_SETTING, value=str(value)[:SHOWN_VALUE], name=self.name)
        if not isinstance(value, self.kind) or isinstance(value, bool):
            raise bad
        if isinstance(value, int) and (
            (self.minimum is not None and value < self.minimum)
            or (self.maximum is not None and value > self.maximum)
        ):
            raise bad
        if self.choices and value not in self.choices:
            raise bad
        if isinstance(value, tuple) and not all(isinstance(v, str) for v in value):
            raise bad
        return value  # type: ignore[return-value]  # checked against kind just above

    def to(self, value: T) -> Assignment[T]:
        """This setting set to ``value`` (checked when it is saved)."""
        return Assignment(self, value)


@dataclass(frozen=True)
class Assignment(Generic[T]):
    """A setting and its new value: what a save takes."""

    setting: Setting[T]
    value: T


SERVER_URL: Setting[str] = Setting("server_url", str, "", "Address of the central document server.")
USERNAME: Setting[str] = Setting("username", str, "", "Login name on that server.")
PKCS11_MODULES: Setting[Paths] = Setting(
    "pkcs11_modules", tuple, (), "Extra PKCS#11 module files to look for tokens in."
)
SOFTWARE_KEYS: Setting[Paths] = Setting(
    "software_keys",
    tuple,
    (),
    "Demo software key files offered beside tokens; only hanoi-desk demo sets this.",
)
SIGNATURE_IMAGE: Setting[str] = Setting(
    "signature_image", str, "", "PNG of the signer's handwritten signature."
)
SEAL_IMAGE: Setting[str] = Setting(
    "seal_image", str, "", "PNG of the organisation's seal, drawn over the signature."
)
TRUST_ROOTS: Setting[Paths] = Setting(
    "trust_roots", tuple, (), "Root certificate files trusted when verifying signatures."
)
ORGANISATION: Setting[str] = Setting(
    "organisation", str, "", "Organisation name printed in signature appearances."
)
LANGUAGE: Setting[str] = Setting(
    "language", str, "vi", "Language of the interface.", choices=SUPPORTED
)
IDLE_LOCK_MINUTES: Setting[int] = Setting(
    "idle_lock_minutes", int, 10, "Lock after this many idle minutes.", 1, 240
)
TOKEN_KEEP_MINUTES: Setting[int] = Setting(
    "token_keep_minutes",
    int,
    15,
    "How long a token stays logged in after a batch when the signer ticks the option.",
    1,
    120,
)
RETENTION_DAYS: Setting[int] = Setting(
    "retention_days", int, 30, "Purge a meeting's pack this long after it.", 1, 3650
)
SIGNATURE_LEVEL: Setting[str] = Setting(
    "signature_level",
    str,
    "",
    "Level signatures made offline are raised to at sync (empty: the body's policy, else B-LT).",
    choices=("", "B-LT", "B-LTA"),
)
TSA_URL: Setting[str] = Setting(
    "tsa_url", str, "", "Timestamp authority used at sync (empty: the body's policy)."
)

SETTINGS: tuple[Setting[Any], ...] = (
    SERVER_URL,
    USERNAME,
    PKCS11_MODULES,
    SOFTWARE_KEYS,
    SIGNATURE_IMAGE,
    SEAL_IMAGE,
    TRUST_ROOTS,
    ORGANISATION,
    LANGUAGE,
    IDLE_LOCK_MINUTES,
    TOKEN_KEEP_MINUTES,
    RETENTION_DAYS,
    SIGNATURE_LEVEL,
    TSA_URL,
)
BY_NAME: Mapping[str, Setting[Any]] = {s.name: s for s in SETTINGS}


class SettingValues:
    """Every setting's value, immutable; read one with ``values[SETTING]``."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, object]) -> None:
        """Only for values already checked: use :meth:`parse` or :meth:`with_`."""
        self._values = dict(values)

    @classmethod
    def defaults(cls) -> SettingValues:
        return cls({s.name: s.default for s in SETTINGS})

    @classmethod
    def parse(cls, stored: object) -> SettingValues:
        """Values as a profile stored them; a missing or unfit one reads as its default."""
        found = stored if isinstance(stored, Mapping) else {}
        values: dict[str, object] = {}
        for spec in SETTINGS:
            try:
                values[spec.name] = spec.check(found.get(spec.name, spec.default))
            except UserError:  # a value from an older version that no longer fits
                values[spec.name] = spec.default
        return cls(values)

    # One overload per kind of value, not one generic signature: mypy would solve
    # a generic's T from where the value goes (``"\n".join(values[TRUST_ROOTS])``
    # wants an Iterable[str]) and then refuse the invariant Setting[tuple[...]].
    @overload
    def __getitem__(self, setting: Setting[int]) -> int: ...
    @overload
    def __getitem__(self, setting: Setting[str]) -> str: ...
    @overload
    def __getitem__(self, setting: Setting[Paths]) -> Paths: ...
    def __getitem__(self, setting: Setting[Any]) -> object:
        return self._values[setting.name]

    def with_(self, assignments: Iterable[Assignment[Any]]) -> SettingValues:
        """These values with ``assignments``, every one checked first: one bad
        value raises UserError and changes nothing."""
        values = dict(self._values)
        for a in assignments:
            spec = BY_NAME.get(a.setting.name)
            if spec is None:  # a Setting made outside the table
                raise UserError(BAD_SETTING, value=str(a.value)[:SHOWN_VALUE], name=a.setting.name)
            values[spec.name] = spec.check(a.value)
        return SettingValues(values)

    def stored(self) -> dict[str, object]:
        """The JSON form (tuples as lists)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self._values.items()}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SettingValues) and other._values == self._values

    def __hash__(self) -> int:
        return hash(tuple(sorted((k, str(v)) for k, v in self._values.items())))

    def __repr__(self) -> str:
        return f"SettingValues({self._values!r})"
