"""Format parity: the numbers of every table agree across HWP, HWPX and PDF."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from pipeline.extract import read_document
from pipeline.model import Document

NUMBER = re.compile(r"[△▲\-]?\d[\d,]*(?:\.\d+)?")
STEMS = ["2024년 1분기 해외직접투자 보도자료 ff", "(250813) (보도자료) 2025년 7월중 가계대출 동향"]


def numbers(texts) -> Counter:  # type: ignore[no-untyped-def]
    return Counter(n.replace("▲", "△") for text in texts for n in NUMBER.findall(text or ""))


def table_numbers(document: Document) -> Counter:
    return numbers(cell.text for table in document.tables for cell in table.cells)


@pytest.mark.parametrize("stem", STEMS)
def test_hwp_and_hwpx_tables_hold_the_same_numbers(corpus, stem):
    base = corpus / "hwp-hwpx-pdf"
    from_hwp = table_numbers(read_document(base / f"{stem}.hwp"))
    assert sum(from_hwp.values()) > 300
    assert table_numbers(read_document(base / f"{stem}.hwpx")) == from_hwp


def test_the_pdf_keeps_every_table_number_and_invents_none(corpus):
    """해외직접투자: the PDF's text layer is sound. Every number of the HWP's tables is in
    the PDF (as a cell, or as a text line where pdfplumber finds no ruled cell), and
    every number of the PDF's cells is one of the HWP's."""
    base = corpus / "hwp-hwpx-pdf"
    hwp = read_document(base / f"{STEMS[0]}.hwp")
    pdf = read_document(base / f"{STEMS[0]}-2022.pdf")
    in_hwp_tables = table_numbers(hwp)
    in_pdf_cells = table_numbers(pdf)
    in_pdf_text = numbers(p.text for p in pdf.paragraphs)
    assert sum(in_hwp_tables.values()) == 1340
    assert in_hwp_tables - (in_pdf_cells + in_pdf_text) == Counter()
    assert in_pdf_cells - in_hwp_tables == Counter()
    # 1,238 before tables with open sides and dotted row rules were closed (readers/pdf/
    # unruled.py); the other 17 are in one-cell title boxes and the unruled 보도시점 line
    assert sum(in_pdf_cells.values()) == 1323
    # every one of those 17 is in an HWP frame, a table of one row (a boxed title, the
    # 보도시점 line, the 별첨 and 참고 tabs: text on the page); the data tables are equal
    frames = [t for t in hwp.tables if t.is_frame]
    assert len(frames) == 5
    assert sum(numbers(c.text for t in frames for c in t.cells).values()) == 17
    in_hwp_grids = numbers(c.text for t in hwp.tables if not t.is_frame for c in t.cells)
    assert in_hwp_grids == in_pdf_cells
    # and each frame is printed as text in the PDF (a title may wrap over two lines)
    text = "".join("".join(p.text.split()) for p in pdf.paragraphs)
    for frame in frames:
        assert "".join("".join(c.text for c in frame.cells).split()) in text


def test_a_pdf_with_a_broken_text_layer_gives_no_numbers(corpus):
    """가계대출 동향: the PDF's text layer is broken (reported per page), so its numbers are
    not compared; the HWP and HWPX are (above)."""
    pdf = read_document(corpus / "hwp-hwpx-pdf" / f"{STEMS[1]}-hwp-2022.pdf")
    assert pdf.page_info and all(page.status == "broken-text-layer" for page in pdf.page_info)
    assert table_numbers(pdf) == Counter()
