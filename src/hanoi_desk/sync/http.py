"""One HTTP connection to a sync server: TLS rules, auth, and answer limits.

Why httpx and not a tus client: see docs/sync-transfers.md. This module owns
the rules every request follows: certificate checks always on (a pinned CA may
replace the system store, never disable it), plain HTTP only to this computer,
no proxies from the environment, no redirects (a redirect is reported with where it
points), a total deadline per request and per run (sync/deadlines.py), JSON
answers bounded in bytes and in values before they are parsed, and the
token dance (a 401 refreshes once, then signs in again if a password is at
hand). Every httpx exception is turned into a :mod:`hanoi_desk.sync.faults`
error here, so nothing above this module sees httpx.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import logging
import re
import socket
import ssl
import uuid
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx

from hanoi_desk.domain.text import printable
from hanoi_desk.errors import UserError
from hanoi_desk.protocol import (
    ERR_ACCOUNT_DISABLED,
    PROTOCOL_VERSION,
    VERSION_HEADER,
    ProtocolError,
    TokenResponse,
)
from hanoi_desk.sync import faults
from hanoi_desk.sync.deadlines import Deadlines, DeadlineTransport
from hanoi_desk.sync.limits import DEFAULT_REQUEST_TIMEOUT
from hanoi_desk.sync.ports import Account, LocalReplica

log = logging.getLogger(__name__)

T = TypeVar("T")
MAX_JSON = 1024 * 1024
"""Any JSON answer but a changes page (tokens, upload state, mutation results)."""
MAX_JSON_VALUES = 20_000
"""Values in such an answer: 200 mutation results need a few thousand."""
MAX_ERROR_BODY = 4096
"""Bytes of an error answer read for its error code; the rest is never read."""
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
"""Per read, write or connect: a link that stalls this long is dropped and retried."""
SHOWN_LOCATION = 200
"""Characters of a redirect's address put in the message (the rest is cut)."""
SHOWN_CODE = 64
"""Characters of a server's error code put in the message."""

# JSON strings, whose commas and brackets are text, not structure. Possessive
# and ending at the input's end when unterminated, so every quote starts a
# match that cannot fail: one linear pass even on hostile input.
_JSON_STRING = re.compile(rb'"[^"\\]*+(?:\\.[^"\\]*+)*+(?:"|\\?\Z)', re.DOTALL)


def json_values(body: bytes | bytearray) -> int:
    """An upper bound of the values ``json.loads(body)`` would build (each one
    opens a container or follows a comma or a colon), counted without building any."""
    bare = _JSON_STRING.sub(b'""', body)
    return sum(bare.count(c) for c in (b"[", b"{", b",", b":")) + 1


def _error_code(response: httpx.Response) -> str | None:
    """The ``error`` code of an error answer, from its first MAX_ERROR_BODY bytes
    only (the server's own error object is far shorter): an error answer of any
    length, or one that never ends, costs no memory and no wait. The status
    already says what happened, so a body cut short by the link gives no code
    rather than a network error."""
    head = bytearray()
    with contextlib.suppress(httpx.HTTPError):
        for part in response.iter_raw():
            head += part
            if len(head) >= MAX_ERROR_BODY:
                break
    with contextlib.suppress(ValueError, UnicodeDecodeError, RecursionError):
        body = json.loads(head[:MAX_ERROR_BODY])
        if isinstance(body, dict) and isinstance(body.get("error"), str):
            return str(body["error"])
    return None


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MiB" if n % (1024 * 1024) == 0 else f"{n // 1024} KiB"


PasswordSource = Callable[[], str | None]


def normalise_server(url: str) -> str:
    """``scheme://host[:port]`` with no path: the key of the account and cursor."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UserError(faults.BAD_URL, url=url)
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise UserError(faults.INSECURE, server=parts.hostname)
    return f"{parts.scheme}://{parts.netloc}".rstrip("/")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _untrusted_certificate(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _tls(ca_file: Path | None) -> ssl.SSLContext | bool:
    if ca_file is None:
        return True
    try:
        return ssl.create_default_context(cafile=str(ca_file))
    except (OSError, ssl.SSLError) as exc:
        raise UserError(faults.BAD_CA, path=str(ca_file), reason=type(exc).__name__) from None


class Connection:
    """Requests to one server on behalf of one profile's account."""

    def __init__(
        self,
        server: str,
        replica: LocalReplica,
        *,
        username: str | None = None,
        password: PasswordSource | None = None,
        ca_file: Path | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        request_timeout: float | None = DEFAULT_REQUEST_TIMEOUT,
        device_name: str | None = None,
    ) -> None:
        self.server = normalise_server(server)
        self.host = urlsplit(self.server).netloc
        self.replica = replica
        self._username = username
        self._password = password
        self.device_name = device_name or socket.gethostname()
        self.deadlines = Deadlines(request_timeout)
        self.http = httpx.Client(
            base_url=self.server + "/v1",
            transport=DeadlineTransport(_tls(ca_file), self.deadlines),
            timeout=timeout,
            trust_env=False,
            follow_redirects=False,
            headers={
                VERSION_HEADER: str(PROTOCOL_VERSION),
                "User-Agent": "HanoiDesk",
                # A compressed answer could expand past the size caps before they count it.
                "Accept-Encoding": "identity",
            },
        )
        self._account: Account | None = replica.account(self.server)

    def close(self) -> None:
        self.http.close()

    # -- errors ----------------------------------------------------------------

    def bad(self, reason: str) -> faults.BadAnswer:
        return faults.BadAnswer(faults.BAD_ANSWER, server=self.host, reason=reason)

    def transient(self, reason: str) -> faults.Transient:
        return faults.Transient(faults.NETWORK, server=self.host, reason=reason)

    def status_error(self, response: httpx.Response) -> Exception:
        status = response.status_code
        if status in (408, 425, 429) or status >= 500:
            return faults.ServerFailing(faults.BUSY, server=self.host, status=status)
        if 300 <= status < 400:
            location = response.headers.get("Location", "").strip()
            if not location:
                return faults.Refused(faults.REDIRECT_NOWHERE, server=self.host, status=status)
            where = printable(location, limit=SHOWN_LOCATION)
            return faults.Refused(faults.REDIRECT, server=self.host, status=status, location=where)
        error = _error_code(response)
        code = "-" if error is None else printable(error, limit=SHOWN_CODE)
        return faults.Refused(faults.REFUSED, server=self.host, status=status, code=code)

    # -- deadlines -------------------------------------------------------------

    def run_timeout(self) -> faults.RunTimeout:
        seconds = self.deadlines.run_seconds or 0
        return faults.RunTimeout(server=self.host, seconds=f"{seconds:g}")

    def check_run(self) -> None:
        """Raise :class:`RunTimeout` once the run's deadline has passed."""
        if self.deadlines.run_over():
            raise self.run_timeout()

    def check_wait(self, seconds: float) -> None:
        """Before a backoff wait: a wait that ends past the run's deadline is not started."""
        left = self.deadlines.run_left()
        if left is not None and seconds >= left:
            raise self.run_timeout()

    @contextlib.contextmanager
    def wrap_errors(self) -> Iterator[None]:
        try:
            yield
        except httpx.TimeoutException:
            if self.deadlines.run_over():
                raise self.run_timeout() from None
            raise self.transient("timeout") from None
        except httpx.TransportError as exc:  # connect, read, write, protocol errors
            if _untrusted_certificate(exc):
                # Not a network hiccup: retrying cannot help and must not look "offline".
                raise UserError(faults.UNTRUSTED, server=self.host) from None
            raise self.transient(type(exc).__name__) from None
        except httpx.HTTPError as exc:
            raise self.transient(type(exc).__name__) from None

    # -- JSON requests ---------------------------------------------------------

    def read_json(
        self,
        response: httpx.Response,
        *,
        max_bytes: int | None = None,
        max_values: int | None = None,
    ) -> Any:
        """Parse an answer bounded twice before any object is built: in bytes while
        it streams in (a 64 MiB page is never held), then in values (a page of
        empty objects would otherwise grow some 25 times its size once parsed)."""
        limit = MAX_JSON if max_bytes is None else max_bytes
        values = MAX_JSON_VALUES if max_values is None else max_values
        if response.headers.get("Content-Encoding", "identity").lower() != "identity":
            raise self.bad("the answer was sent with a content coding")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise faults.Oversized(server=self.host, limit=_size(limit))
        body = bytearray()
        for part in response.iter_raw():
            body += part
            if len(body) > limit:
                raise faults.Oversized(server=self.host, limit=_size(limit))
        if json_values(body) > values:
            raise faults.Oversized(faults.TOO_MANY_VALUES, server=self.host, count=values)
        try:
            return json.loads(body)
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise self.bad("not JSON") from None

    def _send_once(
        self, method: str, path: str, *, auth: bool, **kw: Any
    ) -> tuple[int, httpx.Response]:
        headers = dict(kw.pop("headers", None) or {})
        if auth:
            account = self.ensure_account()
            headers["Authorization"] = f"Bearer {account.access_token}"
        request = self.http.build_request(method, path, headers=headers, **kw)
        self.deadlines.begin_request()  # covers the answer too, to its last byte
        response = self.http.send(request, stream=True)
        return response.status_code, response

    @contextlib.contextmanager
    def open(
        self, method: str, path: str, *, auth: bool = True, **kw: Any
    ) -> Iterator[httpx.Response]:
        """A streamed response with auth retried as the protocol says; closed on exit."""
        with self.wrap_errors():
            status, response = self._send_once(method, path, auth=auth, **kw)
            if status == 401 and auth:
                response.close()
                self._reauthenticate()
                status, response = self._send_once(method, path, auth=auth, **kw)
                if status == 401:
                    response.close()
                    self.replica.forget_tokens(self.server)
                    raise faults.AuthFailed(faults.LOGIN_FAILED, server=self.host)
            try:
                yield response
            finally:
                response.close()

    def call(
        self,
        method: str,
        path: str,
        *,
        ok: tuple[int, ...] = (200,),
        auth: bool = True,
        max_bytes: int | None = None,
        max_values: int | None = None,
        **kw: Any,
    ) -> tuple[int, Any]:
        with self.open(method, path, auth=auth, **kw) as response:
            if response.status_code not in ok:
                raise self.status_error(response)
            body = self.read_json(response, max_bytes=max_bytes, max_values=max_values)
            return response.status_code, body

    # -- authentication --------------------------------------------------------

    def ensure_account(self) -> Account:
        if self._account is not None and self._account.access_token:
            return self._account
        if self._account is not None and self._account.refresh_token:
            self._reauthenticate()
        else:
            self.login()
        assert self._account is not None
        return self._account

    def _reauthenticate(self) -> None:
        """Refresh once; when the refresh token is refused, sign in again."""
        if self._account is not None and self._account.refresh_token:
            status, body = self._token_call(
                "/auth/refresh", {"refresh_token": self._account.refresh_token}
            )
            if status == 200:
                self._store_tokens(self._account.username, body, self._account.device_id)
                return
        self.login()

    def login(self) -> None:
        username = self._username or (self._account.username if self._account else None)
        password = self._password() if self._password is not None else None
        if not username or password is None:
            self.replica.forget_tokens(self.server)
            raise faults.AuthFailed(faults.NEEDS_LOGIN, server=self.host)
        account = self._account
        device_id = account.device_id if account else uuid.uuid4().hex
        status, body = self._token_call(
            "/auth/login",
            {
                "username": username,
                "password": password,
                "device_id": device_id,
                "device_name": self.device_name,
            },
        )
        if status != 200:
            self.replica.forget_tokens(self.server)
            raise faults.AuthFailed(faults.LOGIN_FAILED, server=self.host)
        self._store_tokens(username, body, device_id)

    def _token_call(self, path: str, body: Mapping[str, str]) -> tuple[int, Any]:
        with self.wrap_errors():
            status, response = self._send_once("POST", path, auth=False, json=body)
            try:
                disabled = status == 403 and path == "/auth/login"
                if disabled and _error_code(response) == ERR_ACCOUNT_DISABLED:
                    # The password was right: retyping it cannot help, the administrator can.
                    raise faults.AuthFailed(faults.ACCOUNT_DISABLED, server=self.host)
                if status in (400, 401, 403):
                    return status, None
                if status == 429 and path == "/auth/login":
                    # Never replay a password into a login throttle: that only extends it.
                    wait = response.headers.get("Retry-After", "")
                    seconds = wait if wait.isdigit() else "?"
                    raise faults.AuthFailed(faults.THROTTLED, server=self.host, seconds=seconds)
                if status != 200:
                    raise self.status_error(response)
                return status, self.read_json(response)
            finally:
                response.close()

    def _store_tokens(self, username: str, body: Any, device_id: str) -> None:
        tokens = self.parse(TokenResponse.parse, body)
        self._account = self.replica.save_account(
            self.server,
            username=username,
            device_id=device_id,
            access_token=tokens.access_token,
            refresh_token=tokens.refresh_token,
            user_id=tokens.user.id,
        )

    def parse(self, parser: Callable[[Any], T], body: Any) -> T:
        """Run a protocol parser; a malformed answer becomes :class:`BadAnswer`."""
        try:
            return parser(body)
        except ProtocolError as exc:
            raise self.bad(exc.message()) from None
