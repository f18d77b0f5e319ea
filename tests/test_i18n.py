"""Every translatable core message ships in Vietnamese, with the same placeholders."""

from __future__ import annotations

import string
import xml.etree.ElementTree as ET

import pytest

from hanoi_desk.i18n import catalog, translate
from hanoi_desk.resources import resources_dir
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


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_shipped_qm_holds_every_translation_of_the_ts(language: str) -> None:
    """The app loads the compiled .qm, not the .ts people edit: a .ts changed
    without ``tools/i18n_ui.py`` (lrelease) would ship the old words, so Qt's
    own QTranslator reads the .qm back for every message of the .ts."""
    from hanoi_desk.ui.qt import QtCore

    folder = resources_dir() / "i18n"
    translator = QtCore.QTranslator()
    assert translator.load(str(folder / f"hanoi_desk_{language}.qm"))
    checked, stale = 0, []
    for context in ET.parse(folder / f"hanoi_desk_{language}.ts").getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") in ("obsolete", "vanished"):
                continue
            source = message.findtext("source") or ""
            compiled = translator.translate(name, source, message.findtext("comment"))
            checked += 1
            if compiled != (translation.text or ""):
                stale.append(f"{name}: {source!r} -> {compiled!r}, .ts says {translation.text!r}")
    assert checked > 200
    assert stale == [], "run tools/i18n_ui.py to rebuild the .qm files"
