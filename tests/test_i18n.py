"""Every translatable core message ships in Vietnamese, with the same placeholders."""

from __future__ import annotations

import string

from hanoi_desk.i18n import catalog, translate
from i18n_templates import templates


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_template_has_a_vietnamese_translation() -> None:
    found = templates()
    assert len(found) > 30  # the scan really finds the templates
    vi = catalog("vi")
    missing = sorted(f"{where}: {text!r}" for text, where in found.items() if text not in vi)
    assert missing == []


def test_translations_keep_the_placeholders() -> None:
    wrong = [k for k, v in catalog("vi").items() if _fields(k) != _fields(v)]
    assert wrong == []


def test_translate_formats_in_both_languages() -> None:
    msg = "Wrong passphrase for profile “{name}”. Nothing was changed."
    assert (
        translate(msg, "en", name="An") == "Wrong passphrase for profile “An”. Nothing was changed."
    )
    assert (
        translate(msg, "vi", name="An")
        == "Sai cụm mật khẩu của hồ sơ “An”. Không có gì bị thay đổi."
    )
