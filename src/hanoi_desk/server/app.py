"""The ASGI application: the protocol's endpoints over the database and the blob store.

Endpoints are thin: parse with ``hanoi_desk.protocol``, authenticate, call the
module that owns the work, answer. Database work runs in Starlette's thread
pool (the ORM is synchronous). No state is kept in the process between
requests, so any number of instances can share one database and blob store.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sse_starlette import EventSourceResponse
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from hanoi_desk import protocol as p
from hanoi_desk.domain.live.roles import CommandKind, may
from hanoi_desk.domain.live.rules import Command
from hanoi_desk.errors import EnvironmentFault
from hanoi_desk.protocol import live as pl
from hanoi_desk.server import auth, live, mutations, signing_requests, uploads, votes
from hanoi_desk.server.authority_key import AuthorityKeys
from hanoi_desk.server.blobs import BlobStore, DirectoryBlobStore
from hanoi_desk.server.closer import Closer
from hanoi_desk.server.db import Database, sqlite_url
from hanoi_desk.server.feed import latest_seq, read_changes, wipe_order_page
from hanoi_desk.server.files import private_dir
from hanoi_desk.server.http import (
    MAX_BALLOT_BODY,
    MAX_INTEGER,
    MAX_LIVE_COMMAND_BODY,
    PROTOCOL_HEADERS,
    ApiError,
    bearer,
    check_version,
    ok,
    parse_integer,
    parse_json,
    query_cursor,
    query_integer,
    read_body,
    read_json,
)
from hanoi_desk.server.limits import CommandRate, Limits, TooManyStreams
from hanoi_desk.server.live_hub import LiveHub
from hanoi_desk.server.openapi import openapi_document
from hanoi_desk.server.ranges import blob_response

log = logging.getLogger(__name__)
T = TypeVar("T")

EVENTS_POLL_SECONDS = 1.0
EVENTS_MAX_SECONDS = 300
EVENTS_KEEPALIVE_SECONDS = 15.0
LIVE_HEARTBEAT_SECONDS = 5.0


@dataclass(frozen=True)
class ServerConfig:
    data_dir: Path
    db_url: str | None = None
    """SQLAlchemy URL; default: SQLite in ``data_dir/server.db``."""
    live_heartbeat: float = LIVE_HEARTBEAT_SECONDS
    """Seconds between heartbeats on a live meeting's stream (``server --live-heartbeat``)."""
    limits: Limits = field(default_factory=Limits)
    """Live streams per token and user, live commands per user and second
    (``server --live-streams-per-token`` …; docs/server-live.md, "Limits")."""

    def database_url(self) -> str:
        return self.db_url or sqlite_url(self.data_dir)


class Server:
    """The collaborators every endpoint needs, built once per process (no request state)."""

    def __init__(
        self,
        db: Database,
        blobs: BlobStore,
        live_heartbeat: float = LIVE_HEARTBEAT_SECONDS,
        limits: Limits | None = None,
    ) -> None:
        self.db = db
        self.blobs = blobs
        self.logins = auth.Logins(db)
        limits = limits or Limits()
        # The only state a process keeps: a cache of folded live states (checked
        # against the database's head on every use), the stream subscribers and
        # the per-user limits (docs/server-live.md, "Limits").
        self.live = LiveHub(db, live_heartbeat, limits)
        self.command_rate = CommandRate(limits.command_rate, limits.command_burst)
        self.keys = AuthorityKeys(db)
        self.authority = live.Authority(db, self.live.committed, self.keys)
        self.live.clock = self.authority.clock  # heartbeats and events: one clock
        self.closer = Closer(self.authority)
        """Closes votes whose closing period ended; started by :func:`build_app`."""
        self._presence: dict[tuple[str, str], int] = {}
        self.receipt_clock: Callable[[], float] = time.time
        """Stamps responses' receipt times (a consultation's deadline); tests set it."""

    def stop(self) -> None:
        """Stop this process's background work (the closer); the database stays open."""
        self.closer.stop()

    async def principal(self, request: Request) -> auth.Principal:
        token = bearer(request)
        who = await run_in_threadpool(self._authenticate, token)
        if who is None:
            raise ApiError(401, p.ERR_UNAUTHORIZED, "the token is unknown or expired")
        return who

    def _authenticate(self, token: str) -> auth.Principal | None:
        with self.db.read() as session:
            return auth.authenticate(session, token)

    # --- auth ---

    async def login(self, request: Request) -> Response:
        req = p.LoginRequest.parse(await read_json(request))
        # The address the throttle counts: the proxy's unless the server trusts its
        # forwarded header (``server --proxy``, uvicorn --forwarded-allow-ips).
        address = request.client.host if request.client else "-"
        answer = await self.logins.login(req, address)
        return ok(answer.to_json())

    async def refresh(self, request: Request) -> Response:
        req = p.RefreshRequest.parse(await read_json(request))
        answer = await run_in_threadpool(self._in_write, auth.refresh, req.refresh_token)
        if answer is None:
            raise ApiError(401, p.ERR_UNAUTHORIZED, "the refresh token is unknown or expired")
        return ok(answer.to_json())

    def _in_write(self, fn: Callable[..., T], *args: Any) -> T:
        with self.db.write() as session:
            return fn(session, *args)

    # --- pull ---

    async def changes(self, request: Request) -> Response:
        token = bearer(request)
        after = query_cursor(request)
        limit = query_integer(request, "limit", p.DEFAULT_CHANGES_LIMIT, 1, p.MAX_CHANGES_LIMIT)

        def run() -> tuple[auth.Principal, p.ChangesPage] | None:
            # Signing requests past their expiry are marked (and fed) before the page
            # is read: expiry is judged when someone reads (docs/signing-requests.md).
            signing_requests.expire_due(self.db, int(self.receipt_clock()))
            # The hottest endpoint: token check and page in one transaction, one thread hop.
            with self.db.read() as session:
                who = auth.authenticate(session, token)
                if who is None:
                    return None
                if who.wipe_ordered:
                    return who, wipe_order_page(session, who.user_id, who.device_id, after)
                return who, read_changes(session, who.user_id, who.device_id, after, limit)

        found = await run_in_threadpool(run)
        if found is None:
            raise ApiError(401, p.ERR_UNAUTHORIZED, "the token is unknown or expired")
        who, page = found
        if who.wipe_ordered:
            # Before the answer leaves: a failure here is a 503 and the order comes again.
            await run_in_threadpool(self._in_write, auth.wipe_delivered, who.user_id, who.device_id)
        return ok(page.to_json())

    async def events(self, request: Request) -> Response:
        """Server-sent events: ``changes`` whenever this user's feed moves past ``cursor``.

        The token is checked again on every poll: a stream ends as soon as its token
        is revoked or expires, its user is disabled, or its device has had its wipe
        order. A device with an order not yet delivered is told to pull, whatever
        its cursor, so the order reaches it.
        """
        token = bearer(request)
        who = await self.principal(request)
        if who.wipe_delivered:
            raise ApiError(403, p.ERR_FORBIDDEN, "this device is ordered wiped")
        after = query_cursor(request)
        timeout = query_integer(request, "timeout", EVENTS_MAX_SECONDS, 1, EVENTS_MAX_SECONDS)

        def poll() -> tuple[int, bool] | None:
            """The newest seq and whether a wipe order waits; None: the stream must end."""
            with self.db.read() as session:
                current = auth.authenticate(session, token)
                if current is None or current.wipe_delivered:
                    return None
                return latest_seq(session, who.user_id, who.device_id), current.wipe_ordered

        async def stream() -> AsyncIterator[str]:
            seen = after
            told_to_pull = False
            yield ": hanoi-desk events\n\n"
            loop = asyncio.get_running_loop()
            deadline = loop.time() + timeout
            last_sent = loop.time()
            while loop.time() < deadline:
                if await request.is_disconnected():
                    return
                state = await run_in_threadpool(poll)
                if state is None:
                    return
                top, wipe = state
                if top > seen or (wipe and not told_to_pull):
                    seen = max(seen, top)
                    told_to_pull = told_to_pull or wipe
                    data = json.dumps({"cursor": p.encode_cursor(seen)})
                    yield f"event: changes\ndata: {data}\n\n"
                    last_sent = loop.time()
                elif loop.time() - last_sent >= EVENTS_KEEPALIVE_SECONDS:
                    # Proxies and NAT boxes drop silent connections; a comment keeps it open.
                    yield ": keep-alive\n\n"
                    last_sent = loop.time()
                await asyncio.sleep(EVENTS_POLL_SECONDS)

        headers = {**PROTOCOL_HEADERS, "Cache-Control": "no-store"}
        return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)

    # --- push ---

    async def push(self, request: Request) -> Response:
        who = await self.principal(request)
        batch = p.MutationBatch.parse(await read_json(request))
        results = await run_in_threadpool(mutations.apply_batch, self.db, who, batch, self.blobs,
                                          lambda: int(self.receipt_clock()))  # fmt: skip
        # A first signature's certificate is registered by the signature's own
        # check, in its write transaction (server/signature_check.py settle).
        return ok(results.to_json())

    # --- blobs ---

    async def blob(self, request: Request) -> Response:
        who = await self.principal(request)
        if who.wipe_ordered:
            # From the moment of the order, delivered or not: a client that never pulls,
            # or asks from past the order, must not keep reading documents. 403, not 401:
            # its tokens are fine, and a real client skips the file and pulls the order.
            wiped = "this device is ordered wiped; its changes feed carries the order"
            raise ApiError(403, p.ERR_FORBIDDEN, wiped)
        sha = request.path_params["sha256"]
        try:
            p.check_sha256(sha)
        except p.ProtocolError:
            raise ApiError(404, p.ERR_NOT_FOUND, "no such blob") from None
        size = await run_in_threadpool(self._visible_blob_size, who, sha)
        if size is None:
            raise ApiError(404, p.ERR_NOT_FOUND, "no such blob")
        return blob_response(request, self.blobs, sha, size)

    def _visible_blob_size(self, who: auth.Principal, sha: str) -> int | None:
        from hanoi_desk.server.access import may_read_blob

        with self.db.read() as session:
            if not may_read_blob(session, who.user_id, sha):
                return None
        return self.blobs.size(sha)

    # --- uploads ---

    async def upload_create(self, request: Request) -> Response:
        who = await self.principal(request)
        req = p.UploadCreate.parse(await read_json(request))
        state = await run_in_threadpool(uploads.create, self.db, who, req)
        location = f"{p.BASE_PATH}/uploads/{state.upload_id}"
        return ok(state.to_json(), 201, headers={"Location": location})

    async def upload_patch(self, request: Request) -> Response:
        who = await self.principal(request)
        upload_id = request.path_params["upload_id"]
        raw = request.headers.get("upload-offset")
        if raw is None:
            raise ApiError(400, p.ERR_BAD_REQUEST, "the Upload-Offset header is required")
        at = parse_integer(raw, "Upload-Offset", 0, p.MAX_UPLOAD_SIZE)
        chunk = await read_body(request, p.MAX_CHUNK_SIZE)
        end = await run_in_threadpool(
            lambda: uploads.append(self.db, self.blobs, who, upload_id, at=at, chunk=chunk)
        )
        return ok({"offset": end}, headers={"Upload-Offset": str(end)})

    async def upload_head(self, request: Request) -> Response:
        who = await self.principal(request)
        at = await run_in_threadpool(uploads.offset, self.db, who, request.path_params["upload_id"])
        headers = {**PROTOCOL_HEADERS, "Upload-Offset": str(at), "Cache-Control": "no-store"}
        return Response(status_code=200, headers=headers)

    # --- live meetings (docs/live-meetings.md) ---

    async def live_command(self, request: Request) -> Response:
        who = await self.principal(request)
        meeting_id = _meeting_id(request)
        wait = self.command_rate.take(who.user_id)
        if wait:
            # Before the body is read or the write lock taken: a loop of commands
            # must not hold every other writer of the server back.
            raise ApiError(429, p.ERR_TOO_MANY_COMMANDS, "too many live commands; wait",
                           retry_after=wait)  # fmt: skip
        raw = await read_body(request, MAX_LIVE_COMMAND_BODY)
        req = pl.LiveCommandRequest.parse(parse_json(raw))
        command = Command(req.kind, req.args)
        try:
            outcome = await run_in_threadpool(
                lambda: self.authority.run(who, meeting_id, op_id=req.op_id, command=command)
            )
        except live.NotParticipant:
            raise _NO_MEETING from None
        return ok(outcome.to_json())

    async def _live_reader(self, request: Request) -> tuple[str, auth.Principal, str]:
        """(token, principal, meeting id) of someone who may read the meeting's live log."""
        token = bearer(request)
        who = await self.principal(request)
        if who.wipe_ordered:
            raise ApiError(403, p.ERR_FORBIDDEN, "this device is ordered wiped")
        return token, who, _meeting_id(request)

    async def live_events(self, request: Request) -> Response:
        _token, who, meeting_id = await self._live_reader(request)
        after = query_integer(request, "after", 0, 0, MAX_INTEGER)
        limit = query_integer(request, "limit", pl.DEFAULT_LIVE_EVENTS_LIMIT, 1,
                              pl.MAX_LIVE_EVENTS_LIMIT)  # fmt: skip

        def run() -> pl.LiveEventsPage | None:
            with self.db.read() as session:
                seen = live.access(session, meeting_id, who.user_id)
                if seen is None:
                    return None
                # Events before the head: on PostgreSQL each statement has its own
                # snapshot, and a head read first could be older than the last event.
                events = live.events_after(session, meeting_id, after, limit)
                head = live.head_of(session, meeting_id)
                wire = tuple(pl.LiveEventWire(**e.to_json()) for e in events)
                # The authority's time, as heartbeats carry it: never before the head.
                now = self.authority.clock.now(live.head_at_of(session, meeting_id))
                watch = None
                if may(seen.role, CommandKind.POLL_CLOSE):
                    # The chair's and the secretary's view only: who has not voted yet
                    # and whose laptop is silent (docs/server-votes.md).
                    state = self.authority.cache.get(session, meeting_id, head)
                    watch = votes.watch(session, state, meeting_id, now)
                page = pl.LiveEventsPage(wire, pl.LiveHead(*head), now, seen.role,
                                         seen.authority, watch)  # fmt: skip
            self._seen_now(meeting_id, who.user_id, now)
            return page

        page = await run_in_threadpool(run)
        if page is None:
            raise _NO_MEETING
        return ok(page.to_json(), headers={"Cache-Control": "no-store"})

    def _seen_now(self, meeting_id: str, user_id: str, now: int) -> None:
        """Record a member's laptop as heard from, at most every few seconds per process."""
        key = (meeting_id, user_id)
        if now - self._presence.get(key, 0) < votes.PRESENCE_WRITE_MS:
            return
        self._presence[key] = now
        with self.db.write() as session:
            votes.touch(session, meeting_id, [user_id], now)

    async def live_ballot(self, request: Request) -> Response:
        who = await self.principal(request)
        meeting_id = _meeting_id(request)
        raw = await read_body(request, MAX_BALLOT_BODY)
        req = pl.BallotRequest.parse(parse_json(raw))
        try:
            receipt = await run_in_threadpool(self.authority.ballot, who, meeting_id, req)
        except live.NotParticipant:
            raise _NO_MEETING from None
        return ok(receipt.to_json())

    def _bulletin(self, who: auth.Principal, meeting_id: str, request: Request
                  ) -> pl.BulletinRecord:  # fmt: skip
        poll = request.path_params["poll"]
        try:
            p.check_ident(poll)
            number = parse_integer(request.path_params["round"], "round", 1, pl.MAX_ROUND)
        except (p.ProtocolError, ApiError):
            raise _NO_ROUND from None
        with self.db.read() as session:
            if live.access(session, meeting_id, who.user_id) is None:
                raise _NO_MEETING
            state = self.authority.cache.get(session, meeting_id,
                                             live.head_of(session, meeting_id))  # fmt: skip
            record = votes.bulletin_record(session, state, meeting_id, poll, number)
        if record is None:
            raise _NO_ROUND
        return record

    async def live_bulletin(self, request: Request) -> Response:
        _token, who, meeting_id = await self._live_reader(request)
        record = await run_in_threadpool(self._bulletin, who, meeting_id, request)
        return ok(record.to_json(), headers={"Cache-Control": "no-store"})

    async def live_proof(self, request: Request) -> Response:
        _token, who, meeting_id = await self._live_reader(request)
        receipt = request.query_params.get("receipt", "")
        try:
            p.check_sha256(receipt, "receipt")
        except p.ProtocolError:
            raise ApiError(
                400, p.ERR_BAD_REQUEST, "receipt must be 64 lowercase hex digits"
            ) from None
        record = await run_in_threadpool(self._bulletin, who, meeting_id, request)
        proof = votes.proof_of(record, receipt)
        if proof is None:
            raise ApiError(404, p.ERR_NOT_FOUND, "no ballot with this receipt in the round")
        return ok(proof.to_json(), headers={"Cache-Control": "no-store"})

    async def live_authority(self, request: Request) -> Response:
        _token, who, meeting_id = await self._live_reader(request)

        def run() -> pl.AuthorityKeyRecord | None:
            with self.db.read() as session:
                if live.access(session, meeting_id, who.user_id) is None:
                    return None
            return self.keys.get().public()

        record = await run_in_threadpool(run)
        if record is None:
            raise _NO_MEETING
        return ok(record.to_json())

    async def live_stream(self, request: Request) -> Response:
        """Server-sent events: the meeting's live events from ``Last-Event-ID`` (or
        ``after``), then each new one as it is committed, and heartbeats."""
        token, who, meeting_id = await self._live_reader(request)
        resume = request.headers.get("last-event-id")
        if resume is not None and resume.strip():
            after = parse_integer(resume.strip(), "Last-Event-ID", 0, MAX_INTEGER)
        else:
            after = query_integer(request, "after", 0, 0, MAX_INTEGER)

        def allowed() -> bool:
            with self.db.read() as session:
                return live.access(session, meeting_id, who.user_id) is not None

        if not await run_in_threadpool(allowed):
            raise _NO_MEETING
        try:
            sub = self.live.reserve(auth.token_digest(token), who.user_id)
        except TooManyStreams as e:
            raise ApiError(429, p.ERR_TOO_MANY_STREAMS, str(e)) from None
        events = self.live.stream(meeting_id, sub, after)
        # Heartbeats are ours (they carry the head): sse-starlette's own ping is off.
        # The place is also given back when the response ends, for a stream that
        # never started (a HEAD request, a client gone before the first frame).
        return EventSourceResponse(events, ping=0, headers=PROTOCOL_HEADERS,
                                   background=BackgroundTask(self.live.release, sub))  # fmt: skip

    # --- written consultation ---

    async def consultation_summary(self, request: Request) -> Response:
        """The summary and every response, for the consultation's secretariat only."""
        from hanoi_desk.server import consultation

        who = await self.principal(request)
        cid = request.path_params["consultation_id"]
        found = await run_in_threadpool(consultation.summary_for, self.db, who.user_id, cid)
        if found is None:
            raise ApiError(404, p.ERR_NOT_FOUND, "no such consultation of your secretariat")
        return ok(found)

    # --- public ---

    async def openapi(self, request: Request) -> Response:
        return JSONResponse(openapi_document(), headers=PROTOCOL_HEADERS)

    async def health(self, request: Request) -> Response:
        return ok({"status": "ok", "protocol": p.PROTOCOL_VERSION})


def _guard(endpoint: Callable[[Request], Any]) -> Callable[[Request], Any]:
    """Turn every failure into the protocol's JSON error, never a traceback or a secret."""

    async def wrapped(request: Request) -> Response:
        try:
            check_version(request)
            response: Response = await endpoint(request)
            return response
        except ApiError as e:
            return e.response()
        except p.ProtocolError as e:
            return ApiError(400, p.ERR_BAD_REQUEST, e.message("en")).response()
        except EnvironmentFault as e:
            log.error("environment fault: %s", e.message("en"))
            return ApiError(503, p.ERR_INTERNAL, "the server cannot reach its storage").response()
        except Exception as e:
            log.error("unexpected %s in %s", type(e).__name__, request.url.path)
            return ApiError(500, p.ERR_INTERNAL, "internal error").response()

    return wrapped


def build_app(server: Server) -> Starlette:
    v = p.BASE_PATH
    server.closer.start()  # a serving process closes votes whose closing period ended
    routes = [
        Route(f"{v}/auth/login", _guard(server.login), methods=["POST"]),
        Route(f"{v}/auth/refresh", _guard(server.refresh), methods=["POST"]),
        Route(f"{v}/changes", _guard(server.changes), methods=["GET"]),
        Route(f"{v}/events", _guard(server.events), methods=["GET"]),
        Route(f"{v}/mutations", _guard(server.push), methods=["POST"]),
        Route(f"{v}/blobs/{{sha256}}", _guard(server.blob), methods=["GET"]),
        Route(f"{v}/uploads", _guard(server.upload_create), methods=["POST"]),
        Route(f"{v}/uploads/{{upload_id}}", _guard(server.upload_patch), methods=["PATCH"]),
        Route(f"{v}/uploads/{{upload_id}}", _guard(server.upload_head), methods=["HEAD"]),
        Route(
            f"{v}/meetings/{{meeting_id}}/live/commands",
            _guard(server.live_command),
            methods=["POST"],
        ),
        Route(
            f"{v}/meetings/{{meeting_id}}/live/events", _guard(server.live_events), methods=["GET"]
        ),
        Route(f"{v}/meetings/{{meeting_id}}/live", _guard(server.live_stream), methods=["GET"]),
        Route(
            f"{v}/meetings/{{meeting_id}}/live/ballots",
            _guard(server.live_ballot),
            methods=["POST"],
        ),
        Route(
            f"{v}/meetings/{{meeting_id}}/live/polls/{{poll}}/rounds/{{round}}/bulletin",
            _guard(server.live_bulletin),
            methods=["GET"],
        ),
        Route(
            f"{v}/meetings/{{meeting_id}}/live/polls/{{poll}}/rounds/{{round}}/proof",
            _guard(server.live_proof),
            methods=["GET"],
        ),
        Route(
            f"{v}/meetings/{{meeting_id}}/live/authority",
            _guard(server.live_authority),
            methods=["GET"],
        ),
        Route(
            f"{v}/consultations/{{consultation_id}}/summary",
            _guard(server.consultation_summary),
            methods=["GET"],
        ),
        Route(f"{v}/openapi.json", _guard(server.openapi), methods=["GET"]),
        Route(f"{v}/health", _guard(server.health), methods=["GET"]),
    ]
    return Starlette(
        routes=routes,
        exception_handlers={404: _no_route, 405: _no_route},
    )


_NO_MEETING = ApiError(404, p.ERR_NOT_FOUND, "no such meeting")
_NO_ROUND = ApiError(404, p.ERR_NOT_FOUND, "no such closed voting round")
"""A meeting the caller does not take part in is answered as one that does not exist."""


def _meeting_id(request: Request) -> str:
    try:
        return p.check_ident(request.path_params["meeting_id"])
    except p.ProtocolError:
        raise _NO_MEETING from None


async def _no_route(request: Request, exc: Exception) -> Response:
    """Unknown paths and methods answer in the protocol's JSON error shape too."""
    status = getattr(exc, "status_code", 404)
    code = p.ERR_NOT_FOUND if status == 404 else p.ERR_BAD_REQUEST
    response = ApiError(status, code, "no such endpoint or method").response()
    response.headers.update(getattr(exc, "headers", None) or {})  # e.g. Allow on a 405
    return response


def open_server(config: ServerConfig, *, migrate: bool = True) -> Server:
    private_dir(config.data_dir)
    db = Database(config.database_url())
    if migrate:
        db.migrate()
    return Server(db, DirectoryBlobStore(config.data_dir / "blobs"), config.live_heartbeat,
                  config.limits)  # fmt: skip


def create_app(config: ServerConfig, *, migrate: bool = True) -> Starlette:
    return build_app(open_server(config, migrate=migrate))
