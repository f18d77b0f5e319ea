"""Verification of every signature in a PDF, as data the CLI (``--json``) and the
UI both show.

Trust roots come only from what the caller configures (``--trust`` files and the
user's trust folder); nothing non-public is shipped. Revocation is checked from
the document's DSS first and, when allowed, from the network; when neither has
data the status says "unknown" instead of failing silently.
"""

from __future__ import annotations

import enum
import io
import logging
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from asn1crypto import pem, x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko.sign.validation.dss import DocumentSecurityStore, NoDSSFoundError
from pyhanko_certvalidator import ValidationContext

from hanoi_desk.domain.text import printable
from hanoi_desk.errors import HanoiDeskError, UserError
from hanoi_desk.i18n import N_, translate
from hanoi_desk.signing.appearance import VN_TZ
from hanoi_desk.signing.pdfio import ENCRYPTED, open_input

log = logging.getLogger(__name__)

BAD_TRUST = N_("The trust file {path} holds no certificate ({reason}).")
UNREADABLE = N_("{name} cannot be read as a PDF ({reason}).")
NO_SIGNATURES = N_("{name} has no signatures.")

# Labels of the human-readable report (translated at print time).
L_SIGNER = N_("Signer")
L_CLAIMED = N_("Claimed signing time")
L_TIMESTAMP = N_("Timestamp")
L_INTEGRITY = N_("Integrity")
L_TRUST = N_("Chain to a trusted root")
L_REVOCATION = N_("Revocation")
L_LEVEL = N_("PAdES level")
L_COVERAGE = N_("Coverage")
L_MODIFIED = N_("Changes after signing")
L_VERDICT = N_("Verdict")
L_WARNING = N_("warning: {text}")  # as the CLI words its warnings
YES = N_("yes")
NO = N_("no")
NONE = N_("none")
V_OK = N_("VALID: intact and trusted")
V_BAD = N_("NOT VALID")
R_GOOD = N_("not revoked (checked)")
R_REVOKED = N_("REVOKED on {date}")
R_UNKNOWN = N_("unknown (no revocation data available)")
SIG_HEADING = N_("Signature {n}: field “{field}”")
DOC_TS_HEADING = N_("Document timestamp {n}: field “{field}”")


class Revocation(enum.StrEnum):
    GOOD = "good"
    REVOKED = "revoked"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class SignatureReport:
    field: str
    kind: str  # "signature" or "doc-timestamp"
    signer: str
    signer_subject: str
    issuer: str
    claimed_time: str | None
    timestamp_time: str | None
    intact: bool
    valid: bool
    trusted: bool
    revocation: Revocation
    revoked_on: str | None
    level: str
    coverage: str
    modification_level: str
    ok: bool
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class FileReport:
    path: str
    signatures: tuple[SignatureReport, ...] = ()
    error: str | None = None
    active_content: tuple[str, ...] = ()
    """JavaScript or Launch actions in the file ("javascript", "launch"): the
    signatures may be valid, but a viewer that runs them can change what is shown."""
    active_content_checked: bool = True
    """False when the file was too large to be searched for them completely."""

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.signatures) and all(s.ok for s in self.signatures)

    def as_dict(self) -> dict[str, Any]:
        body = asdict(self)
        body["ok"] = self.ok
        return body


def load_roots(paths: Iterable[Path]) -> list[x509.Certificate]:
    """PEM or DER certificates from files or folders (``*.pem``, ``*.crt``, ``*.cer``)."""
    out: list[x509.Certificate] = []
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(
                sorted(q for q in p.iterdir() if q.suffix.lower() in {".pem", ".crt", ".cer"})
            )
        else:
            files.append(p)
    for f in files:
        try:
            data = f.read_bytes()
            if pem.detect(data):
                out.extend(x509.Certificate.load(der) for _, _, der in pem.unarmor(data, True))
            else:
                out.append(x509.Certificate.load(data))
        except (OSError, ValueError) as exc:
            raise UserError(BAD_TRUST, path=str(f), reason=type(exc).__name__) from None
    return out


def _iso(dt: datetime | None) -> str | None:
    return dt.astimezone(VN_TZ).isoformat(timespec="seconds") if dt else None


def _context(reader: Any, roots: Sequence[x509.Certificate], fetch: bool, mode: str) -> Any:
    kwargs: dict[str, Any] = {
        "trust_roots": list(roots),
        "allow_fetching": fetch,
        "revocation_mode": mode,
    }
    try:
        return DocumentSecurityStore.read_dss(reader).as_validation_context(kwargs)
    except NoDSSFoundError:
        if not fetch:  # "no revocation data at all", which hard-fail then reports
            kwargs.update(crls=[], ocsps=[])
        return ValidationContext(**kwargs)


def _level(sig: Any, status: Any, reader: Any, dss_has_revinfo: bool) -> str:
    """B-T needs a signature timestamp or a later document timestamp; B-LT adds
    revocation data in the DSS; B-LTA a document timestamp beyond the one giving B-T."""
    later_ts = sum(
        1 for t in reader.embedded_timestamp_signatures if t.signed_revision > sig.signed_revision
    )
    own_ts = 1 if status.timestamp_validity is not None else 0
    if own_ts + later_ts == 0:
        return "B-B"
    if not dss_has_revinfo:
        return "B-T"
    return "B-LTA" if own_ts + later_ts >= 2 else "B-LT"


def _dss_has_revinfo(reader: Any) -> bool:
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        return False
    return bool(dss.ocsps or dss.crls)


def _validate(sig: Any, reader: Any, roots: Sequence[x509.Certificate], fetch: bool) -> Any:
    """Hard-fail first, so "trusted" means revocation was checked: from the document's
    own DSS, then (when allowed) from the network; when no revocation data can be
    had at all, judge with soft-fail and report revocation as unknown."""
    status = None
    for online in (False, True) if fetch else (False,):
        ctx = _context(reader, roots, online, "hard-fail")
        status = validate_pdf_signature(sig, ctx, ctx)
        if status.trusted or status.revocation_details is not None or not status.intact:
            return status, True
    soft = _context(reader, roots, fetch, "soft-fail")
    return validate_pdf_signature(sig, soft, soft), False


def _name(cert: x509.Certificate) -> str:
    cn = cert.subject.native.get("common_name", "")
    return str(cn[-1] if isinstance(cn, list) else cn) or cert.subject.human_friendly


def verify_file(path: Path, roots: Sequence[x509.Certificate], fetch: bool = False) -> FileReport:
    """A file given to ``verify`` is expected to be signed: none is an error there."""
    with open_input(path) as f:
        report = _verify_stream(f, str(path), path.name, roots, fetch)
    if report.error is None and not report.signatures:
        report = replace(report, error=translate(NO_SIGNATURES, "en", name=path.name))
    return _with_active_content(report, path)


def verify_bytes(
    data: bytes,
    name: str,
    roots: Sequence[x509.Certificate],
    fetch: bool = False,
    *,
    label: str | None = None,
) -> FileReport:
    """Every signature of a document held in memory (a decrypted cached document
    must never become a plaintext file). ``name`` is used in messages and
    ``label`` (default ``name``) in the report; a document without signatures is
    a report with none, not an error, since a viewer shows unsigned documents too."""
    report = _verify_stream(io.BytesIO(data), label or name, name, roots, fetch)
    return _with_active_content(report, data)


def _with_active_content(report: FileReport, source: bytes | Path) -> FileReport:
    """What a viewer could run in the file, looked for by MuPDF (the same check as
    ``cache add``); a file MuPDF cannot open keeps the report pyHanko made."""
    from hanoi_desk.mupdf import scan_file  # PyMuPDF: only when a file is really verified

    scan = scan_file(source)
    if scan is None:
        return report
    return replace(report, active_content=scan.kinds, active_content_checked=scan.complete)


def _verify_stream(
    f: IO[bytes], label: str, name: str, roots: Sequence[x509.Certificate], fetch: bool
) -> FileReport:
    try:
        reader = PdfFileReader(f, strict=False)
        if reader.encrypted:
            return FileReport(label, error=translate(ENCRYPTED, "en", name=name))
        sigs = list(reader.embedded_signatures)
    except Exception as exc:  # pyHanko raises several types for broken files
        return FileReport(
            label, error=translate(UNREADABLE, "en", name=name, reason=type(exc).__name__)
        )
    if not sigs:
        return FileReport(label)
    revinfo = _dss_has_revinfo(reader)
    return FileReport(label, tuple(_one(sig, reader, roots, fetch, revinfo) for sig in sigs))


def _one(
    sig: Any, reader: Any, roots: Sequence[x509.Certificate], fetch: bool, revinfo: bool
) -> SignatureReport:
    is_ts = sig.sig_object.get("/Type") == "/DocTimeStamp"
    problems: list[str] = []
    if is_ts:
        status = validate_pdf_timestamp(sig, _context(reader, roots, fetch, "soft-fail"))
        checked = False
        claimed = None
        ts_time = _iso(status.timestamp)
        level = "doc-timestamp"
    else:
        status, checked = _validate(sig, reader, roots, fetch)
        claimed = _iso(status.signer_reported_dt)
        ts_time = _iso(status.timestamp_validity.timestamp) if status.timestamp_validity else None
        level = _level(sig, status, reader, revinfo)
    cert = status.signing_cert
    details = status.revocation_details
    if details is not None:
        revocation, revoked_on = Revocation.REVOKED, _iso(details.revocation_date)
    elif checked and status.trusted:
        revocation, revoked_on = Revocation.GOOD, None
    else:
        revocation, revoked_on = Revocation.UNKNOWN, None
    if status.trust_problem_indic is not None:
        problems.append(str(status.trust_problem_indic))
    modification = getattr(status, "modification_level", None)
    coverage = getattr(status, "coverage", None)
    return SignatureReport(
        field=str(sig.field_name),
        kind="doc-timestamp" if is_ts else "signature",
        signer=_name(cert),
        signer_subject=cert.subject.human_friendly,
        issuer=cert.issuer.human_friendly,
        claimed_time=claimed,
        timestamp_time=ts_time,
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted),
        revocation=revocation,
        revoked_on=revoked_on,
        level=level,
        coverage=coverage.name if coverage is not None else "?",
        modification_level=modification.name if modification is not None else "?",
        ok=bool(
            (status.intact and status.valid and status.trusted) if is_ts else status.bottom_line
        )
        and revocation is not Revocation.REVOKED,
        problems=tuple(problems),
    )


# Readable names for pyHanko's levels; --json keeps the enum names for scripts.
COVERAGE_NAMES = {
    "ENTIRE_FILE": N_("the whole file"),
    "ENTIRE_REVISION": N_("the whole revision it signed; later updates follow"),
    "CONTIGUOUS_BLOCK_FROM_START": N_("only the start of the file"),
    "UNCLEAR": N_("unclear"),
}
MODIFICATION_NAMES = {
    "NONE": N_("none"),
    "LTA_UPDATES": N_("only long-term validation data (timestamps, revocation data)"),
    "FORM_FILLING": N_("form filling and further signatures"),
    "ANNOTATIONS": N_("annotations"),
    "OTHER": N_("other changes that may alter the content"),
}


def render(report: FileReport, language: str | None = None) -> list[str]:
    """The human-readable report lines, in Vietnamese or English.

    Names, fields, paths and messages come from the file and its certificates:
    each is escaped (:func:`printable`), so an ESC sequence or a CR in a
    certificate's name cannot draw a fake signer or hide a verdict, and each
    signature's verdict is the last line of its block.
    """

    def t(template: str, **params: object) -> str:
        return translate(template, language, **params)

    lines = [printable(report.path)]
    warning = _active_warning(report)
    if warning is not None:
        lines.append("  " + t(L_WARNING, text=warning.message(language)))
    if report.error:
        lines.append(f"  {printable(report.error)}")
        return lines
    sig_n = ts_n = 0
    for s in report.signatures:
        field = printable(s.field)
        if s.kind == "doc-timestamp":
            ts_n += 1
            lines.append("  " + t(DOC_TS_HEADING, n=ts_n, field=field))
        else:
            sig_n += 1
            lines.append("  " + t(SIG_HEADING, n=sig_n, field=field))
        rev = {
            Revocation.GOOD: t(R_GOOD),
            Revocation.REVOKED: t(R_REVOKED, date=s.revoked_on),
            Revocation.UNKNOWN: t(R_UNKNOWN),
        }[s.revocation]
        rows = [
            (L_SIGNER, f"{printable(s.signer)} ({printable(s.signer_subject)})"),
            (L_CLAIMED, s.claimed_time or t(NONE)),
            (L_TIMESTAMP, s.timestamp_time or t(NONE)),
            (L_INTEGRITY, t(YES) if s.intact and s.valid else t(NO)),
            (L_TRUST, t(YES) if s.trusted else t(NO)),
            (L_REVOCATION, rev),
            (L_LEVEL, s.level),
            (
                L_COVERAGE,
                t(COVERAGE_NAMES[s.coverage])
                if s.coverage in COVERAGE_NAMES
                else printable(s.coverage),
            ),
            (
                L_MODIFIED,
                t(MODIFICATION_NAMES[s.modification_level])
                if s.modification_level in MODIFICATION_NAMES
                else printable(s.modification_level),
            ),
        ]
        lines.extend(f"    {t(label)}: {value}" for label, value in rows)
        # Last, and built from our own words only: nothing printed after it in
        # this block, and nothing before it can reach it (all escaped above).
        lines.append(f"    {t(L_VERDICT)}: {t(V_OK) if s.ok else t(V_BAD)}")
    return lines


def _active_warning(report: FileReport) -> HanoiDeskError | None:
    if not report.active_content and report.active_content_checked:
        return None  # the usual case: no need to load PyMuPDF for the wording
    from hanoi_desk.mupdf import Active, ActiveScan, active_content_warning

    found = frozenset(Active(k) for k in report.active_content)
    scan = ActiveScan(found, report.active_content_checked)
    return active_content_warning(scan, printable(Path(report.path).name))
