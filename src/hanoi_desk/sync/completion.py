"""The sync's completion step: signatures made offline raised to their target level.

Runs inside a sync run (its thread and the profile connection the run opened),
after the pull — so the body's current policy is known — and before the push,
so a completed file goes up in the same run, behind the signed file it
extends (the outbox keeps its order). Each waiting signature is read from the
encrypted cache, raised in memory by ``raise_`` (pyHanko, wired by the app
layer: the sync adapter does not import the signing one), and the result
written back encrypted:

- completed: the file is queued as ``signature.complete`` (uploaded like a
  signature, then accepted by the server only if it extends the signed file);
- waiting: the timestamp or revocation services could not be reached; what
  was reached (say B-T) is kept and the next sync goes on from it;
- refused: a revoked certificate, or an expired one without a timestamp;
  reported in the run's result, never retried.

No service being reachable never fails the run: everything else still syncs.
No token and no PIN are involved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from hanoi_desk.domain.signatures import CompletionState, SignatureRecord
from hanoi_desk.domain.states import OutboxState

log = logging.getLogger(__name__)


class Raised(Protocol):
    """What one attempt gave (``signing.augment.Completion``)."""

    @property
    def state(self) -> str: ...

    @property
    def before(self) -> str: ...

    @property
    def after(self) -> str: ...

    @property
    def data(self) -> bytes | None: ...

    @property
    def reason(self) -> str | None: ...


RaiseLevel = Callable[[bytes, str, "str | None"], Raised]
"""(signed file, target level, TSA URL or None) -> the attempt's outcome."""


@dataclass(frozen=True)
class CompletionPlan:
    target: str
    """``B-LT`` or ``B-LTA`` (domain.signatures.target_level)."""
    tsa_url: str | None
    overdue_days: int
    """A signature this old still without a trusted time is reported."""
    tsa_problem: str | None = None
    """Why no TSA is used although the server's policy names one (the reason a
    signature then waits with instead of ``no_tsa``)."""


class SignatureShelf(Protocol):
    """The cache's side (``store.replica.Replica``)."""

    def signatures_waiting(self) -> list[SignatureRecord]: ...

    def signature_bytes(self, sha256: str) -> bytes: ...

    def signature_raised(
        self,
        record: SignatureRecord,
        state: CompletionState,
        level: str,
        data: bytes | None,
        reason: str | None,
    ) -> None: ...


@dataclass
class CompletionReport:
    completed: list[str] = field(default_factory=list)
    """Ids of the signatures completed (and queued for upload) in this run."""
    waiting: list[tuple[str, str]] = field(default_factory=list)
    """(title, reason) of signatures still waiting for a timestamp or revocation data."""
    refused: list[tuple[str, str]] = field(default_factory=list)
    """(title, reason) of signatures that cannot be completed (reported, not hidden)."""
    overdue: int = 0
    """Signatures older than the policy's limit still without a trusted time."""
    overdue_days: int = 0
    """That limit, in days."""


class SignatureCompletion:
    def __init__(
        self,
        shelf: SignatureShelf,
        raise_level: RaiseLevel,
        plan: Callable[[], CompletionPlan],
    ) -> None:
        self.shelf = shelf
        self.raise_level = raise_level
        self.plan = plan
        """Asked at the step, after the pull: the policy may have just changed."""

    def run(self, step: Callable[[], None]) -> CompletionReport:
        """``step`` is the run's check (cancel, deadline) before each signature."""
        plan = self.plan()
        report = CompletionReport(overdue_days=plan.overdue_days)
        for record in self.shelf.signatures_waiting():
            step()
            if record.upload is OutboxState.REJECTED:
                # The server refused the signed file itself: a completed one would be
                # refused too (and would cost a timestamp). Reported with its reason.
                state, level, data = CompletionState.REFUSED, record.level, None
                reason: str | None = record.upload_reason or "rejected"
            else:
                state, level, data, reason = self._one(record, plan)
            self.shelf.signature_raised(record, state, level, data, reason)
            if state is CompletionState.COMPLETED:
                report.completed.append(record.id)
            elif state is CompletionState.REFUSED:
                report.refused.append((record.title, reason or ""))
            elif state is CompletionState.WAITING:
                report.waiting.append((record.title, reason or ""))
                if record.overdue(datetime.now(UTC), plan.overdue_days):
                    report.overdue += 1
        return report

    def _one(
        self, record: SignatureRecord, plan: CompletionPlan
    ) -> tuple[CompletionState, str, bytes | None, str | None]:
        try:
            data = self.shelf.signature_bytes(record.sha256)
            outcome = self.raise_level(data, plan.target, plan.tsa_url)
            state = CompletionState(outcome.state)
        except Exception as exc:  # one broken file must not stop the sync
            log.warning("signature %s not completed: %s", record.id[:12], type(exc).__name__)
            return CompletionState.WAITING, record.level, None, type(exc).__name__
        # The level of the file kept: the reached one only when its bytes are kept.
        level = outcome.after if outcome.data is not None else outcome.before
        reason = outcome.reason
        if reason == "no_tsa" and plan.tsa_problem:
            reason = plan.tsa_problem
        return state, level, outcome.data, reason
