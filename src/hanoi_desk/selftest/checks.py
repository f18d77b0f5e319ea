"""The Qt-free checks of ``hanoi-desk --self-test``, in the order they run.

Each goes through the same code the app uses (``Desk``, ``Cache``, ``Reader``,
``SigningService``), never a shortcut, so a part missing from a bundle fails
here exactly as it would fail for a user.
"""

from __future__ import annotations

import importlib
import os
import secrets

from hanoi_desk.app.session import Desk
from hanoi_desk.i18n import N_, catalog
from hanoi_desk.resources import font, resources_dir
from hanoi_desk.selftest.runner import (
    IMPORT_CHECK,
    PROFILE_CHECK,
    Check,
    CheckFailed,
    Skipped,
    Workbench,
    sample_pdf,
)
from hanoi_desk.store.database import SQLITE_HEADER
from hanoi_desk.store.unlockers import PassphraseUnlocker
from hanoi_desk.store.vault import Vault

RESOURCES_CHECK = N_("bundled resources")
BLOB_CHECK = N_("blob write/read")
RENDER_CHECK = N_("render page 1")
MODULES_CHECK = N_("PKCS#11 modules")
SIGN_CHECK = N_("SoftHSM2 sign + verify")

MISSING_FILES = N_("missing from {folder}: {files}")
NO_CATALOG = N_("the Vietnamese message catalog is missing or empty")
RESOURCES_OK = N_("{files} files in {folder}, {messages} Vietnamese messages")
NOT_ENCRYPTED = N_("the cache database was written unencrypted")
PROFILE_OK = N_("Argon2id unlock, SQLCipher {version}, database encrypted on disk")
READ_BACK_DIFFERS = N_("the blob read back differs from what was written")
PLAINTEXT_ON_DISK = N_("plaintext found on disk in {file}")
BLOB_OK = N_("{size} MiB in {chunks} encrypted chunks, no plaintext on disk")
NOT_FOUND_BY_SEARCH = N_("searching “{query}” did not find the sample: full-text search is broken")
IMPORT_OK = N_("pages: {pages}; found again by searching “{query}”")
IMPORT_OK_OTHER = N_("pages: {pages}; search is checked only on the bundled sample")
BLANK_PAGE = N_("page 1 came out blank ({width}×{height} px)")
RENDER_OK = N_("{width}×{height} px at 72 dpi, {ink} of the page inked")
NO_MODULES = N_("none found (name a driver in {var})")
MODULES_OK = N_("{count} found: {modules}")
MODULES_FAILED = N_("{failed} of {count} could not be loaded: {reasons}")
NO_SOFTHSM = N_("SoftHSM2 not installed (no {library} in {places})")
NO_TOOLS = N_("{tools} not found on PATH")
SOFTHSM_OFF = N_("turned off by {var}=none")
SIGN_FAILED = N_("signing failed: {reason}")
NOT_VERIFIED = N_("the new signature did not verify: {reason}")
SIGN_OK = N_("PAdES B-B with a Vietnamese visible signature and seal, valid and trusted")
EARLIER = N_("{ok}; earlier signatures, not judged here: {signatures}")
EARLIER_VALID = N_("{signer} (valid)")
EARLIER_NOT_VALID = N_("{signer} (not valid or not trusted here)")

SEARCH_QUERY = "ha noi"  # no accents: the sample says "Hà Nội"
BLOB_BYTES = 1258291  # 1.2 MiB: two chunks of the 1 MiB blob format
MIN_INK = 0.001
MIN_MESSAGES = 100


def _resources(bench: Workbench) -> str:
    base = resources_dir()
    needed = [
        font("NotoSans-Regular.ttf"),
        font("NotoSans-Bold.ttf"),
        base / "i18n" / "hanoi_desk_vi.qm",
        base / "i18n" / "hanoi_desk_en.qm",
        base / "images" / "demo-signature.png",
        base / "images" / "demo-seal.png",
        base / "icons" / "hanoi-desk-256.png",
        sample_pdf(),
    ]
    missing = [str(p.relative_to(base)) for p in needed if not p.is_file()]
    if missing:
        raise CheckFailed(MISSING_FILES, folder=base, files=", ".join(missing))
    messages = len(catalog("vi"))  # read with importlib.resources from the package
    if messages < MIN_MESSAGES:
        raise CheckFailed(NO_CATALOG)
    return bench.t(RESOURCES_OK, files=len(needed), folder=base, messages=messages)


class _ThrowawayPassphrase:
    """The one-off passphrase of the throwaway profile, asked by the vault."""

    def __init__(self) -> None:
        self.value = secrets.token_urlsafe(24)

    def passphrase(self, profile: str, *, new: bool) -> str:
        return self.value


def _profile(bench: Workbench) -> str:
    # The real unlocker with the real Argon2id cost: a bundle with a broken
    # cryptography build must fail here, not on the user's unlock screen.
    desk = Desk(Vault(bench.root / "home", {"passphrase": PassphraseUnlocker()}))
    prompt = _ThrowawayPassphrase()
    desk.create("self-test", prompt)
    session = desk.open("self-test", prompt, "passphrase")
    bench.session = session
    with open(session.profile.path / "cache.db", "rb") as f:
        if f.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
            raise CheckFailed(NOT_ENCRYPTED)
    version = session.cache.cipher_version()
    return bench.t(PROFILE_OK, version=version)


def _blob(bench: Workbench) -> str:
    session = bench.need_session()
    marker = b"HANOI-DESK-SELF-TEST-" + secrets.token_hex(8).encode()
    data = marker + os.urandom(BLOB_BYTES - 2 * len(marker)) + marker
    store = session.cache.blobs
    sha = store.put(data)
    try:
        with store.open(sha) as reader:
            chunks = sum(1 for _ in reader.iter_chunks())
        with store.open(sha) as reader:
            if reader.read_all() != data:
                raise CheckFailed(READ_BACK_DIFFERS)
        for path in sorted(session.profile.path.rglob("*")):
            if path.is_file() and marker in path.read_bytes():
                raise CheckFailed(PLAINTEXT_ON_DISK, file=path.name)
    finally:
        store.remove(sha)
    return bench.t(BLOB_OK, size=f"{len(data) / 1024 / 1024:.1f}", chunks=chunks)


def _import(bench: Workbench) -> str:
    session = bench.need_session()
    doc = session.cache.add_pdf(bench.sample)
    bench.document = doc
    if bench.sample.resolve() != sample_pdf().resolve():
        return bench.t(IMPORT_OK_OTHER, pages=doc.pages)
    if not any(hit.document_id == doc.id for hit in session.cache.search(SEARCH_QUERY)):
        raise CheckFailed(NOT_FOUND_BY_SEARCH, query=SEARCH_QUERY)
    return bench.t(IMPORT_OK, pages=doc.pages, query=SEARCH_QUERY)


def _render(bench: Workbench) -> str:
    from hanoi_desk.app.reader import Reader  # PyMuPDF: imported only when used

    session = bench.need_session()
    opened = Reader(session.cache).open(bench.need_document())
    try:
        image = opened.render(0, 1.0)
    finally:
        opened.close()
    ink = 1 - image.samples.count(b"\xff") / max(1, len(image.samples))
    if ink < MIN_INK:
        raise CheckFailed(BLANK_PAGE, width=image.width, height=image.height)
    return bench.t(RENDER_OK, width=image.width, height=image.height, ink=f"{ink:.1%}")


def _modules(bench: Workbench) -> str:
    """Every module found is loaded and its tokens listed, as the token list
    does: a configured driver that is missing or broken is a FAIL, not a name
    printed. Runs after the SoftHSM2 check, so SoftHSM2 is read with the
    throwaway token's configuration, not the system's."""
    # The binding's compiled part: without it no token works, whatever is installed.
    importlib.import_module("pkcs11._pkcs11")
    from hanoi_desk.app.token_access import TokenManager, list_tokens
    from hanoi_desk.signing.modules import ENV_VAR

    if "SOFTHSM2_CONF" not in os.environ:
        # The signing check was skipped, so SoftHSM2 would read the system's
        # configuration, whose token folder only root and the softhsm group may
        # open: a person outside it would get a FAIL that says nothing about this
        # program. An empty throwaway configuration loads the library all the same.
        folder = bench.root / "softhsm-empty"
        (folder / "tokens").mkdir(parents=True, exist_ok=True)
        conf = folder / "softhsm2.conf"
        conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
        bench.set_env("SOFTHSM2_CONF", str(conf))
    manager = TokenManager()
    try:
        reports = list_tokens(manager)
    finally:
        manager.close()
        manager.thread.close()
    if not reports:
        raise Skipped(NO_MODULES, var=ENV_VAR)
    failed = [r.error for r in reports if r.error is not None]
    if failed:
        reasons = "; ".join(e.message(bench.language) for e in failed)
        raise CheckFailed(MODULES_FAILED, failed=len(failed), count=len(reports), reasons=reasons)
    names = ", ".join(r.module for r in reports)
    return bench.t(MODULES_OK, count=len(reports), modules=names)


class _KnownPin:
    """The throwaway token's PIN, given once per batch like a person would."""

    def __init__(self, pin: str) -> None:
        self.value = pin

    def pin(self, token: str, state: object) -> str:
        return self.value


def _sign(bench: Workbench) -> str:
    from hanoi_desk.demo.kit import find_softhsm, make_demo_token

    found = find_softhsm()
    if found.turned_off:
        raise Skipped(SOFTHSM_OFF, var=found.variable)
    if found.module is None:
        raise Skipped(NO_SOFTHSM, library=found.library, places=", ".join(found.looked_in))
    if found.missing_tools:
        raise Skipped(NO_TOOLS, tools=", ".join(found.missing_tools))
    module = found.module
    session = bench.need_session()
    doc = bench.need_document()
    token = make_demo_token(bench.root / "softhsm", module)
    # SoftHSM reads its configuration once, when the module is first loaded.
    bench.set_env("SOFTHSM2_CONF", str(token.softhsm_conf))

    # The desktop's own path (the signing engine's batch loop and placement
    # code, with the cache's in-memory shelf): the cached document is decrypted
    # into memory and signed in memory, so not even the sample becomes a
    # plaintext file.
    from hanoi_desk.app.sign_cached import (
        AppearanceSpec,
        CachedSigner,
        CachedSignRequest,
        Kind,
        Placement,
        TokenManager,
    )
    from hanoi_desk.signing.verify import load_roots, verify_bytes

    images = resources_dir() / "images"
    request = CachedSignRequest(
        documents=(doc,),
        module=module,
        token=token.label,
        appearance=AppearanceSpec(
            kind=Kind.ISSUING,
            signature_image=images / "demo-signature.png",
            seal_image=images / "demo-seal.png",
            organisation="Ủy ban nhân dân quận Đống Đa (tự kiểm tra)",
        ),
        placement=Placement(page=1),  # bottom right of the first page
    )
    signed: list[bytes] = []

    def keep(document: object, data: bytes) -> str:
        signed.append(data)
        return "self-test"

    manager = TokenManager()
    try:
        report = CachedSigner(session.cache, manager).sign(request, _KnownPin(token.pin), keep)
    finally:
        manager.close()
        manager.thread.close()
    if not signed:
        failed = report.stopped_by or next((r.error for r in report.results if r.error), None)
        reason = failed.message(bench.language) if failed is not None else "?"
        raise CheckFailed(SIGN_FAILED, reason=reason)
    verdict = verify_bytes(signed[0], doc.filename, load_roots([token.root_pem]), fetch=False)
    # Only the signature just added is judged (it comes last): a document given
    # with --self-test-pdf may carry signatures whose roots are not trusted here.
    new = verdict.signatures[-1] if verdict.signatures else None
    if verdict.error is not None or new is None or not new.ok:
        problems = new.problems if new is not None else ()
        reason = verdict.error or "; ".join(problems) or "?"
        raise CheckFailed(NOT_VERIFIED, reason=reason)
    earlier = [
        bench.t(EARLIER_VALID if s.ok else EARLIER_NOT_VALID, signer=s.signer)
        for s in verdict.signatures[:-1]
    ]
    if earlier:
        return bench.t(EARLIER, ok=bench.t(SIGN_OK), signatures=", ".join(earlier))
    return bench.t(SIGN_OK)


def core_checks() -> list[Check]:
    """The checks that need no Qt, in order; later ones use what earlier ones made."""
    return [
        Check(RESOURCES_CHECK, _resources),
        Check(PROFILE_CHECK, _profile),
        Check(BLOB_CHECK, _blob),
        Check(IMPORT_CHECK, _import, reads_document=True),
        Check(RENDER_CHECK, _render, reads_document=True),
        Check(SIGN_CHECK, _sign, reads_document=True),
        Check(MODULES_CHECK, _modules),
    ]
