"""Text rules: diacritic-insensitive matching for Vietnamese, and text made safe
to print on a terminal.

SQLite's ``remove_diacritics`` leaves ``đ`` alone (it is a letter of its own,
not a base letter with a mark), so "dong" would not find "đồng". We fold text
ourselves before indexing and querying. Folding is one character to one
character, so a match found in folded text maps back to the same slice of the
original text for snippets.
"""

from __future__ import annotations

import json
import re
import unicodedata

_SPECIAL = {"đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o"}
_WORD = re.compile(r"\w+", re.UNICODE)


def _fold_char(ch: str) -> str:
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    base = unicodedata.normalize("NFD", ch)[0]
    folded = base.lower()
    return folded if len(folded) == 1 else ch


# Latin letters, including all of Vietnamese (Latin Extended Additional), folded
# through one str.translate table: search folds every result page for its
# snippet, and a per-character Python loop was the slowest part of a query.
_RANGES = [(0x41, 0x5B), (0xC0, 0x250), (0x1E00, 0x1F00)]
_TABLE = {cp: _fold_char(chr(cp)) for lo, hi in _RANGES for cp in range(lo, hi)}


def fold(text: str) -> str:
    """Lower-case, accent-free text of the same length as ``text``."""
    folded = text.translate(_TABLE)
    lowered = folded.lower()  # other scripts; kept only when it keeps the length
    return lowered if len(lowered) == len(folded) else folded


def query_terms(query: str) -> list[str]:
    return _WORD.findall(fold(unicodedata.normalize("NFC", query)))


def _locate(folded: str, terms: list[str]) -> tuple[int, int]:
    """Where to highlight: the whole phrase if it occurs, else the first term at a
    word start, else anywhere (FTS prefix matches can sit inside a word)."""
    if not terms:
        return -1, 0
    phrase = r"(?<!\w)" + r"\W+".join(re.escape(t) for t in terms)
    patterns = [phrase] + [r"(?<!\w)" + re.escape(t) for t in terms] + [re.escape(terms[0])]
    for pattern in patterns:
        m = re.search(pattern, folded)
        if m:
            return m.start(), m.end()
    return -1, 0


def snippet(original: str, terms: list[str], width: int = 80) -> str:
    """A one-line excerpt of ``original`` around the match, with the match in [ ]."""
    text = unicodedata.normalize("NFC", original)
    pos, end_hit = _locate(fold(text), terms)
    if pos < 0:
        return " ".join(text[:width].split())
    start = max(0, pos - width // 2)
    end = min(len(text), end_hit + width // 2)
    excerpt = text[start:pos] + "[" + text[pos:end_hit] + "]" + text[end_hit:end]
    excerpt = " ".join(excerpt.split())
    return ("…" if start > 0 else "") + excerpt + ("…" if end < len(text) else "")


# -- text for a terminal -------------------------------------------------------
#
# Titles, certificate names, file names and server answers are written by
# someone else. Printed raw, an ESC sequence or a CR in them can rewrite what a
# terminal shows (a fake signer, a hidden "NOT VALID"), and a bidi override can
# reorder it. Everything such text holds that is not a visible character is
# shown as a Python-style escape instead: C0 and C1 controls, DEL, format
# characters (bidi overrides and isolates, zero-width characters), line and
# paragraph separators, lone surrogates (undecodable file names) and code
# points this Python does not know. Letters and combining marks (all of
# Vietnamese), spaces and private-use characters are kept. A backslash is kept
# as it is, so Windows paths read normally: a literal "\\x1b" in the text and
# an escaped ESC look alike, which is harmless where the point is the terminal.

_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Cn"})
_SHORT_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _unsafe(ch: str) -> bool:
    return unicodedata.category(ch) in _UNSAFE_CATEGORIES


def _escape(ch: str) -> str:
    short = _SHORT_ESCAPES.get(ch)
    if short is not None:
        return short
    cp = ord(ch)
    if cp < 0x100:
        return f"\\x{cp:02x}"
    return f"\\u{cp:04x}" if cp < 0x10000 else f"\\U{cp:08x}"


def printable(text: object, *, keep_newlines: bool = False, limit: int | None = None) -> str:
    """``text`` (any object, as ``str()`` shows it) safe to write to a terminal.

    One line by default: a newline in a title or a name is escaped too, so it
    cannot fake a line of its own. ``keep_newlines`` is for text that is
    several lines by design (a traceback, a log record). ``limit`` keeps at most
    that many characters of the text, then "…": a value a server or a file
    chose cannot flood a message. It counts the text's characters, before
    escaping, so an escape is never cut in half.
    """
    s = str(text)
    if limit is not None and len(s) > limit:
        return printable(s[:limit], keep_newlines=keep_newlines) + "…"
    if s.isprintable():  # the usual case, checked in C
        return s
    if keep_newlines:
        return "\n".join(printable(line) for line in s.split("\n"))
    return "".join(_escape(ch) if _unsafe(ch) else ch for ch in s)


def _json_escape(ch: str) -> str:
    cp = ord(ch)
    if cp < 0x10000:
        return f"\\u{cp:04x}"
    cp -= 0x10000  # JSON spells a character beyond the BMP as a surrogate pair
    return f"\\u{0xD800 + (cp >> 10):04x}\\u{0xDC00 + (cp & 0x3FF):04x}"


def printable_json(value: object, *, indent: int | None = 2) -> str:
    """``value`` as JSON that is safe on a terminal and decodes to the same data.

    ``json.dumps`` already escapes C0 controls inside strings but leaves DEL,
    C1 controls, bidi overrides and lone surrogates raw; those become ``\\uXXXX``
    escapes here. Outside strings JSON is plain ASCII, so every such character
    is inside a string, and a raw newline can only be the indentation's.
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    if text.isprintable():
        return text
    return "".join(_json_escape(ch) if ch != "\n" and _unsafe(ch) else ch for ch in text)
