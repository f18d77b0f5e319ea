"""``hanoi-desk sign --profile NAME --document VERSION_ID…`` in a real child
process: a real SQLCipher profile, the SoftHSM2 token, the desktop's path
(in memory, stored encrypted, queued for upload). Every refusal comes before
the PIN: standard input then holds only the passphrase, so a PIN asked would
end in "expected a secret on standard input" instead of the refusal."""

from __future__ import annotations

import io
import json
import os
import subprocess
from pathlib import Path

import pymupdf
import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from hanoi_desk.app.session import Desk
from hanoi_desk.app.wiring import default_vault
from hanoi_desk.domain.models import DocumentSummary
from helpers import PASSPHRASE, FixedPrompt, add_version, run_cli

from .signing_pki import PIN, TOKEN, TestPki

MARKER = "SIGNLEAK-51c0de-HaNoi"


def marked_pdf(path: Path, title: str) -> Path:
    """Uncompressed, so that the marker is in the raw bytes of the document and
    of every copy of it that is not encrypted."""
    doc = pymupdf.open()
    for _ in range(2):
        doc.new_page().insert_text((72, 72), f"{title} {MARKER}", fontname="helv")
    doc.set_metadata({"title": title, "subject": MARKER})  # a literal string in the raw bytes
    path.write_bytes(doc.tobytes(deflate=False))
    doc.close()
    return path


def files_containing(root: Path, needles: list[bytes]) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            raw = path.read_bytes()
            found += [f"{path}: {n!r}" for n in needles if n in raw]
    return found


NEEDLES = [MARKER.encode(), MARKER.encode("utf-16-be"), MARKER.lower().encode()]


class Profile:
    """A real profile in its own home, two marked documents in its cache; the
    plaintext inputs are deleted once imported, so any marker left on disk
    came from the signing."""

    def __init__(self, pki: TestPki, tmp_path: Path) -> None:
        self.pki = pki
        self.home, self.tmp, self.user = (tmp_path / d for d in ("home", "tmp", "user"))
        for d in (self.tmp, self.user):
            d.mkdir()
        self.desk = Desk(default_vault(self.home))
        self.desk.create("p", FixedPrompt())
        self.docs: list[DocumentSummary] = []
        with self.desk.open("p", FixedPrompt()) as session:
            for n, title in enumerate(("To trinh", "Quyet dinh")):
                path = marked_pdf(tmp_path / f"in-{n}.pdf", title)
                self.docs.append(session.cache.add_pdf(path))
                path.unlink()
        self.env = {
            **os.environ,
            **pki.env,
            "HANOI_DESK_HOME": str(self.home),
            "HANOI_DESK_LANG": "en",
            "HANOI_DESK_PKCS11_MODULES": "",
            "HOME": str(self.user),
            "TMPDIR": str(self.tmp),
            "TMP": str(self.tmp),
            "TEMP": str(self.tmp),
        }

    def sign(
        self, *versions: str, pin: str | None = PIN, extra: tuple[str, ...] = ()
    ) -> subprocess.CompletedProcess[str]:
        """The command; ``pin`` None: standard input holds the passphrase only."""
        stdin = PASSPHRASE + "\n" + (pin + "\n" if pin is not None else "")
        return run_cli(
            "sign",
            "--profile",
            "p",
            "--passphrase-stdin",
            "--document",
            *versions,
            "--module",
            self.pki.module,
            "--token",
            TOKEN,
            "--cert-id",
            "a1",
            "--pin-stdin",
            *extra,
            stdin=stdin,
            env=self.env,
        )

    def queued(self) -> list[tuple[str, bytes]]:
        """(version id, signed bytes) of each signature.submit in the outbox."""
        out = []
        with self.desk.open("p", FixedPrompt()) as session:
            for entry in session.cache.outbox():
                assert entry.kind == "signature.submit"
                payload = json.loads(entry.payload)
                with session.cache.blobs.open(payload["sha256"]) as blob:
                    out.append((payload["document_version_id"], bytes(blob.read_all())))
        return out


@pytest.fixture
def profile(pki: TestPki, tmp_path: Path, fast_kdf: None) -> Profile:
    return Profile(pki, tmp_path)


def test_sign_documents_of_the_cache_stored_encrypted_and_queued(profile: Profile) -> None:
    first, second = profile.docs
    res = profile.sign(first.version_id, second.version_id)
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert f"signed: “To trinh” version 1 [{first.version_id}]" in out
    assert "stored encrypted and queued for upload" in out
    assert "2 signed, 0 skipped, 0 not signed." in out
    queued = profile.queued()
    assert [v for v, _ in queued] == [first.version_id, second.version_id]
    for _version, signed in queued:
        assert MARKER.encode() in signed  # the scan below looks for bytes that exist
        (sig,) = PdfFileReader(io.BytesIO(signed), strict=False).embedded_signatures
        assert "Nguyễn Văn An" in sig.signer_cert.subject.human_friendly
    for root in (profile.home, profile.tmp, profile.user):
        assert files_containing(root, NEEDLES) == [], root
    assert MARKER not in out and MARKER not in res.stderr


def test_refusals_come_before_the_pin_and_lose_nothing(profile: Profile) -> None:
    first, second = profile.docs
    unknown = profile.sign("f" * 32, pin=None)
    assert unknown.returncode == 1
    assert f"No document version {'f' * 32}" in unknown.stderr

    # A wrong PIN is said once and never retried: the right PIN on the next
    # line of standard input is never read.
    wrong = run_wrong_pin(profile, first.version_id)
    assert wrong.returncode == 1 and "PIN" in wrong.stderr
    assert profile.queued() == []

    assert profile.sign(first.version_id).returncode == 0
    again = profile.sign(first.version_id, second.version_id, pin=None)
    assert again.returncode == 1
    assert "already signed “To trinh” version 1" in again.stderr
    assert len(profile.queued()) == 1  # the second document was not signed either

    confirmed = profile.sign(first.version_id, extra=("--again",))
    assert confirmed.returncode == 0, confirmed.stderr
    assert [v for v, _ in profile.queued()] == [first.version_id, first.version_id]

    # The cache learns of a version 2 of the second document: its version 1 is refused.
    with profile.desk.open("p", FixedPrompt()) as session:
        add_version(session, second.id, marked_doc_bytes("Quyet dinh v2"))
    old = profile.sign(second.version_id, pin=None)
    assert old.returncode == 1
    assert "“Quyet dinh” version 1 is not signed" in old.stderr
    assert "replaced it with version 2" in old.stderr
    assert len(profile.queued()) == 2


def marked_doc_bytes(title: str) -> bytes:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), title, fontname="helv")
    data: bytes = doc.tobytes()
    doc.close()
    return data


def run_wrong_pin(profile: Profile, version: str) -> subprocess.CompletedProcess[str]:
    return profile.sign(version, pin="000000\n" + PIN)
