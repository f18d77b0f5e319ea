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

from hanoi_desk.errors import EnvironmentFault, HanoiDeskError, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.signing.pades import TSA_FAILED
from hanoi_desk.signing.pdfio import ENCRYPTED, atomic_output, open_input
from hanoi_desk.signing.verify import verify_file

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
