"""Settings as a use case, without Qt: a round trip, and bad values refused
with nothing half-saved (moved from tests/ui/test_meetings.py; the settings
dialog's own test stays there)."""

from __future__ import annotations

from typing import Any

import pytest

from hanoi_desk.app.settings import Settings
from hanoi_desk.errors import UserError


def test_settings_round_trip_and_bad_values(session: Any) -> None:
    settings = Settings(session.cache)
    assert settings.load()["idle_lock_minutes"] == 10
    saved = settings.save({"idle_lock_minutes": 3, "organisation": "UBND phường Hàng Bạc"})
    assert saved["idle_lock_minutes"] == 3
    with pytest.raises(UserError):
        settings.save({"idle_lock_minutes": 0, "organisation": "không lưu"})
    with pytest.raises(UserError):
        settings.save({"language": "fr"})
    assert settings.load()["organisation"] == "UBND phường Hàng Bạc"  # nothing half-saved
