"""A fault-injecting TCP proxy on 127.0.0.1 for the sync tests and benchmarks.

Sits between the client and the real server and, per connection, may cut the
stream after a chosen number of bytes in either direction (with a reset or a
clean close, i.e. a drop or a truncation) and delay every forwarded piece. It
also parses the HTTP responses it forwards (status line, Content-Length,
Content-Range) so a test can count exactly which body bytes of a blob crossed
the wire, and therefore how many were sent twice.
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

PIECE = 8192


@dataclass(frozen=True)
class Fault:
    down_after: int | None = None
    """Cut the server-to-client stream after this many bytes."""
    up_after: int | None = None
    """Cut the client-to-server stream after this many bytes."""
    reset: bool = True
    """A reset (RST, a dropped link) or else a clean close (FIN, a truncation)."""
    delay: float = 0.0
    """Seconds to wait before forwarding each piece."""
    drop_answer_to: bytes | None = None
    """Once a request holding these bytes went up, the next answer the server
    sends is not forwarded and the link is reset: the server acted, the client
    never hears of it (an answer lost after the commit)."""
    rewrite: Callable[[bytes], bytes] | None = None
    """Changes each piece the server sends before it is forwarded (a forger on the
    path); it must keep the length, so Content-Length still frames the answer."""


NO_FAULT = Fault()


@dataclass
class ResponseLog:
    """Body bytes of each response forwarded to the client, by blob range."""

    status: int
    start: int | None
    """First byte of a 206 body (from Content-Range), else None."""
    forwarded: int = 0


@dataclass
class Stats:
    connections: int = 0
    cuts: int = 0
    down_bytes: int = 0
    up_bytes: int = 0
    responses: list[ResponseLog] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def body_bytes(self, status: int = 206) -> int:
        with self.lock:
            return sum(r.forwarded for r in self.responses if r.status == status)


class _ResponseParser:
    """Follows HTTP/1.1 responses in the downstream bytes (Content-Length framing)."""

    def __init__(self, stats: Stats) -> None:
        self.stats = stats
        self.head = bytearray()
        self.remaining = 0
        self.current: ResponseLog | None = None
        self.lost = False

    def feed(self, data: bytes) -> None:
        if self.lost:  # a chunked answer (an event stream): its framing is not followed
            return
        view = memoryview(data)
        while view:
            if self.remaining:
                n = min(self.remaining, len(view))
                self.remaining -= n
                assert self.current is not None
                with self.stats.lock:
                    self.current.forwarded += n
                view = view[n:]
                continue
            self.head += view
            view = memoryview(b"")
            end = self.head.find(b"\r\n\r\n")
            if end < 0:
                return
            head, rest = bytes(self.head[:end]), bytes(self.head[end + 4 :])
            self.head.clear()
            self._start(head)
            view = memoryview(rest)

    def _start(self, head: bytes) -> None:
        lines = head.decode("latin-1").split("\r\n")
        first = lines[0].split()
        if len(first) < 2 or not first[0].startswith("HTTP/") or not first[1].isdigit():
            # Not a status line: the bytes of a body this parser did not frame (an
            # answer without Content-Length that is not chunked, read to its close).
            # The log is only statistics: stop following rather than kill the pump.
            self.lost = True
            return
        status = int(first[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        start = None
        if status == 206 and "content-range" in headers:
            start = int(headers["content-range"].split()[1].split("-")[0])
        self.current = ResponseLog(status, start)
        with self.stats.lock:
            self.stats.responses.append(self.current)
        self.remaining = int(headers.get("content-length", "0"))
        self.lost = headers.get("transfer-encoding", "").lower() == "chunked"


class FaultProxy:
    def __init__(
        self, upstream_port: int, plan: Callable[[int], Fault] | None = None, seed: int = 0
    ) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.plan = plan or (lambda _n: NO_FAULT)
        self.rng = random.Random(seed)
        self.stats = Stats()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._listener.settimeout(0.05)  # accept() wakes to see a stop request
        self._stop = threading.Event()
        self._sockets: set[socket.socket] = set()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def reset_stats(self) -> None:
        self.stats = Stats()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        with contextlib.suppress(OSError):
            self._listener.close()
        for s in list(self._sockets):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                s.close()

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def cut_all(self) -> None:
        """Reset every open connection now (a dropped Wi-Fi); new ones are accepted."""
        for s in list(self._sockets):
            with contextlib.suppress(OSError):
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                s.shutdown(socket.SHUT_RDWR)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            stats = self.stats
            with stats.lock:
                number = stats.connections
                stats.connections += 1
            fault = self.plan(number)
            try:
                server = socket.create_connection(self.upstream)
            except OSError:
                client.close()
                continue
            self._sockets.update((client, server))
            pair = _Pair(client, server, fault, stats, self._sockets)
            threading.Thread(target=pair.pump, args=(True,), daemon=True).start()
            threading.Thread(target=pair.pump, args=(False,), daemon=True).start()


class _Pair:
    def __init__(
        self,
        client: socket.socket,
        server: socket.socket,
        fault: Fault,
        stats: Stats,
        registry: set[socket.socket],
    ) -> None:
        self.client, self.server, self.fault, self.stats = client, server, fault, stats
        self.registry = registry
        self.parser = _ResponseParser(stats)
        self.closed = threading.Event()
        self.lock = threading.Lock()
        self.armed = threading.Event()

    def cut(self) -> None:
        with self.lock:
            if self.closed.is_set():
                return
            self.closed.set()
            with self.stats.lock:
                self.stats.cuts += 1
            # Let the client read what was already forwarded, then drop the link.
            time.sleep(0.01)
            for s in (self.client, self.server):
                with contextlib.suppress(OSError):
                    if self.fault.reset:
                        # Linger 0 makes close() send RST; SHUT_RD first wakes the other
                        # pump thread's recv() so that close() really releases the socket.
                        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                        s.shutdown(socket.SHUT_RD)
                    else:
                        s.shutdown(socket.SHUT_RDWR)
            for s in (self.client, self.server):
                with contextlib.suppress(OSError):
                    s.close()
            self.registry.discard(self.client)
            self.registry.discard(self.server)

    def close(self) -> None:
        with self.lock:
            if self.closed.is_set():
                return
            self.closed.set()
            for s in (self.client, self.server):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    s.close()
            self.registry.discard(self.client)
            self.registry.discard(self.server)

    def pump(self, down: bool) -> None:
        src, dst = (self.server, self.client) if down else (self.client, self.server)
        limit = self.fault.down_after if down else self.fault.up_after
        sent = 0
        try:
            while not self.closed.is_set():
                data = src.recv(PIECE)
                if not data:
                    break
                if self.fault.delay:
                    time.sleep(self.fault.delay)
                if down and self.armed.is_set():
                    self.cut()  # the server answered: drop it unheard
                    return
                if not down and self.fault.drop_answer_to and self.fault.drop_answer_to in data:
                    self.armed.set()
                if down and self.fault.rewrite is not None:
                    data = self.fault.rewrite(data)
                if limit is not None and sent + len(data) >= limit:
                    head = data[: max(0, limit - sent)]
                    self._forward(dst, head, down)
                    self.cut()
                    return
                self._forward(dst, data, down)
                sent += len(data)
        except OSError:
            pass
        self.close()

    def _forward(self, dst: socket.socket, data: bytes, down: bool) -> None:
        if not data:
            return
        dst.sendall(data)
        with self.stats.lock:
            if down:
                self.stats.down_bytes += len(data)
            else:
                self.stats.up_bytes += len(data)
        if down:
            self.parser.feed(data)
