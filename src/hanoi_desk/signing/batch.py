"""Signing many documents with one login.

Each file gets its own result. A file that is bad (encrypted, broken, no such
field) is reported and the batch goes on; a token that disappears stops the
batch at once: files already signed stay, the rest are reported as not signed,
and nothing is half-written (outputs are renamed into place only when complete).
Re-running the same batch skips outputs that already carry this signer's
signature, so a stopped batch resumes where it stopped.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hanoi_desk.errors import Cancelled, HanoiDeskError, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.signing.pades import (
    BatchContext,
    Level,
    already_signed_by,
    count_signatures,
    sign_one,
)
from hanoi_desk.signing.pdfio import SAME_FILE, remove_stale_parts
from hanoi_desk.signing.thread import TOKEN_HUNG
from hanoi_desk.signing.tokens import TOKEN_GONE

STOPPED = N_("Not signed: the batch stopped before this file ({reason}).")
EXPIRES_UNSTAMPED = N_(
    "The certificate of {signer} expires on {date} and these signatures have no timestamp: "
    "run augment (or sync) before then, or they can no longer be shown valid."
)
SOON = timedelta(days=30)

Progress = Callable[[int, int, str], None]
IsCancelled = Callable[[], bool]

_STOPS_BATCH = (TOKEN_GONE, TOKEN_HUNG)


class Status(enum.StrEnum):
    SIGNED = "signed"
    SKIPPED = "skipped"  # already signed by this certificate in an earlier run
    FAILED = "failed"
    NOT_STARTED = "not-started"


@dataclass(frozen=True)
class FileResult:
    source: Path
    output: Path
    status: Status
    error: HanoiDeskError | None = None


@dataclass
class BatchReport:
    results: list[FileResult] = field(default_factory=list)
    stopped_by: HanoiDeskError | None = None
    sign_operations: int = 0
    warnings: list[HanoiDeskError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.stopped_by is None and all(
            r.status in (Status.SIGNED, Status.SKIPPED) for r in self.results
        )

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status is status)


def output_path(src: Path, out_dir: Path) -> Path:
    return out_dir / src.name


def sign_batch(
    ctx: BatchContext,
    files: Sequence[Path],
    out_dir: Path,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> BatchReport:
    report = BatchReport()
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(out_dir)
    before_ops = ctx.signer.sign_operations
    cert = ctx.signer.key.cert.cert
    for i, src in enumerate(files):
        out = output_path(src, out_dir)
        if report.stopped_by is not None:
            report.results.append(FileResult(src, out, Status.NOT_STARTED, report.stopped_by))
            continue
        if cancelled is not None and cancelled():
            report.stopped_by = Cancelled()
            report.results.append(FileResult(src, out, Status.NOT_STARTED, report.stopped_by))
            continue
        try:
            if out.resolve() == src.resolve():
                raise UserError(SAME_FILE, path=str(out))
            if already_signed_by(out, cert, count_signatures(src)):
                report.results.append(FileResult(src, out, Status.SKIPPED))
            else:
                sign_one(ctx, src, out)
                report.results.append(FileResult(src, out, Status.SIGNED))
        except HanoiDeskError as exc:
            report.results.append(FileResult(src, out, Status.FAILED, exc))
            if exc.template in _STOPS_BATCH:
                report.stopped_by = exc
        if progress is not None:
            progress(i + 1, len(files), src.name)
    report.sign_operations = ctx.signer.sign_operations - before_ops
    info = ctx.signer.key.cert
    if ctx.options.level is Level.B_B and info.not_after - datetime.now(UTC) < SOON:
        report.warnings.append(
            UserError(EXPIRES_UNSTAMPED, signer=info.common_name, date=info.not_after.date())
        )
    return report
