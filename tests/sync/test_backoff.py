"""Backoff with full jitter and cancellation (pure logic, no network)."""

from __future__ import annotations

import random
import threading

import pytest

from hanoi_desk.errors import Cancelled
from hanoi_desk.sync.backoff import Backoff, CancelToken
from hanoi_desk.sync.faults import Transient
from hanoi_desk.sync.transfer import Retrier


def test_delays_are_jittered_below_an_exponential_cap() -> None:
    backoff = Backoff(base=0.5, cap=8.0, rng=random.Random(1))
    for attempt in range(12):
        cap = min(8.0, 0.5 * 2**attempt)
        samples = [backoff.delay(attempt) for _ in range(200)]
        assert all(0.0 <= d <= cap for d in samples)
        assert max(samples) > cap * 0.8  # spread over the whole range, not fixed steps
        assert min(samples) < cap * 0.2
        assert len({round(d, 6) for d in samples}) > 150  # two clients rarely wait alike


def test_cancel_ends_a_wait_at_once_and_is_raised() -> None:
    token = CancelToken()
    threading.Timer(0.05, token.cancel).start()
    with pytest.raises(Cancelled):
        token.sleep(3600)  # would hang the test if cancel did not wake it
    with pytest.raises(Cancelled):
        token.check()


def test_retrier_gives_up_after_the_budget_but_never_while_progressing() -> None:
    fault = Transient(server="x", reason="drop")
    retry = Retrier(Backoff(base=0.0, cap=0.0, attempts=3), CancelToken())
    for _ in range(50):
        retry.failed(fault, progressed=True)  # moving data: never given up
    retry.failed(fault, progressed=False)
    retry.failed(fault, progressed=False)
    with pytest.raises(Transient):
        retry.failed(fault, progressed=False)
    calls = iter([fault, fault, "ok"])

    def step() -> str:
        value = next(calls)
        if isinstance(value, Transient):
            raise value
        return value

    assert Retrier(Backoff(base=0.0, cap=0.0, attempts=3), CancelToken()).run(step) == "ok"
