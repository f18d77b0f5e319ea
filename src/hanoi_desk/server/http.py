"""HTTP plumbing shared by the endpoints: JSON errors, bounded bodies, the bearer token."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from hanoi_desk import protocol as p

MAX_JSON_BODY = 4 * 1024 * 1024
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
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
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
    raw = await read_body(request, MAX_JSON_BODY)
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, p.ERR_BAD_REQUEST, "the body is not JSON") from None


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
