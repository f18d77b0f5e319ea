"""High-DPI: on a 2x screen pages are rendered at device pixels (sharp), not
drawn at 1x and stretched; layout stays in logical pixels. Qt's offscreen
platform honours QT_SCALE_FACTOR, so a real 2x screen is simulated by Qt
itself; each scale runs in a child process (the factor is fixed at start)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("hidpi_probe.py")


@pytest.mark.parametrize("scale", [1, 2])
def test_pages_render_at_the_screens_pixel_density(scale: int) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=str(scale))
    out = subprocess.run(
        [sys.executable, str(PROBE)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert found["dpr"] == scale
    assert found["image_dpr"] == scale
    # Device pixels of the page image = logical width × scale (± rounding).
    assert abs(found["image_width"] - found["page_logical_width"] * scale) <= 2
    assert found["grab_width"] == found["viewport_width"] * scale
