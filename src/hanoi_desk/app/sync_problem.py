"""Why a sync failed, as one word-sized kind the status bar can show.

The sync's errors are typed (``sync/faults.py``) and carry their template;
the store's disk errors carry theirs. This sorts a failed run into the kind a
person acts on (check the network, the password, the disk, the certificate),
so the window says "Sync error: server unreachable" instead of "error"; the
full sentence stays available for the tooltip and the sync page.
"""

from __future__ import annotations

from enum import StrEnum

from hanoi_desk.errors import IntegrityError
from hanoi_desk.protocol import ProtocolError
from hanoi_desk.store import database, fsutil
from hanoi_desk.sync import faults


class SyncProblem(StrEnum):
    UNREACHABLE = "unreachable"
    """No answer: the network, the address, or the server is down."""
    BUSY = "busy"
    """The server answered with a busy or failing status."""
    LOGIN_REFUSED = "login_refused"
    """Wrong user name or password, or none given."""
    SIGN_IN_BLOCKED = "sign_in_blocked"
    """Too many wrong passwords: the server refuses sign-in for a while."""
    ACCOUNT_DISABLED = "account_disabled"
    TLS = "tls"
    """The server's certificate is not trusted, or the pinned CA is unusable."""
    PLAIN_HTTP = "plain_http"
    """A remote server without TLS: refused before anything is sent."""
    BAD_ADDRESS = "bad_address"
    """Not a server address, or a redirect this client does not follow."""
    BAD_ANSWER = "bad_answer"
    """The server's answer failed a check; nothing of it was stored."""
    TIMEOUT = "timeout"
    """The run took longer than a sync may."""
    REFUSED = "refused"
    """The server refused the request (access, a removed meeting)."""
    DISK_FULL = "disk_full"
    DISK_ERROR = "disk_error"
    CACHE_DAMAGED = "cache_damaged"
    OTHER = "other"


_BY_TEMPLATE = {
    faults.THROTTLED: SyncProblem.SIGN_IN_BLOCKED,
    faults.ACCOUNT_DISABLED: SyncProblem.ACCOUNT_DISABLED,
    faults.UNTRUSTED: SyncProblem.TLS,
    faults.BAD_CA: SyncProblem.TLS,
    faults.INSECURE: SyncProblem.PLAIN_HTTP,
    faults.BAD_URL: SyncProblem.BAD_ADDRESS,
    faults.REDIRECT: SyncProblem.BAD_ADDRESS,
    faults.REDIRECT_NOWHERE: SyncProblem.BAD_ADDRESS,
    database.DB_FULL: SyncProblem.DISK_FULL,
    fsutil.DISK_FULL: SyncProblem.DISK_FULL,
    database.DB_IO: SyncProblem.DISK_ERROR,
    fsutil.WRITE_FAILED: SyncProblem.DISK_ERROR,
    database.DB_DAMAGED: SyncProblem.CACHE_DAMAGED,
}


def classify(exc: BaseException) -> SyncProblem:
    """The kind of a failed sync run's error (its template first, then its class)."""
    template = getattr(exc, "template", None)
    if isinstance(template, str) and template in _BY_TEMPLATE:
        return _BY_TEMPLATE[template]
    kinds: tuple[tuple[type[BaseException], SyncProblem], ...] = (
        (faults.ServerFailing, SyncProblem.BUSY),
        (faults.Transient, SyncProblem.UNREACHABLE),
        (faults.RunTimeout, SyncProblem.TIMEOUT),
        (faults.AuthFailed, SyncProblem.LOGIN_REFUSED),
        (faults.Refused, SyncProblem.REFUSED),
        (faults.BadAnswer, SyncProblem.BAD_ANSWER),
        (ProtocolError, SyncProblem.BAD_ANSWER),
        (IntegrityError, SyncProblem.CACHE_DAMAGED),
    )
    for kind, problem in kinds:
        if isinstance(exc, kind):
            return problem
    return SyncProblem.OTHER
