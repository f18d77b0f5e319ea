"""Makes ``self-test.pdf``, the document ``hanoi-desk --self-test`` imports, renders
and signs (run once; the PDF is committed).

Generated with the project's own sample maker, so it has Vietnamese text in an
embedded subset of Noto Sans ("Hà Nội" for the accent-free search check) and
renders to a clearly non-blank page. Shipped, not generated at run time: the
self-test must show that the bundle can read a file it was given.
"""

from __future__ import annotations

from pathlib import Path

from hanoi_desk.samples import make_pdf

HERE = Path(__file__).resolve().parent


def main() -> None:
    make_pdf(HERE / "self-test.pdf", "Hanoi Desk: tài liệu tự kiểm tra", pages=1)


if __name__ == "__main__":
    main()
