"""Every digit a PDF draws is in yesan's document, once: the page is the truth.

PDFium's text page silently leaves out a text object it takes for a copy of one drawn just
before it ("fake bold" removal) and measures "just before" with a tolerance in unscaled
text space: in books printed from HWP (each glyph its own text object, font size 117
scaled by 0.12) two equal digits side by side were one, so 대법원 p.13 printed
``496,800원`` and yesan read ``496,80 원``. Before the fix a census found 62 digits lost on
15 pages of the corpus. ``pdfium_page`` now hands such a page to pdfminer.

The census here is independent of the reader's own view of a page (``test_no_digit_lost``
checks the reader against the characters it was given; this checks those against
pdfminer's): per page, the digits of pdfplumber's characters (glyphs drawn twice removed,
as the reader does) are the digits of the document's paragraphs, cells, repeated header
cells and printed page number on that page.
"""

from __future__ import annotations

import io
import unicodedata
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from pipeline.errors import DocumentError
from pipeline.model import Document, Paragraph, Table
from tests.conftest import ROOT


def digits(texts: list[str]) -> Counter[str]:
    """The digits printed, a circled number counted as its digits (the reader reads a
    circle with a ``1`` drawn inside it as ``①``)."""
    return Counter(d for text in texts for ch in text if ch.isnumeric() for d in _as_digits(ch))


def _as_digits(char: str) -> str:
    """``7`` for ``7``, ``23`` for ``㉓`` (a fraction sign as its whole part, alike on both
    sides)."""
    return char if char in "0123456789" else str(int(unicodedata.numeric(char)))


def document_digits(document: Document) -> dict[int, Counter[str]]:
    """The digits of the document per page: paragraphs, cells, repeated header cells,
    printed page numbers."""
    texts: dict[int, list[str]] = {}
    for block in document.blocks:
        if isinstance(block, Paragraph):
            texts.setdefault(block.page or 0, []).append(block.text)
        elif isinstance(block, Table):
            for cell in [*block.cells, *block.repeated_headers]:
                texts.setdefault(cell.page or 0, []).append(cell.text)
    for page in document.page_info:
        texts.setdefault(page.number, []).append(page.printed or "")
    return {number: digits(found) for number, found in texts.items()}


def pdfminer_digits(data: bytes, skip: set[int]) -> dict[int, Counter[str]]:
    """The digits of each page's glyphs as pdfplumber (pdfminer) reads them, glyphs drawn
    twice counted once; pages in ``skip`` (refused by the reader) left out."""
    import pdfplumber

    from pipeline.extract.readers.pdf.reader import has_twice_drawn_glyphs

    found: dict[int, Counter[str]] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            if page.page_number not in skip:
                read = page.dedupe_chars() if has_twice_drawn_glyphs(page.chars) else page
                found[page.page_number] = digits([c["text"] for c in read.chars])
            page.close()
    return found


def census(path: Path) -> list[str]:
    """Pages of one PDF whose document lacks a digit pdfminer reads, or has one more."""
    from pipeline.extract.documents import bytes_to_document

    data = path.read_bytes()
    try:
        document = bytes_to_document(data, str(path))
    except DocumentError:
        return []  # refused files (corpus/negative) have no document to compare
    refused = {p.number for p in document.page_info if p.status in ("empty", "broken-text-layer")}
    read = document_digits(document)
    problems = []
    for number, expected in pdfminer_digits(data, refused).items():
        got = read.get(number, Counter())
        lost, invented = expected - got, got - expected
        if lost or invented:
            problems.append(
                f"{path.parent.name}/{path.name} p.{number}: lost {dict(lost)}, "
                f"invented {dict(invented)}"
            )
    return problems


@pytest.mark.census
def test_every_digit_pdfminer_reads_is_in_the_document(corpus):
    paths = [*sorted(corpus.rglob("*.pdf")), ROOT / "raw" / "000_2427d1ecc5489c44.pdf"]
    assert len(paths) > 40
    with ProcessPoolExecutor(max_workers=2) as pool:
        problems = [line for found in pool.map(census, paths) for line in found]
    assert problems == []


def test_equal_digits_side_by_side_are_both_read(corpus):
    from pipeline.extract.readers.pdf import read_pdf_range

    data = (corpus / "ai-budget-2026" / "대법원.pdf").read_bytes()
    blocks = read_pdf_range(data, 13, 14).blocks
    texts = [b.text for b in blocks if isinstance(b, Paragraph)] + [
        c.text for b in blocks if isinstance(b, Table) for c in b.cells
    ]
    assert any("394백만원(793명×496,800원)" in text for text in texts)
    assert any("1,090,000원" in text for text in texts)
    assert not any("496,80 원" in text or "1,090,0 원" in text for text in texts)


def glyph_objects_pdf(glyphs: list[tuple[str, float]]) -> bytes:
    """One line of glyphs, each its own text object drawn as HWP's printer draws them:
    font size 117 scaled by 0.12 in the text matrix (14 pt)."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    for text, x in glyphs:
        line = page.beginText()
        line.setTextTransform(0.12, 0, 0, 0.12, x, 700)
        line.setFont("Helvetica", 117)
        line.textOut(text)
        page.drawText(line)
    page.save()
    return buffer.getvalue()


def read_text(data: bytes) -> str:
    from pipeline.extract.readers.pdf import read_pdf_range

    blocks = read_pdf_range(data).blocks
    return "\n".join(b.text for b in blocks if isinstance(b, Paragraph))


@pytest.mark.parametrize("pdfium", [True, False])
def test_overlapping_equal_digits_are_two_and_a_glyph_drawn_twice_is_one(pdfium):
    import pypdfium2

    from pipeline.extract.readers.pdf import read_pdf_range

    # '0' is 6.8 pt wide (its glyph box); drawn 3 pt on, the second overlaps the first by half
    side_by_side = glyph_objects_pdf([("8", 100.0), ("0", 107.8), ("0", 110.8), ("1", 118.6)])
    document = pypdfium2.PdfDocument(side_by_side)
    try:  # PDFium's own text page reads one '0': the case this guards against
        assert document[0].get_textpage().get_text_range().count("0") == 1
    finally:
        document.close()
    blocks = read_pdf_range(side_by_side, pdfium=pdfium).blocks
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["8001"]

    twice = glyph_objects_pdf([("1", 100.0), ("5", 107.8), ("5", 108.1), ("0", 115.6)])
    blocks = read_pdf_range(twice, pdfium=pdfium).blocks
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["150"]
