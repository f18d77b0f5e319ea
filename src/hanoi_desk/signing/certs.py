"""What a certificate on a token is, and whether it may sign."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import x509

from hanoi_desk.i18n import N_

EXPIRED = N_("the certificate expired on {date}")
NOT_YET_VALID = N_("the certificate is valid only from {date}")
NO_SIGNING_USAGE = N_(
    "the certificate does not allow signing (key usage lacks digitalSignature and nonRepudiation)"
)
NO_KEY = N_("the token holds no private key for this certificate")

SIGNING_USAGES = {"digital_signature", "non_repudiation"}


@dataclass(frozen=True)
class Problem:
    """Why a certificate is refused for signing: a template and its parameters."""

    template: str
    params: tuple[tuple[str, str], ...] = ()

    def text(self, language: str | None = None) -> str:
        from hanoi_desk.i18n import translate

        return translate(self.template, language, **dict(self.params))


@dataclass(frozen=True)
class CertInfo:
    id_hex: str
    label: str
    subject: str
    common_name: str
    organization: str
    issuer: str
    not_before: datetime
    not_after: datetime
    key_usage: tuple[str, ...]
    has_key: bool
    problems: tuple[Problem, ...]
    cert: x509.Certificate

    @property
    def usable(self) -> bool:
        return not self.problems

    def matches(self, text: str) -> bool:
        """``--cert TEXT``: a case-insensitive part of the subject, label or serial."""
        needle = text.casefold()
        hay = (self.subject, self.label, self.common_name, f"{self.cert.serial_number:x}")
        return any(needle in h.casefold() for h in hay)


def _attr(cert: x509.Certificate, name: str) -> str:
    value = cert.subject.native.get(name, "")
    return str(value[-1] if isinstance(value, list) else value)


def signing_problems(cert: x509.Certificate, has_key: bool, now: datetime) -> list[Problem]:
    out: list[Problem] = []
    validity = cert["tbs_certificate"]["validity"]
    not_before = validity["not_before"].native
    not_after = validity["not_after"].native
    if now > not_after:
        out.append(Problem(EXPIRED, (("date", not_after.date().isoformat()),)))
    if now < not_before:
        out.append(Problem(NOT_YET_VALID, (("date", not_before.date().isoformat()),)))
    usages = set(cert.key_usage_value.native) if cert.key_usage_value else set()
    if cert.key_usage_value is not None and not usages & SIGNING_USAGES:
        out.append(Problem(NO_SIGNING_USAGE))
    if not has_key:
        out.append(Problem(NO_KEY))
    return out


def cert_info(
    cert: x509.Certificate, id_hex: str, label: str, has_key: bool, now: datetime | None = None
) -> CertInfo:
    validity = cert["tbs_certificate"]["validity"]
    usages = tuple(sorted(cert.key_usage_value.native)) if cert.key_usage_value else ()
    return CertInfo(
        id_hex=id_hex,
        label=label,
        subject=cert.subject.human_friendly,
        common_name=_attr(cert, "common_name"),
        organization=_attr(cert, "organization_name"),
        issuer=cert.issuer.human_friendly,
        not_before=validity["not_before"].native,
        not_after=validity["not_after"].native,
        key_usage=usages,
        has_key=has_key,
        problems=tuple(signing_problems(cert, has_key, now or datetime.now(UTC))),
        cert=cert,
    )
