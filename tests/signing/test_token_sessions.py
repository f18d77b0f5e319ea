"""When a token login ends (issue 10, point 2), on the real SoftHSM2 token and
real encrypted profiles: after every batch unless the signer keeps it, after
the kept time, and never lent to another profile's session. Whether the token
is still logged in is read from PKCS#11 itself (``token_state.logged_in``)."""

from __future__ import annotations

import argparse
import io
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from hanoi_desk.app.session import Desk, Session
from hanoi_desk.app.sign_cached import CachedSigner, CachedSignRequest, queue_signed
from hanoi_desk.app.signing_service import SigningService, SignRequest
from hanoi_desk.cli import sign_cmds
from hanoi_desk.cli.main import build_parser
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.errors import Cancelled
from hanoi_desk.signing.pin import PinPrompt, PinState
from hanoi_desk.signing.tokens import TokenManager
from hanoi_desk.store.cache import Cache
from helpers import FixedPrompt

from .conftest import FixedPin, make_pdf
from .signing_pki import TOKEN, TestPki
from .token_state import FakeClock, logged_in

KEEP = 15 * 60.0


class RefusingPin:
    """A person at profile B who does not know the token's PIN: closes the dialog."""

    def __init__(self) -> None:
        self.asked = 0

    def pin(self, token: str, state: PinState) -> str:
        self.asked += 1
        raise Cancelled()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def tokens(pki: TestPki, manager: TokenManager, clock: FakeClock) -> Iterator[TokenManager]:
    """A manager of our own with a clock moved by hand. The package's shared login
    to the same token is ended first (PKCS#11 allows one login per process)."""
    manager.logout_all()
    m = TokenManager(clock=clock)
    yield m
    m.close()
    m.thread.close()


def _profile(desk: Desk, name: str, tmp_path: Path) -> tuple[Session, DocumentSummary]:
    desk.create(name, FixedPrompt())
    session = desk.open(name, FixedPrompt(), "passphrase")
    doc = session.cache.add_pdf(make_pdf(tmp_path / f"{name}.pdf", pages=1))
    return session, doc


@pytest.fixture
def two_profiles(
    desk: Desk, tmp_path: Path, fast_kdf: None
) -> Iterator[tuple[tuple[Session, DocumentSummary], tuple[Session, DocumentSummary]]]:
    a = _profile(desk, "an", tmp_path)
    b = _profile(desk, "binh", tmp_path)
    yield a, b
    a[0].close()
    b[0].close()


def _fresh_copy(cache: Cache, doc: DocumentSummary) -> DocumentSummary:
    """``doc`` imported again as a new document: a batch skips a document whose
    signed copy by this certificate is already in the outbox (resume), and
    every batch here must really sign."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / doc.filename
        path.write_bytes(cache.read_document(doc))
        return cache.add_pdf(path)


def _sign(
    signer: CachedSigner, pki: TestPki, doc: DocumentSummary, prompt: PinPrompt, keep: float = 0.0
) -> int:
    cache = signer.cache
    doc = _fresh_copy(cache, doc)
    request = CachedSignRequest((doc,), pki.module, TOKEN, cert_id="a1", keep_for=keep)
    report = signer.sign(request, prompt, lambda d, data: queue_signed(cache, d, data))
    assert report.stopped_by is None
    return report.signed


def test_each_batch_logs_out_so_two_batches_ask_twice(
    pki: TestPki, tokens: TokenManager, tmp_path: Path
) -> None:
    service = SigningService(tokens, home=tmp_path / "home")
    src = make_pdf(tmp_path / "a.pdf", pages=1)
    pin = FixedPin()
    for n in (1, 2):
        report = service.sign(
            SignRequest((src,), tmp_path / f"out{n}", pki.module, TOKEN, cert_id="a1"), pin
        )
        assert report.ok
        assert len(pin.asked) == n  # the PIN again for every batch
        assert not logged_in(tokens, pki.module, TOKEN)
    assert tokens.sessions == {}


def test_kept_login_asks_once_then_again_after_the_time_limit(
    pki: TestPki,
    tokens: TokenManager,
    clock: FakeClock,
    two_profiles: tuple[tuple[Session, DocumentSummary], ...],
) -> None:
    (session, doc), _ = two_profiles
    signer = CachedSigner(session.cache, tokens, session.token_scope)
    pin = FixedPin()
    assert _sign(signer, pki, doc, pin, keep=KEEP) == 1
    assert len(pin.asked) == 1 and logged_in(tokens, pki.module, TOKEN)
    assert tokens.kept_for(pki.module, TOKEN, session.token_scope) == KEEP

    clock.advance(KEEP - 60)  # within the time: no PIN
    assert _sign(signer, pki, doc, pin, keep=KEEP) == 1
    assert len(pin.asked) == 1

    clock.advance(61)  # 15 minutes after the PIN was typed, however often it was used
    assert tokens.expire() == 1
    assert not logged_in(tokens, pki.module, TOKEN)
    assert _sign(signer, pki, doc, pin, keep=KEEP) == 1
    assert len(pin.asked) == 2

    # A kept login that is simply not used is refused at the next batch too.
    clock.advance(KEEP)
    assert _sign(signer, pki, doc, pin) == 1
    assert len(pin.asked) == 3 and not logged_in(tokens, pki.module, TOKEN)
    assert [e.kind for e in session.cache.outbox()] == ["signature.submit"] * 4


def test_another_profile_never_signs_with_a_login_it_did_not_make(
    pki: TestPki,
    tokens: TokenManager,
    two_profiles: tuple[tuple[Session, DocumentSummary], ...],
) -> None:
    """The reproduction: profile A keeps its token login, profile B on the same
    laptop signs. B must be asked for the PIN; without it nothing is signed and
    A's login is gone (no lock needed: the login belongs to A's session)."""
    (a, a_doc), (b, b_doc) = two_profiles
    pin = FixedPin()
    assert _sign(CachedSigner(a.cache, tokens, a.token_scope), pki, a_doc, pin, keep=KEEP) == 1
    assert logged_in(tokens, pki.module, TOKEN)

    stranger = RefusingPin()
    with pytest.raises(Cancelled):
        _sign(CachedSigner(b.cache, tokens, b.token_scope), pki, b_doc, stranger)
    assert stranger.asked == 1
    assert b.cache.outbox() == []
    assert not logged_in(tokens, pki.module, TOKEN)

    # The same profile unlocked again is a new session: its old login is not reused either.
    again = FixedPin()
    later = CachedSigner(a.cache, tokens, "a-after-unlock")
    assert _sign(later, pki, a_doc, again) == 1
    assert len(again.asked) == 1


def test_cli_sign_logs_out_when_its_batch_ends(
    pki: TestPki,
    tokens: TokenManager,
    home: Path,
    tmp_path: Path,
    *,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``hanoi-desk sign`` in this process (not a child, whose exit would end the
    login anyway). The command closes its ``SigningService`` afterwards, and that
    logs every token out as well; so the login is read as the service is asked to
    close, where only the batch's own end (``batch_signer``) can have ended it."""
    at_close: list[bool] = []
    real_close = SigningService.close

    def close_after_looking(service: SigningService) -> None:
        at_close.append(logged_in(tokens, pki.module, TOKEN))
        real_close(service)

    monkeypatch.setattr(SigningService, "close", close_after_looking)
    src = make_pdf(tmp_path / "cli.pdf", pages=1)
    argv = ["sign", str(src), "--out", str(tmp_path / "signed"), "--module", pki.module]
    argv += ["--token", TOKEN, "--cert-id", "a1", "--pin-stdin"]
    args: argparse.Namespace = build_parser().parse_args(argv)
    monkeypatch.setattr("sys.stdin", io.StringIO(pki.pin + "\n"))
    assert sign_cmds.sign(args) == 0
    assert "1 signed" in capsys.readouterr().out  # so the token was logged in for it
    assert at_close == [False]
    assert not logged_in(tokens, pki.module, TOKEN)
