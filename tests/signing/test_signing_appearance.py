"""Visible appearances (Decree 30/2020): Vietnamese text read back by extraction,
and the rendered page compared with the unsigned page (colour inside the box
only: blue signature, red seal over its left third)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pymupdf
import pytest
from PIL import Image

from hanoi_desk import resources
from hanoi_desk.errors import UserError
from hanoi_desk.signing.appearance import AppearanceSpec, Kind, prepare
from hanoi_desk.signing.batch import Status
from hanoi_desk.signing.placement import NO_ANCHOR, Placement
from hanoi_desk.signing.tokens import TokenManager
from hanoi_desk.signing.verify import verify_file

from .conftest import TITLE, make_pdf, with_empty_field
from .signing_helpers import pdfsig, sign
from .signing_pki import ORG_NAME, SIGNER_NAME, TestPki

IMAGES = resources.resources_dir() / "images"
SIG_PNG = IMAGES / "demo-signature.png"
SEAL_PNG = IMAGES / "demo-seal.png"
DPI = 72  # 1 px per point: pixel coordinates are PDF points


def baked_text(path: Path, page: int) -> str:
    """Text of the page with the signature widget baked into the page content, so
    extraction goes through the embedded font's ToUnicode map."""
    with pymupdf.open(path) as doc:
        doc.bake(annots=True, widgets=True)
        return str(doc[page].get_text())


def render(path: Path, page: int) -> pymupdf.Pixmap:
    with pymupdf.open(path) as doc:
        return doc[page].get_pixmap(dpi=DPI, annots=True)


def colour_mask(pix: pymupdf.Pixmap, kind: str) -> set[tuple[int, int]]:
    out = set()
    n = pix.n
    data = pix.samples
    for y in range(pix.height):
        row = y * pix.stride
        for x in range(pix.width):
            r, g, b = data[row + x * n : row + x * n + 3]
            blue = b > 120 and r < 110 and b - r > 60
            red = r > 150 and g < 90 and b < 90
            if (kind == "blue" and blue) or (kind == "red" and red):
                out.add((x, y))
    return out


def _is_blue(px: tuple[int, int, int]) -> bool:
    r, _, b = px
    return b > 120 and r < 110 and b - r > 60


def changed(a: pymupdf.Pixmap, b: pymupdf.Pixmap) -> list[tuple[int, int]]:
    assert (a.width, a.height) == (b.width, b.height)
    out = []
    sa, sb, n = a.samples, b.samples, a.n
    for y in range(a.height):
        row = y * a.stride
        if sa[row : row + a.width * n] == sb[row : row + a.width * n]:
            continue
        for x in range(a.width):
            i = row + x * n
            if max(abs(p - q) for p, q in zip(sa[i : i + n], sb[i : i + n], strict=True)) > 40:
                out.append((x, y))  # not anti-aliasing noise of unchanged text
    return out


def inside(points: list[tuple[int, int]] | set[tuple[int, int]], box: tuple[float, ...]) -> bool:
    x0, y0, x1, y1 = box
    return all(x0 - 1 <= x <= x1 + 1 and y0 - 1 <= y <= y1 + 1 for x, y in points)


def displayed_box(page_h: float, box: tuple[float, float, float, float]) -> tuple[float, ...]:
    x1, y1, x2, y2 = box
    return (x1, page_h - y2, x2, page_h - y1)


BOX = (330.0, 80.0, 560.0, 230.0)


def test_approval_signature(pki: TestPki, manager: TokenManager, tmp_path: Path) -> None:
    src = make_pdf(tmp_path / "to-trinh.pdf")
    app = prepare(AppearanceSpec(Kind.APPROVAL, signature_image=SIG_PNG), SIGNER_NAME + ORG_NAME)
    report = sign(
        pki,
        manager,
        [src],
        tmp_path / "out",
        appearance=app,
        placement=Placement(page=2, box=BOX),
    )
    assert report.results[0].status is Status.SIGNED, report.results[0].error
    out = tmp_path / "out" / src.name
    text = baked_text(out, 1)
    assert f"Người ký: {SIGNER_NAME}" in text
    assert f"Cơ quan: {ORG_NAME}" in text
    assert "+07:00" in text and "Thời gian ký: 20" in text
    before, after = render(src, 1), render(out, 1)
    diff = changed(before, after)
    area = displayed_box(842, BOX)
    assert diff and inside(diff, area)
    blue = colour_mask(after, "blue")
    assert len(blue) > 300 and inside(blue, area)
    assert not colour_mask(after, "red")
    xs = sorted(x for x, _ in blue)
    centre = (xs[0] + xs[-1]) / 2
    assert abs(centre - (BOX[0] + BOX[2]) / 2) < 12  # image centred in the box
    assert verify_file(out, [pki.certs["root"]]).ok
    assert "Signature is Valid" in pdfsig(out)


def test_issuing_signature_seal_overlaps_left_third(
    pki: TestPki, manager: TokenManager, tmp_path: Path
) -> None:
    src = make_pdf(tmp_path / "quyet-dinh.pdf")
    app = prepare(
        AppearanceSpec(Kind.ISSUING, signature_image=SIG_PNG, seal_image=SEAL_PNG),
        SIGNER_NAME + ORG_NAME,
    )
    box = (300.0, 60.0, 560.0, 220.0)
    sign(
        pki, manager, [src], tmp_path / "out", appearance=app, placement=Placement(page=2, box=box)
    )
    out = tmp_path / "out" / src.name
    text = baked_text(out, 1)
    assert ORG_NAME in text and f"Người ký: {SIGNER_NAME}" in text
    after = render(out, 1)
    red, blue = colour_mask(after, "red"), colour_mask(after, "blue")
    area = displayed_box(842, box)
    assert red and blue and inside(red, area) and inside(blue, area)
    bx0, bx1 = min(x for x, _ in blue), max(x for x, _ in blue)
    rx1 = max(x for x, _ in red)
    third = bx0 + (bx1 - bx0) / 3
    assert min(x for x, _ in red) < bx0 < rx1  # the seal starts left of the signature
    assert abs(rx1 - third) < (bx1 - bx0) * 0.15  # ... and covers about its left third
    # the seal keeps its real size (36 mm = 102 pt) when the box allows it
    assert abs((rx1 - min(x for x, _ in red)) - 36 / 25.4 * 72) < 6


def test_attachment_signature_top_right_of_first_page(
    pki: TestPki, manager: TokenManager, tmp_path: Path
) -> None:
    src = make_pdf(tmp_path / "phu-luc.pdf")
    app = prepare(AppearanceSpec(Kind.ATTACHMENT, doc_number="125/QĐ-UBND"))
    sign(
        pki,
        manager,
        [src],
        tmp_path / "out",
        appearance=app,
        placement=Placement(top_right=True, size=(200, 40)),
    )
    out = tmp_path / "out" / src.name
    text = baked_text(out, 0)
    assert "Số: 125/QĐ-UBND" in text and "Thời gian ký:" in text
    diff = changed(render(src, 0), render(out, 0))
    assert diff and all(x > 595 / 2 and y < 842 / 4 for x, y in diff)  # top right
    after = render(out, 0)
    assert not colour_mask(after, "blue") and not colour_mask(after, "red")


def test_copy_signature_in_named_field(pki: TestPki, manager: TokenManager, tmp_path: Path) -> None:
    src = with_empty_field(make_pdf(tmp_path / "a.pdf"), tmp_path / "ban-sao.pdf")
    app = prepare(
        AppearanceSpec(Kind.COPY, copy_kind="TRÍCH SAO", organisation="Văn phòng HĐND-UBND quận"),
    )
    report = sign(pki, manager, [src], tmp_path / "out", appearance=app, field_name="ChuKyLanhDao")
    assert report.results[0].status is Status.SIGNED, report.results[0].error
    out = tmp_path / "out" / src.name
    text = baked_text(out, 0)
    assert "TRÍCH SAO" in text and "Văn phòng HĐND-UBND quận" in text
    result = verify_file(out, [pki.certs["root"]])
    assert result.ok and result.signatures[0].field == "ChuKyLanhDao"


def test_anchor_places_below_the_title_on_a_rotated_page(
    pki: TestPki, manager: TokenManager, tmp_path: Path
) -> None:
    src = make_pdf(tmp_path / "xoay.pdf", rotate=90)
    app = prepare(AppearanceSpec(Kind.APPROVAL, signature_image=SIG_PNG), SIGNER_NAME + ORG_NAME)
    report = sign(
        pki, manager, [src], tmp_path / "out", appearance=app, placement=Placement(anchor=TITLE)
    )
    assert report.results[0].status is Status.SIGNED, report.results[0].error
    out = tmp_path / "out" / src.name
    with pymupdf.open(src) as doc:
        page = doc[1]
        hit = page.search_for(TITLE)[0] * page.rotation_matrix  # unrotated -> displayed
        hit.normalize()
    after = render(out, 1)  # rendered as displayed (rotated)
    blue = colour_mask(after, "blue")
    assert blue
    ys = [y for _, y in blue]
    xs = [x for x, _ in blue]
    assert min(ys) > hit.y1  # below the title as the reader sees the page
    assert abs((min(xs) + max(xs)) / 2 - (hit.x0 + hit.x1) / 2) < 40  # centred under it
    # upright as displayed: the signature image is wider than tall, as drawn
    assert max(xs) - min(xs) > 2 * (max(ys) - min(ys))
    text = baked_text(out, 1)
    assert f"Người ký: {SIGNER_NAME}" in text
    # poppler, an independent renderer, shows it upright too
    subprocess.run(
        ["pdftoppm", "-r", "72", "-f", "2", "-l", "2", "-png", str(out), str(tmp_path / "pp")],
        check=True,
    )
    with Image.open(next(tmp_path.glob("pp*.png"))) as img:
        rgb = img.convert("RGB")
        blue_px = [
            (x, y)
            for y in range(rgb.height)
            for x in range(rgb.width)
            if _is_blue(rgb.getpixel((x, y)))
        ]
    pw = max(x for x, _ in blue_px) - min(x for x, _ in blue_px)
    ph = max(y for _, y in blue_px) - min(y for _, y in blue_px)
    assert pw > 2 * ph
    assert verify_file(out, [pki.certs["root"]]).ok


def test_missing_anchor_is_a_clear_error(
    pki: TestPki, manager: TokenManager, tmp_path: Path
) -> None:
    src = make_pdf(tmp_path / "x.pdf")
    app = prepare(AppearanceSpec(Kind.APPROVAL, signature_image=SIG_PNG))
    report = sign(
        pki,
        manager,
        [src],
        tmp_path / "out",
        appearance=app,
        placement=Placement(anchor="PHÓ CHỦ TỊCH"),
    )
    r = report.results[0]
    assert r.status is Status.FAILED and r.error is not None and r.error.template == NO_ANCHOR
    assert not (tmp_path / "out" / src.name).exists()


def test_image_kinds_need_their_images() -> None:
    with pytest.raises(UserError):
        prepare(AppearanceSpec(Kind.ISSUING, signature_image=SIG_PNG))
