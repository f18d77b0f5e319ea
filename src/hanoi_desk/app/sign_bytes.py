"""Sign one PDF held in memory, once, through the one signing pipeline.

A written opinion (app/consultation.py), a signing request's head
(app/signing_requests.py) and an exported summary are each one PDF made or
fetched in memory and signed once: the same batch loop as ``hanoi-desk sign``
(``signing.batch.run_batch``, one PIN, the token's refusals as results), with a
shelf that reads the bytes from memory and hands the signed bytes to the
caller's ``store`` (the encrypted blob store and the outbox, or a file written
whole). Never a plaintext copy on the way.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass

from asn1crypto import x509

from hanoi_desk.errors import Translated, UserError
from hanoi_desk.signing.batch import Report, Status, Write, batch_context, run_batch
from hanoi_desk.signing.pades import Level, SignOptions, Source, batch_signer
from hanoi_desk.signing.pin import PinPrompt
from hanoi_desk.signing.tokens import TokenManager


@dataclass(frozen=True)
class SignWith:
    """What signs (the options of ``hanoi-desk sign``)."""

    module: str
    token: str
    software_key: bool = False
    cert_text: str | None = None
    cert_id: str | None = None
    level: Level = Level.B_B
    tsa_url: str | None = None
    owner: Hashable | None = None


@dataclass(frozen=True)
class SignedOnce:
    """The one document's result (``kept_as``: what ``store`` returned)."""

    status: Status
    error: Translated | None = None
    kept_as: str | None = None


class BytesShelf:
    """``run_batch``'s shelf for one PDF held in memory."""

    def __init__(self, label: str, pdf: bytes, store: Callable[[bytes], str]) -> None:
        self._label, self._pdf, self._store = label, pdf, store

    def label(self, doc: str) -> str:
        return self._label

    @contextlib.contextmanager
    def open(self, doc: str) -> Iterator[Source]:
        yield Source(io.BytesIO(self._pdf), self._label, self._pdf)

    def signed_already(self, doc: str, source: Source, cert: x509.Certificate) -> bool:
        # Each is signed once by choice: a new opinion is a new sheet, a head's
        # step field is empty (or the server says stale), a summary is re-signed.
        return False

    def keep(self, doc: str, write: Write) -> str | None:
        out = io.BytesIO()
        write(out)
        return self._store(out.getvalue())

    def result(
        self, doc: str, status: Status, error: Translated | None = None, kept_as: str | None = None
    ) -> SignedOnce:
        return SignedOnce(status, error, kept_as)


def sign_once(
    manager: TokenManager,
    how: SignWith,
    prompt: PinPrompt,
    options: SignOptions,
    *,
    label: str,
    pdf: bytes,
    store: Callable[[bytes], str],
    not_signed: str,
) -> str:
    """Sign ``pdf`` (one PIN) and return what ``store`` made of the signed bytes;
    nothing is stored unless the signature was made. ``not_signed`` is the
    refusal's template (with ``{reason}``), raised as a :class:`UserError`."""
    report: Report[SignedOnce] = Report()
    with batch_signer(manager, how.module, how.token, prompt, software_key=how.software_key,
                      cert_text=how.cert_text, cert_id=how.cert_id,
                      owner=how.owner) as signer:  # fmt: skip
        run_batch(batch_context(signer, options, None), BytesShelf(label, pdf, store), [label],
                  report)  # fmt: skip
    (result,) = report.results
    if result.status is not Status.SIGNED or result.kept_as is None:
        reason = result.error.message() if result.error is not None else "?"
        raise UserError(not_signed, reason=reason)
    return result.kept_as
