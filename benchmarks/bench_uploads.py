"""The server's check of a signed upload (issue 13, server/signature_check.py).

- ``uploads.check_submit``: ``check_signed_upload`` on a 20-page version signed
  once (byte prefix, trust roots, registered signer, difference analysis from
  the base) vs pyHanko's ``validate_pdf_signature`` alone on the same file with
  the same root — the least any server that validates a signature does.
- ``uploads.check_step``: the third signer of a signing request (a prepared
  base with three fields, two already filled) vs the same baseline on that file:
  the difference analysis then reads every revision since the base.

Software keys (self-signed, as the server tests use) stand in for tokens: the
server never talks to a token, so SoftHSM2 would add nothing to these figures.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from common import best_of, report

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from asn1crypto import x509 as ax509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext
    from tests.server.ballots import make_signer, sign_pdf

    from hanoi_desk.samples import make_pdf
    from hanoi_desk.server.signature_check import check_signed_upload
    from hanoi_desk.server.signing_requests import prepare_base

    people = [make_signer(name) for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường")]
    roots = [p.cert_der for p in people]
    version = make_pdf(None, "Biên bản kỳ họp thứ 12", pages=20)

    def baseline(pdf: bytes, signer_der: bytes) -> None:
        sig = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures[-1]
        vc = ValidationContext(trust_roots=[ax509.Certificate.load(signer_der)])
        status = validate_pdf_signature(sig, vc)
        assert status.intact and status.valid

    submitted = sign_pdf(people[0], version, "Sig1")

    def submit() -> None:
        verdict = check_signed_upload(
            submitted, base=version, registered=people[0].cert_der, roots=roots, field=None,
            allow_first_certificate=False,
        )  # fmt: skip
        assert verdict.problem is None, verdict.problem

    prepared = prepare_base(version, ["Sig1", "Sig2", "Sig3"])
    head = sign_pdf(people[1], sign_pdf(people[0], prepared, "Sig1"), "Sig2")
    third = sign_pdf(people[2], head, "Sig3")

    def step() -> None:
        verdict = check_signed_upload(
            third, base=head, registered=people[2].cert_der, roots=roots, field="Sig3",
            allow_first_certificate=False,
        )  # fmt: skip
        assert verdict.problem is None, verdict.problem

    for name, ours, pdf, signer, note in (
        ("uploads.check_submit", submit, submitted, people[0], "20-page version signed once"),
        ("uploads.check_step", step, third, people[2], "third of three signers, prepared fields"),
    ):
        ours(), baseline(pdf, signer.cert_der)  # warm up
        ours_t, base_t = float("inf"), float("inf")
        for _ in range(5):  # interleaved, best of each
            ours_t = min(ours_t, best_of(ours, 1))
            base_t = min(base_t, best_of(lambda: baseline(pdf, signer.cert_der), 1))  # noqa: B023
        report(name, ours_t * 1000, base_t * 1000, "ms", note + "; vs pyHanko validation alone")


if __name__ == "__main__":
    main()
