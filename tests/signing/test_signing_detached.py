"""Detached CMS signatures over given bytes (issue 15's ballots), on the real
SoftHSM2 token and on the demo's software key: one signature operation per
message, one login per batch, the PIN asked once and never retried, and a
signature that pyHanko's own CMS validator finds intact over exactly the bytes
signed (and broken over any other)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from asn1crypto import cms, x509
from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
from pyhanko_certvalidator import ValidationContext

from hanoi_desk.demo.kit import DEMO_KEY_PASSPHRASE, DemoKey, make_software_key
from hanoi_desk.errors import UserError
from hanoi_desk.signing.detached import DetachedSignature, sign_detached
from hanoi_desk.signing.pades import batch_signer
from hanoi_desk.signing.tokens import TokenManager
from hanoi_desk.signing.verify import load_roots

from .conftest import FixedPin
from .signing_pki import TOKEN, TestPki

BALLOTS = [
    b'{"ballot_id":"b1","choice":0,"member":"u-an"}',
    b'{"ballot_id":"b2","choice":1,"member":"u-an"}',
    '{"ballot_id":"b3","choice":2,"member":"u-an","text":"Ý kiến khác"}'.encode(),
]


def _intact(data: bytes, signature: DetachedSignature, root: x509.Certificate) -> bool:
    """pyHanko's validator: the digest over ``data`` (intact), the signature
    (valid) and the path to ``root`` (trusted)."""
    signed = cms.ContentInfo.load(signature.cms)["content"]
    context = ValidationContext(trust_roots=[root])
    status = asyncio.run(async_validate_detached_cms(data, signed, context))
    return bool(status.intact and status.valid and status.trusted)


def _signer_cert(signature: DetachedSignature) -> bytes:
    signed = cms.ContentInfo.load(signature.cms)["content"]
    assert signed["encap_content_info"]["content"].native is None  # detached: no content inside
    sid = signed["signer_infos"][0]["sid"].chosen
    found = {
        c.chosen.dump()
        for c in signed["certificates"]
        if c.chosen.issuer == sid["issuer"]
        and c.chosen.serial_number == sid["serial_number"].native
    }
    assert len(found) == 1  # pyHanko may list it twice (signer and registry): the same bytes
    return bytes(found.pop())


def test_a_batch_of_ballots_is_one_login_and_one_c_sign_each(pki: TestPki) -> None:
    manager = TokenManager()
    prompt = FixedPin()
    try:
        with batch_signer(manager, pki.module, TOKEN, prompt, cert_id="a1") as signer:
            signatures = [sign_detached(signer, data) for data in BALLOTS]
        assert manager.counters.logins == 1 and len(prompt.asked) == 1
        assert manager.counters.signs == len(BALLOTS)  # one C_Sign per ballot, nothing else
    finally:
        manager.close()
        manager.thread.close()
    for data, signature in zip(BALLOTS, signatures, strict=True):
        assert _intact(data, signature, pki.certs["root"])
        assert signature.certificate == pki.certs["signer"].dump() == _signer_cert(signature)
    # Over any other bytes (another choice) the signature does not hold.
    assert not _intact(BALLOTS[1], signatures[0], pki.certs["root"])


def test_a_wrong_pin_is_one_try_and_signs_nothing(pki: TestPki) -> None:
    manager = TokenManager()
    wrong = FixedPin("000000")
    try:
        with (
            pytest.raises(UserError, match="Wrong PIN"),
            batch_signer(manager, pki.module, "HANOI-PINTEST", wrong) as signer,
        ):
            sign_detached(signer, BALLOTS[0])
        assert len(wrong.asked) == 1 and manager.counters.logins == 1  # never retried
        assert manager.counters.signs == 0
    finally:
        manager.close()
        manager.thread.close()


@pytest.fixture(scope="module")
def demo_key(tmp_path_factory: pytest.TempPathFactory) -> DemoKey:
    return make_software_key(tmp_path_factory.mktemp("demo") / "softkey")


def test_the_demo_software_key_signs_through_the_same_interface(demo_key: DemoKey) -> None:
    prompt = FixedPin(DEMO_KEY_PASSPHRASE)
    manager = TokenManager()
    try:
        with batch_signer(manager, demo_key.module, "", prompt, software_key=True) as signer:
            signatures = [sign_detached(signer, data) for data in BALLOTS[:2]]
            assert signer.sign_operations == 2
    finally:
        manager.close()
        manager.thread.close()
    assert len(prompt.asked) == 1 and prompt.asked[0].software_key
    assert manager.counters.logins == 0  # no token was touched
    root = load_roots([demo_key.root_pem])[0]
    assert all(_intact(d, s, root) for d, s in zip(BALLOTS, signatures, strict=False))
    assert not _intact(BALLOTS[0], signatures[1], root)


def test_a_wrong_demo_passphrase_is_one_try(demo_key: DemoKey, tmp_path: Path) -> None:
    wrong = FixedPin("not the passphrase")
    manager = TokenManager()
    try:
        with (
            pytest.raises(UserError, match="Wrong passphrase"),
            batch_signer(manager, demo_key.module, "", wrong, software_key=True) as signer,
        ):
            sign_detached(signer, BALLOTS[0])
    finally:
        manager.close()
        manager.thread.close()
    assert len(wrong.asked) == 1
