"""PAdES signing of one document with a key on a token (or the demo's software key).

:class:`TokenSigner` is the pyHanko signer whose only token operation is the
final ``C_Sign`` (size estimates are dry runs), dispatched to the token thread.
:func:`batch_signer` is the one place a batch gets its signer (and where its
token login ends), so the demo's software key (``signing.softkey``) goes
through the same batch, appearance and error handling as a token, and is only
ever used when the caller asks for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeAlias

from asn1crypto import x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.pkcs11 import select_pkcs11_signing_params
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from hanoi_desk.errors import Cancelled, EnvironmentFault, HanoiDeskError, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.signing.appearance import PreparedAppearance, signing_time
from hanoi_desk.signing.pdfio import atomic_output, open_for_update, open_input
from hanoi_desk.signing.pin import PinPrompt
from hanoi_desk.signing.placement import Placement, resolve
from hanoi_desk.signing.softkey import SoftKeySigner, unlock
from hanoi_desk.signing.thread import TOKEN_HUNG, TokenHung
from hanoi_desk.signing.tokens import SigningKey, TokenManager

log = logging.getLogger(__name__)

NEEDS_TSA = N_("Level {level} needs a timestamp authority: add --tsa URL.")
TSA_FAILED = N_("The timestamp authority {url} did not answer ({reason}). Sign at B-B offline.")
NO_FIELD = N_("{name} has no empty signature field named “{field}”.")
SIGN_FAILED = N_("Signing {name} failed: {reason}.")
REVOCATION_FAILED = N_(
    "Level {level} needs revocation data for the certificate, which could not be fetched "
    "({reason}). Sign at B-B or B-T offline; sync adds it later."
)


class Level(enum.StrEnum):
    B_B = "b-b"
    B_T = "b-t"
    B_LT = "b-lt"
    B_LTA = "b-lta"


class TokenSigner(signers.Signer):  # type: ignore[misc]
    def __init__(self, manager: TokenManager, key: SigningKey) -> None:
        registry = SimpleCertificateStore()
        registry.register_multiple([key.cert.cert, *key.chain])
        super().__init__(signing_cert=key.cert.cert, cert_registry=registry, embed_roots=True)
        self.manager = manager
        self.key = key

    @property
    def sign_operations(self) -> int:
        """``C_Sign`` calls so far (the manager counts them for every batch)."""
        return self.manager.counters.signs

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        if dry_run:
            return b"0" * 512
        digest_algorithm = digest_algorithm.lower()
        spec = select_pkcs11_signing_params(
            self.get_signature_mechanism_for_digest(digest_algorithm),
            digest_algorithm,
            use_raw_mechanism=False,
            sign_kwargs={},
        )

        def run() -> bytes:
            payload = spec.pre_sign_transform(data) if spec.pre_sign_transform else data
            sig = self.manager.sign_on_thread(self.key, payload, **spec.sign_kwargs)
            return spec.post_sign_transform(sig) if spec.post_sign_transform else sig

        pending = asyncio.wrap_future(self.manager.thread.submit(run))
        try:
            return await asyncio.wait_for(pending, self.manager.sign_timeout)
        except TimeoutError:  # a driver stuck mid-signature: report it, do not freeze
            self.manager.thread.abandon()
            raise TokenHung(
                TOKEN_HUNG, seconds=self.manager.sign_timeout, what=self.key.session.label
            ) from None


DocumentSigner: TypeAlias = TokenSigner | SoftKeySigner


@contextlib.contextmanager
def batch_signer(
    manager: TokenManager,
    module: str,
    token: str,
    prompt: PinPrompt,
    *,
    software_key: bool = False,
    cert_text: str | None = None,
    cert_id: str | None = None,
    owner: Hashable | None = None,
    keep_for: float = 0.0,
) -> Iterator[DocumentSigner]:
    """The signer of one batch: the token's key after its one login, or (only
    when ``software_key`` is asked for) the demo's software key in the file
    ``module``. The token login ends with the batch, whatever happens in it,
    unless the signer chose to keep it ``keep_for`` seconds (see
    ``TokenManager.release``); ``owner`` is the profile session signing."""
    if software_key:
        yield SoftKeySigner(unlock(Path(module), prompt, cert_text, cert_id))
        return
    session = manager.login(module, token, prompt, owner)
    try:
        yield TokenSigner(manager, manager.signing_key(session, cert_text, cert_id))
    finally:
        manager.release(session, keep_for)


@dataclass(frozen=True)
class SignOptions:
    level: Level = Level.B_B
    tsa_url: str | None = None
    reason: str | None = None
    location: str | None = None
    placement: Placement | None = None  # None: invisible
    trust: tuple[x509.Certificate, ...] = ()
    field_name: str | None = None


@dataclass
class BatchContext:
    """What is made once per batch and reused for every document."""

    signer: DocumentSigner
    options: SignOptions
    appearance: PreparedAppearance | None = None
    timestamper: Any = None
    validation_context: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


def make_context(
    manager: TokenManager,
    key: SigningKey,
    options: SignOptions,
    appearance: PreparedAppearance | None,
) -> BatchContext:
    return context_for(TokenSigner(manager, key), options, appearance)


def context_for(
    signer: DocumentSigner, options: SignOptions, appearance: PreparedAppearance | None
) -> BatchContext:
    key = signer.key
    if options.level is not Level.B_B and not options.tsa_url:
        raise UserError(NEEDS_TSA, level=options.level.value.upper())
    ctx = BatchContext(signer, options, appearance)
    if options.tsa_url and options.level is not Level.B_B:  # B-B carries no timestamp
        ctx.timestamper = HTTPTimeStamper(options.tsa_url, timeout=10)
    if options.level in (Level.B_LT, Level.B_LTA):
        roots = list(options.trust) or [c for c in key.chain if c.self_signed == "maybe"]
        ctx.validation_context = ValidationContext(
            trust_roots=roots, other_certs=list(key.chain), allow_fetching=True
        )
    return ctx


def new_field_name(reader: PdfFileReader) -> str:
    names = {name for name, _, _ in fields.enumerate_sig_fields(reader)}
    n = 1
    while f"Signature{n}" in names:
        n += 1
    return f"Signature{n}"


@dataclass(frozen=True)
class Source:
    """One document to sign, however it is held: the stream pyHanko reads,
    the name errors use, and what PyMuPDF opens to place the box (the file, or
    the bytes of a document decrypted into memory, never written out)."""

    stream: IO[bytes]
    name: str
    pdf: Path | bytes


@dataclass(frozen=True)
class PreparedSignature:
    """A document parsed and its signature placed, ready to be signed into an
    output: every error of a bad document comes before any output exists."""

    ctx: BatchContext
    writer: IncrementalPdfFileWriter
    label: str
    field_name: str
    field_spec: fields.SigFieldSpec | None
    rotation: int
    visible: bool

    def write(self, output: IO[bytes]) -> None:
        sign_into(
            self.ctx,
            self.writer,
            self.label,
            field_name=self.field_name,
            field_spec=self.field_spec,
            rotation=self.rotation,
            visible=self.visible,
            output=output,
        )


def prepare_signature(ctx: BatchContext, source: Source) -> PreparedSignature:
    """Open ``source`` for an incremental update and place its signature
    (an existing empty field, or a new one where ``ctx.options.placement`` says)."""
    opts = ctx.options
    writer = open_for_update(source.stream, source.name)
    field_spec = None
    rotation = 0
    if opts.field_name:
        empty = {n for n, _, _ in fields.enumerate_sig_fields(writer.prev, filled_status=False)}
        if opts.field_name not in empty:
            raise UserError(NO_FIELD, name=source.name, field=opts.field_name)
        name = opts.field_name
    else:
        name = new_field_name(writer.prev)
        if opts.placement is not None:
            where = resolve(source.pdf, opts.placement, source.name)
            rotation = where.rotation
            field_spec = fields.SigFieldSpec(name, on_page=where.page_index, box=where.box)
    visible = field_spec is not None or bool(opts.field_name)
    return PreparedSignature(ctx, writer, source.name, name, field_spec, rotation, visible)


def sign_one(ctx: BatchContext, src: Path, out: Path) -> None:
    """Sign ``src`` into ``out`` (atomically). Raises HanoiDeskError on failure."""
    with open_input(src) as f:
        prepared = prepare_signature(ctx, Source(f, src.name, src))
        out.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(out) as target:
            prepared.write(target)


def sign_into(
    ctx: BatchContext,
    writer: IncrementalPdfFileWriter,
    label: str,
    *,
    field_name: str,
    field_spec: fields.SigFieldSpec | None,
    rotation: int,
    visible: bool,
    output: IO[bytes],
) -> None:
    """What signing a file and signing a document held in memory share: the
    metadata for the level, the appearance text, the one token signature, and
    pyHanko's errors turned into ours (``label`` names the document)."""
    opts = ctx.options
    style = None
    params: dict[str, str] = {}
    if ctx.appearance is not None and visible:
        style = ctx.appearance.style(rotation)
        cert = ctx.signer.key.cert
        params["vn_text"] = ctx.appearance.text(cert.common_name, cert.organization, signing_time())
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=opts.reason,
        location=opts.location,
        embed_validation_info=opts.level in (Level.B_LT, Level.B_LTA),
        use_pades_lta=opts.level is Level.B_LTA,
        validation_context=ctx.validation_context,
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=ctx.signer,
        timestamper=ctx.timestamper,
        stamp_style=style,
        new_field_spec=field_spec,
    )
    try:
        pdf_signer.sign_pdf(writer, output=output, appearance_text_params=params)
    except HanoiDeskError:
        raise
    except TimestampRequestError as exc:
        raise EnvironmentFault(TSA_FAILED, url=opts.tsa_url, reason=type(exc).__name__) from None
    except SigningError as exc:
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, (HanoiDeskError, Cancelled)):
            raise cause from None
        if opts.level in (Level.B_LT, Level.B_LTA):
            raise EnvironmentFault(
                REVOCATION_FAILED, level=opts.level.value.upper(), reason=str(exc)
            ) from None
        raise UserError(SIGN_FAILED, name=label, reason=str(exc)) from None


def signatures_in(stream: IO[bytes]) -> int:
    """How many signatures the PDF in ``stream`` holds (0 when it cannot be read)."""
    stream.seek(0)
    try:
        return len(PdfFileReader(stream, strict=False).embedded_signatures)
    except Exception:
        return 0


def signed_once_more(candidate: IO[bytes], cert: x509.Certificate, before: int) -> bool:
    """True when ``candidate`` holds one more signature than its input had
    (``before``), the last one made with ``cert``: a batch's earlier output."""
    try:
        candidate.seek(0)
        sigs = PdfFileReader(candidate, strict=False).embedded_signatures
        return len(sigs) == before + 1 and sigs[-1].signer_cert.dump() == cert.dump()
    except Exception as exc:  # an unreadable output is re-made, never trusted
        log.debug("earlier output unreadable: %s", type(exc).__name__)
        return False


def already_signed_by(out: Path, cert: x509.Certificate, before: int) -> bool:
    """True when ``out`` holds one more signature than its input, made with ``cert``."""
    if not out.is_file():
        return False
    try:
        with out.open("rb") as f:
            return signed_once_more(f, cert, before)
    except OSError as exc:
        log.debug("existing output %s unreadable: %s", out.name, type(exc).__name__)
        return False


def count_signatures(src: Path) -> int:
    with open_input(src) as f:
        return signatures_in(f)
