"""A detached CMS signature over given bytes, made on the token (or the demo's
software key): what a signed ballot or a signed participation record carries
(issue 15, docs/live-votes.md).

The CMS ``SignedData`` is built by pyHanko (``Signer.async_sign_general_data``,
CAdES-style signed attributes: content type, message digest, signing time and
the signing-certificate-v2 attribute that binds the signer's certificate),
never by hand. The signer is the same one a PDF batch uses
(``pades.batch_signer``): a :class:`~hanoi_desk.signing.pades.TokenSigner`
whose only token operation is one ``C_Sign`` on the token thread, after the one
login of the batch, with the PIN asked through the same prompt and never
retried; or the demo's :class:`~hanoi_desk.signing.softkey.SoftKeySigner`.
So one ballot is one ``C_Sign``, and a batch of ballots (several polls voted
at once) is one login.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from pyhanko.sign.general import SigningError

from hanoi_desk.errors import Cancelled, HanoiDeskError, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.signing.pades import DocumentSigner

DIGEST = "sha256"
SIGN_FAILED = N_("The signature could not be made: {reason}.")


@dataclass(frozen=True)
class DetachedSignature:
    cms: bytes
    """DER of a CMS ``ContentInfo`` (``signedData``) without the content."""
    certificate: bytes
    """DER of the signer's certificate (also inside ``cms``), for display and checks."""


def sign_detached(signer: DocumentSigner, data: bytes) -> DetachedSignature:
    """Sign ``data`` (the exact bytes, e.g. canonical JSON) as a detached CMS
    signature: one signature operation of ``signer``."""
    try:
        info = asyncio.run(
            signer.async_sign_general_data(data, DIGEST, detached=True, use_cades=True)
        )
    except HanoiDeskError:
        raise
    except SigningError as exc:
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, (HanoiDeskError, Cancelled)):
            raise cause from None
        raise UserError(SIGN_FAILED, reason=str(exc)) from None
    return DetachedSignature(bytes(info.dump()), bytes(signer.key.cert.cert.dump()))
