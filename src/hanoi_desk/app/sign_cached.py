"""Signing documents of the encrypted cache, in memory, into the outbox.

The desktop (and the self-test) sign through the same batch loop and placement
code as ``hanoi-desk sign`` (``signing.batch.run_batch``,
``signing.placement``): only the :class:`Outbox` shelf differs. A cached
document must never become a plaintext file, so each document is decrypted
into memory, signed into memory, and the signed bytes go straight into the
encrypted blob store with a ``signature.submit`` action queued
(``Replica.queue_signature``). One PIN per batch, a result per document, a
token that disappears stops the batch, a box off a document's page fails that
document, and a document whose signed copy by this certificate is already in
the outbox (queued, sending or sent) is skipped, so a stopped batch resumes
where it stopped. The token login belongs to the unlocked profile session
that signs (``CachedSigner.owner``) and ends with the batch unless the signer
chose to keep it for a few minutes.

The database writes go through ``store`` (a callable) and the reads through
``on_db``, so the UI can run them on the lane that owns the connection while
signing runs on the token lane.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass

from asn1crypto import x509

from hanoi_desk.app.changes import ChangeBus, Changes
from hanoi_desk.app.token_access import list_tokens, token_unlocker
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.states import OutboxState
from hanoi_desk.errors import Translated, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.protocol.base import KIND_SIGNATURE_SUBMIT
from hanoi_desk.signing.appearance import AppearanceSpec, Kind
from hanoi_desk.signing.batch import Report, Status, Write, batch_context, run_batch
from hanoi_desk.signing.messages import Localized, LocalizedUserError
from hanoi_desk.signing.pades import (
    DocumentSigner,
    Level,
    SignOptions,
    Source,
    batch_signer,
    signatures_in,
    signed_once_more,
)
from hanoi_desk.signing.pin import PinPrompt
from hanoi_desk.signing.placement import Placement, decree_placement
from hanoi_desk.signing.tokens import ModuleReport, TokenInfo, TokenManager
from hanoi_desk.store.blobs import BlobError
from hanoi_desk.store.cache import Cache
from hanoi_desk.store.database import OnOwner, on_this_thread
from hanoi_desk.store.replica import Replica
from hanoi_desk.store.secmem import zero

# What the UI needs of the signing adapter, so it depends on the app layer only.
__all__ = [
    "AppearanceSpec",
    "CachedBatchReport",
    "CachedSignRequest",
    "CachedSigner",
    "Kind",
    "Level",
    "ModuleReport",
    "Placement",
    "Status",
    "TokenInfo",
    "TokenManager",
    "already_signed",
    "decree_placement",
    "queue_signed",
    "refuse_superseded",
    "token_unlocker",
    "versions_to_sign",
]

NOT_AVAILABLE = N_("“{title}” is not on this computer yet: sync before signing it.")
UNKNOWN_VERSION = N_("No document version {id} in this profile's cache (sync, or check the id).")
SUPERSEDED = N_(
    "“{title}” version {version} is not signed: the server replaced it with version "
    "{newer} (“{newer_title}”). Open that version and sign it."
)
NOTHING_TO_SIGN = N_("Choose at least one document to sign.")
STOPPED = N_("Not signed: the batch stopped before this document ({reason}).")

StoreSigned = Callable[[DocumentSummary, bytes], str]
"""Keeps the signed bytes and queues them; returns the outbox op id."""

SIGNED = Changes(signatures=True, outbox=True)
"""A batch that stored at least one signed copy (published once per batch)."""

SIGNED_COPY_STATES = (OutboxState.QUEUED, OutboxState.SENDING, OutboxState.DONE)
"""Outbox states whose signed copy counts as this signer's signature of the
version; a rejected one does not (the server refused it: signing again is the
way to retry)."""


@dataclass(frozen=True)
class CachedSignRequest:
    documents: tuple[DocumentSummary, ...]
    module: str
    token: str
    cert_id: str | None = None
    cert_text: str | None = None
    """Part of the certificate's subject (the CLI's ``--cert``)."""
    appearance: AppearanceSpec | None = None
    placement: Placement | None = None
    """None: an invisible signature. ``Placement.drawn`` for a box dragged in
    the reader, ``decree_placement`` for the Decree's usual place."""
    level: Level = Level.B_B
    tsa_url: str | None = None
    reason: str | None = None
    location: str | None = None
    trust: tuple[x509.Certificate, ...] = ()
    """Extra trust roots for B-LT/B-LTA validation data (the CLI's ``--trust``)."""
    software_key: bool = False
    """Sign with the demo's software key in the file ``module`` (as listed by
    :meth:`CachedSigner.tokens` from the profile's ``software_keys``)."""
    keep_for: float = 0.0
    """Seconds (from the PIN) the token stays logged in after the batch, when
    the signer ticked the option; 0 logs out at the end of the batch."""
    again: bool = False
    """The signer confirmed signing versions this profile already signed: they
    are signed once more instead of skipped (the dialog asks, the CLI's
    ``--again``). Off, a version already signed by this certificate is skipped
    (a stopped batch resumes)."""


@dataclass(frozen=True)
class DocResult:
    document: DocumentSummary
    status: Status
    """``signed``, ``skipped`` (already signed by this certificate, see
    :class:`Outbox`), ``failed`` or ``not-started``."""
    error: Translated | None = None
    op_id: str | None = None


@dataclass
class CachedBatchReport(Report[DocResult]):
    kept_for: float = 0.0
    """Seconds the token stays logged in after this batch (0: logged out)."""

    @property
    def signed(self) -> int:
        return self.count(Status.SIGNED)


def signed_copies(cache: Cache) -> dict[str, list[str]]:
    """The blobs (sha256) of the signed copies this profile queued or sent, by
    document version."""
    copies: dict[str, list[str]] = {}
    for entry in cache.outbox(SIGNED_COPY_STATES):
        if entry.kind != KIND_SIGNATURE_SUBMIT:
            continue
        payload = json.loads(entry.payload)
        version, sha = payload.get("document_version_id"), payload.get("sha256")
        if isinstance(version, str) and isinstance(sha, str):
            copies.setdefault(version, []).append(sha)
    return copies


def versions_to_sign(cache: Cache, version_ids: Sequence[str]) -> tuple[DocumentSummary, ...]:
    """The named versions of the cache, in the order given (each once); an
    unknown id or one whose bytes are not here is refused by name before any
    token is touched."""
    found = cache.versions(version_ids)
    chosen: dict[str, DocumentSummary] = {}
    for version_id in version_ids:
        doc = found.get(version_id)
        if doc is None:
            raise UserError(UNKNOWN_VERSION, id=version_id)
        if not doc.available:
            raise UserError(NOT_AVAILABLE, title=doc.title)
        chosen.setdefault(version_id, doc)
    return tuple(chosen.values())


def refuse_superseded(cache: Cache, documents: Sequence[DocumentSummary]) -> None:
    """The one rule, for the desktop and the CLI alike: a version the cache
    knows a newer version of is not signed (the server would refuse it with
    ``document_superseded`` anyway, after the signer spent a signature on it).
    Checked before the PIN is asked."""
    for doc in documents:
        try:
            latest = cache.document(doc.id)
        except UserError:  # the document itself is gone: the batch reports it
            continue
        if latest.version > doc.version:
            raise UserError(
                SUPERSEDED,
                title=doc.title,
                version=doc.version,
                newer=latest.version,
                newer_title=latest.title,
            )


def already_signed(cache: Cache, documents: Sequence[DocumentSummary]) -> list[DocumentSummary]:
    """Those of ``documents`` whose version this profile signed before (a signed
    copy queued, sending or accepted): the signer is asked before signing again."""
    earlier = signed_copies(cache)
    return [d for d in documents if d.version_id in earlier]


class Outbox:
    """The desktop's shelf for ``signing.batch.run_batch``: documents read from
    the encrypted cache into memory, signed copies handed to ``store``."""

    def __init__(
        self,
        cache: Cache,
        store: StoreSigned,
        on_db: OnOwner = on_this_thread,
        again: bool = False,
    ) -> None:
        self.cache = cache
        self.store = store
        self.on_db = on_db
        self.again = again
        # Read once per batch: listing the outbox for every document cost more
        # than signing it once the outbox held a few hundred entries.
        self._earlier: dict[str, list[str]] | None = None
        self._signed_now: set[str] = set()  # versions this batch signed

    def label(self, doc: DocumentSummary) -> str:
        return doc.title

    @contextlib.contextmanager
    def open(self, doc: DocumentSummary) -> Iterator[Source]:
        if not doc.available:
            raise UserError(NOT_AVAILABLE, title=doc.title)
        # The lease is a query, asked of the connection's thread; the bytes
        # are decrypted here, on the token lane, from the blob files.
        buffer = self.cache.read_readable(self.on_db(lambda: self.cache.readable(doc)))
        try:
            data = bytes(buffer)  # what pyHanko and PyMuPDF read
        finally:
            zero(buffer)
        yield Source(io.BytesIO(data), doc.title, data)

    def signed_already(self, doc: DocumentSummary, source: Source, cert: x509.Certificate) -> bool:
        if doc.version_id in self._signed_now:
            return True  # never twice in one batch, even when signing again
        if self.again:
            return False
        if self._earlier is None:
            self._earlier = self.on_db(lambda: signed_copies(self.cache))
        before: int | None = None  # the input is parsed only when a signed copy exists
        for sha in self._earlier.get(doc.version_id, ()):
            try:
                with self.cache.blobs.open(sha) as blob:
                    copy = blob.read_all()
            except BlobError:  # a copy that cannot be read proves nothing
                continue
            if before is None:
                before = signatures_in(source.stream)
            if signed_once_more(io.BytesIO(copy), cert, before):
                return True
        return False

    def keep(self, doc: DocumentSummary, write: Write) -> str | None:
        out = io.BytesIO()
        write(out)
        op_id = self.store(doc, out.getvalue())
        self._signed_now.add(doc.version_id)
        return op_id

    def result(
        self,
        doc: DocumentSummary,
        status: Status,
        error: Translated | None = None,
        kept_as: str | None = None,
    ) -> DocResult:
        if status is Status.NOT_STARTED and error is not None:
            # The stopping error, in the reader's language when it is shown.
            reason = Localized(((error.template, error.params),))
            error = LocalizedUserError(STOPPED, reason=reason)
        return DocResult(doc, status, error, kept_as)


class CachedSigner:
    """Runs on the token lane; ``store`` is called for each signed document.

    ``owner`` is the unlocked profile session signing (``Session.token_scope``):
    a token login is only ever reused by the session that typed its PIN.
    A batch that stored a signed copy publishes :data:`SIGNED` on ``changes``
    once, when it ends (stopped or not)."""

    def __init__(
        self,
        cache: Cache,
        manager: TokenManager,
        owner: Hashable | None = None,
        on_db: OnOwner = on_this_thread,
        changes: ChangeBus | None = None,
    ) -> None:
        self.cache = cache
        self.manager = manager
        self.owner = owner
        self.on_db = on_db
        """Runs the batch's queries (lease, earlier signed copies) on the thread
        that owns the connection: the batch itself runs on the token lane."""
        self.changes = changes if changes is not None else ChangeBus()

    def tokens(
        self, modules: Sequence[str] = (), software_keys: Sequence[str] = ()
    ) -> list[ModuleReport]:
        """Tokens, then the software keys the profile opted into (the demo's
        ``software_keys`` setting; empty in every other profile)."""
        return list_tokens(self.manager, modules, software_keys)

    def kept_for(self, module: str, token: str) -> float:
        """Seconds this session's kept login of the token has left (0: the next
        batch asks for the PIN)."""
        return self.manager.kept_for(module, token, self.owner)

    def sign(
        self,
        request: CachedSignRequest,
        prompt: PinPrompt,
        store: StoreSigned,
        progress: Callable[[int, int, str], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> CachedBatchReport:
        if not request.documents:
            raise UserError(NOTHING_TO_SIGN)
        # Before the PIN: a superseded version is refused, not signed.
        self.on_db(lambda: refuse_superseded(self.cache, request.documents))
        stored = 0

        def keep(doc: DocumentSummary, signed: bytes) -> str:
            nonlocal stored
            op_id = store(doc, signed)
            stored += 1
            return op_id

        try:
            with batch_signer(
                self.manager,
                request.module,
                request.token,
                prompt,
                software_key=request.software_key,
                cert_id=request.cert_id,
                cert_text=request.cert_text,
                owner=self.owner,
                keep_for=0.0 if request.software_key else request.keep_for,
            ) as signer:
                report = self._batch(request, signer, keep, progress, cancelled)
        finally:
            if stored:
                self.changes.publish(SIGNED)
        if not request.software_key:
            report.kept_for = self.kept_for(request.module, request.token)
        return report

    def _batch(
        self,
        request: CachedSignRequest,
        signer: DocumentSigner,
        store: StoreSigned,
        progress: Callable[[int, int, str], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> CachedBatchReport:
        options = SignOptions(
            level=request.level,
            tsa_url=request.tsa_url,
            reason=request.reason,
            location=request.location,
            placement=request.placement,
            trust=request.trust,
            field_name=request.placement.field if request.placement else None,
        )
        # An appearance is drawn only in a visible signature's box.
        appearance = request.appearance if request.placement is not None else None
        ctx = batch_context(signer, options, appearance)
        report = CachedBatchReport()
        shelf = Outbox(self.cache, store, self.on_db, again=request.again)
        run_batch(ctx, shelf, request.documents, report, progress=progress, cancelled=cancelled)
        return report


def queue_signed(cache: Cache, doc: DocumentSummary, signed: bytes, level: str = "B-B") -> str:
    """Database lane: the signed bytes into the encrypted store, the action
    queued and the signature recorded for completion at sync (its real level
    is read from the file there; ``level`` is what the signer asked for)."""
    return Replica(cache).queue_signature(doc.version_id, signed, level)
