"""How sync failures are classified, which decides what the engine does next.

* :class:`Transient` — the link dropped, timed out, or the server is busy: wait
  (backoff with jitter) and try again; after the retry budget the run ends as
  *offline*, and nothing is lost.
* :class:`BadAnswer` — the server answered something this client must not
  trust (malformed JSON, a wrong hash, a 200 instead of a 206, an oversized
  body, a path in a file name). Nothing from that answer is written.
* :class:`AuthFailed` — the server refused the credentials.

The messages name what the server sent only through our own words, numbers and
the server's host; the few values a server chooses that a message shows (a
redirect's address, an error code) go in through
:func:`hanoi_desk.domain.text.printable`, the one escaping rule of every
terminal output, so a server can never drive the terminal that shows them.
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
ACCOUNT_DISABLED = N_(
    "The server {server} says this account is disabled. Ask the server's administrator."
)
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
REDIRECT = N_(
    "The server {server} answered with a redirect (HTTP {status}) to {location}, which this "
    "client does not follow. Check the server address."
)
REDIRECT_NOWHERE = N_(
    "The server {server} answered with a redirect (HTTP {status}) that names no address; "
    "this client does not follow redirects. Check the server address."
)
OVERSIZED = N_(
    "The server {server} sent an answer that was refused: it is larger than {limit}. "
    "Nothing was saved."
)
TOO_MANY_VALUES = N_(
    "The server {server} sent an answer that was refused: it holds more than {count} "
    "values, more than such an answer can need. Nothing was saved."
)
FEED_STUCK = N_(
    "The server {server} is at fault: its list of changes says more follow but sends back a "
    "position it had already sent, so the sync would never end. The sync was stopped after "
    "{pages} pages; what came before is kept. Tell the server's administrator."
)
FEED_EMPTY = N_(
    "The server {server} is at fault: its list of changes says more follow but sends none, "
    "so the sync would never end. The sync was stopped after {pages} pages; what came before "
    "is kept. Tell the server's administrator."
)
RUN_TIMEOUT = N_(
    "The sync with {server} was stopped after {seconds} seconds, the longest a sync may take; "
    "what arrived is kept and the next sync goes on from there."
)


class Transient(EnvironmentFault):
    """Worth retrying later; the user sees *offline* or *connecting*."""

    template = NETWORK


class ServerFailing(Transient):
    """The server answered, with a busy or failing status (408, 425, 429, 5xx)."""

    template = BUSY


class RunTimeout(EnvironmentFault):
    """The run's total deadline passed (a slow link, or a server that never ends)."""

    template = RUN_TIMEOUT


class BadAnswer(IntegrityError):
    """The server's answer failed a check; nothing from it was stored."""

    template = BAD_ANSWER


class Oversized(BadAnswer):
    """An answer larger than its cap; for a changes page a smaller page may still fit."""

    template = OVERSIZED


class FeedStuck(BadAnswer):
    """The feed claims more changes but hands back a cursor it already gave, or
    no change at all (:data:`FEED_EMPTY`)."""

    template = FEED_STUCK


class Refused(UserError):
    """A permanent refusal that is not about one queued action (e.g. 403, 404)."""

    template = REFUSED


class AuthFailed(UserError):
    """The credentials were refused: stored tokens are dropped, the user signs in again."""

    template = LOGIN_FAILED
