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
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from asn1crypto import x509

from hanoi_desk.app.consultation import SignOpinion
from hanoi_desk.domain import signing_requests as dr
from hanoi_desk.errors import Translated, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.protocol.signing_requests import KIND_SIGNING_STEP_SIGN
from hanoi_desk.signing.batch import Report, Status, Write, batch_context, run_batch
from hanoi_desk.signing.pades import SignOptions, Source, batch_signer
from hanoi_desk.signing.pin import PinPrompt
from hanoi_desk.signing.tokens import TokenManager
from hanoi_desk.store.cache import Cache

NO_REQUEST = N_("There is no signing request “{id}” on this computer. Sync first.")
NOT_MINE = N_("Signing request “{title}” is not waiting for your signature.")
NO_HEAD = N_("The file to sign for “{title}” is not on this computer yet. Sync first.")
QUEUED_ALREADY = N_(
    "Your signature for “{title}” is already queued: sync to send it before signing again."
)
NOT_SIGNED = N_("The document was not signed: {reason}")

SignHow = SignOpinion
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


def check_sign(cache: Cache, r: dr.SigningRequest) -> dr.Step:
    """Everything that can refuse before a PIN: my step active, the head here,
    no signature of this step still waiting in the outbox."""
    steps = r.my_active_steps(me(cache))
    if not steps:
        raise UserError(NOT_MINE, title=r.title)
    for payload in cache.repos.outbox.unsent_payloads():
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            data = json.loads(payload)
            if data.get("request_id") == r.id and data.get("step") == steps[0].position:
                raise UserError(QUEUED_ALREADY, title=r.title)
    if not cache.blobs.exists(r.head_sha256):
        raise UserError(NO_HEAD, title=r.title)
    return steps[0]


@dataclass(frozen=True)
class StepResult:
    status: Status
    error: Translated | None = None
    kept_as: str | None = None


class _HeadShelf:
    """``run_batch``'s shelf for the one head, held in memory."""

    def __init__(self, label: str, pdf: bytes, store: Callable[[bytes], str]) -> None:
        self._label, self._pdf, self._store = label, pdf, store

    def label(self, doc: str) -> str:
        return self._label

    @contextlib.contextmanager
    def open(self, doc: str) -> Iterator[Source]:
        yield Source(io.BytesIO(self._pdf), self._label, self._pdf)

    def signed_already(self, doc: str, source: Source, cert: x509.Certificate) -> bool:
        return False  # the step's field is empty in the head, or the server says stale

    def keep(self, doc: str, write: Write) -> str | None:
        out = io.BytesIO()
        write(out)
        return self._store(out.getvalue())

    def result(
        self, doc: str, status: Status, error: Translated | None = None, kept_as: str | None = None
    ) -> StepResult:
        return StepResult(status, error, kept_as)


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
    cache: Cache, manager: TokenManager, r: dr.SigningRequest, *, how: SignHow, prompt: PinPrompt
) -> str:
    """Sign my active step of ``r`` on its head (one PIN) and queue it; returns the
    op id. Nothing is queued unless the signature was made."""
    step = check_sign(cache, r)
    with cache.blobs.open(r.head_sha256) as blob:
        head = bytes(blob.read_all())
    options = SignOptions(level=how.level, tsa_url=how.tsa_url, reason=r.title,
                          field_name=step.field_name)  # fmt: skip
    shelf = _HeadShelf(r.title, head, lambda signed: queue_step(cache, r, step, signed))
    report: Report[StepResult] = Report()
    with batch_signer(manager, how.module, how.token, prompt, software_key=how.software_key,
                      cert_text=how.cert_text, cert_id=how.cert_id,
                      owner=how.owner) as signer:  # fmt: skip
        run_batch(batch_context(signer, options, None), shelf, [r.id], report)
    (result,) = report.results
    if result.status is not Status.SIGNED or result.kept_as is None:
        reason = result.error.message() if result.error is not None else "?"
        raise UserError(NOT_SIGNED, reason=reason)
    return result.kept_as
