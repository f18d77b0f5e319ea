"""Realistic Vietnamese sample documents for the demo, the tests and the benchmarks.

Generated, not shipped: a meeting pack of any length can be made on the spot
and nothing in it is a real document.
"""

from __future__ import annotations

from pathlib import Path

from hanoi_desk.resources import font

PARAGRAPHS = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Xét đề nghị của Giám đốc Sở Tài chính thành phố Hà Nội về dự toán ngân sách năm 2027,",
    "Ủy ban nhân dân quận Đống Đa báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội.",
    "Đề nghị các đại biểu nghiên cứu tài liệu, cho ý kiến về phương án đầu tư xây dựng trường học.",
    "Tổng mức đầu tư dự kiến là 125 tỷ đồng, nguồn vốn ngân sách thành phố và quận.",
    "Thời gian thực hiện: quý III năm 2027 đến hết quý IV năm 2028.",
]


def make_pdf(
    path: Path | None,
    title: str,
    pages: int = 3,
    marker: str = "",
    filler_kib: int = 0,
) -> bytes:
    """A text PDF in Vietnamese. ``marker`` is written on every page (tests look
    for it where it must not be); ``filler_kib`` adds incompressible bulk to
    make large files quickly."""
    from hanoi_desk.mupdf import pymupdf  # slow to import; keep it off the CLI's start path

    doc = pymupdf.open()
    fontfile = str(font())
    for number in range(1, pages + 1):
        page = doc.new_page(width=595, height=842)
        page.insert_font(fontname="noto", fontfile=fontfile)
        y = 72.0
        page.insert_text((72, y), title, fontname="noto", fontsize=14)
        y += 28
        lines = [f"Trang {number}/{pages}", *PARAGRAPHS, marker]
        for line in lines:
            if line:
                page.insert_text((72, y), line, fontname="noto", fontsize=10)
                y += 16
    doc.set_metadata({"title": title, "producer": "Hanoi Desk samples"})
    if filler_kib:
        import os

        doc.embfile_add("filler.bin", os.urandom(filler_kib * 1024), filename="filler.bin")
    doc.subset_fonts()
    data: bytes = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    if path is not None:
        path.write_bytes(data)
    return data
