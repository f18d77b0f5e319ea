"""domain.policy: the server's device policy read by one set of rules (it was
read in five places with four sets: a damaged value must never hide the
watermark, end the lease, shorten the retention to nothing or wipe a profile).
Pure: no file, no process."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from hanoi_desk.domain.policy import DevicePolicy, retention_days

SENT = {"retention_days": 30, "offline_lease_hours": 72, "wipe": False, "watermark": True}


def test_a_policy_as_the_sync_stores_it() -> None:
    assert DevicePolicy.parse(SENT) == DevicePolicy(True, 30, 72, False)
    assert DevicePolicy.from_json('{"watermark": false, "wipe": true}') == DevicePolicy(
        watermark=False, wipe=True
    )


@pytest.mark.parametrize("stored", [None, "", "{", "[1, 2]", "null", '"text"', "{}"])
def test_no_policy_or_a_damaged_one_is_the_defaults(stored: str | None) -> None:
    policy = DevicePolicy.from_json(stored)
    assert policy == DevicePolicy()
    assert policy.watermark and not policy.wipe
    assert policy.retention_days is None and policy.offline_lease_hours is None


@pytest.mark.parametrize("value", [0, None, "no", "false", [], 1.5])
def test_only_false_turns_the_watermark_off(value: object) -> None:
    assert DevicePolicy.parse({"watermark": value}).watermark is True
    assert DevicePolicy.parse({"watermark": False}).watermark is False


@pytest.mark.parametrize("value", [1, "yes", "true", [True]])
def test_only_true_orders_a_wipe(value: object) -> None:
    assert DevicePolicy.parse({"wipe": value}).wipe is False
    assert DevicePolicy.parse({"wipe": True}).wipe is True


@pytest.mark.parametrize("key", ["retention_days", "offline_lease_hours"])
@pytest.mark.parametrize("value", [0, -3, True, False, "30", 2.5, None, "forever"])
def test_periods_are_positive_whole_numbers_or_none(key: str, value: object) -> None:
    assert getattr(DevicePolicy.parse({key: value}), key) is None
    assert getattr(DevicePolicy.parse({key: 5}), key) == 5


def test_the_lease_ends_its_hours_after_the_last_sync() -> None:
    policy = DevicePolicy(offline_lease_hours=2)
    last = "2025-03-01T08:00:00+00:00"
    assert policy.lease_end(last) == datetime.fromisoformat(last) + timedelta(hours=2)
    assert policy.lease_end(None) is None  # never synced: nothing to count from
    assert policy.lease_end("yesterday") is None  # a damaged stamp locks nothing
    assert DevicePolicy().lease_end(last) is None  # no lease


def test_retention_is_the_shortest_of_the_person_and_the_servers() -> None:
    assert retention_days(30, []) == 30
    assert retention_days(30, [DevicePolicy(retention_days=7), DevicePolicy()]) == 7
    assert retention_days(5, [DevicePolicy(retention_days=7)]) == 5  # a person may keep less
    assert retention_days(30, [DevicePolicy.parse({"retention_days": "forever"})]) == 30
