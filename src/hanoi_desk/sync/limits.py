"""Default deadlines of a sync run, in a module that imports nothing.

The CLI shows these defaults in ``hanoi-desk sync --help``; importing the
engine or the HTTP layer for them would load httpx on every CLI start.
"""

from __future__ import annotations

from typing import Final

DEFAULT_REQUEST_TIMEOUT: Final = 300
"""Seconds for one request, first byte sent to last byte received. On a slow
mobile link (~100 kbit/s) that is room for a full changes page or a 1 MiB
upload piece; a blob download cut by it resumes where it stopped."""
DEFAULT_RUN_TIMEOUT: Final = 3600
"""Seconds for a whole run. A first sync over a slow link that needs longer goes
on from where it stopped at the next run (partial blobs and the cursor are kept)."""
