"""The "bản tổng hợp tiếp thu, giải trình" of a draft: every thread this profile
receives, who commented, the quote, the comment, the state and the answer, as
a spreadsheet-friendly CSV and a PDF (Vietnamese, the embedded Noto font).

Both are written from the cache (it works offline; what the last sync brought
is what is exported) to files named after the document and its version.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from hanoi_desk.app.comments import Comments
from hanoi_desk.app.report_files import (
    FORMULA_START,
    cell,
    spreadsheet_safe,
    story_pdf,
    write_csv,
)
from hanoi_desk.domain.comment_threads import Placement, ThreadState
from hanoi_desk.domain.comments import Thread
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.i18n import N_, translate

TITLE = N_("Summary of comments received and answered")
SUBTITLE = N_("{title}, version {version}: {n} threads")
COLUMNS = (
    N_("No."),
    N_("Commented by"),
    N_("Quote (page)"),
    N_("Comment"),
    N_("Replies"),
    N_("State"),
    N_("Answer"),
    N_("Answered by"),
    N_("Place in this version"),
)
STATES = {
    ThreadState.OPEN: N_("not answered yet"),
    ThreadState.ACCEPTED: N_("accepted"),
    ThreadState.EXPLAINED: N_("explained"),
    ThreadState.NOT_ACCEPTED: N_("not accepted"),
    ThreadState.WITHDRAWN: N_("withdrawn"),
}
PLACES = {
    Placement.ON_VERSION: N_("on this version"),
    Placement.REANCHORED: N_("found again on page {page}"),
    Placement.ORPHANED_MISSING: N_("orphaned: the quote is no longer in this version"),
    Placement.ORPHANED_AMBIGUOUS: N_("orphaned: the quote occurs more than once"),
    Placement.NO_TEXT: N_("not placed: this version's text is not on this computer"),
}


@dataclass(frozen=True)
class Exported:
    csv: Path
    pdf: Path
    threads: int


def rows(threads: list[Thread], language: str | None = None) -> list[list[str]]:
    """One row per thread, in the columns of :data:`COLUMNS`."""
    out = []
    for n, t in enumerate(threads, 1):
        anchor = t.root.anchor
        quote = "" if anchor is None else anchor.quote
        if anchor is not None and anchor.page:
            quote = f"{quote} ({anchor.page})"
        replies = "\n".join(f"{r.author or '—'}: {r.text}" for r in t.replies)
        place = translate(PLACES[t.located.placement], language, page=t.located.page)
        out.append([
            str(n),
            t.root.author or "—",
            quote,
            t.root.text,
            replies,
            translate(STATES[t.root.thread_state], language),
            t.root.answer,
            t.root.answered_by,
            place,
        ])  # fmt: skip
    return out


__all__ = ["FORMULA_START", "Exported", "export_summary", "rows", "spreadsheet_safe"]


def _stem(doc: DocumentSummary) -> str:
    # The title as a file name: letters (Vietnamese kept), digits and dashes only.
    name = re.sub(r"[^\w]+", "-", doc.title, flags=re.UNICODE).strip("-")[:60] or "document"
    return f"tong-hop-gop-y-{name}-v{doc.version}"


def export_summary(
    comments: Comments, doc: DocumentSummary, out_dir: Path, language: str | None = None
) -> Exported:
    """Write the summary of ``doc``'s threads (placed on its version) to ``out_dir``."""
    threads = comments.threads(doc)
    table = rows(threads, language)
    header = [translate(c, language) for c in COLUMNS]
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = _stem(doc)
    csv_path, pdf_path = out_dir / f"{stem}.csv", out_dir / f"{stem}.pdf"
    write_csv(csv_path, header, table)
    subtitle = translate(SUBTITLE, language, title=doc.title, version=doc.version, n=len(table))
    pdf_path.write_bytes(_pdf(translate(TITLE, language), subtitle, header, table))
    return Exported(csv_path, pdf_path, len(table))


CSS = """
body {font-family: noto; font-size: 8pt;}
h1 {font-size: 13pt;}
table {border-collapse: collapse; width: 100%;}
th, td {border: 0.5pt solid #444; padding: 2pt; vertical-align: top;}
th {font-weight: bold; background-color: #e8e8e8;}
"""


def _pdf(title: str, subtitle: str, header: list[str], table: list[list[str]]) -> bytes:
    """An A4 landscape PDF of the table, page after page."""
    body = "".join("<tr>" + "".join(cell(v) for v in row) + "</tr>" for row in table)
    markup = (
        f"<h1>{html.escape(title)}</h1><p>{html.escape(subtitle)}</p><table><tr>"
        + "".join(cell(h, "th") for h in header)
        + f"</tr>{body}</table>"
    )
    return story_pdf(markup, CSS, paper="a4-l", margin=36)
