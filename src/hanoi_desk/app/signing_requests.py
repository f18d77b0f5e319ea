"""Signing requests on this computer (docs/signing-requests.md): the requests
the feed brought, "waiting for my signature" first, and signing my step.

Signing takes the request's head (fetched by the sync for my active steps, so
it works offline), fills my step's prepared field through the one signing
pipeline (``signing.batch.run_batch``, one PIN) and queues
``signing_step.sign`` with the signed file; the next sync uploads and sends it.
After a ``stale_head`` refusal the next sync brings the new head and the same
command signs it: one more PIN entry, never automatic.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import time
from collections.abc import Callable
from dataclasses import dataclass

from hanoi_desk.app.consultation import when
from hanoi_desk.app.sign_bytes import SignedOnce, SignWith, sign_once
from hanoi_desk.domain import signing_requests as dr
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.states import OutboxState
from hanoi_desk.domain.text import printable
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, translate
from hanoi_desk.protocol.signing_requests import (
    KIND_SIGNING_STEP_DECLINE,
    KIND_SIGNING_STEP_SIGN,
    MAX_REASON,
    REASON_STALE_HEAD,
)
from hanoi_desk.signing.pades import SignOptions
from hanoi_desk.signing.pin import PinPrompt
from hanoi_desk.signing.tokens import TokenManager
from hanoi_desk.store.cache import Cache
from hanoi_desk.store.database import OnOwner, on_this_thread

NO_REQUEST = N_("There is no signing request “{id}” on this computer. Sync first.")
NOT_MINE = N_("Signing request “{title}” is not waiting for your signature.")
NO_HEAD = N_("The file to sign for “{title}” is not on this computer yet. Sync first.")
QUEUED_ALREADY = N_(
    "Your signature for “{title}” is already queued: sync to send it before signing again."
)
NOT_SIGNED = N_("The document was not signed: {reason}")
BAD_REASON = N_("Give a reason for declining (1 to {limit} characters).")
DECLINE_QUEUED_ALREADY = N_("Your answer to “{title}” is already queued: sync to send it first.")
# Why the server refused my step (docs/signing-requests.md); never re-signed on
# its own: a retry would spend a PIN try, and the signer should see who was first.
STALE_BY = N_("{name} signed this file first. Sign the new version: one more PIN entry.")
STALE = N_("Someone signed this file first. Sign the new version: one more PIN entry.")
REFUSALS = {
    "not_your_step": N_("It was not your turn to sign this request."),
    "wrong_field": N_("The signature was not in your step's signature field."),
    "signature_invalid": N_(
        "The server could not check your signature against your registered certificate."
    ),
    "request_closed": N_("The request was already finished or cancelled."),
    "not_an_extension": N_("The signed file was not made from the request's file."),
    "document_superseded": N_("The document was replaced by a newer version."),
    # The server's check of a signed upload (docs/server-uploads.md).
    "untrusted": N_(
        "Your certificate is not issued under a root this body trusts. Ask the administrator."
    ),
    "wrong_signer": N_(
        "The signature was made with another certificate than the one registered for you."
    ),
    "no_registered_certificate": N_(
        "No signing certificate is registered for you on the server. Ask the administrator."
    ),
    "unexpected_change": N_("The signed file changes the request's file beyond your signature."),
    "certificate_in_use": N_(
        "The certificate is registered to another member on the server. Ask the administrator."
    ),
    "request_expired": N_("The request expired before your signature reached the server."),
}
OTHER_REFUSAL = N_("The server refused it ({code}).")
# Refused before any PIN (the server would refuse them: request_expired, request_closed).
EXPIRED = N_("Signing request “{title}” expired on {when}: it takes no more signatures.")
DRAFT = N_("Signing request “{title}” is a draft: the secretariat has not started it yet.")
# What the list and the page say of a request's deadline (docs/signing-requests.md).
EXPIRES_ON = N_("expires {when}")
EXPIRED_ON = N_("expired {when}")
DRAFT_STATE = N_("draft — not started")

SignHow = SignWith
"""What signs (the options of ``hanoi-desk sign``)."""


def me(cache: Cache) -> frozenset[str]:
    return cache.repos.comments.my_user_ids()


def requests(cache: Cache) -> list[dr.SigningRequest]:
    """Every request, those waiting for my signature first."""
    return dr.waiting_first(cache.repos.signing_requests.all(), me(cache))


def find(cache: Cache, request_id: str) -> dr.SigningRequest:
    """By id or a unique start of it."""
    found = cache.repos.signing_requests.get(request_id)
    if found is None:
        starts = [r for r in cache.repos.signing_requests.all() if r.id.startswith(request_id)]
        found = starts[0] if len(starts) == 1 and request_id else None
    if found is None:
        raise UserError(NO_REQUEST, id=request_id)
    return found


def check_sign(cache: Cache, r: dr.SigningRequest, now: float | None = None) -> dr.Step:
    """Everything that can refuse before a PIN: the request neither expired nor a
    draft, my step active, the head here, no signature of this step still
    waiting in the outbox."""
    step = check_answer(cache, r, now)
    if not cache.blobs.exists(r.head_sha256):
        raise UserError(NO_HEAD, title=r.title)
    return step


def _my_ops(
    cache: Cache,
) -> dict[str, list[tuple[str, OutboxState, str | None, dict[str, object]]]]:
    """My signing-step actions in the outbox by request id, oldest first:
    (kind, state, refusal reason, payload)."""
    found: dict[str, list[tuple[str, OutboxState, str | None, dict[str, object]]]] = {}
    kinds = (KIND_SIGNING_STEP_SIGN, KIND_SIGNING_STEP_DECLINE)
    for e in cache.repos.outbox.entries(tuple(OutboxState)):
        if e.kind not in kinds:
            continue
        with contextlib.suppress(ValueError, TypeError):
            data = json.loads(e.payload)
            if isinstance(data, dict) and isinstance(data.get("request_id"), str):
                found.setdefault(data["request_id"], []).append((e.kind, e.state, e.last_error,
                                                                 data))  # fmt: skip
    return found


@dataclass(frozen=True)
class RequestView:
    """One request as the desktop page shows it."""

    request: dr.SigningRequest
    my_step: dr.Step | None
    """My step I may sign or decline now (None: nothing to do)."""
    queued: str | None
    """``sign`` or ``decline`` while my answer waits in the outbox for the next sync."""
    refusal: str | None
    """The server's reason code when my last answer to this request was refused."""
    first: str | None
    """After ``stale_head``: who signed the file first (a step of my stage)."""
    head_here: bool
    state_now: str | None = None
    """The state at the time of the overview (``expired`` past the expiry before
    the server says so); None: the record's."""

    @property
    def state(self) -> str:
        return self.request.state if self.state_now is None else self.state_now


def overview(cache: Cache, now: float | None = None) -> list[RequestView]:
    """Every request in ``requests`` order, with what is mine to do and what
    became of my last answer (queued, or refused and why). Cache reads only.
    ``now`` (epoch seconds, this computer's clock by default) decides expiry:
    an expired request asks nothing of me."""
    at = time.time() if now is None else now
    mine, ops = me(cache), _my_ops(cache)
    views = []
    for r in requests(cache):
        active = r.my_active_steps(mine, at)
        step = active[0] if active else None
        queued = refusal = first = None
        last = ops.get(r.id, [])[-1:]
        for kind, state, reason, _data in last:
            if state in (OutboxState.QUEUED, OutboxState.SENDING):
                queued = "sign" if kind == KIND_SIGNING_STEP_SIGN else "decline"
            elif state is OutboxState.REJECTED:
                refusal = reason or "?"
        if refusal == REASON_STALE_HEAD and step is not None:
            # The head moved on: a step of my stage someone else signed made it.
            others = [s for s in r.steps if s.stage == step.stage and s.state == "signed"
                      and s.user_id not in mine]  # fmt: skip
            first = others[-1].name if others else None
        views.append(RequestView(r, step, queued, refusal, first,
                                 cache.blobs.exists(r.head_sha256), r.state_at(at)))  # fmt: skip
    return views


def versions(cache: Cache, views: list[RequestView]) -> dict[str, DocumentSummary]:
    """The document versions the requests sign, as the cache knows them (title,
    version number), by version id."""
    wanted = list(dict.fromkeys(v.request.document_version_id for v in views))
    return {d.version_id: d for d in cache.repos.documents.versions(wanted)} if wanted else {}


def head_document(version: DocumentSummary, view: RequestView) -> DocumentSummary:
    """The request's current head read as its version: the file with every
    signature so far, for the reader (its bytes here only once the sync brought it)."""
    r = view.request
    return dataclasses.replace(version, sha256=r.head_sha256, size=r.head_size,
                               available=view.head_here)  # fmt: skip


def refusal_text(view: RequestView, language: str | None = None) -> str:
    """Why my last answer was refused, in plain words ("" when it was not)."""
    if view.refusal is None:
        return ""
    if view.refusal == REASON_STALE_HEAD:
        if view.first:
            return translate(STALE_BY, language, name=printable(view.first, limit=60))
        return translate(STALE, language)
    template = REFUSALS.get(view.refusal)
    if template is not None:
        return translate(template, language)
    return translate(OTHER_REFUSAL, language, code=printable(view.refusal, limit=40))


def deadline_text(r: dr.SigningRequest, now: float, language: str | None = None) -> str:
    """The request's deadline as people read it: "draft — not started", "expires
    <local time>", "expired <local time>", or "" (no expiry, or finished)."""
    state = r.state_at(now)
    if state == "draft":
        return translate(DRAFT_STATE, language)
    if r.expires_at is None:
        return ""
    if state == "expired":
        return translate(EXPIRED_ON, language, when=when(r.expires_at))
    if state == "in_progress":
        return translate(EXPIRES_ON, language, when=when(r.expires_at))
    return ""


def decline(cache: Cache, r: dr.SigningRequest, reason: str) -> str:
    """Queue ``signing_step.decline`` for my active step with ``reason``; the
    next sync sends it and the server ends the request (docs/signing-requests.md).
    Returns the op id. Refused (nothing queued) without a reason, out of turn, or
    while an answer of mine to this step is still waiting."""
    text = reason.strip()
    if not text or len(text) > MAX_REASON:
        raise UserError(BAD_REASON, limit=MAX_REASON)
    with cache.transaction():
        step = check_answer(cache, r)
        payload = {"request_id": r.id, "step": step.position, "reason": text}
        return cache.repos.outbox.enqueue(KIND_SIGNING_STEP_DECLINE, payload)


def check_answer(cache: Cache, r: dr.SigningRequest, now: float | None = None) -> dr.Step:
    """My active step of ``r``, with no answer of mine to it still unsent. An
    expired or draft request is refused with its reason (no PIN: the server
    would refuse it ``request_expired`` / ``request_closed``)."""
    at = time.time() if now is None else now
    state = r.state_at(at)
    if state == "expired":
        expiry = when(r.expires_at) if r.expires_at is not None else "?"
        raise UserError(EXPIRED, title=r.title, when=expiry)
    if state == "draft":
        raise UserError(DRAFT, title=r.title)
    steps = r.my_active_steps(me(cache), at)
    if not steps:
        raise UserError(NOT_MINE, title=r.title)
    for kind, state, _reason, data in _my_ops(cache).get(r.id, []):
        if (
            state in (OutboxState.QUEUED, OutboxState.SENDING)
            and data.get("step") == steps[0].position
        ):
            raise UserError(QUEUED_ALREADY if kind == KIND_SIGNING_STEP_SIGN
                            else DECLINE_QUEUED_ALREADY, title=r.title)  # fmt: skip
    return steps[0]


StepResult = SignedOnce
"""The step's signing result (app/sign_bytes.py)."""


def queue_step(cache: Cache, r: dr.SigningRequest, step: dr.Step, signed: bytes) -> str:
    """The signed head into the encrypted blob store and ``signing_step.sign``
    queued, in one transaction; returns the outbox op id."""
    sha = cache.blobs.put(signed)
    with cache.transaction():
        cache.repos.documents.list_blob(sha, len(signed))
        payload = {"request_id": r.id, "step": step.position, "base_sha256": r.head_sha256,
                   "sha256": sha, "size": len(signed)}  # fmt: skip
        return cache.repos.outbox.enqueue(KIND_SIGNING_STEP_SIGN, payload)


def sign(
    cache: Cache,
    manager: TokenManager,
    r: dr.SigningRequest,
    *,
    how: SignHow,
    prompt: PinPrompt,
    on_db: OnOwner = on_this_thread,
    now: Callable[[], float] = time.time,
) -> str:
    """Sign my active step of ``r`` on its head (one PIN) and queue it; returns the
    op id. Nothing is queued unless the signature was made. ``on_db`` runs the
    cache's queries on the thread owning its connection (the desktop signs on its
    token lane); the head is read from the blob store's files, on any thread."""
    step = on_db(lambda: check_sign(cache, r, now()))
    with cache.blobs.open(r.head_sha256) as blob:
        head = bytes(blob.read_all())
    options = SignOptions(level=how.level, tsa_url=how.tsa_url, reason=r.title,
                          field_name=step.field_name)  # fmt: skip

    def keep(signed: bytes) -> str:
        return on_db(lambda: queue_step(cache, r, step, signed))

    # The step's field is empty in the head (or the server says stale): signed once.
    return sign_once(manager, how, prompt, options, label=r.title, pdf=head, store=keep,
                     not_signed=NOT_SIGNED)  # fmt: skip
