"""Work a profile holds that the server has not received yet: what a wipe would lose.

The outbox is inside the encrypted database, so counting it needs the profile
unlocked; without a key, a wipe must be confirmed knowing the count is unknown
(docs/key-hierarchy.md, "Wiping a profile with unsent work").
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from hanoi_desk.domain.models import DocumentSummary, OutboxEntry
from hanoi_desk.domain.states import UNSENT
from hanoi_desk.i18n import N_, translate
from hanoi_desk.protocol.base import (
    KIND_ANNOTATION_UPSERT,
    KIND_COMMENT_ADD,
    KIND_SIGNATURE_SUBMIT,
)
from hanoi_desk.store.cache import Cache
from hanoi_desk.store.live import BALLOT_KIND, LiveStore

UNSENT_STATES = UNSENT
"""Not yet accepted by the server ("rejected" ones were answered and are not lost here)."""

# Named in the order a person cares about them; a kind added later without a name
# here is still counted, as "other actions", never left out of the warning.
_NAMES = (
    (KIND_SIGNATURE_SUBMIT, N_("signed documents: {n}")),
    (KIND_COMMENT_ADD, N_("comments: {n}")),
    (KIND_ANNOTATION_UPSERT, N_("private notes: {n}")),
)
_VOTES = N_("votes: {n}")
LIVE = "live"
"""The key of the live outbox's queued commands (a lane of its own, store/live.py)."""
_LIVE = N_("live meeting commands (check-ins, requests to speak): {n}")
BALLOT_VOTE = "vote.ballot"
"""The key of the signed ballots still on the live lane: counted as votes."""
_OTHER = N_("other actions: {n}")


@dataclass(frozen=True)
class UnsentWork:
    by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())

    def describe(self, language: str | None = None) -> str:
        """ "signed documents: 2, comments: 1", in the reader's language."""
        counts = dict(self.by_kind)
        parts = []
        for kind, template in _NAMES:
            n = counts.pop(kind, 0)
            if n:
                parts.append(translate(template, language, n=n))
        votes = sum(counts.pop(k) for k in [k for k in counts if k.startswith("vote.")])
        if votes:
            parts.append(translate(_VOTES, language, n=votes))
        live = counts.pop(LIVE, 0)
        if live:
            parts.append(translate(_LIVE, language, n=live))
        if counts:
            parts.append(translate(_OTHER, language, n=sum(counts.values())))
        return ", ".join(parts)


def count_unsent(cache: Cache) -> UnsentWork:
    counts = Counter(e.kind for e in cache.outbox(UNSENT_STATES))
    for command in LiveStore(cache).pending():
        # A signed ballot waiting on the live lane is a vote, not a check-in.
        counts[BALLOT_VOTE if command.kind == BALLOT_KIND else LIVE] += 1
    return UnsentWork(dict(counts))


def entry_version(entry: OutboxEntry) -> str | None:
    """The document version an outgoing action is about (a signed copy, a
    comment, a note all name one), or None."""
    try:
        payload = json.loads(entry.payload)
    except ValueError:
        return None
    version = payload.get("document_version_id") if isinstance(payload, dict) else None
    return version if isinstance(version, str) else None


def entry_documents(cache: Cache, entries: Sequence[OutboxEntry]) -> dict[str, DocumentSummary]:
    """The document versions the outbox's actions are about, by version id, so
    the outbox names each action's document (title, version), not only its kind."""
    return cache.versions({v for e in entries if (v := entry_version(e)) is not None})
