"""The server's device policy: the one place its stored form is read.

The sync stores each server's policy as JSON (``sync_accounts.policy``), the
feed's ``policy`` record checked by the protocol. Reading it back follows one
set of rules, on the side of caution when a value is missing or damaged:

- ``watermark``: on unless it is exactly ``false`` (a damaged value never
  hides who read a page);
- ``retention_days``, ``offline_lease_hours``: a positive whole number, else
  none (no retention limit, no lease) — a damaged value must not shorten a
  period to nothing nor lock the documents;
- ``wipe``: only exactly ``true`` orders a wipe (it destroys the profile).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta


def _positive(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


@dataclass(frozen=True)
class DevicePolicy:
    watermark: bool = True
    """Draw the reader's name and the time over every page."""
    retention_days: int | None = None
    """A meeting's pack leaves the device this long after the meeting (at most)."""
    offline_lease_hours: int | None = None
    """Documents lock this long after the last successful sync."""
    wipe: bool = False
    """Flush the outbox, then delete the profile."""
    signature_level: str | None = None
    """The level the body wants signatures raised to at sync (``B-LT``/``B-LTA``);
    anything else is unset (domain.signatures.target_level)."""
    tsa_url: str | None = None
    """The body's timestamp authority, used to complete signatures made offline."""
    signature_overdue_days: int | None = None
    """A signature still without a trusted time this long after it was made is
    reported (domain.signatures.DEFAULT_OVERDUE_DAYS when unset)."""

    @classmethod
    def parse(cls, mapping: object) -> DevicePolicy:
        """The policy in ``mapping``; anything not a mapping is no policy (the defaults)."""
        if not isinstance(mapping, Mapping):
            return cls()
        return cls(
            watermark=mapping.get("watermark", True) is not False,
            retention_days=_positive(mapping.get("retention_days")),
            offline_lease_hours=_positive(mapping.get("offline_lease_hours")),
            wipe=mapping.get("wipe") is True,
            signature_level=_text(mapping.get("signature_level")),
            tsa_url=_text(mapping.get("tsa_url")),
            signature_overdue_days=_positive(mapping.get("signature_overdue_days")),
        )

    @classmethod
    def from_json(cls, text: str | None) -> DevicePolicy:
        """The stored form; damaged JSON is no policy (the server's to fix on the next sync)."""
        try:
            return cls.parse(json.loads(text or "{}"))
        except ValueError:
            return cls()

    def lease_end(self, last_success: str | None) -> datetime | None:
        """When the offline lease runs out: ``offline_lease_hours`` after the last
        successful sync; None without a lease or before a first sync."""
        if self.offline_lease_hours is None or not last_success:
            return None
        try:
            return datetime.fromisoformat(last_success) + timedelta(hours=self.offline_lease_hours)
        except ValueError:
            return None


def retention_days(own_days: int, policies: Iterable[DevicePolicy]) -> int:
    """The shorter of a person's own setting and every server's limit: the
    organisation sets the longest a pack may stay; a person may keep it less."""
    return min([own_days, *(p.retention_days for p in policies if p.retention_days is not None)])
