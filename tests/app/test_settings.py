"""Settings as a use case, without Qt: a round trip, and bad values refused
with nothing half-saved (moved from tests/ui/test_meetings.py; the settings
dialog's own test stays there)."""

from __future__ import annotations

from typing import Any

import pytest

from hanoi_desk.app.settings import Settings
from hanoi_desk.domain.settings import IDLE_LOCK_MINUTES, LANGUAGE, ORGANISATION
from hanoi_desk.errors import UserError


def test_settings_round_trip_and_bad_values(session: Any) -> None:
    settings = Settings(session.cache)
    assert settings.load()[IDLE_LOCK_MINUTES] == 10
    saved = settings.save(IDLE_LOCK_MINUTES.to(3), ORGANISATION.to("UBND phường Hàng Bạc"))
    assert saved[IDLE_LOCK_MINUTES] == 3
    with pytest.raises(UserError):
        settings.save(IDLE_LOCK_MINUTES.to(0), ORGANISATION.to("không lưu"))
    with pytest.raises(UserError):
        settings.save(LANGUAGE.to("fr"))
    assert settings.load()[ORGANISATION] == "UBND phường Hàng Bạc"  # nothing half-saved


def test_a_wrong_type_at_a_call_site_is_a_type_error() -> None:
    """Typed access: mypy (strict, as ``./run test`` runs it) refuses a value
    of the wrong type for a setting, and reads come back typed. Checked here
    on a snippet, in process, with no cache written."""
    from mypy import api

    snippet = (
        "from hanoi_desk.domain.settings import IDLE_LOCK_MINUTES, TRUST_ROOTS, SettingValues\n"
        "values = SettingValues.defaults()\n"
        'IDLE_LOCK_MINUTES.to("5")\n'
        "minutes: str = values[IDLE_LOCK_MINUTES]\n"
        "roots: tuple[str, ...] = values[TRUST_ROOTS]\n"
        "fine: int = values[IDLE_LOCK_MINUTES] + 1\n"
    )
    # Not pyproject's [tool.mypy] (it names the package to check; -c checks the snippet).
    args = ["--strict", "--config-file=/dev/null", "--cache-dir=/dev/null", "-c", snippet]
    out, _err, status = api.run(args)
    lines = [line for line in out.splitlines() if ": error:" in line]
    assert status == 1
    assert [line.split(":")[1] for line in lines] == ["3", "4"], out
    assert '"to" of "Setting" has incompatible type "str"; expected "int"' in lines[0]
    assert 'expression has type "int", variable has type "str"' in lines[1]
