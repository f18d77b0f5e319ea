"""Shared test helpers: sign with the session's token, check with pdfsig."""

from __future__ import annotations

import subprocess
from pathlib import Path

from hanoi_desk.signing.appearance import PreparedAppearance
from hanoi_desk.signing.batch import BatchReport, sign_batch
from hanoi_desk.signing.pades import Level, SignOptions, make_context
from hanoi_desk.signing.tokens import SigningKey, TokenManager

from .conftest import FixedPin
from .signing_pki import TOKEN, TestPki


def signer_key(pki: TestPki, manager: TokenManager, cert: str = "Nguyễn Văn An") -> SigningKey:
    ts = manager.login(pki.module, TOKEN, FixedPin())
    return manager.signing_key(ts, cert_text=cert)


def sign(
    pki: TestPki,
    manager: TokenManager,
    files: list[Path],
    out: Path,
    *,
    level: Level = Level.B_B,
    appearance: PreparedAppearance | None = None,
    **opts: object,
) -> BatchReport:
    key = signer_key(pki, manager)
    options = SignOptions(
        level=level,
        tsa_url=pki.tsa_url if level is not Level.B_B else None,
        trust=(pki.certs["root"],),
        **opts,  # type: ignore[arg-type]
    )
    ctx = make_context(manager, key, options, appearance)
    return sign_batch(ctx, files, out)


def pdfsig(path: Path) -> str:
    """poppler's independent reading of the signatures (no trust store: integrity only)."""
    res = subprocess.run(
        ["pdfsig", "-nocert", str(path)], check=False, capture_output=True, text=True
    )
    return res.stdout + res.stderr
