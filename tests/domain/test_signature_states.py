"""domain.signatures: the target level, what counts as too long without a
trusted time, and the reasons' messages. Pure: no file, no process."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hanoi_desk.domain.signatures import (
    REASON_TEXT,
    CompletionState,
    SignatureRecord,
    below,
    reason_template,
    target_level,
    unstamped_too_long,
)

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def record(state: CompletionState, level: str, days_ago: float) -> SignatureRecord:
    made = (NOW - timedelta(days=days_ago)).isoformat(timespec="seconds")
    return SignatureRecord(
        "op", "v1", "Tờ trình", 1, level, state, None, "a" * 64, "a" * 64, made, None
    )


def test_the_profile_setting_wins_then_the_body_then_b_lt() -> None:
    assert target_level(None, "") == "B-LT"
    assert target_level("B-LTA", "") == "B-LTA"
    assert target_level("B-LTA", "B-LT") == "B-LT"  # the profile's own setting
    assert target_level("B-B", "junk") == "B-LT"  # unknown words count as unset
    assert below("B-B", "B-LT") and below("B-T", "B-LT") and not below("B-LT", "B-LT")
    assert below("?", "B-LT")


def test_too_long_without_a_trusted_time() -> None:
    waiting = record(CompletionState.WAITING, "B-B", 8)
    assert waiting.overdue(NOW, 7)
    assert not record(CompletionState.WAITING, "B-B", 6).overdue(NOW, 7)
    assert not record(CompletionState.WAITING, "B-T", 30).overdue(NOW, 7)  # has a time
    assert not record(CompletionState.COMPLETED, "B-LT", 30).overdue(NOW, 7)
    assert not record(CompletionState.REFUSED, "B-B", 30).overdue(NOW, 7)  # reported as refused
    # verify's times carry Vietnam's zone; a time without a zone is not compared
    assert unstamped_too_long("B-B", "2026-11-01T09:00:00+07:00", NOW, 7)
    assert not unstamped_too_long("B-B", "2026-11-01T09:00:00", NOW, 7)
    assert not unstamped_too_long("B-B", None, NOW, 7)


def test_stored_reasons_read_with_or_without_their_detail() -> None:
    assert reason_template("tsa_unreachable:ClientConnectorError") == REASON_TEXT["tsa_unreachable"]
    assert reason_template("not_an_extension") == REASON_TEXT["not_an_extension"]
    assert reason_template("something new") is None
    assert reason_template(None) is None


def test_a_servers_policy_may_name_only_a_public_http_tsa() -> None:
    """Review M1: a server's policy cannot point this computer at its own network."""
    from hanoi_desk.domain.signatures import policy_tsa_allowed

    for refused in (
        "http://127.0.0.1:8080/tsa",
        "http://localhost/tsa",
        "http://tsa.localhost/",
        "http://printer.local/",
        "http://10.1.2.3/tsa",
        "http://192.168.1.1/",
        "http://172.16.0.5/",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/tsa",
        "http://[::ffff:127.0.0.1]/tsa",
        "http://[fe80::1]/tsa",
        "http://0.0.0.0/",
        "file:///etc/passwd",
        "ftp://tsa.example.vn/",
        "tsa.example.vn",
        "http://[broken/",
    ):
        assert not policy_tsa_allowed(refused), refused
    for allowed in (
        "https://tsa.example.vn/tsr",
        "http://timestamp.digicert.com",
        "http://8.8.8.8/",
    ):
        assert policy_tsa_allowed(allowed), allowed
