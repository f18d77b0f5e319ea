"""Signing documents of the encrypted cache, in memory, into the outbox.

The signing engine's batch (``signing.batch``) works file to file, which suits
the CLI; a cached document must never become a plaintext file, so here each
document is decrypted into memory, signed into memory with the engine's own
pieces (token login, key, context, appearance, pyHanko), and the signed bytes
go straight into the encrypted blob store with a ``signature.submit`` action
queued (``Replica.queue_signature``). One PIN per batch, a result per
document, and a token that disappears stops the batch. The token login belongs
to the unlocked profile session that signs (``CachedSigner.owner``) and ends
with the batch unless the signer chose to keep it for a few minutes.

The database writes go through ``store`` (a callable), so the UI can run them
on the lane that owns the connection while signing runs on the token lane.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field

from pyhanko.sign import fields

from hanoi_desk.app.token_access import list_tokens, token_unlocker
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.errors import Cancelled, HanoiDeskError, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.mupdf import pymupdf  # set up once: MuPDF's messages go to the log
from hanoi_desk.signing.appearance import AppearanceSpec, Kind, prepare
from hanoi_desk.signing.pades import (
    BatchContext,
    DocumentSigner,
    Level,
    SignOptions,
    batch_signer,
    context_for,
    new_field_name,
    sign_into,
)
from hanoi_desk.signing.pdfio import open_for_update
from hanoi_desk.signing.pin import PinPrompt
from hanoi_desk.signing.placement import NO_ANCHOR, Placement
from hanoi_desk.signing.thread import TOKEN_HUNG
from hanoi_desk.signing.tokens import TOKEN_GONE, ModuleReport, TokenInfo, TokenManager
from hanoi_desk.store.cache import Cache
from hanoi_desk.store.replica import Replica

# What the UI needs of the signing adapter, so it depends on the app layer only.
__all__ = [
    "AppearanceSpec",
    "CachedBatchReport",
    "CachedSignRequest",
    "CachedSigner",
    "Kind",
    "Level",
    "ModuleReport",
    "PagePlacement",
    "TokenInfo",
    "TokenManager",
    "queue_signed",
    "sign_bytes",
    "token_unlocker",
]

NOT_AVAILABLE = N_("“{title}” is not on this computer yet: sync before signing it.")
NOTHING_TO_SIGN = N_("Choose at least one document to sign.")
STOPPED = N_("Not signed: the batch stopped before this document ({reason}).")

Box = tuple[float, float, float, float]
StoreSigned = Callable[[DocumentSummary, bytes], str]
"""Keeps the signed bytes and queues them; returns the outbox op id."""


@dataclass(frozen=True)
class PagePlacement:
    """Where the visible signature goes: a box dragged on a page (PDF points,
    top-left origin, as the reader shows pages) or below an anchor text."""

    page: int = 0
    """0-based; -1 is the last page."""
    box: Box | None = None
    anchor: str | None = None
    corner: str = "bottom-right"
    """Without box or anchor: ``bottom-right`` (the signer's block) or ``top-right``
    (the attachment signature, as the Decree places it)."""


@dataclass(frozen=True)
class CachedSignRequest:
    documents: tuple[DocumentSummary, ...]
    module: str
    token: str
    cert_id: str | None = None
    appearance: AppearanceSpec | None = None
    placement: PagePlacement | None = None
    level: Level = Level.B_B
    tsa_url: str | None = None
    reason: str | None = None
    software_key: bool = False
    """Sign with the demo's software key in the file ``module`` (as listed by
    :meth:`CachedSigner.tokens` from the profile's ``software_keys``)."""
    keep_for: float = 0.0
    """Seconds (from the PIN) the token stays logged in after the batch, when
    the signer ticked the option; 0 logs out at the end of the batch."""


@dataclass(frozen=True)
class DocResult:
    document: DocumentSummary
    status: str
    """``signed``, ``failed`` or ``not-started``."""
    error: HanoiDeskError | None = None
    op_id: str | None = None


@dataclass
class CachedBatchReport:
    results: list[DocResult] = field(default_factory=list)
    stopped_by: HanoiDeskError | None = None
    kept_for: float = 0.0
    """Seconds the token stays logged in after this batch (0: logged out)."""

    @property
    def signed(self) -> int:
        return sum(1 for r in self.results if r.status == "signed")


def _box(data: bytes, doc: DocumentSummary, where: PagePlacement) -> tuple[int, Box]:
    """The page index and /Rect (user space) of the signature box, from the bytes."""
    with pymupdf.open(stream=data, filetype="pdf") as pdf:
        index = where.page if where.page >= 0 else pdf.page_count + where.page
        index = min(max(index, 0), pdf.page_count - 1)
        page = pdf[index]
        w, h = Placement().size
        if where.box is not None:
            shown = pymupdf.Rect(*where.box)
        elif not where.anchor:
            right = page.rect.width - 20
            top = 20 if where.corner == "top-right" else page.rect.height - 60 - h
            shown = pymupdf.Rect(right - w, top, right, top + h)
        else:
            hits = page.search_for(where.anchor)
            if not hits:
                raise UserError(NO_ANCHOR, text=where.anchor, page=index + 1, name=doc.title)
            hit = hits[0] * page.rotation_matrix
            hit.normalize()
            cx = (hit.x0 + hit.x1) / 2
            x0 = min(max(cx - w / 2, 0), page.rect.width - w)
            top = min(hit.y1 + 4, page.rect.height - h)
            shown = pymupdf.Rect(x0, top, x0 + w, top + h)
        user = shown * page.derotation_matrix * ~page.transformation_matrix
        user.normalize()
        return index, (user.x0, user.y0, user.x1, user.y1)


def sign_bytes(
    ctx: BatchContext, data: bytes, doc: DocumentSummary, where: PagePlacement | None
) -> bytes:
    """One signature appended as an incremental update, all in memory."""
    writer = open_for_update(io.BytesIO(data), doc.title)
    name = new_field_name(writer.prev)
    field_spec = None
    if where is not None:
        page, box = _box(data, doc, where)
        field_spec = fields.SigFieldSpec(name, on_page=page, box=box)
    out = io.BytesIO()
    sign_into(
        ctx,
        writer,
        doc.title,
        field_name=name,
        field_spec=field_spec,
        rotation=0,
        visible=where is not None,
        output=out,
    )
    return out.getvalue()


class CachedSigner:
    """Runs on the token lane; ``store`` is called for each signed document.

    ``owner`` is the unlocked profile session signing (``Session.token_scope``):
    a token login is only ever reused by the session that typed its PIN."""

    def __init__(self, cache: Cache, manager: TokenManager, owner: Hashable | None = None) -> None:
        self.cache = cache
        self.manager = manager
        self.owner = owner

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
        with batch_signer(
            self.manager,
            request.module,
            request.token,
            prompt,
            software_key=request.software_key,
            cert_id=request.cert_id,
            owner=self.owner,
            keep_for=0.0 if request.software_key else request.keep_for,
        ) as signer:
            report = self._batch(request, signer, store, progress, cancelled)
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
        appearance = None
        if request.appearance is not None and request.placement is not None:
            cert = signer.key.cert
            appearance = prepare(request.appearance, cert.common_name + cert.organization)
        options = SignOptions(level=request.level, tsa_url=request.tsa_url, reason=request.reason)
        ctx = context_for(signer, options, appearance)
        report = CachedBatchReport()
        total = len(request.documents)
        for done, doc in enumerate(request.documents):
            if report.stopped_by is None and cancelled is not None and cancelled():
                report.stopped_by = Cancelled()
            if report.stopped_by is not None:
                reason = report.stopped_by.message()
                error = UserError(STOPPED, reason=reason)
                report.results.append(DocResult(doc, "not-started", error))
                continue
            report.results.append(self._one(ctx, doc, request.placement, store, report))
            if progress is not None:
                progress(done + 1, total, doc.title)
        return report

    def _one(
        self,
        ctx: BatchContext,
        doc: DocumentSummary,
        where: PagePlacement | None,
        store: StoreSigned,
        report: CachedBatchReport,
    ) -> DocResult:
        try:
            if not doc.available:
                raise UserError(NOT_AVAILABLE, title=doc.title)
            signed = sign_bytes(ctx, self.cache.read_document(doc), doc, where)
            return DocResult(doc, "signed", None, store(doc, signed))
        except HanoiDeskError as exc:
            if exc.template in (TOKEN_GONE, TOKEN_HUNG):
                report.stopped_by = exc
            return DocResult(doc, "failed", exc)


def queue_signed(cache: Cache, doc: DocumentSummary, signed: bytes) -> str:
    """Database lane: the signed bytes into the encrypted store, and the action queued."""
    return Replica(cache).queue_signature(doc.version_id, signed)
