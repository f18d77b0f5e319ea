"""Makes the application icon (run once; the PNGs and the .ico are committed).

A red rounded square (the colour of official seals) with a white document and a
gold check mark: "documents, signed". Drawn at 1024 px and scaled down, so each
size is antialiased. ``hanoi-desk-<n>.png`` go to the freedesktop icon theme
(the .deb), ``hanoi-desk.ico`` (16 to 256 px) into the Windows executable and
installer; the 256 px PNG is the one a window icon should use.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
BIG = 1024
RED = (196, 30, 40, 255)
WHITE = (255, 255, 255, 255)
GOLD = (250, 196, 40, 255)
GREY = (200, 200, 210, 255)
PNG_SIZES = (48, 128, 256)
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw() -> Image.Image:
    img = Image.new("RGBA", (BIG, BIG), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((40, 40, BIG - 40, BIG - 40), radius=190, fill=RED)
    # the page, with a folded corner
    page = [(270, 190), (640, 190), (760, 310), (760, 840), (270, 840)]
    d.polygon(page, fill=WHITE)
    d.polygon([(640, 190), (640, 310), (760, 310)], fill=GREY)
    for y in (390, 470, 550):
        d.rounded_rectangle((340, y, 690, y + 34), radius=17, fill=GREY)
    # the check mark of a valid signature
    d.line([(420, 700), (530, 800), (820, 520)], fill=GOLD, width=90, joint="curve")
    return img


def main() -> None:
    big = draw()
    for size in PNG_SIZES:
        big.resize((size, size), Image.Resampling.LANCZOS).save(
            HERE / f"hanoi-desk-{size}.png", optimize=True
        )
    big.save(HERE / "hanoi-desk.ico", sizes=ICO_SIZES)


if __name__ == "__main__":
    main()
