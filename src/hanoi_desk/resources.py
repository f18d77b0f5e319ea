"""Where the shipped resources (fonts, translations, images) are.

In a source checkout they are in ``<repo>/resources``; in the PyInstaller
bundle, in ``<bundle>/resources``. HANOI_DESK_RESOURCES overrides both.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    override = os.environ.get("HANOI_DESK_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def font(name: str = "NotoSans-Regular.ttf") -> Path:
    return resources_dir() / "fonts" / name
