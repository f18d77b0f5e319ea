"""Key material in memory: buffers that can be zeroed. (That other programs of
the same account cannot read the process is the entry point's business:
hanoi_desk/cli/process.py.)

Python gives no promise that a secret leaves memory: ``bytes`` and ``str`` are
immutable, copies are made freely and freed memory is not cleared. So keys
live in ``bytearray`` objects that their owner zeroes when it closes, the
libraries are asked to write into those buffers (``decrypt_into``,
``derive_into``) instead of returning new objects, and the few immutable copies
this code makes itself are overwritten in place before they are dropped.
docs/key-hierarchy.md lists what remains outside this code's reach.
"""

from __future__ import annotations

import ctypes
import sys

# CPython lays out a bytes object's data right after a fixed header, and an
# ASCII-only ("compact ASCII") str's characters right after its own header; an
# empty object's size is that header plus the trailing NUL.
_CPYTHON = sys.implementation.name == "cpython"
_BYTES_DATA = sys.getsizeof(b"") - 1
_ASCII_DATA = sys.getsizeof("") - 1


def zero(buffer: bytearray) -> None:
    """Overwrite a key buffer in place (its length stays, so views stay valid)."""
    if buffer:
        ctypes.memset((ctypes.c_char * len(buffer)).from_buffer(buffer), 0, len(buffer))


def scrub(value: bytes | str) -> None:
    """Overwrite an immutable ``bytes`` or ASCII ``str`` in place.

    Only for an object this code created and alone refers to (a key's hex form
    built for one SQL statement, a library's fresh return value): anything else
    still holding it would see zeros. Small and shared objects (the empty
    string, one-character strings, interned names) are never secrets and are
    left alone; so is anything on a Python that is not CPython.
    """
    if not _CPYTHON or len(value) < 2:
        return
    if isinstance(value, bytes):
        ctypes.memset(id(value) + _BYTES_DATA, 0, len(value))
    elif isinstance(value, str) and value.isascii():
        ctypes.memset(id(value) + _ASCII_DATA, 0, len(value))
