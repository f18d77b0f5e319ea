"""The demo's signing request (docs/signing-requests.md, docs/ui-demo.md): the
council session's minutes (biên bản kỳ họp), signed first by the session's
secretary ``thuky`` and by ``demo`` — a delegate of the session's secretariat
team, so the demo user has a step to sign now — in either order; then by the
chair ``chutich``; then issued with the office's seal (``thuky`` again, for the
council's office, kind ``issuing``).

The minutes are a document of the meeting outside the agenda (they record the
whole session). Run by ``hanoi-desk demo`` and the screenshots after the demo is
built, as the demo's comment threads are (server/demo_threads.py), not by
``build_demo``: every test server is built by it, and a request there would add
a document and a file to fetch to every test's sync. A second run changes
nothing."""

from __future__ import annotations

import hashlib
import time

from hanoi_desk.samples import make_pdf
from hanoi_desk.server.blobs import BlobStore
from hanoi_desk.server.db import Database
from hanoi_desk.server.feed import republish_meeting
from hanoi_desk.server.models import Document, DocumentVersion, SigningRequest
from hanoi_desk.server.packs import document_id
from hanoi_desk.server.signing_requests import StepSpec, create

COUNCIL_ID = "hdnd-dongda-ky12"
MINUTES = "bien-ban-ky-hop"
DEMO_REQUEST = "demo-ky-bien-ban"
"""A stable id: the docs name it."""
TITLE = "Biên bản Kỳ họp thứ 12 HĐND quận Đống Đa"
STEPS = (
    StepSpec("thuky", "Thư ký kỳ họp", "approval", stage=1),
    StepSpec("demo", "Đại biểu, Tổ thư ký kỳ họp", "approval", stage=1),
    StepSpec("chutich", "Chủ tọa kỳ họp", "approval", stage=2),
    StepSpec("thuky", "Văn phòng HĐND (đóng dấu)", "issuing", stage=3),
)


def add_demo_request(db: Database, blobs: BlobStore, meeting_id: str = COUNCIL_ID) -> str:
    """The minutes as a document of ``meeting_id`` and the request to sign them;
    returns the request's id."""
    with db.read() as session:
        if session.get(SigningRequest, DEMO_REQUEST) is not None:
            return DEMO_REQUEST
    pdf = make_pdf(None, "BIÊN BẢN Kỳ họp thứ 12 Hội đồng nhân dân quận Đống Đa", pages=3)
    sha = hashlib.sha256(pdf).hexdigest()
    blobs.put_bytes(pdf)
    doc_id = document_id(meeting_id, MINUTES)
    with db.write() as session:
        if session.get(Document, doc_id) is None:
            session.add(Document(id=doc_id, meeting_id=meeting_id, agenda_item_id=None,
                                 title="Biên bản kỳ họp"))  # fmt: skip
            # One version, its id the document's: the request names it.
            version = DocumentVersion(id=doc_id, document_id=doc_id, version=1, sha256=sha,
                                      size=len(pdf), filename="bien-ban-ky-hop.pdf",
                                      superseded_by=None, created_at=int(time.time()))  # fmt: skip
            session.add(version)
            session.flush()
            republish_meeting(session, meeting_id)
    return create(db, blobs, doc_id, TITLE, STEPS, request_id=DEMO_REQUEST)
