"""Refresh the Qt Linguist catalogues of the desktop app and compile them.

    .venv/bin/python tools/i18n_ui.py            # lupdate + lrelease
    .venv/bin/python tools/i18n_ui.py --check    # fail if a message is untranslated

``resources/i18n/hanoi_desk_vi.ts`` is the Vietnamese source of truth (edit it
in Qt Linguist or by hand); English is the source language, so its catalogue
repeats each source text. ``resources/i18n/qt_vi.ts`` holds Qt's own strings
the app shows (dialog buttons, context menus), which Qt does not translate to
Vietnamese; it is edited by hand (lupdate does not touch it) and compiled here
too. The compiled ``.qm`` files are committed, so the app needs no build step.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
I18N = ROOT / "resources" / "i18n"
LANGUAGES = {"vi": "vi_VN", "en": "en_GB"}
QT_CATALOGUES = ("qt_vi.ts",)
"""Hand-kept translations of Qt's own strings, compiled as they are."""


def sources() -> list[str]:
    return [str(p) for p in sorted((ROOT / "src" / "hanoi_desk" / "ui").glob("*.py"))]


def untranslated(ts: Path) -> list[str]:
    tree = ET.parse(ts)
    missing = []
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        source = message.find("source")
        text = "" if source is None else source.text or ""
        empty = translation is None or not (translation.text or "").strip()
        if empty or translation.get("type") in ("unfinished", "vanished", "obsolete"):
            missing.append(text)
    return missing


def fill_english(ts: Path) -> None:
    tree = ET.parse(ts)
    for message in tree.getroot().iter("message"):
        source = message.find("source")
        translation = message.find("translation")
        if source is not None and translation is not None:
            translation.text = source.text
            translation.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        missing = untranslated(I18N / "hanoi_desk_vi.ts")
        for name in QT_CATALOGUES:
            missing += untranslated(I18N / name)
        for text in missing:
            print(f"untranslated: {text!r}")
        return 1 if missing else 0
    for lang, locale in LANGUAGES.items():
        ts = I18N / f"hanoi_desk_{lang}.ts"
        subprocess.run(
            [str(BIN / "pyside6-lupdate"), *sources(), "-ts", str(ts),
             "-target-language", locale, "-no-obsolete"],
            check=True,
        )  # fmt: skip
        if lang == "en":
            fill_english(ts)
        subprocess.run(
            [str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
            check=True,
        )
    for name in QT_CATALOGUES:
        ts = I18N / name
        subprocess.run(
            [str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
            check=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
