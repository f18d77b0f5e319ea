"""The local side the engine needs, as small structural interfaces.

``hanoi_desk.sync`` never imports the store: ``store/replica.py`` implements
these Protocols and ``app/sync_service.py`` joins the two. Tests can drive the
engine against the real replica or read what the engine asked of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from hanoi_desk.domain.policy import DevicePolicy


class BlobSink(Protocol):
    """An encrypted partial blob being downloaded (``BlobStore.writer``)."""

    @property
    def offset(self) -> int:
        """Bytes stored as whole chunks: where a resume after a restart continues."""
        ...

    @property
    def received(self) -> int:
        """Bytes accepted so far in this process (may run ahead of ``offset``)."""
        ...

    def write(self, data: bytes) -> None: ...

    def commit(self, expected_sha256: str) -> None:
        """Verify the hash and make the blob visible; raises IntegrityError (and
        discards the partial) when the content is not what was announced."""
        ...

    def close(self) -> None:
        """Keep the partial for a later resume."""
        ...

    def abort(self) -> None: ...


class BlobSource(Protocol):
    """Plaintext of a local blob to upload, read by ranges."""

    @property
    def size(self) -> int: ...

    def read(self, offset: int, length: int) -> bytes: ...

    def close(self) -> None: ...


class WantedBlob(Protocol):
    @property
    def sha256(self) -> str: ...

    @property
    def size(self) -> int: ...


class PendingMutation(Protocol):
    @property
    def seq(self) -> int: ...

    @property
    def op_id(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def payload(self) -> Mapping[str, Any]: ...


class ChangeRecord(Protocol):
    @property
    def type(self) -> str: ...

    @property
    def id(self) -> str: ...

    @property
    def data(self) -> Mapping[str, Any]: ...


class Account(Protocol):
    @property
    def client_id(self) -> str: ...

    @property
    def device_id(self) -> str: ...

    @property
    def username(self) -> str: ...

    @property
    def access_token(self) -> str: ...

    @property
    def refresh_token(self) -> str: ...


class LocalReplica(Protocol):
    def account(self, server: str) -> Account | None: ...

    def save_account(
        self,
        server: str,
        *,
        username: str,
        device_id: str,
        access_token: str,
        refresh_token: str,
        user_id: str,
    ) -> Account:
        """Store the tokens inside the encrypted profile (never the password)."""
        ...

    def forget_tokens(self, server: str) -> None: ...

    def cursor(self, server: str) -> str: ...

    def apply_page(self, server: str, changes: Sequence[ChangeRecord], cursor: str) -> None:
        """The page's records and the new cursor, in one transaction."""
        ...

    def pending(self, limit: int) -> Sequence[PendingMutation]:
        """Queued outgoing actions, oldest first."""
        ...

    def record_result(
        self, op_id: str, status: str, result: Mapping[str, Any] | None, reason: str | None
    ) -> None: ...

    def queued_count(self) -> int: ...

    def wanted_blobs(self) -> Sequence[WantedBlob]:
        """Blobs the cache lists but does not hold, nearest meeting first."""
        ...

    def blob_sink(self, sha256: str, size: int) -> BlobSink: ...

    def blob_arrived(self, sha256: str, size: int) -> None:
        """List a committed blob and mark its document versions available."""
        ...

    def upload_source(self, sha256: str) -> BlobSource: ...

    def policy(self, server: str) -> DevicePolicy: ...

    def record_success(self, server: str, at: str) -> None: ...
