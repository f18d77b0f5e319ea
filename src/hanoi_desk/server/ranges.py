"""Ranged blob downloads: ``206`` with ``Content-Range`` and a strong ``ETag``.

One range per request (``bytes=a-b``, ``bytes=a-`` or ``bytes=-n``); several
ranges are answered with the whole blob, as RFC 9110 allows. ``If-Range`` with
another validator also gets the whole blob, so a client never splices bytes of
two different files. Bodies are never compressed: offsets are of the stored bytes.
"""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from hanoi_desk import protocol as p
from hanoi_desk.server.blobs import BlobStore
from hanoi_desk.server.http import PROTOCOL_HEADERS, ApiError

# ASCII digits, at most 19 (a BIGINT): thousands of digits made ``int`` fail (a 500).
# Anything else is a range this server does not serve: it answers with the whole blob.
_RANGE = re.compile(r"bytes=([0-9]{0,19})-([0-9]{0,19})")


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The inclusive range asked for, None for the whole blob; 416 if it cannot be served."""
    m = _RANGE.fullmatch(header.strip().replace(" ", ""))
    if m is None:
        return None  # a syntax we do not serve (e.g. several ranges): send it all
    first, last = m.groups()
    if not first and not last:
        return None
    if not first:
        n = int(last)
        if n == 0:
            raise _unsatisfiable(size)
        return max(0, size - n), size - 1
    a = int(first)
    b = min(int(last), size - 1) if last else size - 1
    if a >= size or (last and int(last) < a):
        raise _unsatisfiable(size)
    return a, b


def _unsatisfiable(size: int) -> ApiError:
    return ApiError(416, p.ERR_RANGE, "the range lies outside the blob",
                    **{"size": size})  # fmt: skip


def blob_response(request: Request, blobs: BlobStore, sha256: str, size: int) -> Response:
    tag = p.etag(sha256)
    headers = {
        **PROTOCOL_HEADERS,
        "ETag": tag,
        "Accept-Ranges": "bytes",
        "Cache-Control": "private, max-age=31536000, immutable",
    }
    wanted = request.headers.get("range")
    if_range = request.headers.get("if-range")
    span = None
    if wanted and (if_range is None or if_range.strip() == tag):
        try:
            span = parse_range(wanted, size)
        except ApiError as e:
            response = e.response()
            response.headers["Content-Range"] = f"bytes */{size}"
            return response
    if size == 0:
        return Response(b"", 200, headers=headers, media_type="application/octet-stream")
    start, end = span if span is not None else (0, size - 1)
    headers["Content-Length"] = str(end - start + 1)
    status = 200
    if span is not None:
        status = 206
        headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    if request.method == "HEAD":
        return Response(None, status, headers=headers, media_type="application/octet-stream")
    return StreamingResponse(
        blobs.read(sha256, start, end), status, headers=headers,
        media_type="application/octet-stream",
    )  # fmt: skip
