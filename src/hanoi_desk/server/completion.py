"""Accepting a signature's completed file (``signature.complete``, issue 12).

A client raises a signature it made offline to B-LT/B-LTA with incremental
updates and uploads the result as the new state of that signature. The server
takes it only if it is an *extension* of the file it holds:

1. the held file is a byte-for-byte prefix of the new one (so every byte a
   signature covers is unchanged: a changed byte is ``not_an_extension``);
2. the appended part keeps the earlier signatures as they were: it must not
   define again an object that holds an earlier signature's dictionary (an
   update that swaps a signature value or its byte range), and every new
   ``/ByteRange`` starts at byte 0 and ends inside the file (``signatures_changed`` otherwise).

Hand-written over the bytes because the server may not import pyHanko (a
client package, import-linter forbids it, docs/architecture.md); the client
has already validated the file with pyHanko before uploading it, so this is
the server's own guard against a client that did not, not a full validation.
"""

from __future__ import annotations

import bisect
import re

from hanoi_desk import protocol as p

MAX_COMPLETED_PDF = 64 * 1024 * 1024
"""Signed files larger than this are not read into memory to be compared."""

_BYTE_RANGE = re.compile(
    rb"/ByteRange\s*\[\s*(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s*\]"
)
_OBJ = re.compile(rb"(?<![0-9])(\d{1,10})\s+(\d{1,5})\s+obj\b")


def _signature_objects(pdf: bytes) -> set[tuple[int, int]]:
    """Object numbers of the dictionaries holding a ``/ByteRange`` (each the
    nearest ``N G obj`` before it). One pass over the objects' offsets and a
    binary search per ``/ByteRange``: a file with many of both must not cost
    objects × byte ranges (review H3)."""
    found: set[tuple[int, int]] = set()
    objects = [(m.start(), (int(m[1]), int(m[2]))) for m in _OBJ.finditer(pdf)]
    starts = [start for start, _ref in objects]  # finditer yields them sorted
    for br in _BYTE_RANGE.finditer(pdf):
        i = bisect.bisect_right(starts, br.start())
        if i:
            found.add(objects[i - 1][1])
    return found


def extension_problem(held: bytes, new: bytes) -> str | None:
    """None when ``new`` extends ``held`` with its signatures intact, else the
    refusal's reason (``not_an_extension`` or ``signatures_changed``)."""
    if len(new) <= len(held) or not new.startswith(held):
        return p.REASON_NOT_AN_EXTENSION
    earlier = [m.groups() for m in _BYTE_RANGE.finditer(held)]
    if not earlier:
        return p.REASON_SIGNATURES_CHANGED  # nothing signed to extend
    tail = new[len(held) :]
    redefined = {(int(m[1]), int(m[2])) for m in _OBJ.finditer(tail)}
    if redefined & _signature_objects(held):
        return p.REASON_SIGNATURES_CHANGED
    for m in _BYTE_RANGE.finditer(tail):
        a, b, c, d = (int(x) for x in m.groups())
        if a != 0 or not b < c or c + d > len(new):
            return p.REASON_SIGNATURES_CHANGED
    return None
