"""Opening PDFs for an incremental update, and writing outputs atomically.

Encrypted, corrupt or unparseable files are refused with a clear message. A
file that fails strict parsing is retried in pyHanko's non-strict mode, which
only relaxes *reading*; the result is still an incremental update that leaves
the original bytes (and earlier signatures) untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError

from hanoi_desk.errors import EnvironmentFault, UserError
from hanoi_desk.i18n import N_

ENCRYPTED = N_(
    "{name} is encrypted (password-protected). Hanoi Desk does not sign encrypted PDFs: "
    "ask the sender for an unprotected copy."
)
BROKEN = N_("{name} is not a readable PDF ({reason}). Nothing was signed.")
NOT_FOUND = N_("{name} does not exist or cannot be read.")
WRITE_FAILED = N_("Cannot write {path}: {reason}. The input was not changed.")
SAME_FILE = N_("The output {path} would overwrite the input: choose another --out folder.")


def open_for_update(stream: IO[bytes], name: str) -> IncrementalPdfFileWriter:
    last: Exception | None = None
    for strict in (True, False):
        stream.seek(0)
        try:
            writer = IncrementalPdfFileWriter(stream, strict=strict)
            if writer.prev.encrypted:
                raise UserError(ENCRYPTED, name=name)
            writer.root  # noqa: B018 - forces the catalogue to parse now, not mid-signing
            return writer
        except UserError:
            raise
        except (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
            last = exc
    reason = type(last).__name__ if last else "?"
    raise UserError(BROKEN, name=name, reason=reason)


@contextlib.contextmanager
def open_input(path: Path) -> Iterator[IO[bytes]]:
    try:
        f = path.open("rb")
    except OSError:
        raise UserError(NOT_FOUND, name=str(path)) from None
    with f:
        yield f


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[IO[bytes]]:
    """A temp file beside ``target``, renamed over it only when the body succeeds.

    The temp file holds what the output will hold (a signed copy the user asked
    for, in the folder they chose); on any error it is removed, so a stopped
    batch leaves no half-written document.
    """
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise EnvironmentFault(WRITE_FAILED, path=str(target), reason=exc.strerror or "") from None
    ok = False
    try:
        with os.fdopen(fd, "w+b") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
        ok = True
    except OSError as exc:
        raise EnvironmentFault(WRITE_FAILED, path=str(target), reason=exc.strerror or "") from None
    finally:
        if not ok:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def remove_stale_parts(folder: Path) -> None:
    """Leftovers of a killed process are partial copies: remove them."""
    for part in folder.glob(".*.part"):
        with contextlib.suppress(OSError):
            part.unlink()


def signature_count(reader: Any) -> int:
    return len(reader.embedded_signatures)
