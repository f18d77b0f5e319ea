"""Diacritic-insensitive matching for Vietnamese.

SQLite's ``remove_diacritics`` leaves ``đ`` alone (it is a letter of its own,
not a base letter with a mark), so "dong" would not find "đồng". We fold text
ourselves before indexing and querying. Folding is one character to one
character, so a match found in folded text maps back to the same slice of the
original text for snippets.
"""

from __future__ import annotations

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
