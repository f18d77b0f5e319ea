"""The use cases the UI calls (SigningService) on the real token and PKI:
default level from TSA reachability, cancel, the trust folder, revocation."""

from __future__ import annotations

from pathlib import Path

import pytest

from hanoi_desk.app.signing_service import SigningService, SignRequest
from hanoi_desk.errors import Cancelled
from hanoi_desk.signing.batch import Status
from hanoi_desk.signing.tokens import TokenManager
from hanoi_desk.signing.verify import Revocation

from .conftest import FixedPin, make_pdf
from .signing_pki import TOKEN, TestPki


@pytest.fixture
def service(manager: TokenManager, tmp_path: Path) -> SigningService:
    return SigningService(manager, home=tmp_path / "home")  # shares the session's login


def test_lists_tokens_of_the_given_module(pki: TestPki, service: SigningService) -> None:
    reports = service.list_tokens([pki.module])
    assert reports[0].module == pki.module and reports[0].error is None
    assert TOKEN in {t.label for t in reports[0].tokens}


def test_default_level_follows_the_tsa(
    pki: TestPki, service: SigningService, tmp_path: Path
) -> None:
    src = make_pdf(tmp_path / "a.pdf", pages=1)
    online = service.sign(
        SignRequest((src,), tmp_path / "on", pki.module, TOKEN, cert_id="a1", tsa_url=pki.tsa_url),
        FixedPin(),
    )
    offline = service.sign(
        SignRequest(
            (src,),
            tmp_path / "off",
            pki.module,
            TOKEN,
            cert_id="a1",
            tsa_url="http://127.0.0.1:9/tsa",  # nothing listens there
        ),
        FixedPin(),
    )
    assert online.ok and offline.ok
    trust = [pki.root_pem]
    assert service.verify([tmp_path / "on" / "a.pdf"], trust)[0].signatures[0].level == "B-T"
    assert service.verify([tmp_path / "off" / "a.pdf"], trust)[0].signatures[0].level == "B-B"


def test_cancel_stops_between_documents(
    pki: TestPki, service: SigningService, tmp_path: Path
) -> None:
    files = tuple(make_pdf(tmp_path / f"d{i}.pdf", pages=1) for i in range(3))
    seen: list[str] = []
    report = service.sign(
        SignRequest(files, tmp_path / "out", pki.module, TOKEN, cert_id="a1"),
        FixedPin(),
        progress=lambda done, total, name: seen.append(name),
        cancelled=lambda: len(seen) >= 1,
    )
    assert [r.status for r in report.results] == [
        Status.SIGNED,
        Status.NOT_STARTED,
        Status.NOT_STARTED,
    ]
    assert isinstance(report.stopped_by, Cancelled) and not report.ok
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["d0.pdf"]


def test_trust_folder_and_revoked_certificate(
    pki: TestPki, service: SigningService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "trust"
    folder.mkdir()
    (folder / "root.pem").write_bytes(pki.root_pem.read_bytes())
    monkeypatch.setenv("HANOI_DESK_TRUST_DIR", str(folder))
    src = make_pdf(tmp_path / "r.pdf", pages=1)
    good = service.sign(
        SignRequest((src,), tmp_path / "good", pki.module, TOKEN, cert_id="a1"), FixedPin()
    )
    bad = service.sign(
        SignRequest((src,), tmp_path / "bad", pki.module, TOKEN, cert_id="e7"), FixedPin()
    )
    assert good.ok and bad.ok  # offline signing cannot know; verification must
    ok = service.verify([tmp_path / "good" / "r.pdf"])[0]  # no --trust: the folder
    assert ok.ok and ok.signatures[0].revocation is Revocation.GOOD
    revoked = service.verify([tmp_path / "bad" / "r.pdf"])[0]
    s = revoked.signatures[0]
    assert s.intact and s.revocation is Revocation.REVOKED and not revoked.ok
