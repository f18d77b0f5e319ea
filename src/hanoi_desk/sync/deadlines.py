"""Total deadlines for every request and every run, enforced on the socket.

httpx's timeouts bound each single read or write, so a server that sends one
byte every few seconds (status line, headers or body) is never timed out,
and a feed that never ends keeps a run going for ever. Here every network
operation gets as its timeout the time left before the earlier of two
deadlines: the current request's (set when it is sent, covering its answer
to the last byte) and the run's. Once one has passed, the next read, write,
connect or TLS handshake fails at once with httpcore's own timeout error,
which httpx and then :mod:`hanoi_desk.sync.http` turn into a fault.

httpx has no public hook for httpcore's network backend, so the transport's
connection pool is rebuilt with the same TLS context and this backend; the
drip tests in tests/sync/test_hostile_answers.py fail if that ever stops
working. What this does not bound: the host name lookup (the system's
resolver has its own timeouts).
"""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

SOCKET_OPTION = Any  # httpcore's alias is private
WRITE_PIECE = 16 * 1024
"""Writes go out in pieces, each with the time left, so a peer that reads our
upload at a trickle cannot hold a send past the deadline."""


class Deadlines:
    """The two clocks of one connection (used by one thread at a time)."""

    def __init__(self, request_seconds: float | None) -> None:
        self.request_seconds = request_seconds
        self.run_seconds: float | None = None
        self._request_ends: float | None = None
        self._run_ends: float | None = None

    def begin_request(self) -> None:
        if self.request_seconds is not None:
            self._request_ends = time.monotonic() + self.request_seconds

    def begin_run(self, seconds: float | None) -> None:
        self.run_seconds = seconds
        self._run_ends = None if seconds is None else time.monotonic() + seconds

    def end_run(self) -> None:
        self.run_seconds = self._run_ends = None

    def run_left(self) -> float | None:
        return None if self._run_ends is None else self._run_ends - time.monotonic()

    def run_over(self) -> bool:
        left = self.run_left()
        return left is not None and left <= 0

    def left(self) -> float | None:
        ends = [e for e in (self._request_ends, self._run_ends) if e is not None]
        return None if not ends else min(ends) - time.monotonic()

    def timeout(self, timeout: float | None, error: type[Exception]) -> float | None:
        """``timeout`` shortened to the time left; ``error`` when none is left."""
        left = self.left()
        if left is None:
            return timeout
        if left <= 0:
            raise error("deadline passed")
        return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, clock: Deadlines) -> None:
        self._inner = inner
        self._clock = clock

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._clock.timeout(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        view = memoryview(buffer)
        while view:
            piece = view[:WRITE_PIECE]
            self._send(bytes(piece), timeout)
            view = view[len(piece) :]

    def _send(self, piece: bytes, timeout: float | None) -> None:
        sock = self._inner.get_extra_info("socket")
        if not isinstance(sock, socket.socket):  # not a plain or TLS socket: httpcore's loop
            self._inner.write(piece, self._clock.timeout(timeout, httpcore.WriteTimeout))
            return
        # One send per step, each with the time then left (httpcore's own loop
        # keeps one timeout for every partial send of the buffer).
        while piece:
            sock.settimeout(self._clock.timeout(timeout, httpcore.WriteTimeout))
            try:
                sent = sock.send(piece)
            except TimeoutError as exc:
                raise httpcore.WriteTimeout(str(exc)) from exc
            except OSError as exc:
                raise httpcore.WriteError(str(exc)) from exc
            piece = piece[sent:]

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        # CPython bounds the whole handshake by the socket timeout, not each read.
        wait = self._clock.timeout(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, wait), self._clock)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, clock: Deadlines) -> None:
        self._inner = httpcore.SyncBackend()
        self._clock = clock

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        wait = self._clock.timeout(timeout, httpcore.ConnectTimeout)
        stream = self._inner.connect_tcp(host, port, wait, local_address, socket_options)
        return _Stream(stream, self._clock)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("the sync client connects over TCP only")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class DeadlineTransport(httpx.HTTPTransport):
    """httpx's transport with every socket operation bounded by ``clock``."""

    def __init__(self, verify: ssl.SSLContext | bool, clock: Deadlines) -> None:
        super().__init__(verify=verify, trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=verify, trust_env=False),
            max_connections=4,
            max_keepalive_connections=2,
            keepalive_expiry=5.0,
            network_backend=_Backend(clock),
        )
