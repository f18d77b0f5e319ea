"""Signing use cases the UI and the CLI call: list tokens, sign a batch with
progress/cancel and a result per file, verify, augment.

The service owns the process's :class:`TokenManager` (one token thread, one login
per token, ended with each batch); the UI runs these calls in its
background-operation helper.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from asn1crypto import x509

from hanoi_desk.app.session import IsCancelled, Progress
from hanoi_desk.app.token_access import list_tokens
from hanoi_desk.signing.appearance import AppearanceSpec
from hanoi_desk.signing.augment import AugmentResult, augment_file
from hanoi_desk.signing.batch import BatchReport, batch_context, sign_batch
from hanoi_desk.signing.pades import Level, SignOptions, batch_signer
from hanoi_desk.signing.pin import PinPrompt
from hanoi_desk.signing.placement import Placement
from hanoi_desk.signing.tokens import ModuleReport, TokenManager
from hanoi_desk.signing.verify import FileReport, load_roots, verify_file

TRUST_ENV = "HANOI_DESK_TRUST_DIR"


@dataclass(frozen=True)
class SignRequest:
    files: tuple[Path, ...]
    out_dir: Path
    module: str
    token: str
    cert_text: str | None = None
    cert_id: str | None = None
    level: Level | None = None  # None: B-T when the TSA answers, else B-B
    tsa_url: str | None = None
    reason: str | None = None
    location: str | None = None
    placement: Placement | None = None
    appearance: AppearanceSpec | None = None
    trust: tuple[Path, ...] = field(default=())
    software_key: bool = False
    """Sign with the demo's software key in the file ``module`` (``token`` is ignored)."""


def tsa_reachable(url: str, timeout: float = 3.0) -> bool:
    """Any HTTP answer counts: a TSA replies to GET with an error page, not silence."""
    try:
        httpx.get(url, timeout=timeout)
    except httpx.HTTPError:
        return False
    return True


def trust_roots(home: Path | None, extra: Sequence[Path] = ()) -> list[x509.Certificate]:
    """``extra`` files plus the user's trust folder (``HANOI_DESK_TRUST_DIR``, else
    ``<home>/trust``), where an administrator puts the national root certificates."""
    folders = []
    env = os.environ.get(TRUST_ENV)
    if env:
        folders.append(Path(env))
    elif home is not None:
        folders.append(home / "trust")
    return load_roots([*extra, *(f for f in folders if f.is_dir())])


class SigningService:
    def __init__(self, manager: TokenManager | None = None, home: Path | None = None) -> None:
        self.manager = manager or TokenManager()
        self.home = home

    def trust_roots(self, extra: Sequence[Path] = ()) -> list[x509.Certificate]:
        """``--trust`` files plus the user's trust folder (:func:`trust_roots`)."""
        return trust_roots(self.home, extra)

    def list_tokens(
        self, modules: Sequence[str] = (), software_keys: Sequence[str] = ()
    ) -> list[ModuleReport]:
        """Tokens of the modules found, then only the software keys named here:
        a key file is never found by searching, only opted into."""
        return list_tokens(self.manager, modules, software_keys)

    def sign(
        self,
        request: SignRequest,
        prompt: PinPrompt,
        progress: Progress | None = None,
        cancelled: IsCancelled | None = None,
    ) -> BatchReport:
        level = request.level
        if level is None:
            level = Level.B_T if request.tsa_url and tsa_reachable(request.tsa_url) else Level.B_B
        # The CLI signs one batch per process and keeps no login: the token is
        # logged out when the batch ends, before the report is printed.
        with batch_signer(
            self.manager,
            request.module,
            request.token,
            prompt,
            software_key=request.software_key,
            cert_text=request.cert_text,
            cert_id=request.cert_id,
        ) as signer:
            options = SignOptions(
                level=level,
                tsa_url=request.tsa_url,
                reason=request.reason,
                location=request.location,
                placement=request.placement,
                trust=tuple(self.trust_roots(request.trust)),
                field_name=request.placement.field if request.placement else None,
            )
            ctx = batch_context(signer, options, request.appearance)
            return sign_batch(ctx, list(request.files), request.out_dir, progress, cancelled)

    def verify(
        self, files: Sequence[Path], trust: Sequence[Path] = (), fetch: bool = True
    ) -> list[FileReport]:
        roots = self.trust_roots(trust)
        return [verify_file(f, roots, fetch=fetch) for f in files]

    def augment(
        self, files: Sequence[Path], tsa_url: str, trust: Sequence[Path] = ()
    ) -> list[AugmentResult]:
        roots = self.trust_roots(trust)
        return [augment_file(f, tsa_url, roots) for f in files]

    def close(self) -> None:
        self.manager.close()
        self.manager.thread.close()
