"""``hanoi-desk tokens|sign|verify|augment|profile-token``: the signing engine from
the command line (the desktop app calls the same SigningService)."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from hanoi_desk.app.wiring import default_home, default_vault
from hanoi_desk.cli.common import SubParsers, add_profile_option, open_session, print_warning
from hanoi_desk.cli.prompt import CliPrompt
from hanoi_desk.domain.text import printable, printable_json
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, translate

if TYPE_CHECKING:
    from hanoi_desk.app.session import Session
    from hanoi_desk.app.sign_bytes import SignWith
    from hanoi_desk.app.signing_service import SigningService
    from hanoi_desk.signing.appearance import AppearanceSpec
    from hanoi_desk.signing.placement import Placement
    from hanoi_desk.signing.tokens import TokenManager

# Spelled out here so that building the parser imports no PDF library: every
# hanoi-desk command pays for this module's imports. A test checks they match.
LEVELS = ("b-b", "b-t", "b-lt", "b-lta")
KINDS = ("approval", "issuing", "attachment", "copy")
COPY_KINDS = ("SAO Y", "TRÍCH SAO", "SAO LỤC")

PLACEMENT_CONFLICT = N_("Use only one of --field, --box and --anchor.")
BOX_NEEDS_PAGE = N_("--box needs --page N.")
NO_TOKENS = N_("No PKCS#11 module found. Name one with --module PATH.")
T_MODULE = N_("Module {module}")
T_MODULE_ERR = N_("Module {module}: {error}")
T_SOFTKEY_FILE = N_("Software key file {path}")
T_SOFTKEY_ERR = N_("Software key file {path}: {error}")
T_SOFTKEY = N_("  {label}; note: {note}")
WHICH_KEY = N_(
    "Name the token with --module PATH and --token LABEL, or the demo's software key with "
    "--software-key FILE (not both)."
)
T_TOKEN = N_("  Token “{label}” (serial {serial}, {manufacturer}); PIN: {pin}")
T_CERT = N_(
    "    Certificate {id}: {subject}\n      issuer: {issuer}\n      valid {start} → {end}; "
    "key usage: {usage}\n      {verdict}"
)
T_CAN_SIGN = N_("can sign")
T_CANNOT_SIGN = N_("cannot sign: {reasons}")
T_PIN_OK = N_("no warning flags")
T_SIGNED = N_("signed: {src} → {out}")
T_SKIPPED = N_("already signed, skipped: {out}")
T_FAILED = N_("NOT signed: {src}: {error}")
T_SUMMARY = N_("{signed} signed, {skipped} skipped, {failed} not signed.")
T_AUGMENTED = N_("{path}: {before} → {after}")
T_AUGMENT_FAILED = N_("{path}: not augmented: {error}")
T_PROFILE_TOKEN = N_("Token “{token}” now unlocks profile “{name}”.")
FILES_OR_PROFILE = N_(
    "Sign files (IN.pdf… --out DIR) or documents of a profile's cache (--profile NAME "
    "--document VERSION_ID…), not both."
)
NEEDS_OUT = N_("Signing files needs --out DIR.")
NEEDS_DOCUMENT = N_("Name the document versions to sign with --document VERSION_ID.")
ALREADY_SIGNED = N_(
    "Not signed: this profile already signed {documents}. Sign again with --again, or leave "
    "them out."
)
T_DOC = N_("“{title}” version {version}")
T_SIGNED_CACHED = N_("signed: {doc} [{version_id}], stored encrypted and queued for upload")
T_SKIPPED_CACHED = N_("already signed by this certificate, skipped: {doc}")


def register(sub: SubParsers) -> None:
    t = sub.add_parser("tokens", help="list PKCS#11 modules, tokens and certificates")
    t.add_argument("--module", action="append", default=[], metavar="PATH")
    t.add_argument(
        "--software-key",
        action="append",
        default=[],
        metavar="FILE",
        help="also list this DEMO software key file (made by hanoi-desk demo without SoftHSM2)",
    )
    t.set_defaults(handler=tokens)

    s = sub.add_parser("sign", help="sign PDFs with a hardware token (PAdES)")
    s.add_argument("files", nargs="*", type=Path, metavar="IN.pdf")
    s.add_argument("--out", type=Path, metavar="DIR", help="where signed files go (files only)")
    add_key_options(s)
    add_profile_option(s)
    s.add_argument(
        "--document",
        action="extend",
        nargs="+",
        default=[],
        metavar="VERSION_ID",
        help="sign these document versions of the profile's cache, as the desktop does",
    )
    s.add_argument(
        "--again",
        action="store_true",
        help="sign versions this profile already signed once more",
    )
    s.add_argument("--level", choices=LEVELS)
    s.add_argument("--tsa", metavar="URL")
    s.add_argument("--reason", metavar="TEXT")
    s.add_argument("--location", metavar="TEXT")
    s.add_argument("--trust", nargs="+", type=Path, default=[], metavar="PEM")
    s.add_argument("--field", metavar="NAME", help="an existing empty signature field")
    s.add_argument("--page", type=int, metavar="N", help="page number (negative: from the end)")
    s.add_argument("--box", metavar="x1,y1,x2,y2", help="points, origin bottom left as shown")
    s.add_argument("--anchor", metavar="TEXT", help="place the box below this text")
    s.add_argument("--kind", choices=KINDS, help="visible appearance kind")
    s.add_argument("--image", type=Path, metavar="PNG", help="the signer's signature image")
    s.add_argument("--seal", type=Path, metavar="PNG", help="the organisation's seal image")
    s.add_argument("--org", metavar="TEXT", help="organisation name (default: from certificate)")
    s.add_argument("--number", metavar="TEXT", help="document number (attachment signature)")
    s.add_argument("--copy-kind", choices=COPY_KINDS, default=COPY_KINDS[0])
    # A missing --out or files mixed with --profile are usage errors (exit 2, with the usage).
    s.set_defaults(handler=sign, usage_error=s.error)

    v = sub.add_parser("verify", help="verify every signature in PDFs")
    v.add_argument("files", nargs="+", type=Path, metavar="FILE.pdf")
    v.add_argument("--trust", nargs="+", type=Path, default=[], metavar="PEM")
    v.add_argument("--json", action="store_true")
    v.set_defaults(handler=verify)

    a = sub.add_parser("augment", help="raise signatures to B-T/B-LT/B-LTA (needs the network)")
    a.add_argument("files", nargs="+", type=Path, metavar="FILE.pdf")
    a.add_argument("--tsa", required=True, metavar="URL")
    a.add_argument("--trust", nargs="+", type=Path, default=[], metavar="PEM")
    a.set_defaults(handler=augment)

    p = sub.add_parser("profile-token", help="let a hardware token (with its PIN) unlock a profile")
    p.add_argument("name")
    p.add_argument("--module", required=True, metavar="PATH")
    p.add_argument("--token", required=True, metavar="LABEL")
    p.add_argument("--cert-id", metavar="HEX")
    p.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="passphrase on the first line of standard input, token PIN on the second",
    )
    p.set_defaults(handler=profile_token)


def add_key_options(p: argparse.ArgumentParser) -> None:
    """What signs: a token (``--module``, ``--token``) or the demo's software key,
    the certificate, and where the PIN comes from. ``sign`` and ``live vote``
    share them (docs/cli-output.md)."""
    p.add_argument("--module", metavar="PATH", help="the token's PKCS#11 module")
    p.add_argument("--token", metavar="LABEL", help="the token's label")
    p.add_argument(
        "--software-key",
        type=Path,
        metavar="FILE",
        help="sign with the DEMO software key in FILE instead of a token (not for real documents)",
    )
    who = p.add_mutually_exclusive_group()
    who.add_argument("--cert", metavar="TEXT", help="part of the certificate's subject")
    who.add_argument("--cert-id", metavar="HEX", help="the certificate's CKA_ID")
    p.add_argument(
        "--pin-stdin",
        action="store_true",
        help="read the PIN (or the software key's passphrase) from standard input",
    )


def add_queued_key_options(p: argparse.ArgumentParser) -> None:
    """:func:`add_key_options` for a signature queued for the next sync (``consult
    answer``, ``requests sign``): B-B or B-T only (the sync completes it later)."""
    add_key_options(p)
    p.add_argument("--level", choices=("b-b", "b-t"), default="b-b")
    p.add_argument("--tsa", metavar="URL")


@contextlib.contextmanager
def queued_signing(
    args: argparse.Namespace,
) -> Iterator[tuple[Session, TokenManager, SignWith, CliPrompt]]:
    """The profile's session, the token manager, the key chosen by
    :func:`add_queued_key_options` and the PIN prompt; closed in order after.
    The key choice is checked before the profile opens (no passphrase asked
    for a command that can only fail)."""
    from hanoi_desk.app.sign_bytes import SignWith
    from hanoi_desk.app.signing_service import SigningService
    from hanoi_desk.signing.pades import Level

    module, token, software_key = chosen_key(args)
    session = open_session(args)
    try:
        service = SigningService(home=default_home())
        try:
            how = SignWith(module, token, software_key, args.cert, args.cert_id,
                           Level(args.level), args.tsa, session.token_scope)  # fmt: skip
            yield session, service.manager, how, CliPrompt(args.pin_stdin, flag="--pin-stdin")
        finally:
            service.close()
    finally:
        session.close()


def chosen_key(args: argparse.Namespace) -> tuple[str, str, bool]:
    """(module or key file, token label, software key) from :func:`add_key_options`;
    exactly one of a token and a software key."""
    if args.software_key is not None:
        if args.module or args.token:
            raise UserError(WHICH_KEY)
        return str(args.software_key), "", True
    if args.module and args.token:
        return str(args.module), str(args.token), False
    raise UserError(WHICH_KEY)


def _quiet(args: argparse.Namespace) -> None:
    """pyHanko logs validation details at WARNING; the CLI prints one line per error."""
    if not args.debug:
        for name in ("pyhanko", "pyhanko_certvalidator"):
            logging.getLogger(name).setLevel(logging.CRITICAL)


def _service() -> SigningService:
    from hanoi_desk.app.signing_service import SigningService

    return SigningService(home=default_home())


def tokens(args: argparse.Namespace) -> int:
    service = _service()
    try:
        reports = service.list_tokens(args.module, args.software_key)
    finally:
        service.close()
    if not reports:
        raise UserError(NO_TOKENS)
    # Labels, serials, names and usages are what the token and its certificates
    # say: each is escaped (a certificate can carry ESC sequences in its name).
    for rep in reports:
        module = printable(rep.module)
        if rep.error is not None:
            line = T_SOFTKEY_ERR if rep.software_key else T_MODULE_ERR
            print(translate(line, module=module, path=module, error=printable(rep.error.message())))
            continue
        print(
            translate(T_SOFTKEY_FILE if rep.software_key else T_MODULE, module=module, path=module)
        )
        for tok in rep.tokens:
            pin = printable("; ".join(tok.pin.describe()) or translate(T_PIN_OK))
            if tok.software_key:
                print(translate(T_SOFTKEY, label=printable(translate(tok.label)), note=pin))
            else:
                print(
                    translate(
                        T_TOKEN,
                        label=printable(tok.label),
                        serial=printable(tok.serial),
                        manufacturer=printable(tok.manufacturer),
                        pin=pin,
                    )
                )
            for c in tok.certificates:
                verdict = (
                    translate(T_CAN_SIGN)
                    if c.usable
                    else translate(
                        T_CANNOT_SIGN, reasons=printable("; ".join(p.text() for p in c.problems))
                    )
                )
                print(
                    translate(
                        T_CERT,
                        id=printable(c.id_hex),
                        subject=printable(c.subject),
                        issuer=printable(c.issuer),
                        start=c.not_before.date().isoformat(),
                        end=c.not_after.date().isoformat(),
                        usage=printable(", ".join(c.key_usage) or "-"),
                        verdict=verdict,
                    )
                )
    return 0


def _placement(args: argparse.Namespace) -> Placement | None:
    from hanoi_desk.signing.appearance import Kind
    from hanoi_desk.signing.placement import Placement, decree_placement, parse_box

    chosen = [x for x in (args.field, args.box, args.anchor) if x]
    if len(chosen) > 1:
        raise UserError(PLACEMENT_CONFLICT)
    if args.field:
        return Placement(field=args.field)
    if args.box:
        if args.page is None:
            raise UserError(BOX_NEEDS_PAGE)
        return Placement(page=args.page, box=parse_box(args.box))
    if args.anchor:
        return Placement(anchor=args.anchor, page=args.page)
    if args.kind:  # a visible kind with no placement: the Decree's usual place
        return decree_placement(Kind(args.kind), args.page)
    return None


def _appearance(args: argparse.Namespace, placement: Placement | None) -> AppearanceSpec | None:
    from hanoi_desk.signing.appearance import AppearanceSpec, Kind

    if not (args.kind or (placement is not None)):
        return None
    return AppearanceSpec(
        kind=Kind(args.kind or Kind.APPROVAL.value),
        signature_image=args.image,
        seal_image=args.seal,
        organisation=args.org,
        doc_number=args.number,
        copy_kind=args.copy_kind,
    )


def sign(args: argparse.Namespace) -> int:
    from hanoi_desk.app.signing_service import SignRequest
    from hanoi_desk.signing.batch import Status
    from hanoi_desk.signing.pades import Level

    if args.profile is not None or args.document:
        if args.files or args.out is not None:
            args.usage_error(translate(FILES_OR_PROFILE))
        return sign_cached(args)
    if not args.files:
        args.usage_error(translate(FILES_OR_PROFILE))
    if args.out is None:
        args.usage_error(translate(NEEDS_OUT))
    _quiet(args)
    placement = _placement(args)
    appearance = _appearance(args, placement)
    module, token, software_key = chosen_key(args)
    request = SignRequest(
        files=tuple(args.files),
        out_dir=args.out,
        module=module,
        token=token,
        software_key=software_key,
        cert_text=args.cert,
        cert_id=args.cert_id,
        level=Level(args.level) if args.level else None,
        tsa_url=args.tsa,
        reason=args.reason,
        location=args.location,
        placement=placement,
        appearance=appearance,
        trust=tuple(args.trust),
    )
    service = _service()
    try:
        report = service.sign(request, CliPrompt(args.pin_stdin, flag="--pin-stdin"))
    finally:
        service.close()
    for r in report.results:
        src, out = printable(r.source), printable(r.output)
        if r.status is Status.SIGNED:
            print(translate(T_SIGNED, src=src, out=out))
        elif r.status is Status.SKIPPED:
            print(translate(T_SKIPPED, out=out))
        else:
            error = printable(r.error.message()) if r.error else "?"
            print(translate(T_FAILED, src=src, error=error), file=sys.stderr)
    for w in report.warnings:
        print_warning(w)
    print(
        translate(
            T_SUMMARY,
            signed=report.count(Status.SIGNED),
            skipped=report.count(Status.SKIPPED),
            failed=report.count(Status.FAILED) + report.count(Status.NOT_STARTED),
        )
    )
    return 0 if report.ok else 1


def sign_cached(args: argparse.Namespace) -> int:
    """``sign --profile NAME --document VERSION_ID…``: the desktop's path
    (``app.sign_cached``), scripted — each version decrypted into memory,
    signed in memory, stored encrypted and queued for upload. Everything that
    can refuse (an unknown or absent version, a superseded one, one this
    profile already signed without ``--again``) does so before the PIN."""
    from hanoi_desk.app.sign_cached import (
        CachedSigner,
        CachedSignRequest,
        already_signed,
        queue_signed,
        refuse_superseded,
        versions_to_sign,
    )
    from hanoi_desk.app.signing_service import tsa_reachable
    from hanoi_desk.cli.common import open_session
    from hanoi_desk.domain.models import DocumentSummary
    from hanoi_desk.signing.batch import Status
    from hanoi_desk.signing.pades import Level

    if not args.document:
        raise UserError(NEEDS_DOCUMENT)
    _quiet(args)
    placement = _placement(args)
    appearance = _appearance(args, placement)
    module, token, software_key = chosen_key(args)
    level = Level(args.level) if args.level else None
    if level is None:
        level = Level.B_T if args.tsa and tsa_reachable(args.tsa) else Level.B_B

    def named(doc: DocumentSummary) -> str:
        return translate(T_DOC, title=printable(doc.title, limit=80), version=doc.version)

    session = open_session(args)
    service = _service()
    try:
        cache = session.cache
        docs = versions_to_sign(cache, args.document)
        refuse_superseded(cache, docs)
        earlier = already_signed(cache, docs)
        if earlier and not args.again:
            raise UserError(ALREADY_SIGNED, documents=", ".join(named(d) for d in earlier))
        request = CachedSignRequest(
            docs,
            module,
            token,
            cert_id=args.cert_id,
            cert_text=args.cert,
            appearance=appearance,
            placement=placement,
            level=level,
            tsa_url=args.tsa,
            reason=args.reason,
            location=args.location,
            trust=tuple(service.trust_roots(args.trust)),
            software_key=software_key,
            again=args.again,
        )
        signer = CachedSigner(cache, service.manager, session.token_scope, changes=session.changes)
        report = signer.sign(
            request,
            CliPrompt(args.pin_stdin, flag="--pin-stdin"),
            lambda doc, signed: queue_signed(cache, doc, signed, level.value.upper()),
        )
    finally:
        try:
            service.close()
        finally:
            session.close()
    for r in report.results:
        if r.status is Status.SIGNED:
            print(
                translate(T_SIGNED_CACHED, doc=named(r.document), version_id=r.document.version_id)
            )
        elif r.status is Status.SKIPPED:
            print(translate(T_SKIPPED_CACHED, doc=named(r.document)))
        else:
            error = printable(r.error.message()) if r.error else "?"
            print(translate(T_FAILED, src=named(r.document), error=error), file=sys.stderr)
    for w in report.warnings:
        print_warning(w)
    print(
        translate(
            T_SUMMARY,
            signed=report.count(Status.SIGNED),
            skipped=report.count(Status.SKIPPED),
            failed=report.count(Status.FAILED) + report.count(Status.NOT_STARTED),
        )
    )
    return 0 if report.ok else 1


def verify(args: argparse.Namespace) -> int:
    _quiet(args)
    service = _service()
    try:
        reports = service.verify(args.files, args.trust)
    finally:
        service.close()
    if args.json:
        print(printable_json([r.as_dict() for r in reports]))
    else:
        from hanoi_desk.signing.verify import render

        for r in reports:
            print("\n".join(render(r)))
    from hanoi_desk.cli.cache_cmds import warn_unstamped

    warn_unstamped(reports)  # old B-B signatures: stderr, the verdict is unchanged
    return 0 if all(r.ok for r in reports) else 1


def augment(args: argparse.Namespace) -> int:
    _quiet(args)
    service = _service()
    try:
        results = service.augment(args.files, args.tsa, args.trust)
    finally:
        service.close()
    for res in results:
        path = printable(res.path)
        for w in res.warnings:
            print_warning(w)
        if res.error is not None:
            print(
                translate(T_AUGMENT_FAILED, path=path, error=printable(res.error.message())),
                file=sys.stderr,
            )
        else:
            print(translate(T_AUGMENTED, path=path, before=res.before, after=res.after))
    return 0 if all(r.error is None for r in results) else 1


def profile_token(args: argparse.Namespace) -> int:
    from hanoi_desk.signing.unlocker import TokenUnlocker

    unlocker = TokenUnlocker(module=args.module, token=args.token, cert_id=args.cert_id)
    vault = default_vault(extra={"token": unlocker})
    prompt = CliPrompt(args.passphrase_stdin)
    try:
        profile = vault.unlock(args.name, prompt, "passphrase")
        try:
            vault.add_unlocker(profile, "token", prompt)
        finally:
            profile.wipe()  # the master key, whether the token took it or not
    finally:
        unlocker.manager.close()
    print(translate(T_PROFILE_TOKEN, token=args.token, name=args.name))
    return 0
