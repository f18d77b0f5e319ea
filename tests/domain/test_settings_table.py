"""domain.settings: the declarative table (type, default, bounds, choices) and
the immutable values read through it. Pure: no file, no process (saving them
is tests/app/test_settings.py)."""

from __future__ import annotations

import pytest

from hanoi_desk.domain.settings import (
    BY_NAME,
    IDLE_LOCK_MINUTES,
    LANGUAGE,
    ORGANISATION,
    PKCS11_MODULES,
    RETENTION_DAYS,
    SETTINGS,
    TRUST_ROOTS,
    Setting,
    SettingValues,
)
from hanoi_desk.errors import UserError


def test_every_setting_has_a_default_that_fits_it() -> None:
    assert len(BY_NAME) == len(SETTINGS)  # names are unique
    defaults = SettingValues.defaults()
    for spec in SETTINGS:
        assert spec.check(spec.default) == spec.default
        assert spec.description
    assert defaults[IDLE_LOCK_MINUTES] == 10 and defaults[LANGUAGE] == "vi"
    assert defaults[PKCS11_MODULES] == ()


def test_stored_values_are_read_through_the_table() -> None:
    stored = {
        "idle_lock_minutes": 3,
        "retention_days": 0,  # below the minimum: an older version's value
        "language": "fr",  # not a choice
        "trust_roots": ["/etc/ca.pem"],  # JSON lists read as tuples
        "pkcs11_modules": ["ok.so", 7],  # one entry is not a path
        "organisation": True,
        "gone": "a setting a newer version dropped",
    }
    values = SettingValues.parse(stored)
    assert values[IDLE_LOCK_MINUTES] == 3
    assert values[RETENTION_DAYS] == RETENTION_DAYS.default
    assert values[LANGUAGE] == "vi"
    assert values[TRUST_ROOTS] == ("/etc/ca.pem",)
    assert values[PKCS11_MODULES] == ()
    assert values[ORGANISATION] == ""
    assert SettingValues.parse("not a mapping") == SettingValues.defaults()


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        (IDLE_LOCK_MINUTES, 0),
        (IDLE_LOCK_MINUTES, 241),
        (IDLE_LOCK_MINUTES, True),  # a bool is no number of minutes
        (IDLE_LOCK_MINUTES, "5"),
        (LANGUAGE, "fr"),
        (TRUST_ROOTS, ("a.pem", 3)),
        (ORGANISATION, None),
    ],
)
def test_a_bad_value_changes_nothing(setting: Setting[object], value: object) -> None:
    values = SettingValues.defaults()
    with pytest.raises(UserError, match=setting.name):
        values.with_([ORGANISATION.to("UBND phường Hàng Bạc"), setting.to(value)])
    assert values == SettingValues.defaults()  # immutable: nothing half-applied


def test_changes_and_the_stored_form() -> None:
    values = SettingValues.defaults().with_(
        [IDLE_LOCK_MINUTES.to(240), TRUST_ROOTS.to(("a.pem", "b.pem"))]
    )
    assert values[IDLE_LOCK_MINUTES] == 240 and values[TRUST_ROOTS] == ("a.pem", "b.pem")
    stored = values.stored()
    assert stored["trust_roots"] == ["a.pem", "b.pem"]  # JSON has lists
    assert SettingValues.parse(stored) == values


def test_a_setting_made_outside_the_table_is_refused() -> None:
    stray: Setting[int] = Setting("volume", int, 5, "Not one of ours.")
    with pytest.raises(UserError, match="volume"):
        SettingValues.defaults().with_([stray.to(5)])
