"""An ASGI factory configured from the environment, for several worker processes
or an external ASGI server::

    HANOI_DESK_SERVER_DATA=/srv/hanoi HANOI_DESK_SERVER_DB=postgresql+psycopg://... \\
        uvicorn --factory hanoi_desk.server.asgi:app_from_env --workers 4

Migrations are not run here: run ``hanoi-desk server migrate`` once per release,
so several instances starting together never race on the schema.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from starlette.applications import Starlette

from hanoi_desk.server.app import LIVE_HEARTBEAT_SECONDS, ServerConfig, create_app
from hanoi_desk.server.limits import Limits

DATA_ENV = "HANOI_DESK_SERVER_DATA"
DB_ENV = "HANOI_DESK_SERVER_DB"
HEARTBEAT_ENV = "HANOI_DESK_LIVE_HEARTBEAT"
"""Seconds between live stream heartbeats (``server --live-heartbeat``; default 5)."""
LIMITS_ENV = "HANOI_DESK_LIVE_LIMITS"
"""JSON of :class:`~hanoi_desk.server.limits.Limits` fields (``server --live-streams-per-token``
…); a field left out keeps its default."""


def app_from_env() -> Starlette:
    data = Path(os.environ[DATA_ENV])
    heartbeat = float(os.environ.get(HEARTBEAT_ENV) or LIVE_HEARTBEAT_SECONDS)
    limits = Limits(**json.loads(os.environ.get(LIMITS_ENV) or "{}"))
    config = ServerConfig(data, os.environ.get(DB_ENV) or None, live_heartbeat=heartbeat,
                          limits=limits)  # fmt: skip
    return create_app(config, migrate=False)
