"""The one check of every signed PDF a client uploads (docs/server-uploads.md).

``signature.submit``, ``signing_step.sign`` and ``consultation.respond`` call
:func:`check_signed_upload`; ``signature.complete`` keeps its own byte checks
and LTA difference analysis (server/completion.py) and adds :func:`signer_problem`
on the signature it completes. Each runs *before* the write transaction
(mutations.apply_batch precomputes verdicts): pyHanko's work must not hold the
database's write lock. Nothing here raises on hostile input: every failure is
a refusal with a stable reason (protocol/signatures.py and the older codes).

What an accepted upload is:

1. when there is a base (the version's file, a signing request's head), the
   base is a byte-for-byte prefix of the upload;
2. exactly one new signature (a /Sig field; document timestamps only after
   it), in the field the workflow names (a step's prepared field, which the
   base held empty);
3. that signature intact, cryptographically valid and covering the whole file;
4. its certificate chains to one of the body's trust roots (pyHanko's path
   validation at the time of its signature timestamp token when the TSA
   chains to one of those roots too, else at the server's receipt time, never
   at the time the signature claims; no revocation fetching on the server,
   revocation is soft-fail);
5. its certificate is the uploader's registered one — or, when none is
   registered and the body takes it from a first signature, it becomes the
   registered one (only once the chain is trusted, and never one registered
   to another member: ``certificate_in_use``, checked in :func:`settle`);
6. from the base, pyHanko's difference analysis finds nothing beyond filling or
   creating that one signature field (form filling of it).
"""

from __future__ import annotations

import datetime
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hanoi_desk import protocol as p
from hanoi_desk.protocol import signatures as psig

MAX_SIGNED_UPLOAD = 64 * 1024 * 1024
"""Signed files larger than this are not read into memory: refused ``signature_invalid``."""


@dataclass(frozen=True)
class Verdict:
    """A signed upload's judgement: ``problem`` None when accepted."""

    problem: str | None
    signer: bytes | None = None
    """The accepted signature's certificate (DER)."""
    register: bool = False
    """Whether ``signer`` is to be registered as the uploader's certificate
    (none was, and the body takes it from a first signature)."""


@dataclass(frozen=True)
class Context:
    """What a body and its member bring to the check."""

    roots: tuple[bytes, ...]
    registered: bytes | None
    allow_first_certificate: bool


def context_for_meeting(session: Session, user_id: str, meeting_id: str) -> Context:
    """The trust roots of the meeting's body and the user's registered certificate."""
    from hanoi_desk.server.admin import trust_roots_of
    from hanoi_desk.server.models import Meeting, Organisation
    from hanoi_desk.server.votes import certificate_of

    registered = certificate_of(session, user_id)
    org = session.scalars(
        select(Organisation)
        .join(Meeting, Meeting.organisation_id == Organisation.id)
        .where(Meeting.id == meeting_id)
    ).first()
    if org is None:
        return Context((), registered, False)
    return Context(tuple(trust_roots_of(session, org.id)), registered,
                   bool(org.certificate_from_first_signature))  # fmt: skip


def check_signed_upload(
    new: bytes,
    *,
    base: bytes | None,
    registered: bytes | None,
    roots: Sequence[bytes],
    field: str | None,
    allow_first_certificate: bool,
    received: datetime.datetime | None = None,
) -> Verdict:
    """Whether ``new`` is accepted as one more signature by the uploader (see the
    module's docstring for the rules). ``base``: the file it must extend (None:
    a file the client made, e.g. a consultation opinion); ``field``: the
    signature field it must fill (None: any one new signature); ``received``:
    the server's receipt time (None: now), the time a signature without a
    timestamp token is judged at."""
    try:
        return _check(new, base=base, registered=registered, roots=roots, field=field,
                      allow_first_certificate=allow_first_certificate,
                      received=received or datetime.datetime.now(datetime.UTC))  # fmt: skip
    except Exception:  # any unreadable or hostile upload is refused, never raised
        return Verdict(psig.REASON_SIGNATURE_INVALID)


def _check(  # noqa: PLR0911, PLR0912 - one refusal per rule, in the documented order
    new: bytes,
    *,
    base: bytes | None,
    registered: bytes | None,
    roots: Sequence[bytes],
    field: str | None,
    allow_first_certificate: bool,
    received: datetime.datetime,
) -> Verdict:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields as pf

    if len(new) > MAX_SIGNED_UPLOAD or (base is not None and len(base) > MAX_SIGNED_UPLOAD):
        return Verdict(psig.REASON_SIGNATURE_INVALID)
    if base is not None and (len(new) <= len(base) or not new.startswith(base)):
        return Verdict(p.REASON_NOT_AN_EXTENSION)
    if not roots:
        return Verdict(psig.REASON_UNTRUSTED)  # the secure default: nothing is trusted yet
    old: set[str] = set()
    empty: set[str] = set()
    base_revision = -1
    if base is not None:
        before = PdfFileReader(io.BytesIO(base), strict=False)
        old = {s.field_name for s in before.embedded_signatures}
        empty = {name for name, _v, _r in pf.enumerate_sig_fields(before, filled_status=False)}
        base_revision = before.xrefs.total_revisions - 1
    reader = PdfFileReader(io.BytesIO(new), strict=False)
    # Only /Sig fields are signatures; document timestamps (/DocTimeStamp, a
    # B-LTA signature's archive stamp) are validation data added after it.
    fresh = [s for s in reader.embedded_signatures if s.field_name not in old]
    added = [s for s in fresh if s.sig_object_type == "/Sig"]
    if len(added) != 1:
        return Verdict(psig.REASON_WRONG_FIELD)
    sig = added[0]
    if any(s is not sig and s.signed_revision <= sig.signed_revision for s in fresh):
        return Verdict(psig.REASON_UNEXPECTED_CHANGE)  # a timestamp before the signature
    if field is not None and (sig.field_name != field or field not in empty):
        return Verdict(psig.REASON_WRONG_FIELD)
    if not new.rstrip(b"\r\n\t \x00").endswith(b"%%EOF"):
        return Verdict(psig.REASON_UNEXPECTED_CHANGE)  # bytes after the last revision
    problem = _crypto_problem(sig, roots, whole_file=True, received=received)
    if problem is not None:
        return Verdict(problem)
    signer = bytes(sig.signer_cert.dump())
    register = False
    if registered is None:
        if not allow_first_certificate:
            return Verdict(psig.REASON_NO_REGISTERED_CERTIFICATE)
        register = True
    elif signer != registered:
        return Verdict(psig.REASON_WRONG_SIGNER)
    if base is not None and _unexpected_change(
        reader, base_revision, sig.field_name, sig.signed_revision
    ):
        return Verdict(psig.REASON_UNEXPECTED_CHANGE)
    return Verdict(None, signer, register)


def _crypto_problem(
    sig: Any, roots: Sequence[bytes], *, whole_file: bool, received: datetime.datetime | None
) -> str | None:
    """The signature (a pyHanko ``EmbeddedPdfSignature``) intact, valid, covering
    the whole file when ``whole_file``, and its certificate chaining to a root:
    at its signature timestamp token's time when a token chains to a root too,
    else at ``received`` (docs/signing-trust.md). ``received`` None (completion
    of a file the server already accepted): at the time the signature claims."""
    from asn1crypto import x509 as ax509
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    trusted = [ax509.Certificate.load(r) for r in roots]

    def validate(moment: datetime.datetime, *, skip_diff: bool) -> Any:
        context = ValidationContext(trust_roots=trusted, moment=moment, allow_fetching=False,
                                    revocation_mode="soft-fail")  # fmt: skip
        return validate_pdf_signature(sig, context, skip_diff=skip_diff)

    now = datetime.datetime.now(datetime.UTC)
    if received is None:
        # Completion re-judges a signature the server accepted on upload (with
        # the rule below); never a time in the future.
        claimed = sig.self_reported_timestamp
        received = claimed if claimed is not None and claimed <= now else now
    # pyHanko's difference analysis from this signature's revision judges what was
    # added after it (a B-LT signature's DSS update); from the base, see below.
    status = validate(received, skip_diff=not whole_file)
    if not status.intact or not status.valid:
        return psig.REASON_SIGNATURE_INVALID
    if whole_file and not _nothing_but_lta_after(status, sig):
        return psig.REASON_UNEXPECTED_CHANGE  # something was added after signing
    # Never the signing time the signature claims: the signer chooses it, and an
    # expired certificate would sign on by backdating it (review 20, finding 3).
    # A TSA's time, which the signer cannot choose, counts when the TSA chains
    # to one of the body's roots.
    stamp = status.timestamp_validity
    if (stamp is not None and stamp.intact and stamp.valid and stamp.trusted
            and stamp.timestamp < received):  # fmt: skip
        status = validate(stamp.timestamp, skip_diff=True)
        if not status.intact or not status.valid:
            return psig.REASON_SIGNATURE_INVALID
    if not status.trusted:
        return psig.REASON_UNTRUSTED
    return None


def _nothing_but_lta_after(status: Any, sig: Any) -> bool:
    """The signature covers the whole file, or what follows its revision is only
    validation data and document timestamps (``LTA_UPDATES``: a signature made
    at B-LT or B-LTA carries them in later updates) in revisions of their own:
    bytes after the signature that are no revision (appended text, an update
    pyHanko cannot read) are refused, whatever a lenient reader makes of them."""
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return False
    if sig.signed_revision >= sig.reader.xrefs.total_revisions - 1:
        return False  # nothing pyHanko reads as a revision follows the signature
    level = status.modification_level
    return level is not None and level <= ModificationLevel.LTA_UPDATES


def _unexpected_change(reader: Any, base_revision: int, field: str, sig_revision: int) -> bool:
    """pyHanko's difference analysis from the base's last revision to the upload:
    anything beyond form filling, or a form field changed other than ``field``
    (pyHanko counts a document timestamp after it as an LTA update, not a field)."""
    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, ModificationLevel
    from pyhanko.sign.diff_analysis.policy_api import DiffResult

    base = reader.get_historical_resolver(base_revision)
    if "/AcroForm" not in base.root:
        return _first_field_changes(reader, base_revision, field, sig_revision)
    verdict = DEFAULT_DIFF_POLICY.review_file(reader, base_revision)
    if not isinstance(verdict, DiffResult):  # SuspiciousModification
        return True
    if verdict.modification_level > ModificationLevel.FORM_FILLING:
        return True
    return bool(set(verdict.changed_form_fields) - {field})


def _first_field_changes(reader: Any, base_revision: int, field: str, sig_revision: int) -> bool:
    """The first signature of a file with no form (the usual ``signature.submit``):
    pyHanko's policy cannot judge it (its form rule needs an /AcroForm in the
    base revision and raises without one), so this checks by hand what signing
    such a file adds, in exactly one incremental update: the catalog gains
    /AcroForm holding only the new field, one page gains its widget in
    /Annots, /Info may change; every other object of the base is untouched
    (new objects are reachable only through those)."""
    if sig_revision != base_revision + 1:
        return True  # an update before the signature's own (those after: LTA only, checked)
    old = reader.get_historical_resolver(base_revision)
    new = reader.get_historical_resolver(base_revision + 1)
    old_trailer, new_trailer = old.trailer_view, new.trailer_view
    # As references (the xref's own kind), not the trailer's IndirectObjects.
    root_ref = old_trailer.raw_get("/Root").reference
    info_ref = old_trailer.raw_get("/Info").reference if "/Info" in old_trailer else None
    if new_trailer.raw_get("/Root").reference != root_ref:
        return True
    form = new.root["/AcroForm"]
    # Nothing a viewer would show instead of the pages (/XFA) or redraw (/NeedAppearances).
    if not set(form) <= ACROFORM_KEYS:
        return True
    fields = form["/Fields"]
    if len(fields) != 1:
        return True
    widget = fields[0].get_object()
    if widget.get("/T") != field or "/Kids" in widget or not _is_rect(widget.get("/Rect")):
        return True
    widget_ref = fields.raw_get(0)  # pyHanko merges the field and its widget
    size = int(old_trailer["/Size"])
    annots = _indirect_annots(old)
    return not all(
        _override_allowed(
            old(ref),
            new(ref),
            ref,
            root_ref=root_ref,
            info_ref=info_ref,
            widget_ref=widget_ref,
            annots=annots,
        )
        for ref in new.explicit_refs_in_revision()
        if ref.idnum < size  # objects of the base; new ones are reached only through them
    )


ACROFORM_KEYS = frozenset({"/Fields", "/SigFlags", "/DA", "/DR"})
"""What signing a file with no form may put in its new /AcroForm."""


def _is_rect(value: Any) -> bool:
    from pyhanko.pdf_utils import generic

    return (isinstance(value, generic.ArrayObject) and len(value) == 4
            and all(isinstance(v, (generic.NumberObject, generic.FloatObject))
                    for v in value))  # fmt: skip


def _indirect_annots(old: Any) -> set[Any]:
    """The references of the base's pages' /Annots arrays that are objects of
    their own: signing appends the widget to such an array in place."""
    from pyhanko.pdf_utils import generic

    out: set[Any] = set()
    todo, seen = [old.root.raw_get("/Pages")], set()
    while todo:  # the page tree, each node once (a cyclic tree ends too)
        ref = todo.pop()
        if not isinstance(ref, generic.IndirectObject) or ref.reference in seen:
            continue
        seen.add(ref.reference)
        node = ref.get_object()
        if "/Kids" in node:
            todo.extend(node["/Kids"].raw_get(i) for i in range(len(node["/Kids"])))
        annots = node.raw_get("/Annots") if "/Annots" in node else None
        if isinstance(annots, generic.IndirectObject):
            out.add(annots.reference)
    return out


def _override_allowed(  # noqa: PLR0911 - one answer per kind of object
    before: Any,
    after: Any,
    ref: Any,
    *,
    root_ref: Any,
    info_ref: Any,
    widget_ref: Any,
    annots: set[Any],
) -> bool:
    """Whether the signature's update may have rewritten this object of the base."""
    from pyhanko.pdf_utils import generic
    from pyhanko.sign.diff_analysis.constants import ROOT_EXEMPT_STRICT_COMPARISON

    if ref == root_ref:
        # The keys pyHanko's own catalog rule lets a later revision change.
        return _same_except(before, after, set(ROOT_EXEMPT_STRICT_COMPARISON))
    if info_ref is not None and ref == info_ref:
        return True  # producer and dates: metadata only
    if ref in annots:  # a page's own /Annots array: the widget appended, nothing else
        kept = _refs(before)
        return kept is not None and _refs(after) == [*kept, widget_ref]
    if not isinstance(before, generic.DictionaryObject) or before.get("/Type") != "/Page":
        return False
    if not _same_except(before, after, {"/Annots"}):
        return False
    if isinstance(before.raw_get("/Annots") if "/Annots" in before else None,
                  generic.IndirectObject):  # fmt: skip
        # Signing appends to the array itself (above); the page naming another array
        # instead could drop or replace its annotations.
        return False
    kept = _refs(before.raw_get("/Annots")) if "/Annots" in before else []
    return kept is not None and _refs(after.raw_get("/Annots")) == [*kept, widget_ref]


def _refs(array: Any) -> list[Any] | None:
    """An array's entries as written (references not followed); None: no array
    written here (a reference to one is not what signing writes in a page)."""
    from pyhanko.pdf_utils import generic

    if not isinstance(array, generic.ArrayObject):
        return None
    return [array.raw_get(i) for i in range(len(array))]


def _same_except(before: Any, after: Any, allowed: set[str]) -> bool:
    from pyhanko.pdf_utils import generic

    if not isinstance(before, generic.DictionaryObject):
        return False
    if not isinstance(after, generic.DictionaryObject):
        return False
    keys = set(before) - allowed
    if keys != set(after) - allowed:
        return False
    return all(before.raw_get(k) == after.raw_get(k) for k in keys)


def signer_problem(
    pdf: bytes,
    *,
    covered_up_to: int,
    registered: bytes | None,
    roots: Sequence[bytes],
) -> str | None:
    """For a completed file (``signature.complete``): the newest signature whose
    byte range ends by ``covered_up_to`` (the held file's length) is intact,
    chains to a root and is the uploader's registered certificate. Its coverage
    and what was added after it are completion's own checks (server/completion.py)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not roots:
        return psig.REASON_UNTRUSTED
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        held = [
            s
            for s in reader.embedded_signatures
            if s.sig_object_type == "/Sig" and _covered_end(s) <= covered_up_to
        ]
        if not held:
            return psig.REASON_SIGNATURE_INVALID
        sig = max(held, key=_covered_end)
        problem = _crypto_problem(sig, roots, whole_file=False, received=None)
        if problem is not None:
            return problem
        signer = bytes(sig.signer_cert.dump())
    except Exception:  # never raised on hostile input
        return psig.REASON_SIGNATURE_INVALID
    if registered is None:
        return psig.REASON_NO_REGISTERED_CERTIFICATE
    return None if signer == registered else psig.REASON_WRONG_SIGNER


def _covered_end(sig: Any) -> int:
    byte_range = sig.sig_object["/ByteRange"]
    return int(byte_range[2]) + int(byte_range[3])


def settle(session: Session, user_id: str, verdict: Verdict) -> str | None:
    """In the write transaction: register a first signature's certificate where
    the verdict says so, unless one was registered since the verdict (an earlier
    mutation of the batch): then the signer must be that one. None: accepted."""
    from hanoi_desk.server import admin
    from hanoi_desk.server.votes import certificate_of

    if verdict.problem is not None:
        return verdict.problem
    if not verdict.register or verdict.signer is None:
        return None
    now_registered = certificate_of(session, user_id)
    if now_registered is None and _registered_to_another(session, user_id, verdict.signer):
        # One certificate, one member: a first signature proves only that the
        # uploader knew the account's password (docs/server-uploads.md).
        return psig.REASON_CERTIFICATE_IN_USE
    if now_registered is None:
        admin.store_certificate(session, user_id, verdict.signer, admin.CERT_FIRST_SIGNATURE)
        return None
    return None if now_registered == verdict.signer else psig.REASON_WRONG_SIGNER


def _registered_to_another(session: Session, user_id: str, der: bytes) -> bool:
    from hanoi_desk.server.models import MemberCertificate

    fingerprint = hashlib.sha256(der).hexdigest()
    return session.scalars(select(MemberCertificate.user_id).where(
        MemberCertificate.sha256 == fingerprint, MemberCertificate.user_id != user_id
    )).first() is not None  # fmt: skip
