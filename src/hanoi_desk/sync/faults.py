"""How sync failures are classified, which decides what the engine does next.

* :class:`Transient` — the link dropped, timed out, or the server is busy: wait
  (backoff with jitter) and try again; after the retry budget the run ends as
  *offline*, and nothing is lost.
* :class:`BadAnswer` — the server answered something this client must not
  trust (malformed JSON, a wrong hash, a 200 instead of a 206, an oversized
  body, a path in a file name). Nothing from that answer is written.
* :class:`AuthFailed` — the server refused the credentials.
"""

from __future__ import annotations

from hanoi_desk.errors import EnvironmentFault, IntegrityError, UserError
from hanoi_desk.i18n import N_

NETWORK = N_("The server {server} cannot be reached: {reason}.")
BUSY = N_("The server {server} is busy or failing (HTTP {status}); will try again.")
BAD_ANSWER = N_("The server {server} sent an answer that was refused: {reason}. Nothing was saved.")
REFUSED = N_("The server {server} refused the request (HTTP {status}: {code}).")
LOGIN_FAILED = N_("The server {server} did not accept the user name or password.")
THROTTLED = N_(
    "The server {server} refuses sign-in for now after too many wrong passwords. "
    "Try again in {seconds} seconds."
)
NEEDS_LOGIN = N_("Sign in to {server} first: give the user name with --user.")
INSECURE = N_(
    "Refusing to sync with {server} over plain HTTP: only a server on this computer "
    "(127.0.0.1, localhost) may be used without TLS."
)
BAD_URL = N_("“{url}” is not a server address; expected https://host[:port].")
UNTRUSTED = N_(
    "The certificate of {server} is not trusted: it is not signed by a known authority (or "
    "by the CA pinned with --ca-file) or names another host. Nothing was sent."
)
BAD_CA = N_("The pinned CA file {path} cannot be used: {reason}.")


class Transient(EnvironmentFault):
    """Worth retrying later; the user sees *offline* or *connecting*."""

    template = NETWORK


class BadAnswer(IntegrityError):
    """The server's answer failed a check; nothing from it was stored."""

    template = BAD_ANSWER


class Refused(UserError):
    """A permanent refusal that is not about one queued action (e.g. 403, 404)."""

    template = REFUSED


class AuthFailed(UserError):
    """The credentials were refused: stored tokens are dropped, the user signs in again."""

    template = LOGIN_FAILED
