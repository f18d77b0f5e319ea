"""Requests and answers: authentication, mutations and their payloads, uploads,
errors and blob headers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hanoi_desk.protocol.base import (
    APPLIED,
    DUPLICATE,
    MAX_MUTATIONS_PER_BATCH,
    MAX_UPLOAD_SIZE,
    REJECTED,
    MutationStatus,
    ProtocolError,
    _ident,
    _int,
    _obj,
    _opt_str,
    _str,
    check_sha256,
)

# --- authentication --------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginRequest:
    username: str
    password: str = field(repr=False)
    device_id: str
    device_name: str

    @classmethod
    def parse(cls, body: object) -> LoginRequest:
        d = _obj(body, "login request")
        w = "login request"
        req = cls(
            _str(d, "username", w),
            _str(d, "password", w),
            _ident(d, "device_id", w),
            _str(d, "device_name", w),
        )
        for key, value, most in (("username", req.username, 200),
                                 ("password", req.password, 1024),
                                 ("device_name", req.device_name, 200)):  # fmt: skip
            if len(value) > most:
                raise ProtocolError(w, f"“{key}” is longer than {most} characters")
        return req

    def to_json(self) -> dict[str, Any]:
        return {
            "username": self.username,
            "password": self.password,
            "device_id": self.device_id,
            "device_name": self.device_name,
        }


@dataclass(frozen=True)
class RefreshRequest:
    refresh_token: str = field(repr=False)

    @classmethod
    def parse(cls, body: object) -> RefreshRequest:
        return cls(_str(_obj(body, "refresh request"), "refresh_token", "refresh request"))

    def to_json(self) -> dict[str, Any]:
        return {"refresh_token": self.refresh_token}


@dataclass(frozen=True)
class UserInfo:
    id: str
    display_name: str


@dataclass(frozen=True)
class TokenResponse:
    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_in: int
    """Seconds the access token stays valid."""
    user: UserInfo

    @classmethod
    def parse(cls, body: object) -> TokenResponse:
        w = "token answer"
        d = _obj(body, w)
        u = _obj(d.get("user"), w, "“user”")
        return cls(
            _str(d, "access_token", w),
            _str(d, "refresh_token", w),
            _int(d, "expires_in", w, low=1),
            UserInfo(_ident(u, "id", w), _str(u, "display_name", w)),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "expires_in": self.expires_in,
            "user": {"id": self.user.id, "display_name": self.user.display_name},
        }


# --- push: mutations -------------------------------------------------------------------------


@dataclass(frozen=True)
class Mutation:
    seq: int
    """Strictly increasing per client; the server applies each seq once."""
    op_id: str
    """The outbox operation's idempotency key."""
    kind: str
    payload: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(cls, item: object) -> Mutation:
        w = "mutation"
        d = _obj(item, w)
        return cls(
            _int(d, "seq", w, low=1),
            _ident(d, "op_id", w),
            _str(d, "kind", w),
            _obj(d.get("payload"), w, "“payload”"),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "op_id": self.op_id,
            "kind": self.kind,
            "payload": dict(self.payload),
        }


@dataclass(frozen=True)
class MutationBatch:
    client_id: str
    mutations: tuple[Mutation, ...]

    @classmethod
    def parse(cls, body: object) -> MutationBatch:
        w = "mutation batch"
        d = _obj(body, w)
        items = d.get("mutations")
        if not isinstance(items, list):
            raise ProtocolError(w, "“mutations” must be a list")
        if len(items) > MAX_MUTATIONS_PER_BATCH:
            raise ProtocolError(w, f"at most {MAX_MUTATIONS_PER_BATCH} mutations per batch")
        muts = tuple(Mutation.parse(i) for i in items)
        seqs = [m.seq for m in muts]
        if seqs != sorted(set(seqs)):
            raise ProtocolError(w, "“seq” values must be strictly increasing")
        return cls(_ident(d, "client_id", w), muts)

    def to_json(self) -> dict[str, Any]:
        return {"client_id": self.client_id, "mutations": [m.to_json() for m in self.mutations]}


@dataclass(frozen=True)
class MutationResult:
    seq: int
    op_id: str
    status: MutationStatus
    result: Mapping[str, Any] | None
    reason: str | None
    """Set when ``status`` is ``rejected``: a permanent refusal (never retry it)."""

    @classmethod
    def parse(cls, item: object) -> MutationResult:
        w = "mutation result"
        d = _obj(item, w)
        status = _str(d, "status", w)
        if status not in (APPLIED, DUPLICATE, REJECTED):
            raise ProtocolError(w, "“status” must be applied, duplicate or rejected")
        result = d.get("result")
        reason = _opt_str(d, "reason", w)
        if status == REJECTED and not reason:
            raise ProtocolError(w, "a rejection must give a “reason”")
        return cls(
            _int(d, "seq", w, low=1),
            _ident(d, "op_id", w),
            status,  # type: ignore[arg-type]
            None if result is None else _obj(result, w, "“result”"),
            reason,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "op_id": self.op_id,
            "status": self.status,
            "result": None if self.result is None else dict(self.result),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class MutationResults:
    results: tuple[MutationResult, ...]

    @classmethod
    def parse(cls, body: object) -> MutationResults:
        w = "mutation results"
        items = _obj(body, w).get("results")
        if not isinstance(items, list):
            raise ProtocolError(w, "“results” must be a list")
        return cls(tuple(MutationResult.parse(i) for i in items))

    def to_json(self) -> dict[str, Any]:
        return {"results": [r.to_json() for r in self.results]}


@dataclass(frozen=True)
class SignatureSubmit:
    """Payload of ``signature.submit``: a completed upload recorded against a version."""

    document_version_id: str
    upload_id: str
    sha256: str

    @classmethod
    def parse(cls, payload: Mapping[str, Any]) -> SignatureSubmit:
        w = "signature.submit payload"
        return cls(
            _ident(payload, "document_version_id", w),
            _ident(payload, "upload_id", w),
            check_sha256(_str(payload, "sha256", w), w),
        )


@dataclass(frozen=True)
class SignatureComplete:
    """Payload of ``signature.complete``: the completed file (an upload) of the
    signature whose current file is ``previous_sha256``."""

    document_version_id: str
    upload_id: str
    sha256: str
    previous_sha256: str

    @classmethod
    def parse(cls, payload: Mapping[str, Any]) -> SignatureComplete:
        w = "signature.complete payload"
        return cls(
            _ident(payload, "document_version_id", w),
            _ident(payload, "upload_id", w),
            check_sha256(_str(payload, "sha256", w), w),
            check_sha256(_str(payload, "previous_sha256", w), w),
        )


@dataclass(frozen=True)
class CommentAdd:
    """Payload of ``comment.add``; ``comment_id`` is chosen by the client."""

    comment_id: str
    document_version_id: str
    text: str

    @classmethod
    def parse(cls, payload: Mapping[str, Any]) -> CommentAdd:
        w = "comment.add payload"
        text = _str(payload, "text", w)
        if len(text) > 20_000:
            raise ProtocolError(w, "“text” is longer than 20,000 characters")
        return cls(
            _ident(payload, "comment_id", w), _ident(payload, "document_version_id", w), text
        )


@dataclass(frozen=True)
class AnnotationUpsert:
    """Payload of ``annotation.upsert``: one private note; ``body`` None deletes it."""

    note_id: str
    document_version_id: str
    updated_at: int
    body: Mapping[str, Any] | None

    @classmethod
    def parse(cls, payload: Mapping[str, Any]) -> AnnotationUpsert:
        w = "annotation.upsert payload"
        body = payload.get("body")
        return cls(
            _ident(payload, "note_id", w),
            _ident(payload, "document_version_id", w),
            _int(payload, "updated_at", w),
            None if body is None else _obj(body, w, "“body”"),
        )


# --- uploads ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadCreate:
    op_id: str
    """The outbox operation's key: the same op_id always names the same upload."""
    size: int
    sha256: str

    @classmethod
    def parse(cls, body: object) -> UploadCreate:
        w = "upload request"
        d = _obj(body, w)
        return cls(
            _ident(d, "op_id", w),
            _int(d, "size", w, low=1, high=MAX_UPLOAD_SIZE),
            check_sha256(_str(d, "sha256", w), w),
        )

    def to_json(self) -> dict[str, Any]:
        return {"op_id": self.op_id, "size": self.size, "sha256": self.sha256}


@dataclass(frozen=True)
class UploadState:
    upload_id: str
    offset: int

    @classmethod
    def parse(cls, body: object) -> UploadState:
        w = "upload answer"
        d = _obj(body, w)
        return cls(_ident(d, "upload_id", w), _int(d, "offset", w, high=MAX_UPLOAD_SIZE))

    def to_json(self) -> dict[str, Any]:
        return {"upload_id": self.upload_id, "offset": self.offset}


def parse_offset(body: object) -> int:
    """The ``{"offset": n}`` of a PATCH answer or of a 409 conflict."""
    return _int(_obj(body, "upload offset"), "offset", "upload offset", high=MAX_UPLOAD_SIZE)


# --- errors ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ErrorBody:
    error: str
    message: str

    @classmethod
    def parse(cls, body: object) -> ErrorBody:
        w = "error answer"
        d = _obj(body, w)
        return cls(_str(d, "error", w), _str(d, "message", w, empty=True))

    def to_json(self) -> dict[str, Any]:
        return {"error": self.error, "message": self.message}


# --- blobs -----------------------------------------------------------------------------------


def etag(sha256: str) -> str:
    """The strong ETag of a blob: its quoted digest."""
    return f'"{check_sha256(sha256)}"'


_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+)")


def parse_content_range(value: str | None) -> tuple[int, int, int]:
    """``Content-Range: bytes a-b/total`` -> ``(a, b, total)``; b is inclusive."""
    m = _CONTENT_RANGE.fullmatch((value or "").strip())
    if not m:
        raise ProtocolError("Content-Range header", "it must read “bytes a-b/total”")
    a, b, total = (int(g) for g in m.groups())
    if not a <= b < total:
        raise ProtocolError("Content-Range header", "the range lies outside the blob")
    return a, b, total
