"""A deliberately hostile sync server for the refusal tests.

The real reference server never sends these answers, so it cannot be used to
prove the client refuses them; this small stdlib HTTP server on 127.0.0.1
plays a server that lies (a wrong hash, a 200 for a range, an oversized body,
a path in a file name, malformed JSON) or stalls (an answer dripped a byte at
a time). Each test sets the answers it wants.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Drip:
    """An answer sent ``piece`` bytes at a time, ``every`` seconds apart: each
    read of the client gets something well within any per-read timeout."""

    data: bytes
    every: float
    piece: int = 1
    headers: bool = False
    """Drip the status line and headers too, not only the body."""


Answer = tuple[int, dict[str, str], bytes | Drip]
Route = Callable[["Handler"], Answer]


def json_answer(body: Any, status: int = 200) -> Answer:
    data = json.dumps(body).encode()
    return status, {"Content-Type": "application/json"}, data


def tokens() -> Answer:
    return json_answer(
        {
            "access_token": "access-1",
            "refresh_token": "refresh-1",
            "expires_in": 3600,
            "user": {"id": "u1", "display_name": "Nguyễn Văn A"},
        }
    )


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: HostileServer

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.body = self.rfile.read(length) if length else b""
        path = self.path.split("?")[0]
        self.server.requests.append((self.command, self.path, dict(self.headers)))
        route = self.server.routes.get((self.command, path))
        if route is None:
            status, headers, data = json_answer({"error": "not_found", "message": ""}, 404)
        else:
            status, headers, data = route(self)
        if isinstance(data, Drip):
            self._drip(status, headers, data)
            return
        self.send_response(status)
        raw = headers.pop("X-Raw-Length", None)
        for name, value in headers.items():
            self.send_header(name, value)
        if raw is None:
            self.send_header("Content-Length", str(len(data)))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _drip(self, status: int, headers: dict[str, str], drip: Drip) -> None:
        self.close_connection = True
        lines = [f"HTTP/1.1 {status} Dripping"]
        lines += [f"{k}: {v}" for k, v in {**headers, "Connection": "close"}.items()]
        lines.append(f"Content-Length: {len(drip.data)}")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        if drip.headers:
            wire = head + drip.data
        else:
            self.wfile.write(head)
            self.wfile.flush()
            wire = drip.data
        for at in range(0, len(wire), drip.piece):
            if self.server.stopped.is_set():
                return
            self.wfile.write(wire[at : at + drip.piece])
            self.wfile.flush()
            time.sleep(drip.every)

    do_GET = do_POST = do_PATCH = do_HEAD = _serve


class HostileServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[tuple[str, str], Route] = {
            ("POST", "/v1/auth/login"): lambda _h: tokens(),
            ("POST", "/v1/auth/refresh"): lambda _h: tokens(),
        }
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def host_port(self) -> str:
        """How the client's messages name this server."""
        return f"127.0.0.1:{self.server_address[1]}"

    def route(self, method: str, path: str, answer: Route) -> None:
        self.routes[(method, path)] = answer

    def paths(self, path: str) -> list[str]:
        """The request targets (query included) asked of ``path``, in order."""
        return [target for _, target, _ in self.requests if target.split("?")[0] == path]

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that stops reading a huge or dripped answer is the point of
        # those tests, not an error of this server.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def stop(self) -> None:
        self.stopped.set()
        self.shutdown()
        self.server_close()
