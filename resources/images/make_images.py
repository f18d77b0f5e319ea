"""Makes the demo images of the signature appearance (run once; the PNGs are committed).

- ``demo-signature.png``: a blue handwritten-looking stroke on a transparent
  background, 45 x 20 mm at 300 dpi.
- ``demo-seal.png``: a red round seal (two rings, a star and the organisation's
  name around the rim) on a transparent background, 36 mm across at 300 dpi, the
  real size of a commune/district seal.

Both are demo artwork, not any real body's seal.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONTS = HERE.parent / "fonts"
DPI = 300
BLUE = (20, 40, 190, 255)
RED = (210, 20, 20, 255)


def mm(v: float) -> int:
    return round(v / 25.4 * DPI)


def signature() -> Image.Image:
    w, h = mm(45), mm(20)
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    pts = []
    for i in range(400):
        t = i / 399
        x = w * (0.06 + 0.88 * t)
        y = h * (0.55 - 0.25 * math.sin(t * 5.5 * math.pi) * (1 - 0.6 * t) - 0.1 * t)
        pts.append((x, y))
    draw.line(pts, fill=BLUE, width=9, joint="curve")
    draw.line([(w * 0.15, h * 0.78), (w * 0.85, h * 0.70)], fill=BLUE, width=7)
    return img


def seal() -> Image.Image:
    d = mm(36)
    img = Image.new("RGBA", (d, d), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse((6, 6, d - 6, d - 6), outline=RED, width=14)
    draw.ellipse((d * 0.2, d * 0.2, d * 0.8, d * 0.8), outline=RED, width=8)
    cx = cy = d / 2
    r = d * 0.12
    star = []
    for k in range(10):
        rad = r if k % 2 == 0 else r * 0.4
        a = -math.pi / 2 + k * math.pi / 5
        star.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    draw.polygon(star, fill=RED)
    font = ImageFont.truetype(str(FONTS / "NotoSans-Bold.ttf"), 30)
    text = "ỦY BAN NHÂN DÂN • HÀ NỘI • "
    radius = d * 0.4
    for i, ch in enumerate(text):
        a = -math.pi / 2 + 2 * math.pi * i / len(text)
        glyph = Image.new("RGBA", (44, 44), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((22, 22), ch, font=font, fill=RED, anchor="mm")
        glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
        img.alpha_composite(
            glyph, (round(cx + radius * math.cos(a) - 22), round(cy + radius * math.sin(a) - 22))
        )
    return img


def main() -> None:
    signature().save(HERE / "demo-signature.png", dpi=(DPI, DPI), optimize=True)
    seal().save(HERE / "demo-seal.png", dpi=(DPI, DPI), optimize=True)


if __name__ == "__main__":
    main()
