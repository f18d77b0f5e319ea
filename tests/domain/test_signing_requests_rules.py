"""domain/signing_requests: which steps wait for me and the list's order
("waiting for my signature" first), and a damaged record refused."""

from __future__ import annotations

from typing import Any

import pytest

from hanoi_desk.domain.signing_requests import SigningRequest, waiting_first


def _record(rid: str, title: str, state: str, steps: list[tuple[str, str]]) -> dict[str, Any]:
    return {"id": rid, "meeting_id": "m", "document_version_id": "v", "title": title,
            "state": state, "head_sha256": "a" * 64, "head_size": 10,
            "steps": [{"position": i, "stage": i, "user_id": user, "name": user, "role": "r",
                       "field_name": f"Sig{i}", "decree_kind": "approval", "state": st,
                       "reason": None} for i, (user, st) in enumerate(steps, 1)]}  # fmt: skip


def test_my_active_steps_only_while_in_progress() -> None:
    steps = [("me", "signed"), ("me", "active"), ("you", "pending")]
    r = SigningRequest.parse(_record("r1", "A", "in_progress", steps))
    assert [s.position for s in r.my_active_steps({"me"})] == [2]
    assert r.my_active_steps({"you"}) == []
    done = SigningRequest.parse(_record("r2", "A", "cancelled", [("me", "active")]))
    assert done.my_active_steps({"me"}) == []


def test_waiting_for_me_first_then_in_progress_then_finished() -> None:
    finished = SigningRequest.parse(_record("r1", "A", "completed", [("me", "signed")]))
    others = SigningRequest.parse(_record("r2", "B", "in_progress", [("you", "active")]))
    mine = SigningRequest.parse(_record("r3", "C", "in_progress", [("me", "active")]))
    assert [r.id for r in waiting_first([finished, others, mine], {"me"})] == ["r3", "r2", "r1"]


def test_a_damaged_record_is_refused() -> None:
    bad = _record("r1", "A", "in_progress", [("me", "active")])
    bad["head_sha256"] = "short"
    with pytest.raises(ValueError):
        SigningRequest.parse(bad)
    del bad["steps"]
    with pytest.raises(KeyError):
        SigningRequest.parse(bad)
