"""Hand-written PDFs for the edge-case tests: active content (JavaScript,
Launch) in each place a viewer runs it from, hostile metadata, truncation.

Written byte by byte rather than with PyMuPDF so that the file is exactly what
an attacker would send (escaped names, inline actions, /Next chains), and so
that the library under test did not make its own input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

PAGE_TEXT = "Nghi quyet ve du toan ngan sach"  # Helvetica: ASCII only
# An empty Info /Title makes the importer fall back to the file name.


def pdf_bytes(
    *,
    catalog_extra: bytes = b"",
    page_extra: bytes = b"",
    resources_extra: bytes = b"",
    content_prefix: bytes = b"",
    annots: list[bytes] | None = None,
    extra_objects: list[bytes] | None = None,
    title: str | None = None,
) -> bytes:
    """A one-page PDF with a valid xref table.

    Objects: 1 catalogue, 2 page tree, 3 page, 4 content stream, 5 font, 6 info,
    then one object per annotation (7, 8, …), then ``extra_objects`` in order.
    ``title`` is written as UTF-16 (a hex string with its byte-order mark), so it
    can carry any character, ESC and NUL included.
    """
    annots = annots or []
    extra_objects = extra_objects or []
    first_annot = 7
    annot_refs = b" ".join(b"%d 0 R" % (first_annot + i) for i in range(len(annots)))
    content = content_prefix + b"BT /F1 14 Tf 72 720 Td (" + PAGE_TEXT.encode("ascii") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> "
        + resources_extra
        + b" >> "
        + (b"/Annots [" + annot_refs + b"] " if annots else b"")
        + page_extra
        + b" >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Producer (crafted) " + (b"/Title " + _utf16(title) + b" " if title else b"") + b">>",
        *annots,
        *extra_objects,
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def broken_icc_pdf() -> bytes:
    """A page painted in an ICC colour space whose profile is garbage: MuPDF says
    "cmsOpenProfileFromMem failed" while reading the text (as real scans do)."""
    return pdf_bytes(
        resources_extra=b"/ColorSpace << /C1 [/ICCBased 7 0 R] >>",
        content_prefix=b"/C1 cs 0.1 0.2 0.3 sc ",
        extra_objects=[b"<< /N 3 /Length 10 >>\nstream\nnot an icc\nendstream"],
    )


def _utf16(text: str) -> bytes:
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def link(action: bytes) -> bytes:
    """A link annotation over the top of the page running ``action`` when clicked."""
    return (
        b"<< /Type /Annot /Subtype /Link /Rect [72 700 300 740] /Border [0 0 0] /A "
        + action
        + b" >>"
    )


JS_ACTION = b"<< /S /JavaScript /JS (app.alert\\('xin chao'\\);) >>"
LAUNCH_ACTION = b"<< /S /Launch /F (calc.exe) /Win << /F (cmd.exe) /P (/c calc) >> >>"

# Each way a viewer can be made to run JavaScript or a Launch action, as
# (name, kwargs of pdf_bytes, kinds expected).
ACTIVE_CASES: list[tuple[str, dict[str, Any], tuple[str, ...]]] = [
    ("open-action-js", {"catalog_extra": b"/OpenAction " + JS_ACTION}, ("javascript",)),
    (
        "names-tree-js",
        {
            "catalog_extra": b"/Names << /JavaScript 7 0 R >>",
            "extra_objects": [b"<< /Names [(init) 8 0 R] >>", JS_ACTION],
        },
        ("javascript",),
    ),
    ("document-aa-js", {"catalog_extra": b"/AA << /WC " + JS_ACTION + b" >>"}, ("javascript",)),
    ("page-aa-js", {"page_extra": b"/AA << /O " + JS_ACTION + b" >>"}, ("javascript",)),
    ("link-launch", {"annots": [link(LAUNCH_ACTION)]}, ("launch",)),
    (
        # a harmless GoTo whose /Next runs the script, under an escaped name
        "next-chain-escaped-name",
        {
            "annots": [
                link(b"<< /S /GoTo /D [3 0 R /Fit] /Next [8 0 R] >>"),
            ],
            "extra_objects": [b"<< /S /J#61vaScript /J#53 (this.print\\(\\);) >>"],
        },
        ("javascript",),
    ),
    (
        "open-action-launch-and-annot-aa-js",
        {
            "catalog_extra": b"/OpenAction " + LAUNCH_ACTION,
            "annots": [
                b"<< /Type /Annot /Subtype /Widget /FT /Btn /T (ok) /Rect [72 600 200 640] "
                b"/AA << /U " + JS_ACTION + b" >> >>"
            ],
        },
        ("javascript", "launch"),
    ),
]
