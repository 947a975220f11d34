"""Reader for PDFs with a text layer (pdfplumber).

Per page: duplicate glyphs removed (``dedupe_chars``: many government PDFs draw each
Hangul glyph twice), ruled tables found by pdfplumber, and every cell's text rebuilt
from the characters inside it. Each character goes to the smallest cell that holds
it, because merged header cells often overlap their neighbours (pdfplumber's own
``extract`` puts ``(B-A)/A`` into both). Cells get their spans from the table's row
and column boundaries. Text lines outside tables are kept in reading order, with
their boxes. A page whose text layer is broken (``(cid:N)`` glyphs, replacement
characters, Hangul lost) is reported and its content is not loaded; a page with far
too many ruling lines for table finding keeps its text as lines, with a recorded reason.
"""

from __future__ import annotations

import io
import re
import struct
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.errors import DocumentError
from pipeline.extract.notes import annotate_tables
from pipeline.extract.pdf_ledger import ledger_table, looks_like_ledger
from pipeline.extract.pdf_tables import TEXT_SETTINGS, pdf_table
from pipeline.extract.stitch import stitch_tables
from pipeline.model import BBox, Block, Document, Page, Paragraph, Table

PRINTED_PAGE = re.compile(r"^(?:-\s*(\d+)\s*-|(\d+)\s*/\s*\d+|\(\s*(\d+)\s*\))$")
CID = re.compile(r"\(cid:\d+\)")
HANGUL = re.compile(r"[가-힣]")
# pdfplumber's table finder grows with the crossings of the ruling lines: a 400×400 grid
# keeps it busy for minutes. The densest real page in the corpus has 54 × 101 positions.
MAX_RULING_CROSSINGS = 40_000
MIN_RULE_LENGTH = 20.0  # points: shorter strokes are glyph parts or chart ticks, not rules


def pdf_to_document(data: bytes, document_id: str, path: str) -> Document:
    """Read a text-layer PDF into the document model, with pages and boxes."""
    if b"%%EOF" not in data[-2048:]:
        raise DocumentError("truncated-pdf", "no %%EOF marker at the end: the file is cut short")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            document = Document(document_id, path, "pdf", pages=len(pdf.pages))
            for number, page in enumerate(pdf.pages, start=1):
                info, blocks = _read_page(page, number, len(document.tables))
                document.page_info.append(info)
                document.blocks += blocks
    except (
        PdfminerException,
        PDFPasswordIncorrect,
        PDFEncryptionError,
        PDFSyntaxError,
        struct.error,
    ) as exc:
        raise _open_error(exc, encrypted=b"/Encrypt" in data) from exc
    if all(p.status == "empty" for p in document.page_info):
        raise DocumentError(
            "no-text-layer",
            f"no text layer on any of its {document.pages} pages (a scanned PDF? OCR it first)",
        )
    document.blocks = stitch_tables(document.blocks)
    annotate_tables(document.blocks)
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    document.title = paragraphs[0].text if paragraphs else None
    return document


def _open_error(exc: Exception, encrypted: bool) -> DocumentError:
    """pdfplumber wraps pdfminer's errors: name the file's problem from the inner one."""
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
        return DocumentError("encrypted-pdf", "the PDF is encrypted and needs a password")
    if isinstance(inner, struct.error) and encrypted:  # an odd /P (permissions) value
        return DocumentError("encrypted-pdf", f"an encryption pdfminer cannot open: {inner}")
    if isinstance(inner, MemoryError) or "allocate" in str(inner):
        return DocumentError("memory-limit", f"a stream needs more memory than allowed: {inner}")
    if isinstance(inner, RecursionError):
        return DocumentError("broken-pdf", "the cross-reference chain loops (/Prev)")
    return DocumentError("broken-pdf", f"the PDF cannot be parsed: {inner}")


def _read_page(page: Any, number: int, first_table: int) -> tuple[Page, list[Block]]:
    page = page.dedupe_chars()
    width, height = float(page.width), float(page.height)
    if not page.chars:
        return Page(number, None, width, height, "empty", "no text on this page"), []
    problem = text_layer_problem(page.chars)
    if problem:
        return Page(number, None, width, height, "broken-text-layer", problem), []
    crossings = ruling_crossings(page.edges)
    found_tables = page.find_tables() if crossings <= MAX_RULING_CROSSINGS else []
    built = [_table(found, page, first_table + i, number) for i, found in enumerate(found_tables)]
    areas = [
        _extent(found.bbox, table) for found, (table, _) in zip(found_tables, built, strict=True)
    ]
    printed, blocks = _text_blocks(page, areas, number)
    blocks += [  # text inside a table's area that no ruled cell holds: kept as paragraphs
        (line.top, Paragraph(line.text, page=number, bbox=_bbox(vars(line))))
        for _, stray in built
        for line in stray
    ]
    blocks += [(t.cells[0].bbox[1] if t.cells and t.cells[0].bbox else 0.0, t) for t, _ in built]
    blocks.sort(key=lambda pair: pair[0])
    if crossings > MAX_RULING_CROSSINGS:
        message = f"{crossings:,} ruling-line crossings: tables not searched, text kept as lines"
        return Page(number, printed, width, height, "too-many-lines", message), [
            block for _, block in blocks
        ]
    return Page(number, printed, width, height), [block for _, block in blocks]


def ruling_crossings(edges: list[dict]) -> int:
    """Distinct horizontal rule positions × distinct vertical ones (a table finder's load)."""
    rows = {
        round(e["top"]) for e in edges if e["orientation"] == "h" and _length(e) > MIN_RULE_LENGTH
    }
    cols = {
        round(e["x0"]) for e in edges if e["orientation"] == "v" and _length(e) > MIN_RULE_LENGTH
    }
    return len(rows) * len(cols)


def _length(edge: dict) -> float:
    return float(edge["x1"] - edge["x0"] + edge["bottom"] - edge["top"])


def _table(found: Any, page: Any, index: int, number: int) -> tuple[Table, list]:
    """A ruled table; a 관·항·목 ledger whose rows the ruling does not delimit is rebuilt
    from its text (``pipeline.extract.pdf_ledger``)."""
    table, stray = pdf_table(found, page, index, number)
    if looks_like_ledger(table):
        ledger = ledger_table(found, page, index, number)
        if ledger is not None:
            return ledger, []
    return table, stray


def _extent(bbox: BBox, table: Table) -> BBox:
    """The area a table covers: pdfplumber's box and every cell's box."""
    boxes = [bbox, *(c.bbox for c in table.cells if c.bbox)]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _text_blocks(
    page: Any, table_boxes: list[BBox], number: int
) -> tuple[str | None, list[tuple[float, Block]]]:
    """Text lines outside tables (decided per character: a line may straddle a table's
    edge), as paragraphs with their top; and the printed page number, left out of them."""
    outside = page.filter(
        lambda obj: (
            obj.get("object_type") != "char" or not any(_inside(obj, box) for box in table_boxes)
        )
    )
    lines = outside.extract_text_lines(**TEXT_SETTINGS)
    printed = _printed_page_number(lines, page.height)
    return printed, [
        (line["top"], Paragraph(line["text"], page=number, bbox=_bbox(line)))
        for line in lines
        if line["text"].strip() != printed
    ]


def text_layer_problem(chars: list[dict]) -> str | None:
    """Why a page's characters cannot be trusted, or ``None``.

    Each glyph is one char; an unmapped glyph's text is ``(cid:N)``.
    """
    unmapped = sum(1 for c in chars if CID.fullmatch(c["text"]))
    if unmapped >= max(3, len(chars) // 50):
        return f"{unmapped} of {len(chars)} glyphs have no Unicode mapping ((cid:N))"
    text = "".join(c["text"] for c in chars)
    replacement = text.count("\ufffd")
    if replacement:
        return f"{replacement} replacement characters (U+FFFD): glyphs lost their mapping"
    visible = sum(1 for ch in text if not ch.isspace())
    if visible >= 100 and not HANGUL.search(text):
        return f"no Hangul among {visible} characters: the Korean text was lost"
    return None


def _printed_page_number(lines: list[dict], height: float) -> str | None:
    """``- 3 -`` or ``1/4`` printed in the top or bottom tenth of the page."""
    for line in lines:
        in_margin = line["top"] > height * 0.9 or line["bottom"] < height * 0.1
        if in_margin and PRINTED_PAGE.match(line["text"].strip()):
            return line["text"].strip()
    return None


def _inside(obj: dict, box: BBox) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _bbox(obj: dict) -> BBox:
    return (round(obj["x0"], 2), round(obj["top"], 2), round(obj["x1"], 2), round(obj["bottom"], 2))
