"""HTTP plumbing shared by the endpoints: JSON errors, bounded bodies, the bearer token.

Everything a client sends is parsed here (JSON bodies, integer parameters and
headers, the cursor), so a hostile value gets a 400 in one place instead of
reaching Python's recursion limit or the database's integer range as a 500.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from hanoi_desk import protocol as p

MAX_JSON_BODY = 4 * 1024 * 1024
MAX_LIVE_COMMAND_BODY = 64 * 1024
"""A live command is a few short fields; anything larger is refused unread (413)."""
MAX_BALLOT_BODY = 96 * 1024
"""A ballot: a few fields, a text of at most 4000 characters and a signature of at
most 65536 base64 characters; anything larger is refused unread (413)."""
MAX_JSON_DEPTH = 32
"""Far above any message of the protocol (a note's geometry is about 7 deep)."""
MAX_INTEGER = 2**63 - 1
"""The largest value of the databases' BIGINT: anything above cannot be stored or compared."""
PROTOCOL_HEADERS = {p.VERSION_HEADER: str(p.PROTOCOL_VERSION)}


class ApiError(Exception):
    """An answer other than success, as ``{"error", "message"}`` plus optional fields."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra

    def response(self) -> JSONResponse:
        body = {**p.ErrorBody(self.code, self.message).to_json(), **self.extra}
        headers = dict(PROTOCOL_HEADERS)
        if self.status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        if "retry_after" in self.extra:
            headers["Retry-After"] = str(self.extra["retry_after"])
        return JSONResponse(body, self.status, headers=headers)


def ok(
    body: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(body, status, headers={**PROTOCOL_HEADERS, **(headers or {})})


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refusing more than ``limit`` bytes without reading them all."""
    declared = request.headers.get("content-length")
    if declared is not None and parse_integer(declared, "Content-Length") > limit:
        raise ApiError(413, p.ERR_TOO_LARGE, f"the body is larger than {limit} bytes")
    parts: list[bytes] = []
    size = 0
    async for part in request.stream():
        size += len(part)
        if size > limit:
            raise ApiError(413, p.ERR_TOO_LARGE, f"the body is larger than {limit} bytes")
        parts.append(part)
    return b"".join(parts)


async def read_json(request: Request) -> object:
    return parse_json(await read_body(request, MAX_JSON_BODY))


def parse_json(raw: bytes) -> object:
    """A JSON body already read (and bounded); hostile JSON is a 400."""
    try:
        value = json.loads(raw, parse_constant=_refuse_constant, parse_float=_finite_float)
    except (ValueError, UnicodeDecodeError, RecursionError):
        # RecursionError: brackets nested deeper than the interpreter's limit.
        raise ApiError(400, p.ERR_BAD_REQUEST, "the body is not JSON") from None
    if _deeper_than(value, MAX_JSON_DEPTH):
        # Shallower than the limit but still deep enough to break re-encoding it later.
        raise ApiError(400, p.ERR_BAD_REQUEST, f"the body nests deeper than {MAX_JSON_DEPTH}")
    return value


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")  # NaN and Infinity: Python's extension


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError("number out of range")  # 1e400 would be stored as Infinity
    return value


def _deeper_than(value: object, limit: int) -> bool:
    """Whether arrays and objects nest more than ``limit`` levels (without recursion)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Iterable[object] = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def parse_integer(raw: str, name: str, low: int = 0, high: int = MAX_INTEGER) -> int:
    """A decimal integer from a query parameter or header, within ``low..high``; else 400.

    ASCII digits only: ``str.isdigit`` also accepts “²” and other digits ``int`` refuses.
    """
    if raw.isascii() and raw.isdigit() and len(raw) <= len(str(high)):
        value = int(raw)
        if low <= value <= high:
            return value
    raise ApiError(400, p.ERR_BAD_REQUEST, f"“{name}” must be an integer from {low} to {high}")


def query_integer(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    return parse_integer(raw, name, low, high)


def query_cursor(request: Request) -> int:
    """The ``cursor`` parameter as a watermark; one the database cannot hold is refused."""
    value = p.decode_cursor(request.query_params.get("cursor", ""))
    if value > MAX_INTEGER:
        raise p.ProtocolError("cursor", "it was not issued by this server")
    return value


def bearer(request: Request) -> str:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, p.ERR_UNAUTHORIZED, "a bearer token is required")
    return token.strip()


def check_version(request: Request) -> None:
    """A client speaking another protocol version gets a clear refusal, not odd answers."""
    sent = request.headers.get(p.VERSION_HEADER)
    if sent is not None and sent.strip() != str(p.PROTOCOL_VERSION):
        raise ApiError(400, p.ERR_VERSION, f"this server speaks protocol {p.PROTOCOL_VERSION}")
