"""A small protocol client for the server tests: plain httpx, no client engine.

The server tests check the server on its own; the client engine has its own
tests against the same server (tests/sync).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from hanoi_desk import protocol as p
from hanoi_desk.protocol import live as pl
from hanoi_desk.server.demo import DEMO_PASSWORD

HEADERS = {p.VERSION_HEADER: str(p.PROTOCOL_VERSION)}


class Session:
    """One logged-in device of one user."""

    def __init__(self, http: httpx.Client, tokens: p.TokenResponse, device_id: str) -> None:
        self.http = http
        self.tokens = tokens
        self.device_id = device_id
        self.client_id = f"client-{device_id}"

    @property
    def auth(self) -> dict[str, str]:
        return {**HEADERS, "Authorization": f"Bearer {self.tokens.access_token}"}

    def get(self, path: str, **kw: Any) -> httpx.Response:
        headers = {**self.auth, **kw.pop("headers", {})}
        return self.http.get(path, headers=headers, **kw)

    def request(self, method: str, path: str, **kw: Any) -> httpx.Response:
        headers = {**self.auth, **kw.pop("headers", {})}
        return self.http.request(method, path, headers=headers, **kw)

    def pull_all(self, cursor: str = "", limit: int = 50) -> tuple[list[p.Change], str]:
        changes: list[p.Change] = []
        while True:
            r = self.get("/v1/changes", params={"cursor": cursor, "limit": limit})
            assert r.status_code == 200, r.text
            page = p.ChangesPage.parse(r.json())
            changes += page.changes
            cursor = page.cursor
            if not page.has_more:
                return changes, cursor

    def push(self, *mutations: p.Mutation, client_id: str | None = None) -> p.MutationResults:
        batch = p.MutationBatch(client_id or self.client_id, tuple(mutations))
        r = self.request("POST", "/v1/mutations", json=batch.to_json())
        assert r.status_code == 200, r.text
        return p.MutationResults.parse(r.json())

    def versions(self) -> dict[str, p.DocumentVersionData]:
        changes, _ = self.pull_all()
        return {
            c.id: p.DocumentVersionData.parse(c) for c in changes if c.type == p.DOCUMENT_VERSION
        }

    def current_version(self) -> p.DocumentVersionData:
        return next(v for v in self.versions().values() if v.superseded_by is None)

    # --- live meetings ---

    def live_post(self, meeting_id: str, kind: str, args: dict[str, Any],
                  op_id: str | None = None) -> httpx.Response:  # fmt: skip
        body = {"op_id": op_id or uuid.uuid4().hex, "kind": kind, "args": args}
        return self.request("POST", f"/v1/meetings/{meeting_id}/live/commands", json=body)

    def live_command(self, meeting_id: str, kind: str, args: dict[str, Any],
                     op_id: str | None = None) -> pl.LiveCommandResult:  # fmt: skip
        r = self.live_post(meeting_id, kind, args, op_id)
        assert r.status_code == 200, r.text
        return pl.LiveCommandResult.parse(r.json())

    def live_page(self, meeting_id: str, after: int = 0) -> pl.LiveEventsPage:
        r = self.get(f"/v1/meetings/{meeting_id}/live/events", params={"after": after})
        assert r.status_code == 200, r.text
        return pl.LiveEventsPage.parse(r.json())

    @contextmanager
    def live_stream(
        self, meeting_id: str, last_event_id: int | None = None, timeout: float = 30
    ) -> Iterator[Iterator[ServerEvent]]:
        """The meeting's SSE stream, read event by event; closed on leaving the block."""
        headers = {"Accept": "text/event-stream"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = str(last_event_id)
        with self.http.stream("GET", f"/v1/meetings/{meeting_id}/live",
                              headers={**self.auth, **headers}, timeout=timeout) as r:  # fmt: skip
            assert r.status_code == 200, r.read()
            assert r.headers["content-type"].startswith("text/event-stream")
            yield server_events(r)


@dataclass(frozen=True)
class ServerEvent:
    """One server-sent event: its ``event:`` name, ``id:`` and ``data:`` (JSON)."""

    event: str
    id: str | None
    data: Any

    def live(self) -> pl.LiveEventWire:
        assert self.event == pl.SSE_LIVE and self.id is not None
        wire = pl.LiveEventWire.parse(self.data)
        assert str(wire.seq) == self.id  # the id a reconnect names is the seq
        return wire

    def heartbeat(self) -> pl.Heartbeat:
        assert self.event == pl.SSE_HEARTBEAT
        return pl.Heartbeat.parse(self.data)


def server_events(response: httpx.Response) -> Iterator[ServerEvent]:
    """The events of an SSE response as the HTML standard frames them (comments skipped)."""
    event, event_id, data = "message", None, []
    for line in response.iter_lines():
        if not line:
            if data:
                yield ServerEvent(event, event_id, json.loads("\n".join(data)))
            event, event_id, data = "message", None, []
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "event":
            event = value
        elif name == "id":
            event_id = value
        elif name == "data":
            data.append(value)


class Api:
    def __init__(self, base_url: str, source: str | None = None) -> None:
        """``source``: the local address to connect from (any of 127.0.0.0/8 on Linux),
        so one test can be several clients as the server sees them."""
        self.base_url = base_url
        transport = httpx.HTTPTransport(local_address=source) if source else None
        self.http = httpx.Client(base_url=base_url, timeout=30, transport=transport)

    def __enter__(self) -> Api:
        return self

    def __exit__(self, *exc: object) -> None:
        self.http.close()

    def login_response(
        self, username: str, password: str = DEMO_PASSWORD, device_id: str | None = None
    ) -> httpx.Response:
        req = p.LoginRequest(username, password, device_id or uuid.uuid4().hex, "Máy tính bảng")
        return self.http.post("/v1/auth/login", json=req.to_json(), headers=HEADERS)

    def login(
        self, username: str, device_id: str | None = None, password: str = DEMO_PASSWORD
    ) -> Session:
        device_id = device_id or uuid.uuid4().hex
        r = self.login_response(username, password, device_id=device_id)
        assert r.status_code == 200, r.text
        return Session(self.http, p.TokenResponse.parse(r.json()), device_id)


def mutation(seq: int, kind: str, payload: dict[str, Any], op_id: str | None = None) -> p.Mutation:
    return p.Mutation(seq, op_id or uuid.uuid4().hex, kind, payload)
