"""Raising signatures made offline from B-B to B-T, B-LT and B-LTA.

Nothing already signed is rewritten: each step is an incremental update of a
copy, renamed over the file only when all steps succeeded.

- B-T: a document timestamp over the file (ETSI EN 319 142-1 accepts a document
  time-stamp covering the signature in place of a signature time-stamp).
- B-LT: certificates, OCSP responses and CRLs of every signature (and of the
  timestamp) in the DSS, fetched from the network.
- B-LTA: a further document timestamp over the DSS.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

from asn1crypto import x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.validation import add_validation_info
from pyhanko_certvalidator import ValidationContext

from hanoi_desk.domain.signatures import REASON_EXPIRED, REASON_NOT_SIGNED, REASON_REVOKED
from hanoi_desk.errors import EnvironmentFault, HanoiDeskError, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.signing.pades import TSA_FAILED
from hanoi_desk.signing.pdfio import ENCRYPTED, atomic_output, open_input
from hanoi_desk.signing.verify import Revocation, _verify_stream, verify_file

EXPIRES_SOON = N_(
    "The certificate of {signer} expires on {date} and signature “{field}” has no timestamp "
    "yet: augment it before then, or it can no longer be shown valid."
)
NO_REVOCATION = N_(
    "Revocation data for {name} could not be fetched ({reason}); the file was raised to B-T "
    "only. Run augment again when the network is back."
)
NOT_SIGNED = N_("{name} has no signature to augment.")
SOON = timedelta(days=30)

LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")


@dataclass
class AugmentResult:
    path: Path
    before: str = "?"
    after: str = "?"
    warnings: list[HanoiDeskError] = field(default_factory=list)
    error: HanoiDeskError | None = None


def _has_signature_timestamp(sig: Any) -> bool:
    attrs = sig.signer_info["unsigned_attrs"]
    if not attrs:
        return False
    return any(a["type"].native == "signature_time_stamp_token" for a in attrs)


def expiry_warnings(path: Path, roots: Sequence[x509.Certificate]) -> list[HanoiDeskError]:
    out: list[HanoiDeskError] = []
    with open_input(path) as f:
        reader = PdfFileReader(f, strict=False)
        for sig in reader.embedded_regular_signatures:
            cert = sig.signer_cert
            not_after = cert["tbs_certificate"]["validity"]["not_after"].native
            has_ts = _has_signature_timestamp(sig) or any(
                t.signed_revision > sig.signed_revision
                for t in reader.embedded_timestamp_signatures
            )
            if not has_ts and not_after - datetime.now(UTC) < SOON:
                cn = cert.subject.native.get("common_name", "?")
                out.append(
                    UserError(
                        EXPIRES_SOON,
                        signer=cn,
                        date=not_after.date().isoformat(),
                        field=sig.field_name,
                    )
                )
    return out


def _lowest_level(path: Path, roots: Sequence[x509.Certificate]) -> str:
    report = verify_file(path, roots, fetch=False)
    if report.error:
        raise UserError(NOT_SIGNED, name=path.name)
    levels = [s.level for s in report.signatures if s.kind == "signature"]
    if not levels:
        raise UserError(NOT_SIGNED, name=path.name)
    return min(levels, key=LEVELS.index)


def _doc_timestamp(f: IO[bytes], tsa: Any, vc: Any) -> None:
    f.seek(0)
    w = IncrementalPdfFileWriter(f)
    try:
        signers.PdfTimeStamper(tsa).timestamp_pdf(w, "sha256", vc, in_place=True)
    except TimestampRequestError as exc:
        raise EnvironmentFault(TSA_FAILED, url=tsa.url, reason=type(exc).__name__) from None


def _add_dss(f: IO[bytes], vc: Any) -> None:
    """Revocation data for every signature, each added in its own incremental update
    (the reader is re-opened after each write so it sees the latest revision)."""
    f.seek(0)
    count = len(PdfFileReader(f).embedded_signatures)
    for i in range(count):
        f.seek(0)
        sig = PdfFileReader(f).embedded_signatures[i]
        add_validation_info(sig, vc, in_place=True, force_write=True)


def augment_file(
    path: Path, tsa_url: str, roots: Sequence[x509.Certificate], target: str = "B-LTA"
) -> AugmentResult:
    result = AugmentResult(path)
    try:
        with open_input(path) as f:
            if PdfFileReader(f, strict=False).encrypted:
                raise UserError(ENCRYPTED, name=path.name)
        result.before = _lowest_level(path, roots)
        result.warnings = expiry_warnings(path, roots)
        if LEVELS.index(result.before) >= LEVELS.index(target):
            result.after = result.before
            return result
        tsa = HTTPTimeStamper(tsa_url, timeout=10)
        vc = ValidationContext(trust_roots=list(roots), allow_fetching=True)
        reached = result.before
        with atomic_output(path) as out, path.open("rb") as src:
            shutil.copyfileobj(src, out)
            if reached == "B-B":
                _doc_timestamp(out, tsa, vc)
                reached = "B-T"
            if LEVELS.index(target) >= LEVELS.index("B-LT"):
                try:
                    _add_dss(out, vc)
                    reached = "B-LT"
                except HanoiDeskError:
                    raise
                except Exception as exc:  # pyHanko/certvalidator raise many fetch errors
                    result.warnings.append(
                        EnvironmentFault(NO_REVOCATION, name=path.name, reason=type(exc).__name__)
                    )
            if reached == "B-LT" and target == "B-LTA":
                _doc_timestamp(out, tsa, vc)
                reached = "B-LTA"
        result.after = _lowest_level(path, roots)
        result.warnings = [w for w in result.warnings if w.template != EXPIRES_SOON] + (
            expiry_warnings(path, roots)
        )
    except HanoiDeskError as exc:
        result.error = exc
    return result


# -- completion at sync (issue 12) ----------------------------------------------


@dataclass(frozen=True)
class Completion:
    """What one attempt to raise a signed file to its target level gave."""

    state: str
    """A ``domain.signatures.CompletionState`` word: ``completed``, ``not_needed``,
    ``waiting_for_timestamp`` or ``refused``."""
    before: str
    after: str
    data: bytes | None = None
    """The raised file (incremental updates after the signed bytes), when any
    step was added; None when nothing was."""
    reason: str | None = None
    """Why it waits (the failing service and error type) or was refused."""


def _levels(data: bytes, roots: Sequence[x509.Certificate], fetch: bool) -> tuple[str, bool]:
    """The lowest level of the file's signatures and whether any signer's
    certificate is known revoked (from the DSS, or from the network with ``fetch``)."""
    report = _verify_stream(io.BytesIO(data), "-", "-", roots, fetch)
    sigs = [s for s in report.signatures if s.kind == "signature"]
    if report.error or not sigs:
        raise UserError(NOT_SIGNED, name="-")
    revoked = any(s.revocation is Revocation.REVOKED for s in sigs)
    return min((s.level for s in sigs), key=LEVELS.index), revoked


def _expired_unstamped(data: bytes) -> bool:
    """A B-B signature whose certificate has expired: no timestamp added now can
    prove it was made while the certificate was valid."""
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    now = datetime.now(UTC)
    for sig in reader.embedded_regular_signatures:
        not_after = sig.signer_cert["tbs_certificate"]["validity"]["not_after"].native
        stamped = _has_signature_timestamp(sig) or any(
            t.signed_revision > sig.signed_revision for t in reader.embedded_timestamp_signatures
        )
        if not stamped and not_after < now:
            return True
    return False


def _bare(data: bytes) -> bool:
    """Signed, without any timestamp or DSS: a plain B-B file, whose level and
    (unknowable) revocation need no validation run — the common case at sync."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        sigs = list(reader.embedded_regular_signatures)
        if not sigs or reader.encrypted or "/DSS" in reader.root:
            return False
        return not list(reader.embedded_timestamp_signatures) and not any(
            _has_signature_timestamp(sig) for sig in sigs
        )
    except Exception:  # pyHanko raises several types for broken files: the full look says
        return False


def _first_look(data: bytes, roots: Sequence[x509.Certificate], target: str) -> Completion:
    """What can be said without the network: refused, not needed, or B-B/B-T to raise
    (``state`` empty)."""
    try:
        before, revoked = ("B-B", False) if _bare(data) else _levels(data, roots, fetch=False)
    except UserError:
        return Completion("refused", "?", "?", reason=REASON_NOT_SIGNED)
    if revoked:
        return Completion("refused", before, before, reason=REASON_REVOKED)
    if LEVELS.index(before) >= LEVELS.index(target):
        return Completion("not_needed", before, before)
    if before == "B-B" and _expired_unstamped(data):
        return Completion("refused", before, before, reason=REASON_EXPIRED)
    return Completion("", before, before)


def _stamp(out: IO[bytes], tsa_url: str | None, vc: Any, timeout: float) -> str | None:
    """A document timestamp appended to ``out``; None, or why it could not be had."""
    if not tsa_url:
        return "no_tsa"
    try:
        _doc_timestamp(out, HTTPTimeStamper(tsa_url, timeout=timeout), vc)
    except HanoiDeskError:
        return "tsa_unreachable"
    except Exception as exc:  # aiohttp raises many kinds of connection error
        return f"tsa_unreachable:{type(exc).__name__}"
    return None


def complete_bytes(
    data: bytes,
    roots: Sequence[x509.Certificate],
    target: str,
    tsa_url: str | None,
    timeout: float = 10.0,
) -> Completion:
    """Raise a signed file held in memory to ``target`` (B-LT or B-LTA).

    Each step is an incremental update appended to a copy of ``data``: the
    signed bytes are never rewritten. A timestamp authority or revocation
    service that cannot be reached leaves the signature waiting (with whatever
    was reached, e.g. B-T, so the next attempt goes on from there); a revoked
    certificate, or an expired one without a timestamp, refuses it. No token
    and no PIN are needed: a timestamp and revocation data are not signatures
    of the signer. Nothing is written to disk (a cached document stays encrypted).
    """
    first = _first_look(data, roots, target)
    if first.state:
        return first
    before = reached = first.before
    # pyHanko's own fetcher backend: it opens and closes its HTTP session around
    # each use (one passed in would outlive the event loop of the first step);
    # each OCSP/CRL request has its 10-second timeout.
    vc = ValidationContext(trust_roots=list(roots), allow_fetching=True)
    out = io.BytesIO(data)
    if reached == "B-B":
        problem = _stamp(out, tsa_url, vc, timeout)
        if problem is not None:
            return Completion("waiting_for_timestamp", before, before, reason=problem)
        reached = "B-T"
    try:
        _add_dss(out, vc)
    except Exception as exc:  # pyHanko/certvalidator raise many fetch and path errors
        return _no_revocation(out.getvalue(), roots, before, reached, type(exc).__name__)
    if target == "B-LTA":
        problem = _stamp(out, tsa_url, vc, timeout)
        if problem is not None:  # the B-LT file is kept; the archive stamp comes next time
            return Completion("waiting_for_timestamp", before, "B-LT", out.getvalue(), problem)
    return _judge(out.getvalue(), roots, before, target)


def _no_revocation(
    partial: bytes, roots: Sequence[x509.Certificate], before: str, reached: str, error: str
) -> Completion:
    """Revocation data could not be added: revoked, or only unreachable? Asked of
    the network once more, the way ``verify`` does."""
    try:
        revoked = _levels(partial, roots, fetch=True)[1]
    except UserError:
        revoked = False
    if revoked:
        return Completion("refused", before, reached, reason=REASON_REVOKED)
    kept = partial if reached != before else None
    reason = f"revocation_unreachable:{error}"
    return Completion("waiting_for_timestamp", before, reached, kept, reason)


def _judge(
    result: bytes, roots: Sequence[x509.Certificate], before: str, target: str
) -> Completion:
    """The raised file read back with pyHanko before it is kept or sent."""
    after, revoked = _levels(result, roots, fetch=False)
    if revoked:  # the DSS now holds a response saying so
        return Completion("refused", before, after, reason=REASON_REVOKED)
    if LEVELS.index(after) < LEVELS.index(target):
        return Completion("waiting_for_timestamp", before, after, result, "revocation_incomplete")
    return Completion("completed", before, after, result)
