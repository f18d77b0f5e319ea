"""Signing many documents with one login: the one batch loop of every signing
path (``hanoi-desk sign``, the desktop, the self-test).

Each document gets its own result. A document that is bad (encrypted, broken,
no such field, a box off its page) is reported and the batch goes on; a token
that disappears or hangs (:class:`TokenUnavailable`) stops the batch at once:
documents already signed stay, the rest are reported as not started, and
nothing is half-kept. Re-running the same batch skips documents whose signed
copy already carries this signer's signature, so a stopped batch resumes where
it stopped.

Where documents come from and where signed copies go is a :class:`Shelf`:
:class:`Folder` signs files into an output folder (written to a temp file,
renamed into place only when complete); the desktop's shelf reads documents of
the encrypted cache into memory and keeps the signed bytes in its outbox
(``app.sign_cached``), so no plaintext file is ever written.
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Generic, Protocol, TypeVar

from asn1crypto import x509

from hanoi_desk.errors import Cancelled, HanoiDeskError, Translated, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.signing.appearance import AppearanceSpec, prepare
from hanoi_desk.signing.pades import (
    BatchContext,
    DocumentSigner,
    Level,
    SignOptions,
    Source,
    already_signed_by,
    context_for,
    prepare_signature,
    signatures_in,
)
from hanoi_desk.signing.pdfio import SAME_FILE, atomic_output, open_input, remove_stale_parts
from hanoi_desk.signing.thread import TokenUnavailable

EXPIRES_UNSTAMPED = N_(
    "The certificate of {signer} expires on {date} and these signatures have no timestamp: "
    "run augment (or sync) before then, or they can no longer be shown valid."
)
SOON = timedelta(days=30)

Progress = Callable[[int, int, str], None]
IsCancelled = Callable[[], bool]
Write = Callable[[IO[bytes]], None]
"""Signs the prepared document into the stream it is given."""


class Status(enum.StrEnum):
    SIGNED = "signed"
    SKIPPED = "skipped"  # already signed by this certificate in an earlier run
    FAILED = "failed"
    NOT_STARTED = "not-started"


class HasStatus(Protocol):
    @property
    def status(self) -> Status: ...


D = TypeVar("D")
D_contra = TypeVar("D_contra", contravariant=True)
R = TypeVar("R", bound=HasStatus)
R_co = TypeVar("R_co", bound=HasStatus, covariant=True)


class Shelf(Protocol[D_contra, R_co]):
    """Where a batch's documents come from and where their signed copies go."""

    def label(self, doc: D_contra) -> str:
        """The document's name, for progress."""
        ...

    def open(self, doc: D_contra) -> AbstractContextManager[Source]:
        """The document to sign, open for the time it is signed."""
        ...

    def signed_already(self, doc: D_contra, source: Source, cert: x509.Certificate) -> bool:
        """Whether an earlier run kept a signed copy of ``doc`` by ``cert`` (resume)."""
        ...

    def keep(self, doc: D_contra, write: Write) -> str | None:
        """Has ``write`` sign into an output and keeps it once complete; returns
        where it went (a path, an outbox id) or None."""
        ...

    def result(
        self,
        doc: D_contra,
        status: Status,
        error: Translated | None = None,
        kept_as: str | None = None,
    ) -> R_co:
        """The result of ``doc`` as this shelf's callers read it."""
        ...


@dataclass
class Report(Generic[R]):
    results: list[R] = field(default_factory=list)
    stopped_by: Translated | None = None
    sign_operations: int = 0
    warnings: list[HanoiDeskError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.stopped_by is None and all(
            r.status in (Status.SIGNED, Status.SKIPPED) for r in self.results
        )

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status is status)


def batch_context(
    signer: DocumentSigner, options: SignOptions, appearance: AppearanceSpec | None
) -> BatchContext:
    """The context of one batch; the appearance is prepared once, for the
    signer's name and organisation."""
    prepared = None
    if appearance is not None:
        cert = signer.key.cert
        prepared = prepare(appearance, cert.common_name + cert.organization)
    return context_for(signer, options, prepared)


def run_batch(
    ctx: BatchContext,
    shelf: Shelf[D, R],
    documents: Sequence[D],
    report: Report[R],
    *,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> None:
    """Sign ``documents`` from ``shelf`` into ``report``, in order."""
    before_ops = ctx.signer.sign_operations
    cert = ctx.signer.key.cert.cert
    total = len(documents)
    for done, doc in enumerate(documents, start=1):
        if report.stopped_by is None and cancelled is not None and cancelled():
            report.stopped_by = Cancelled()
        if report.stopped_by is not None:
            report.results.append(shelf.result(doc, Status.NOT_STARTED, report.stopped_by))
            continue
        try:
            report.results.append(_sign(ctx, shelf, doc, cert))
        except TokenUnavailable as exc:  # the token cannot sign the rest either
            report.stopped_by = exc
            report.results.append(shelf.result(doc, Status.FAILED, exc))
        except HanoiDeskError as exc:  # this document only
            report.results.append(shelf.result(doc, Status.FAILED, exc))
        if progress is not None:
            progress(done, total, shelf.label(doc))
    report.sign_operations = ctx.signer.sign_operations - before_ops
    info = ctx.signer.key.cert
    if ctx.options.level is Level.B_B and info.not_after - datetime.now(UTC) < SOON:
        report.warnings.append(
            UserError(EXPIRES_UNSTAMPED, signer=info.common_name, date=info.not_after.date())
        )


def _sign(ctx: BatchContext, shelf: Shelf[D, R], doc: D, cert: x509.Certificate) -> R:
    with shelf.open(doc) as source:
        if shelf.signed_already(doc, source, cert):
            return shelf.result(doc, Status.SKIPPED)
        prepared = prepare_signature(ctx, source)  # a bad document fails before any output
        return shelf.result(doc, Status.SIGNED, kept_as=shelf.keep(doc, prepared.write))


# -- files into a folder (hanoi-desk sign) ----------------------------------------------


@dataclass(frozen=True)
class FileResult:
    source: Path
    output: Path
    status: Status
    error: Translated | None = None


@dataclass
class BatchReport(Report[FileResult]):
    pass


def output_path(src: Path, out_dir: Path) -> Path:
    return out_dir / src.name


class Folder:
    """Files signed into ``out_dir`` under their own names; a signed output
    already there is this batch's earlier run."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir

    def label(self, doc: Path) -> str:
        return doc.name

    @contextlib.contextmanager
    def open(self, doc: Path) -> Iterator[Source]:
        out = output_path(doc, self.out_dir)
        if out.resolve() == doc.resolve():
            raise UserError(SAME_FILE, path=str(out))
        with open_input(doc) as f:
            yield Source(f, doc.name, doc)

    def signed_already(self, doc: Path, source: Source, cert: x509.Certificate) -> bool:
        out = output_path(doc, self.out_dir)
        # The input is parsed for its signatures only when an output exists.
        return out.is_file() and already_signed_by(out, cert, signatures_in(source.stream))

    def keep(self, doc: Path, write: Write) -> str | None:
        out = output_path(doc, self.out_dir)
        with atomic_output(out) as target:
            write(target)
        return str(out)

    def result(
        self,
        doc: Path,
        status: Status,
        error: Translated | None = None,
        kept_as: str | None = None,
    ) -> FileResult:
        return FileResult(doc, output_path(doc, self.out_dir), status, error)


def sign_batch(
    ctx: BatchContext,
    files: Sequence[Path],
    out_dir: Path,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> BatchReport:
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(out_dir)
    report = BatchReport()
    run_batch(ctx, Folder(out_dir), files, report, progress=progress, cancelled=cancelled)
    return report
