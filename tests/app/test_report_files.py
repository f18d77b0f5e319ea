"""The consultation summary's export (app/consultation.py through
app/report_files.py): a respondent's name or opinion written like a
spreadsheet formula is kept as text in the CSV (a leading apostrophe, as the
comment summary does), and the PDF shows it as written. Real files, real
PDF (MuPDF), no server needed: the report is the server's JSON shape."""

from __future__ import annotations

import csv
from pathlib import Path

from hanoi_desk.app.consultation import export_summary
from hanoi_desk.mupdf import pymupdf

FORMULA = '=HYPERLINK("http://x.invalid","Bấm")'
NAME = "@Nguyễn Văn An"

REPORT = {
    "consultation": {"reference": "16/PLYK-HĐND", "title": "Bảng giá đất", "deadline": 1900000000,
                     "questions": [{"id": "q1", "text": "Tán thành bảng giá đất?"}]},
    "summary": {
        "answered": [{"user_id": "u1", "name": NAME}], "paper": [], "late": [],
        "missing": [{"user_id": "u2", "name": "Trần Thị Bình"}],
        "questions": [{"text": "Tán thành bảng giá đất?",
                       "counts": {"agree": 0, "disagree": 0, "other": 1},
                       "others": [{"name": NAME, "text": FORMULA}]}],
    },
    "responses": [{"user_id": "u1", "counted": True, "received_at": 1890000000,
                   "written_on": None, "answers": {"q1": {"answer": "other", "text": FORMULA}}}],
}  # fmt: skip


def test_formula_like_cells_stay_text_in_the_consultation_summary_csv(tmp_path: Path) -> None:
    done = export_summary(REPORT, tmp_path, "vi")
    with done.csv.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    answered = next(r for r in rows[1:] if "Nguyễn" in r[0])
    assert answered[0] == "'" + NAME
    assert answered[5] == "'" + FORMULA
    missing = next(r for r in rows[1:] if "Bình" in r[0])
    assert missing[0] == "Trần Thị Bình"  # plain text untouched
    with pymupdf.open(done.pdf) as doc:
        text = " ".join(" ".join(page.get_text().split()) for page in doc)
    assert FORMULA in text and "'=" not in text  # the PDF shows what was written
