"""One HTTP connection to a sync server: TLS rules, auth, and answer limits.

Why httpx and not a tus client: see docs/sync-transfers.md. This module owns
the rules every request follows: certificate checks always on (a pinned CA may
replace the system store, never disable it), plain HTTP only to this computer,
no proxies from the environment, no redirects, bounded JSON answers, and the
token dance (a 401 refreshes once, then signs in again if a password is at
hand). Every httpx exception is turned into a :mod:`hanoi_desk.sync.faults`
error here, so nothing above this module sees httpx.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import logging
import socket
import ssl
import uuid
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx

from hanoi_desk.errors import UserError
from hanoi_desk.protocol import PROTOCOL_VERSION, VERSION_HEADER, ProtocolError, TokenResponse
from hanoi_desk.sync import faults
from hanoi_desk.sync.ports import Account, LocalReplica

log = logging.getLogger(__name__)

T = TypeVar("T")
MAX_JSON = 64 * 1024 * 1024
"""A changes page or a result list larger than this is refused, not parsed."""
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
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
        device_name: str | None = None,
    ) -> None:
        self.server = normalise_server(server)
        self.host = urlsplit(self.server).netloc
        self.replica = replica
        self._username = username
        self._password = password
        self.device_name = device_name or socket.gethostname()
        self.http = httpx.Client(
            base_url=self.server + "/v1",
            verify=_tls(ca_file),
            timeout=timeout,
            trust_env=False,
            follow_redirects=False,
            headers={VERSION_HEADER: str(PROTOCOL_VERSION), "User-Agent": "HanoiDesk"},
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
            return faults.Transient(faults.BUSY, server=self.host, status=status)
        code = "-"
        with contextlib.suppress(Exception):
            body = json.loads(response.read()[:4096])
            if isinstance(body, dict) and isinstance(body.get("error"), str):
                code = body["error"][:64]
        return faults.Refused(faults.REFUSED, server=self.host, status=status, code=code)

    @contextlib.contextmanager
    def wrap_errors(self) -> Iterator[None]:
        try:
            yield
        except httpx.TimeoutException:
            raise self.transient("timeout") from None
        except httpx.TransportError as exc:  # connect, read, write, protocol errors
            if _untrusted_certificate(exc):
                # Not a network hiccup: retrying cannot help and must not look "offline".
                raise UserError(faults.UNTRUSTED, server=self.host) from None
            raise self.transient(type(exc).__name__) from None
        except httpx.HTTPError as exc:
            raise self.transient(type(exc).__name__) from None

    # -- JSON requests ---------------------------------------------------------

    def read_json(self, response: httpx.Response) -> Any:
        body = bytearray()
        for part in response.iter_bytes():
            body += part
            if len(body) > MAX_JSON:
                raise self.bad("oversized answer")
        try:
            return json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise self.bad("not JSON") from None

    def _send_once(
        self, method: str, path: str, *, auth: bool, **kw: Any
    ) -> tuple[int, httpx.Response]:
        headers = dict(kw.pop("headers", None) or {})
        if auth:
            account = self.ensure_account()
            headers["Authorization"] = f"Bearer {account.access_token}"
        request = self.http.build_request(method, path, headers=headers, **kw)
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
        **kw: Any,
    ) -> tuple[int, Any]:
        with self.open(method, path, auth=auth, **kw) as response:
            if response.status_code not in ok:
                raise self.status_error(response)
            return response.status_code, self.read_json(response)

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
