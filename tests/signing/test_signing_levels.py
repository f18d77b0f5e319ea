"""Each PAdES level on SoftHSM with the real TSA/OCSP/CRL, read back by pyHanko's
validator and by poppler's pdfsig; augment B-B -> B-LTA; a second signature."""

from __future__ import annotations

from pathlib import Path

import pytest

from hanoi_desk.signing.augment import augment_file
from hanoi_desk.signing.batch import Status
from hanoi_desk.signing.pades import Level
from hanoi_desk.signing.tokens import TokenManager
from hanoi_desk.signing.verify import Revocation, verify_bytes, verify_file

from .conftest import make_pdf
from .signing_helpers import pdfsig, sign
from .signing_pki import TestPki


@pytest.mark.parametrize("level", [Level.B_B, Level.B_T, Level.B_LT, Level.B_LTA], ids=str)
def test_each_level_validates(
    pki: TestPki, manager: TokenManager, sample: Path, tmp_path: Path, level: Level
) -> None:
    expected = level.value.upper()
    report = sign(pki, manager, [sample], tmp_path / "out", level=level)
    assert [r.status for r in report.results] == [Status.SIGNED], report.results[0].error
    out = tmp_path / "out" / sample.name
    # B-LT and B-LTA must validate offline from what they embed.
    fetch = level in (Level.B_B, Level.B_T)
    result = verify_file(out, [pki.certs["root"]], fetch=fetch)
    sigs = [s for s in result.signatures if s.kind == "signature"]
    assert len(sigs) == 1
    s = sigs[0]
    assert s.level == expected
    assert s.intact and s.valid and s.trusted and s.ok, s
    assert s.signer == "Nguyễn Văn An"
    if level is not Level.B_B:
        assert s.timestamp_time is not None and s.timestamp_time.endswith("+07:00")
    if level in (Level.B_LT, Level.B_LTA):
        assert s.revocation is Revocation.GOOD
    assert result.ok
    poppler = pdfsig(out)
    assert "Signature is Valid" in poppler
    assert "Nguyễn Văn An" in poppler or "Nguy" in poppler


def test_untrusted_root_is_not_ok(
    pki: TestPki, manager: TokenManager, sample: Path, tmp_path: Path
) -> None:
    sign(pki, manager, [sample], tmp_path / "out")
    result = verify_file(tmp_path / "out" / sample.name, [], fetch=False)
    s = result.signatures[0]
    assert s.intact and not s.trusted and not result.ok


def test_tampered_file_is_not_intact(
    pki: TestPki, manager: TokenManager, sample: Path, tmp_path: Path
) -> None:
    sign(pki, manager, [sample], tmp_path / "out")
    out = tmp_path / "out" / sample.name
    data = bytearray(out.read_bytes())
    i = data.index(b"/Producer")  # the Info dictionary, inside the signed byte range
    data[i + 1] = ord("Q")
    out.write_bytes(bytes(data))
    result = verify_file(out, [pki.certs["root"]])
    assert not result.ok
    assert not result.signatures[0].intact
    assert "Signature is Valid" not in pdfsig(out)


def test_verify_bytes_reports_like_verify_file(
    pki: TestPki, manager: TokenManager, sample: Path, tmp_path: Path
) -> None:
    """In-memory verification (the desktop's cached documents) is the same check
    as the file-based one; only an unsigned document differs: no error, no rows."""
    sign(pki, manager, [sample], tmp_path / "out")
    out = tmp_path / "out" / sample.name
    roots = [pki.certs["root"]]
    from_file = verify_file(out, roots)
    in_memory = verify_bytes(out.read_bytes(), "quyết định.pdf", roots, label="Quyết định")
    assert in_memory.path == "Quyết định" and in_memory.ok
    assert in_memory.signatures == from_file.signatures
    assert not verify_bytes(out.read_bytes(), "x.pdf", []).ok  # trust is the caller's
    unsigned = make_pdf(tmp_path / "unsigned.pdf", pages=1)
    plain = verify_bytes(unsigned.read_bytes(), "unsigned.pdf", roots)
    assert plain.error is None and plain.signatures == () and not plain.ok
    assert verify_file(unsigned, roots).error == "unsigned.pdf has no signatures."
    broken = verify_bytes(b"%PDF-1.7\nnot really", "hong.pdf", roots)
    assert broken.error is not None and broken.error.startswith("hong.pdf cannot be read")


def test_augment_b_b_to_b_lta(
    pki: TestPki, manager: TokenManager, sample: Path, tmp_path: Path
) -> None:
    sign(pki, manager, [sample], tmp_path / "out")
    out = tmp_path / "out" / sample.name
    original = out.read_bytes()
    res = augment_file(out, pki.tsa_url, [pki.certs["root"]])
    assert res.error is None, res.error
    assert (res.before, res.after) == ("B-B", "B-LTA")
    grown = out.read_bytes()
    assert grown.startswith(original)  # incremental: the signed bytes are untouched
    result = verify_file(out, [pki.certs["root"]], fetch=False)
    sig = next(s for s in result.signatures if s.kind == "signature")
    assert sig.ok and sig.level == "B-LTA" and sig.revocation is Revocation.GOOD
    assert sig.modification_level == "LTA_UPDATES"
    assert pdfsig(out).count("Signature is Valid") >= 1
    # a second run has nothing to do and changes nothing
    again = augment_file(out, pki.tsa_url, [pki.certs["root"]])
    assert again.after == "B-LTA" and out.read_bytes() == grown


def test_second_signature_keeps_the_first_valid(
    pki: TestPki, manager: TokenManager, sample: Path, tmp_path: Path
) -> None:
    sign(pki, manager, [sample], tmp_path / "one")
    first = tmp_path / "one" / sample.name
    sign(pki, manager, [first], tmp_path / "two", level=Level.B_T)
    second = tmp_path / "two" / sample.name
    assert second.read_bytes().startswith(first.read_bytes())
    result = verify_file(second, [pki.certs["root"]], fetch=True)
    assert len(result.signatures) == 2
    assert all(s.ok for s in result.signatures), result.signatures
    assert result.signatures[0].modification_level in ("FORM_FILLING", "LTA_UPDATES")
    assert pdfsig(second).count("Signature is Valid") == 2
