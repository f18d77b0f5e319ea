"""Visible signature appearances after Decree 30/2020/ND-CP.

Four kinds: the signer's approval signature (handwritten-signature image centred,
name, organisation, time), the organisation's issuing signature (the seal at real
size overlapping the left third of the signer's image), the attachment/number
signature (text only, top right of page 1) and the copy signature (SAO Y / TRÍCH
SAO / SAO LỤC, text only).

:func:`prepare` runs once per batch: it composes the images and cuts the Noto font
down to the glyphs the batch's text can use, so each document embeds a subset of
a small font instead of parsing and subsetting the full font again.
"""

from __future__ import annotations

import enum
import io
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from fontTools import subset as ft_subset  # type: ignore[import-untyped]
from fontTools import ttLib
from PIL import Image, UnidentifiedImageError
from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.font.api import FontEngineFactory
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.stamp import TextStampStyle

from hanoi_desk import resources
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_

VN_TZ = timezone(timedelta(hours=7))
FONT_SIZE = 8
LEADING = 11  # about 1.33 x the size, so the hooks of Ủ/Ở do not touch the line above
BAD_IMAGE = N_("The image {path} cannot be used: {reason}.")
NEEDS_IMAGE = N_("The {kind} signature needs {what} (use {option}).")
COPY_KINDS = ("SAO Y", "TRÍCH SAO", "SAO LỤC")


class Kind(enum.StrEnum):
    APPROVAL = "approval"
    ISSUING = "issuing"
    ATTACHMENT = "attachment"
    COPY = "copy"


def signing_time(now: datetime | None = None) -> str:
    """ISO 8601 with a colon in the offset (``+07:00``), as the Decree shows it."""
    return (now or datetime.now(VN_TZ)).astimezone(VN_TZ).isoformat(timespec="seconds")


@dataclass(frozen=True)
class AppearanceSpec:
    kind: Kind
    signature_image: Path | None = None
    seal_image: Path | None = None
    organisation: str | None = None
    doc_number: str | None = None
    copy_kind: str = "SAO Y"
    font: Path | None = None


# Every letter of Vietnamese, upper and lower case, plus what the labels use.
_VI_LOWER = (
    "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
)
BASE_CHARS = _VI_LOWER + _VI_LOWER.upper() + "fjwzFJWZ0123456789 .,:;-+/()&'\"“”–_#№@!?%"


class _PrecutGlyphAccumulator(GlyphAccumulator):  # type: ignore[misc]
    """The font was cut to the batch's characters once (:func:`cut_font`) and its
    compressed bytes kept; cutting and re-serialising it for every document cost
    most of a visible signature's time, so the same bytes are embedded each time.
    Glyph ids stay those of the pre-cut font, which is what the shaping used."""

    def __init__(self, *args: Any, compressed_font: bytes, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cid_font = self.cidfont_obj

        def set_font_file(writer: Any) -> Any:
            stream = generic.StreamObject(
                {pdf_name("/Filter"): pdf_name("/FlateDecode")}, encoded_data=compressed_font
            )
            ref = writer.add_object(stream)
            cid_font._font_descriptor[pdf_name("/FontFile2")] = ref
            return ref

        cid_font.set_font_file = set_font_file

    def _extract_subset(self, options: Any = None) -> None:
        return None


class SubsetFontFactory(FontEngineFactory):  # type: ignore[misc]
    """A font engine over an in-memory font already cut to the batch's glyphs."""

    def __init__(self, font_bytes: bytes, font_size: int) -> None:
        self.font_bytes = font_bytes
        self.font_size = font_size
        self.compressed = zlib.compress(font_bytes)

    def create_font_engine(self, writer: Any, obj_stream: Any = None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs:
            obj_stream = writer.prepare_object_stream()
        return _PrecutGlyphAccumulator(
            writer=writer,
            font_handle=io.BytesIO(self.font_bytes),
            font_size=self.font_size,
            obj_stream=obj_stream,
            compressed_font=self.compressed,
        )


def cut_font(font: Path, text: str) -> bytes:
    """The font reduced to the glyphs for ``text`` (with the layout features kept)."""
    tt = ttLib.TTFont(str(font))
    options = ft_subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(text + BASE_CHARS))))
    subsetter.subset(tt)
    out = io.BytesIO()
    tt.save(out)
    return out.getvalue()


def _load_png(path: Path) -> Image.Image:
    try:
        with Image.open(path) as img:
            img.load()
            return img.convert("RGBA")
    except (OSError, UnidentifiedImageError) as exc:
        raise UserError(BAD_IMAGE, path=str(path), reason=type(exc).__name__) from None


def _dpi(img: Image.Image) -> float:
    dpi = img.info.get("dpi", (300, 300))[0]
    return float(dpi) if dpi else 300.0


def compose_issuing(signature: Image.Image, seal: Image.Image) -> Image.Image:
    """Seal over the left third of the signer's image, both at their real size."""
    scale = _dpi(signature) / _dpi(seal)
    if abs(scale - 1) > 0.01:
        seal = seal.resize((round(seal.width * scale), round(seal.height * scale)))
    sig_x = max(seal.width - signature.width // 3, 0)
    width = max(sig_x + signature.width, seal.width)
    height = max(signature.height, seal.height)
    canvas = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    canvas.alpha_composite(signature, (sig_x, (height - signature.height) // 2))
    canvas.alpha_composite(seal, (0, (height - seal.height) // 2))
    canvas.info["dpi"] = (_dpi(signature), _dpi(signature))
    return canvas


# Counter-rotations (PDF matrices) that undo a page's /Rotate for the widget's content.
_UPRIGHT = {90: (0, 1, -1, 0, 0, 0), 180: (-1, 0, 0, -1, 0, 0), 270: (0, -1, 1, 0, 0, 0)}


@dataclass(frozen=True)
class UprightTextStampStyle(TextStampStyle):  # type: ignore[misc]
    """A text stamp that reads upright on a page with /Rotate.

    Annotations turn with the page, so the appearance is laid out in the box as
    the reader sees it and given a counter-rotating /Matrix; the viewer maps the
    rotated bounding box onto the widget's /Rect (ISO 32000-1, 12.5.5)."""

    page_rotation: int = 0

    def create_stamp(self, writer: Any, box: Any, text_params: dict[str, Any]) -> Any:
        rotation = self.page_rotation % 360
        if rotation in (90, 270):
            box = layout.BoxConstraints(width=box.height, height=box.width)
        stamp = super().create_stamp(writer, box, text_params)
        if rotation in _UPRIGHT:
            plain = stamp.as_form_xobject

            def rotated() -> Any:
                xobj = plain()
                xobj[pdf_name("/Matrix")] = generic.ArrayObject(
                    generic.FloatObject(v) for v in _UPRIGHT[rotation]
                )
                return xobj

            stamp.as_form_xobject = rotated
        return stamp


@dataclass(frozen=True)
class PreparedAppearance:
    """Built once per batch; :meth:`style` is then cheap per document."""

    spec: AppearanceSpec
    font: SubsetFontFactory
    image: Image.Image | None
    image_size_pt: tuple[float, float] | None

    def text(self, signer: str, organisation: str, when: str) -> str:
        org = self.spec.organisation or organisation
        if self.spec.kind is Kind.ATTACHMENT:
            return f"Số: {self.spec.doc_number or ''}\nThời gian ký: {when}"
        if self.spec.kind is Kind.COPY:
            return f"{self.spec.copy_kind}\n{org}\nThời gian ký: {when}"
        if self.spec.kind is Kind.ISSUING:
            return f"{org}\nNgười ký: {signer}\nThời gian ký: {when}"
        return f"Người ký: {signer}\nCơ quan: {org}\nThời gian ký: {when}"

    def style(self, page_rotation: int = 0) -> TextStampStyle:
        text_style = TextBoxStyle(font=self.font, font_size=FONT_SIZE, leading=LEADING)
        lines = 3 if self.spec.kind is not Kind.ATTACHMENT else 2
        text_height = lines * LEADING + 4
        background = None
        if self.image is not None and self.image_size_pt is not None:
            w, h = self.image_size_pt
            from pyhanko.pdf_utils.layout import BoxConstraints

            background = PdfImage(self.image, box=BoxConstraints(w, h))
        top_right = self.spec.kind is Kind.ATTACHMENT
        return UprightTextStampStyle(
            page_rotation=page_rotation,
            stamp_text="%(vn_text)s",
            text_box_style=text_style,
            border_width=0,
            background=background,
            background_opacity=1.0,
            background_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MID,
                y_align=layout.AxisAlignment.ALIGN_MID,
                margins=layout.Margins(left=2, right=2, top=2, bottom=text_height),
                inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT,
            ),
            inner_content_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MAX
                if top_right
                else layout.AxisAlignment.ALIGN_MID,
                y_align=layout.AxisAlignment.ALIGN_MAX
                if top_right
                else layout.AxisAlignment.ALIGN_MIN,
                margins=layout.Margins.uniform(2),
                inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT,
            ),
        )


def prepare(spec: AppearanceSpec, names: str = "") -> PreparedAppearance:
    """``names``: the signer and organisation names the batch will print."""
    image: Image.Image | None = None
    if spec.kind in (Kind.APPROVAL, Kind.ISSUING):
        if spec.signature_image is None:
            raise UserError(
                NEEDS_IMAGE, kind=spec.kind.value, what="a signature image", option="--image"
            )
        image = _load_png(spec.signature_image)
        if spec.kind is Kind.ISSUING:
            if spec.seal_image is None:
                raise UserError(
                    NEEDS_IMAGE, kind=spec.kind.value, what="a seal image", option="--seal"
                )
            image = compose_issuing(image, _load_png(spec.seal_image))
    size = None
    if image is not None:
        dpi = _dpi(image)
        size = (image.width * 72 / dpi, image.height * 72 / dpi)
    text = names + (spec.organisation or "") + (spec.doc_number or "") + spec.copy_kind
    font = spec.font or resources.font("NotoSans-Regular.ttf")
    return PreparedAppearance(spec, SubsetFontFactory(cut_font(font, text), FONT_SIZE), image, size)
