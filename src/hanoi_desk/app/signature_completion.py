"""Completing this profile's signatures at sync: the plan and the pyHanko step
joined to the sync's completion step (sync/completion.py), and the list shown by
``hanoi-desk cache signatures``.

Where the target level and the timestamp authority come from, first found wins:
this profile's settings (``signature_level``, ``tsa_url``), then the policy
of the server synced (``signature_level``, ``tsa_url``; a TSA there on a local
or private address is not used: ``plan_for``), then B-LT and no TSA
(a signature then waits, visibly, until one is configured). Revocation data
(OCSP, CRL) is fetched from the addresses in the certificates themselves
(Authority Information Access, CRL distribution points); the trust roots are
the profile's ``trust_roots`` setting plus the trust folder, as for ``verify``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hanoi_desk.app.signing_service import trust_roots
from hanoi_desk.domain.policy import DevicePolicy
from hanoi_desk.domain.settings import SIGNATURE_LEVEL, TRUST_ROOTS, TSA_URL
from hanoi_desk.domain.signatures import (
    DEFAULT_OVERDUE_DAYS,
    REASON_TSA_NOT_ALLOWED,
    SignatureRecord,
    SignedCopy,
    policy_tsa_allowed,
    target_level,
)
from hanoi_desk.signing.augment import Completion, complete_bytes
from hanoi_desk.store.cache import Cache
from hanoi_desk.store.replica import Replica
from hanoi_desk.sync.completion import CompletionPlan, SignatureCompletion

__all__ = ["completion_for", "overdue", "overdue_days", "overdue_limit", "signatures"]


def _policies(cache: Cache, server: str | None = None) -> list[DevicePolicy]:
    return [
        s.policy for s in cache.repos.accounts.policies() if server is None or s.server == server
    ]


def _first(values: list[str | None]) -> str | None:
    return next((v for v in values if v), None)


def plan_for(cache: Cache, server: str | None = None) -> CompletionPlan:
    """The profile's settings over the policy of ``server`` (read after the pull).

    ``server``: the account this sync talks to, where the completed files go
    (the profile's documents came from it); only its policy counts, never
    another server's the profile also uses (None: every account's, for a
    profile of one server). A policy's TSA on a local or private address, or
    not http(s), is not used (domain.signatures.policy_tsa_allowed): the
    signature waits with ``tsa_not_allowed``; the profile's own ``tsa_url``
    setting is the user's choice and is used as it is."""
    settings = cache.repos.settings.load()
    policies = _policies(cache, server)
    policy_level = _first([p.signature_level for p in policies])
    own = settings[TSA_URL] or None
    offered = _first([p.tsa_url for p in policies])
    problem = None
    if own is None and offered is not None and not policy_tsa_allowed(offered):
        offered, problem = None, REASON_TSA_NOT_ALLOWED
    return CompletionPlan(
        target=target_level(policy_level, settings[SIGNATURE_LEVEL]),
        tsa_url=own or offered,
        overdue_days=overdue_days(policies),
        tsa_problem=problem,
    )


def overdue_days(policies: list[DevicePolicy]) -> int:
    """The shortest limit any server sets, else the default."""
    limits = [p.signature_overdue_days for p in policies if p.signature_overdue_days]
    return min(limits) if limits else DEFAULT_OVERDUE_DAYS


def completion_for(
    cache: Cache, replica: Replica, home: Path | None, timeout: float, server: str | None = None
) -> SignatureCompletion:
    """The sync's completion step for this profile; ``timeout`` is the sync's
    per-request timeout, applied to every TSA, OCSP and CRL request; ``server``
    the account synced (whose policy alone counts)."""
    extra = [Path(p) for p in cache.repos.settings.load()[TRUST_ROOTS]]
    roots = trust_roots(home, extra)

    def raise_level(data: bytes, target: str, tsa_url: str | None) -> Completion:
        return complete_bytes(data, roots, target, tsa_url, timeout=timeout)

    return SignatureCompletion(replica, raise_level, lambda: plan_for(cache, server))


def signatures(cache: Cache) -> list[SignatureRecord]:
    """Every signature this profile made, oldest first."""
    return cache.repos.signatures.all()


def signed_by_others(cache: Cache) -> list[tuple[SignedCopy, str, int | None]]:
    """Other members' accepted signatures this user may see (the secretariat's):
    (the record, its document's title, its version number)."""
    return cache.repos.signatures.others()


def overdue_limit(cache: Cache) -> int:
    """Days after which a signature still without a trusted time is reported."""
    return overdue_days(_policies(cache))


def overdue(cache: Cache, now: datetime | None = None) -> list[SignatureRecord]:
    """Signatures older than the policy's limit still without a trusted time."""
    days = overdue_limit(cache)
    at = now or datetime.now(UTC)
    return [r for r in signatures(cache) if r.overdue(at, days)]
