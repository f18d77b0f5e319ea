"""RFC 8785 JSON Canonicalization Scheme (JCS), for the subset ballots use.

What a delegate's token signs must be the same bytes on every machine that
checks it, whichever JSON library wrote or read it: JCS fixes them. The
subset here is objects, arrays, strings, integers within ±(2^53 − 1), true,
false and null; a float is refused, as everywhere in the live log.

Hand-written, on purpose: ``domain.live`` imports only the standard library
(import-linter enforces it, so that no third-party release can change what
client and server decide or hash). The maintained pure-Python ``rfc8785``
package exists, but its one hard part, ECMAScript's number formatting, is
exactly what this subset leaves out; what remains is the property order
(UTF-16 code units, RFC 8785 §3.2.3) and the string escapes, and the tests
check both against the RFC's own examples.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from hanoi_desk.errors import IntegrityError
from hanoi_desk.i18n import N_

MAX_SAFE: Final = 2**53 - 1
"""The largest integer every JSON reader holds exactly (I-JSON, RFC 7493)."""
MAX_DEPTH: Final = 16

NOT_CANONICAL = N_("The data cannot be written as canonical JSON: {problem}.")

# RFC 8785 §3.2.2.2: the two-character escapes, then \u00xx (lowercase hex)
# for the other control characters; every other character is written as itself.
_SHORT: Final = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
                 "\t": "\\t"}  # fmt: skip


class NotCanonical(IntegrityError):
    """A value outside the subset: a float, a big integer, a non-string key,
    a lone surrogate, nesting deeper than :data:`MAX_DEPTH`. ``problem`` names
    the rule, never the value."""

    template = NOT_CANONICAL

    def __init__(self, problem: str) -> None:
        super().__init__(NOT_CANONICAL, problem=problem)
        self.problem = problem


def _string(text: str, out: list[str]) -> None:
    out.append('"')
    for c in text:
        short = _SHORT.get(c)
        if short is not None:
            out.append(short)
        elif c < " ":
            out.append(f"\\u{ord(c):04x}")
        elif "\ud800" <= c <= "\udfff":
            # A lone surrogate is no Unicode text (I-JSON forbids it) and has no UTF-8 form.
            raise NotCanonical("a string holds a lone surrogate")
        else:
            out.append(c)
    out.append('"')


def _utf16_key(text: str) -> bytes:
    # RFC 8785 §3.2.3: properties sort by their UTF-16 code units. Comparing
    # the big-endian UTF-16 bytes compares the code units; Python's own str
    # order compares code points, which differs above U+FFFF (U+1F600 is the
    # pair D83D DE00 and sorts before U+FB33).
    return text.encode("utf-16-be", "surrogatepass")


def _scalar(value: object) -> str | None:
    """The literal of null, true, false or an integer; None for anything else."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if not -MAX_SAFE <= value <= MAX_SAFE:
            raise NotCanonical("an integer is beyond ±(2^53 − 1)")
        return str(int(value))  # int(): an IntEnum writes its number, not its name
    return None


def _write(value: object, out: list[str], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise NotCanonical("it is nested too deeply")
    literal = _scalar(value)
    if literal is not None:
        out.append(literal)
    elif isinstance(value, str):
        _string(value, out)
    elif isinstance(value, Mapping):
        if any(not isinstance(k, str) for k in value):
            raise NotCanonical("an object has a key that is not a string")
        out.append("{")
        for i, key in enumerate(sorted(value, key=_utf16_key)):
            if i:
                out.append(",")
            _string(key, out)
            out.append(":")
            _write(value[key], out, depth + 1)
        out.append("}")
    elif isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _write(item, out, depth + 1)
        out.append("]")
    else:
        # Floats included: their ECMAScript form is not needed by anything signed here.
        raise NotCanonical("it holds a value other than text, integers, true/false or null")


def canonical_json(value: object) -> bytes:
    """``value`` as RFC 8785 canonical JSON, UTF-8 encoded."""
    out: list[str] = []
    _write(value, out, 0)
    return "".join(out).encode("utf-8")
