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

3. pyHanko's difference analysis of the newest earlier signature over the new
   file allows nothing beyond what completion adds (``LTA_UPDATES``: the
   document security store and document timestamps). The byte checks alone
   let through an update that replaced the signed page's content stream, or
   one that redefined the signature dictionary behind PDF whitespace the
   pattern does not know (a security review, H1/H2): what a PDF *shows* after
   an incremental update is only known by reading it as a PDF reader does.

The byte checks run first: they are cheap and refuse most bad files before
the file is parsed.
"""

from __future__ import annotations

import bisect
import io
import re

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, ModificationLevel
from pyhanko.sign.diff_analysis.policy_api import DiffResult
from pyhanko.sign.validation.status import SignatureCoverageLevel

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
    return _only_completion_added(len(held), new)


def _only_completion_added(held_len: int, new: bytes) -> str | None:
    """pyHanko's verdict on what the bytes after ``held_len`` change, as seen
    from the newest signature the held file already had."""
    try:
        reader = PdfFileReader(io.BytesIO(new), strict=False)
        earlier = [
            sig
            for sig in reader.embedded_signatures
            if sig.sig_object_type == "/Sig" and _covered_end(sig) <= held_len
        ]
        if not earlier:
            return p.REASON_SIGNATURES_CHANGED
        newest = max(earlier, key=_covered_end)
        newest.compute_integrity_info(diff_policy=DEFAULT_DIFF_POLICY)
        verdict = newest.diff_result
        covered = newest.coverage
    except (PdfError, ValueError, KeyError, TypeError, IndexError):
        # A file pyHanko cannot read as a signed PDF is not a completed signature.
        return p.REASON_SIGNATURES_CHANGED
    if covered is None or covered < SignatureCoverageLevel.ENTIRE_REVISION:
        return p.REASON_SIGNATURES_CHANGED
    if not isinstance(verdict, DiffResult):  # SuspiciousModification
        return p.REASON_SIGNATURES_CHANGED
    if verdict.modification_level > ModificationLevel.LTA_UPDATES:
        return p.REASON_SIGNATURES_CHANGED
    return None


def _covered_end(sig: object) -> int:
    """The last byte (exclusive) a signature's byte range covers."""
    byte_range = sig.sig_object["/ByteRange"]  # type: ignore[attr-defined]
    return int(byte_range[2]) + int(byte_range[3])
