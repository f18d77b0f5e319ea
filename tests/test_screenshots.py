"""The screenshots the README and the docs show (tools/screenshots.py makes
them): every one they cite exists, every screen is there in Vietnamese and in
English, none is larger than the meeting rooms' 1366×768 laptops, and the
folder stays small enough for a clone (< 5 MB). Static: no Qt, no server."""

from __future__ import annotations

import re
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "docs" / "screenshots"
SCREEN = (1366, 768)
MAX_BYTES = 5_000_000
LIVE = ("room-now", "presenter", "console", "projector", "projector-result", "votes",
        "console-polls", "votes-result")  # fmt: skip
"""The live screens (docs/ui-live.md), each in both languages."""
CITED = re.compile(r"(?:docs/)?screenshots/([\w-]+\.png)")


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk (the first one, by the format)."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", f"{path.name}: not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_every_cited_screenshot_exists() -> None:
    documents = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    cited = {
        (d.relative_to(ROOT), name)
        for d in documents
        for name in CITED.findall(d.read_text(encoding="utf-8"))
    }
    assert len(cited) >= 8  # the pattern still finds the README's table
    assert sorted(f"{d}: {n}" for d, n in cited if not (SHOTS / n).is_file()) == []


def test_every_screen_in_both_languages_and_the_live_ones_are_there() -> None:
    names = {p.name for p in SHOTS.glob("*.png")}
    screens = {n.rsplit("-", 1)[0] for n in names}
    missing = [
        f"{s}-{lang}.png" for s in sorted(screens | set(LIVE)) for lang in ("vi", "en")
        if f"{s}-{lang}.png" not in names
    ]  # fmt: skip
    assert missing == []
    assert all(n.endswith(("-vi.png", "-en.png")) for n in names), sorted(names)


def test_no_screenshot_exceeds_the_laptop_screen_and_the_folder_stays_small() -> None:
    shots = sorted(SHOTS.glob("*.png"))
    too_big = [
        f"{p.name}: {w}×{h}"
        for p in shots
        for w, h in [png_size(p)]
        if w > SCREEN[0] or h > SCREEN[1]
    ]
    assert too_big == []
    assert sum(p.stat().st_size for p in shots) < MAX_BYTES
