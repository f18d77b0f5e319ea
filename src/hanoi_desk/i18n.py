"""Translatable messages for the Qt-free core.

The core raises errors and prints CLI lines in several languages without Qt, so
it cannot use ``QObject.tr``. Messages are English templates marked with
:func:`N_`; the Vietnamese catalog is a JSON file shipped inside the package.
A test checks that every marked template has a Vietnamese entry, so a new
message cannot ship untranslated.
"""

from __future__ import annotations

import json
import os
import string
from functools import cache
from importlib import resources

SUPPORTED = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

_TEMPLATES: set[str] = set()


def N_(template: str) -> str:
    """Mark an English template as translatable and return it unchanged."""
    _TEMPLATES.add(template)
    return template


def marked_templates() -> frozenset[str]:
    return frozenset(_TEMPLATES)


@cache
def catalog(language: str) -> dict[str, str]:
    """All ``locale/<language>/*.json`` files merged (one file per area of the code)."""
    merged: dict[str, str] = {}
    if language == "en":
        return merged
    folder = resources.files("hanoi_desk.locale").joinpath(language)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            merged.update(json.loads(entry.read_text("utf-8")))
    return merged


def current_language() -> str:
    """The language for CLI output: HANOI_DESK_LANG, else LANG, else Vietnamese."""
    for var in ("HANOI_DESK_LANG", "LANGUAGE", "LC_ALL", "LANG"):
        value = os.environ.get(var, "")
        code = value.split(".")[0].split("_")[0].lower()
        if code in SUPPORTED:
            return code
    # A C/POSIX locale (servers, CI) says nothing about the reader: use English there.
    return "en" if os.environ.get("LANG", "C") in ("C", "POSIX", "C.UTF-8") else DEFAULT_LANGUAGE


_FORMATTER = string.Formatter()
_SENTENCE_END = (".", "!", "?", "…")


def _format(text: str, params: dict[str, object]) -> str:
    """``text.format(**params)``, but a value that ends its own sentence (an
    error's message, a library's text) is not followed by the template's full
    stop as well: "…: the file is damaged.." reads as a typo."""
    out: list[str] = []
    for literal, field, spec, conversion in _FORMATTER.parse(text):
        doubled = literal.startswith(".") and out and out[-1].endswith(_SENTENCE_END)
        out.append(literal[1:] if doubled else literal)
        if field is not None:
            value, _ = _FORMATTER.get_field(field, (), params)
            value = _FORMATTER.convert_field(value, conversion)
            out.append(_FORMATTER.format_field(value, spec or ""))
    return "".join(out)


def translate(template: str, language: str | None = None, **params: object) -> str:
    lang = language or current_language()
    text = catalog(lang).get(template, template) if lang in SUPPORTED else template
    return _format(text, params) if params else text
