"""server/completion.extension_problem: which "completed" files the server takes
as an extension of the signed file it holds. The whole round over HTTP, with
real signed files, is tests/signing/test_signing_completion.py."""

from __future__ import annotations

from hanoi_desk import protocol as p
from hanoi_desk.server.completion import extension_problem

SIGNED = (
    b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    b"5 0 obj\n<< /Type /Sig /ByteRange [0 60 120 40] /Contents <00> >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
DSS_UPDATE = (
    b"9 0 obj\n<< /Type /DSS >>\nendobj\n1 0 obj\n<< /Type /Catalog /DSS 9 0 R >>\nendobj\n%%EOF\n"
)


def test_an_appended_update_that_keeps_the_signature_is_an_extension() -> None:
    assert extension_problem(SIGNED, SIGNED + DSS_UPDATE) is None
    stamp = b"10 0 obj\n<< /Type /DocTimeStamp /ByteRange [0 300 400 20] >>\nendobj\n%%EOF\n"
    assert extension_problem(SIGNED, SIGNED + stamp + b" " * 300) is None


def test_a_changed_signed_byte_or_a_shorter_file_is_not_an_extension() -> None:
    changed = bytearray(SIGNED + DSS_UPDATE)
    changed[20] ^= 0x01
    assert extension_problem(SIGNED, bytes(changed)) == p.REASON_NOT_AN_EXTENSION
    assert extension_problem(SIGNED, SIGNED) == p.REASON_NOT_AN_EXTENSION
    assert extension_problem(SIGNED, SIGNED[:-5]) == p.REASON_NOT_AN_EXTENSION


def test_an_update_that_swaps_the_signature_is_refused() -> None:
    swapped = b"5 0 obj\n<< /Type /Sig /ByteRange [0 10 20 30] /Contents <01> >>\nendobj\n%%EOF\n"
    assert extension_problem(SIGNED, SIGNED + swapped) == p.REASON_SIGNATURES_CHANGED
    skewed = b"11 0 obj\n<< /Type /DocTimeStamp /ByteRange [5 10 20 30] >>\nendobj\n%%EOF\n"
    assert extension_problem(SIGNED, SIGNED + skewed) == p.REASON_SIGNATURES_CHANGED
    assert extension_problem(b"%PDF-1.7\n%%EOF\n", b"%PDF-1.7\n%%EOF\n" + DSS_UPDATE) == (
        p.REASON_SIGNATURES_CHANGED  # nothing signed to extend
    )
