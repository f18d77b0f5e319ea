"""The live log's hash chain (domain.live.chain): a forged, reordered, missing
or foreign event is found, by verify_chain and by the fold alike."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

from hanoi_desk.domain.live import (
    GENESIS,
    ChainBroken,
    LiveEvent,
    canonical,
    fold,
    link_hash,
    verify_chain,
)
from live_rooms import Room


def _log() -> list[LiveEvent]:
    room = Room()
    room.do("d1", "attendance.checkin", state="present")
    room.request("d1", "r-1", "interpellation", to="Chủ tịch UBND", topic="Đường vành đai")
    room.request("d2", "r-2")
    room.run("chair", "speakers.approve", request_id="r-1")
    room.run("chair", "speakers.next")
    room.later(12_345)
    room.run("chair", "speakers.stop")
    return room.log


def test_the_canonical_form_and_the_hash_are_pinned() -> None:
    # Another implementation (a room hub, a future client) must hash the same
    # bytes: sorted keys, no spaces, UTF-8 written as itself.
    event = LiveEvent(1, "m-1", "attendance", "d1", 5, {"user": "d1", "reason": "Ốm"}, GENESIS, "")
    expected = (
        '{"actor":"d1","at":5,"data":{"reason":"Ốm","user":"d1"},'
        '"kind":"attendance","meeting_id":"m-1","seq":1}'
    ).encode()
    assert canonical(event) == expected
    assert link_hash(GENESIS, event) == hashlib.sha256(bytes(32) + expected).hexdigest()


def test_a_decided_log_verifies_and_folds() -> None:
    log = _log()
    verify_chain(GENESIS, log)
    verify_chain(log[2].hash, log[3:], prev_seq=3)
    assert fold("m-1", log).head_hash == log[-1].hash


def _broken(log: list[LiveEvent]) -> ChainBroken:
    with pytest.raises(ChainBroken) as caught:
        verify_chain(GENESIS, log)
    with pytest.raises(ChainBroken) as folded:
        fold("m-1", log)
    assert (folded.value.seq, folded.value.problem) == (caught.value.seq, caught.value.problem)
    return caught.value


def test_forged_data_is_found() -> None:
    log = _log()
    forged = replace(log[2], data={**log[2].data, "user": "d3"})
    broken = _broken([*log[:2], forged, *log[3:]])
    assert (broken.seq, broken.problem) == (3, "hash")


def test_a_forged_event_with_a_recomputed_hash_breaks_the_next_link() -> None:
    log = _log()
    forged = replace(log[2], at=log[2].at + 1)
    forged = replace(forged, hash=link_hash(forged.prev_hash, forged))
    broken = _broken([*log[:2], forged, *log[3:]])
    assert (broken.seq, broken.problem) == (4, "prev_hash")
    # As the last event it chains, but its hash is not the head the authority announces.
    tail = [*log[:-1], replace(log[-1], hash=link_hash(log[-1].prev_hash, replace(log[-1], at=1)))]
    assert tail[-1].hash != log[-1].hash


def test_reordered_events_are_found() -> None:
    log = _log()
    broken = _broken([*log[:2], log[3], log[2], *log[4:]])
    assert (broken.seq, broken.problem) == (4, "gap")


def test_a_missing_event_is_found() -> None:
    log = _log()
    broken = _broken([*log[:3], *log[4:]])
    assert (broken.seq, broken.problem) == (5, "gap")
    with pytest.raises(ChainBroken) as caught:
        verify_chain(log[1].hash, log[3:], prev_seq=2)
    assert caught.value.seq == 4


def test_a_renumbered_log_is_found() -> None:
    # Dropping an event and renumbering the rest keeps the seqs dense, not the chain.
    log = _log()
    renumbered = [replace(e, seq=e.seq - 1) for e in log[4:]]
    broken = _broken([*log[:3], *renumbered])
    assert (broken.seq, broken.problem) == (4, "prev_hash")


def test_an_event_of_another_meeting_is_found() -> None:
    log = _log()
    other = replace(log[1], meeting_id="m-2")
    other = replace(other, hash=link_hash(other.prev_hash, other))
    broken = _broken([log[0], other, *log[2:]])
    assert (broken.seq, broken.problem) == (2, "meeting")


def test_what_cannot_be_hashed_the_same_everywhere_is_refused() -> None:
    for data in ({"x": 0.5}, {"x": [1, {"y": float("nan")}]}, {1: "a"}, {"x": "\udcff"}):
        event = LiveEvent(1, "m-1", "attendance", "d1", 5, data, GENESIS, "")  # type: ignore[arg-type]
        with pytest.raises(ChainBroken) as caught:
            link_hash(GENESIS, event)
        assert caught.value.problem == "format"
    with pytest.raises(ChainBroken):
        link_hash("0" * 63, LiveEvent(1, "m-1", "k", "d1", 5, {}, GENESIS, ""))
    assert "event 7" in str(ChainBroken(7, "gap"))
