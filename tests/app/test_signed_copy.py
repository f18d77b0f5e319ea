"""Which bytes the reader shows for a version this profile signed
(``app.signatures.signed_copy``), on a real encrypted profile: the signed copy
queued with ``signature.submit``, the completed file once the sync's
completion step kept one, an older copy when the newest cannot be read, none
for a version never signed. The copies here need not be signed PDFs: the
choice reads the outbox and the signature records, never the signatures."""

from __future__ import annotations

from pathlib import Path

from hanoi_desk.app.session import Session
from hanoi_desk.app.sign_cached import queue_signed
from hanoi_desk.app.signature_completion import signatures
from hanoi_desk.app.signatures import signed_copy
from hanoi_desk.domain.signatures import CompletionState
from hanoi_desk.store.replica import Replica
from helpers import text_pdf


def test_the_reader_shows_my_newest_readable_copy(session: Session, tmp_path: Path) -> None:
    cache = session.cache
    docs = []
    for n in (1, 2):
        path = tmp_path / f"to-trinh-{n}.pdf"
        path.write_bytes(text_pdf([[f"Tờ trình {n}"]]))
        docs.append(cache.add_pdf(path))
    doc, other = docs
    assert signed_copy(cache, doc) is None  # never signed: the version as it is

    first = b"%PDF-1.7 the first signed copy"
    queue_signed(cache, doc, first)
    shown = signed_copy(cache, doc)
    assert shown is not None and shown.version_id == doc.version_id
    assert shown.sha256 != doc.sha256 and shown.size == len(first)
    assert signed_copy(cache, other) is None  # another version's copy is not this one's

    second = b"%PDF-1.7 signed again"
    queue_signed(cache, doc, second)
    again = signed_copy(cache, doc)
    assert again is not None and again.sha256 not in (shown.sha256, doc.sha256)

    # The sync's completion step keeps a completed file of the second signature.
    record = next(r for r in signatures(cache) if r.signed_sha256 == again.sha256)
    completed = b"%PDF-1.7 signed again + a timestamp and revocation data"
    Replica(cache).signature_raised(record, CompletionState.COMPLETED, "B-LT", completed, None)
    newest = signed_copy(cache, doc)
    assert newest is not None and newest.size == len(completed)

    # The newest file gone (a damaged disk, a purge): the copy as signed, then the older one.
    cache.blobs.remove(newest.sha256)
    fallback = signed_copy(cache, doc)
    assert fallback is not None and fallback.sha256 == again.sha256
    cache.blobs.remove(again.sha256)
    oldest = signed_copy(cache, doc)
    assert oldest is not None and oldest.sha256 == shown.sha256
