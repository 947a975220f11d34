"""No digit lost: every glyph of a PDF page's text layer is read, and read once.

The invariant, over every page of every corpus PDF (and the reference PDF), as the reader
reads it (PDFium's objects, pdfminer's where PDFium cannot vouch for a page, glyphs drawn
twice removed, a circle with a digit inside read as its circled number, an autospace
gap given to its glyph), comparing
multisets of non-space characters:

* for every table the reader builds, the characters whose centre lies inside the table's
  box and inside one of its cells' boxes are the characters of its cells: each lands in
  exactly one cell, none is left out, none comes from elsewhere. A table drawn inside
  another's cell owns its own characters (the smallest box holding a centre wins). The
  characters in the table's box that no ruled cell holds (pdfplumber closes no cell
  where a rule is not drawn) stay text lines, as before (``test_format_parity`` counts
  the 해외직접투자 PDF's numbers in cells and in text lines apart);
* every character of a page is in a cell, a text line (paragraph) or the printed page
  number: nothing is lost, nothing is there twice.

Before the fix the invariant failed 290 times on 29 of the 43 corpus PDFs: 1,716 glyphs
lost on 103 pages (glyph boxes overhanging a table's outer edge by a fraction of a point:
``19.0`` read ``19.``, whole last rows and boxed lines) and 8,032 read twice on 23 pages
(tables inside a frame table's cell). Its 1,700 pages take about 46 s on the 2-core test
machine, under the ~60 s that would call for a subset, so every page is checked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pipeline.extract.readers.pdf.aligned import table_box
from pipeline.model import BBox, Block, Paragraph, Table
from tests.conftest import ROOT

BOOKS = "ai-budget-2026"


def reader_pages(path: Path, absorbed: bool = True) -> Iterator[tuple[int, Any]]:
    """Every page as the reader takes it (see ``read_pdf_range``); ``absorbed=False``:
    before an autospace gap is given to its glyph."""
    import pdfplumber
    import pypdfium2

    from pipeline.extract.readers.pdf.autospace import absorb_autospace
    from pipeline.extract.readers.pdf.pdfium import pdfium_page
    from pipeline.extract.readers.pdf.reader import glyphs_as_drawn, text_layer_problem

    document = pypdfium2.PdfDocument(path)
    try:
        with pdfplumber.open(path) as fallback:
            for index in range(len(document)):
                page = pdfium_page(document, index)
                if page is None or text_layer_problem(page.chars):
                    page = fallback.pages[index]
                drawn = glyphs_as_drawn(page)
                if absorbed:
                    absorb_autospace(drawn)
                yield index + 1, drawn
                page.close()
    finally:
        document.close()


def visible(texts: Iterable[str]) -> Counter[str]:
    return Counter(ch for text in texts for ch in text if not ch.isspace())


def smallest_holder(char: dict, boxes: dict[int, BBox]) -> int | None:
    """The key of the smallest of ``boxes`` holding the character's centre."""
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    holders = [
        ((b[2] - b[0]) * (b[3] - b[1]), key)
        for key, b in boxes.items()
        if b[0] <= x <= b[2] and b[1] <= y <= b[3]
    ]
    return min(holders)[1] if holders else None


def violations(path: Path) -> list[str]:
    """Where the invariant fails on one PDF, one line each."""
    from pipeline.extract.readers.pdf.reader import _read_page

    found: list[str] = []
    for number, page in reader_pages(path):
        info, blocks = _read_page(page, number, 0)
        if info.status in ("empty", "broken-text-layer"):
            continue
        chars = [c for c in page.chars if not c["text"].isspace()]
        where = f"{path.parent.name}/{path.name} p.{number}"
        found += [f"{where} {problem}" for problem in _table_problems(chars, blocks)]
        read = visible(
            [b.text for b in blocks if isinstance(b, Paragraph)]
            + [c.text for b in blocks if isinstance(b, Table) for c in b.cells]
            + [info.printed or ""]
        )
        expected = visible(c["text"] for c in chars)
        if read != expected:
            found.append(f"{where}: {_difference(expected, read)}")
    return found


def _table_problems(chars: list[dict], blocks: list[Block]) -> Iterator[str]:
    tables = {b.index: b for b in blocks if isinstance(b, Table) and b.cells}
    boxes = {index: table_box(table) for index, table in tables.items()}
    owners = [smallest_holder(c, boxes) for c in chars]
    for index, table in tables.items():
        cells = {i: c.bbox for i, c in enumerate(table.cells) if c.bbox}
        inside = visible(
            c["text"]
            for c, owner in zip(chars, owners, strict=True)
            if owner == index and smallest_holder(c, cells) is not None
        )
        held = visible(c.text for c in table.cells)
        if inside != held:
            yield f"table {index}: {_difference(inside, held)}"


def _difference(expected: Counter[str], read: Counter[str]) -> str:
    lost, extra = expected - read, read - expected
    return f"lost {''.join(sorted(lost.elements()))!r}, twice {''.join(sorted(extra.elements()))!r}"


def test_every_glyph_lands_in_exactly_one_place(corpus):
    paths = [*sorted(corpus.rglob("*.pdf")), ROOT / "raw" / "000_2427d1ecc5489c44.pdf"]
    assert len(paths) > 40
    assert [line for path in paths for line in violations(path)] == []


def page_blocks(name: str, number: int, corpus: Path) -> list[Block]:
    from pipeline.extract.readers.pdf import read_pdf_range

    data = (corpus / BOOKS / f"{name}.pdf").read_bytes()
    return read_pdf_range(data, number, number).blocks


def tables_of(blocks: list[Block]) -> list[Table]:
    return [b for b in blocks if isinstance(b, Table)]


def test_a_digit_overhanging_the_tables_edge_stays_in_its_cell(corpus):
    """The last digit of the (B-A)/A column overhangs the table's right edge by 0.11 pt
    (국세청) and 0.65 pt (행정안전부): it was in neither the table nor the text."""
    summary = tables_of(page_blocks("국세청", 1, corpus))[-1]
    assert summary.grid()[1][7] == "(B-A)/A"
    assert summary.grid()[2][6:] == ["1,854", "19.0"]
    summary = tables_of(page_blocks("행정안전부", 65, corpus))[-1]
    assert summary.grid()[2][6:] == ["7,294", "143.7"]


def test_a_line_overhanging_a_boxes_top_and_bottom_is_read(corpus):
    """Glyph boxes one font size tall stand 0.06 pt out of a boxed title's rules."""
    boxes = tables_of(page_blocks("개인정보보호위원회", 5, corpus))
    assert "".join(c.text for c in boxes[0].cells) == "□ 원본데이터 안전활용 기술개발"


def test_a_table_inside_another_tables_cell_owns_its_text(corpus):
    """A frame table round three 사업 집행 절차 tables: its cell keeps its headings only,
    and each inner table's text is read once."""
    blocks = page_blocks("개인정보보호위원회", 7, corpus)
    frame, first, second = tables_of(blocks)
    assert frame.cells[0].text == (
        "【사업 집행 세부 절차】\n<원본데이터 안전활용 기술개발>\n"
        "<AI프라이버시 리스크 대응기술 개발>\n<기평비>"
    )
    assert first.grid()[1] == [
        "개인정보\n보호위원회\n(4,560백만원)",
        "=>\n(4,560백만원)",
        "한국인터넷진흥원\n(-)",
        "=>\n(4,560백만원)",
        "4개 과제별\n연구개발기관",
    ]
    assert second.grid()[1][0] == "개인정보\n보호위원회\n(1,344백만원)"
    texts = [c.text for t in tables_of(blocks) for c in t.cells]
    assert sum(text.count("(4,560백만원)") for text in texts) == 3


def test_a_hyphen_ending_a_line_is_a_hyphen(corpus):
    """PDFium codes a hyphen it sees ending a line as U+FFFE (U+0002 in recent builds),
    once dropped as a control code; pdfminer reads ``-``, and so does the reader."""
    import pdfplumber
    import pypdfium2

    from pipeline.extract.readers.pdf.pdfium import pdfium_page

    cells = [c.text for t in tables_of(page_blocks("교육부", 5, corpus)) for c in t.cells]
    assert "취업자/(졸업자-\n진학자-군입대자)" in cells
    path = corpus / BOOKS / "해양경찰청.pdf"
    document = pypdfium2.PdfDocument(path)
    try:
        from_pdfium = pdfium_page(document, 21)
        assert from_pdfium is not None
        with pdfplumber.open(path) as pdf:
            assert visible(c["text"] for c in from_pdfium.chars) == visible(
                c["text"] for c in pdf.pages[21].chars
            )
    finally:
        document.close()


def test_each_character_goes_to_the_smallest_box_holding_its_centre():
    from pipeline.extract.readers.pdf.tables import claim

    def glyph(text: str, x0: float, x1: float, top: float = 10.0) -> dict:
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 10.0}

    merged, inner, right = (0.0, 0.0, 100.0, 40.0), (50.0, 20.0, 100.0, 40.0), (100.0, 0, 150, 40)
    chars = [
        glyph("0", 95.0, 100.11),  # overhangs the edge: its centre is inside
        glyph("/", 60.0, 63.0, top=25.0),  # in the merged box and the inner one
        glyph("7", 98.0, 104.0),  # over the border, mostly right of it
        glyph("x", 151.0, 155.0),  # outside every box
    ]
    owned, rest = claim(chars, [merged, inner, right])
    texts = [[c["text"] for c in box] for box in owned]
    assert texts == [["0"], ["/"], ["7"]]
    assert [c["text"] for c in rest] == ["x"]
