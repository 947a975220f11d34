"""Tables whose rules are missing or partial (issue 14, point 10).

* 해외직접투자 (PDF printed from its HWP): its tables draw no outer vertical rules and
  separate their rows with dotted rules, so their label and last columns and their rows
  were in no ruled cell (text lines, or stacked in one cell). Each table's figures are
  now cells, at the rows and columns of the HWP's cells (``readers/pdf/unruled.py``).
* A generated table of figures with no vertical rules at all is read as a table from
  the alignment of its text (``readers/pdf/aligned.py``); a page of prose is not.
"""

from __future__ import annotations

import io
import re

from reportlab.pdfgen import canvas

from pipeline.extract import read_document
from pipeline.extract.readers.pdf import read_pdf_range
from pipeline.extract.readers.pdf.tables import _lines
from pipeline.model import Paragraph, Table

STEM = "2024년 1분기 해외직접투자 보도자료 ff"
FIGURE = re.compile(r"^\(?[△▲\-]?\d[\d,]*(?:\.\d+)?\)?$")


def figure_cells(table: Table) -> dict[tuple[int, int], str]:
    """The cells of a table that hold one figure, by (row, column)."""
    return {(c.row, c.col): c.text for c in table.cells if FIGURE.match(c.text.strip())}


def tables_with_figures(tables: list[Table], min_rows: int = 1) -> list[Table]:
    return [t for t in tables if figure_cells(t) and t.n_rows >= min_rows]


def test_the_pdf_tables_figures_are_the_hwps_cells(corpus):
    base = corpus / "hwp-hwpx-pdf"
    hwp = tables_with_figures(read_document(base / f"{STEM}.hwp").tables, min_rows=2)
    pdf = tables_with_figures(read_document(base / f"{STEM}-2022.pdf").tables)
    assert len(pdf) == len(hwp) == 20
    assert [figure_cells(t) for t in pdf] == [figure_cells(t) for t in hwp]
    assert sum(len(figure_cells(t)) for t in pdf) == 1149


def test_an_open_sided_table_keeps_its_label_and_last_columns(corpus):
    """p. 1: no vertical rule left of 구분's rows nor right of 광업; rows ruled in dots."""
    document = read_document(corpus / "hwp-hwpx-pdf" / f"{STEM}-2022.pdf")
    by_industry = document.tables[1]
    assert by_industry.grid() == [
        ["구분", "금융보험업", "제조업", "부동산업", "전문과학기술업", "광업"],
        ["‘23.1Q", "66.8", "63.2", "8.1", "3.6", "11.7"],
        ["‘24.1Q", "55.0", "40.5", "22.4", "9.3", "6.3"],
        ["증감률(%)", "(17.8)", "(35.9)", "(177.3)", "(156.9)", "(△46.3)"],
    ]
    quarterly = document.tables[5]  # p. 3: the 2024 column's lower rows have no right rule
    assert quarterly.grid()[3][-1] == "(△14.6)"
    assert not any(p.text == "(△14.6)" for p in document.paragraphs)


def _pdf(draw) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    draw(page)
    page.save()
    return buffer.getvalue()


ROWS = [
    ("Salaries", "1,200", "1,350", "150"),
    ("Travel", "80", "95", "15"),
    ("Equipment", "430", "410", "-20"),
    ("Total", "1,710", "1,855", "145"),
]


def unruled_figures_pdf() -> bytes:
    """A caption, a header over three columns of figures, rules only above and below."""

    def draw(page):  # type: ignore[no-untyped-def]
        page.setFont("Helvetica", 10)
        page.drawString(72, 740, "Table 1. Spending by item (million won)")
        page.line(72, 725, 480, 725)
        for x, label in ((72, "Item"), (300, "2023"), (390, "2024"), (480, "Change")):
            (page.drawString if x == 72 else page.drawRightString)(x, 712, label)
        page.line(72, 705, 480, 705)
        for i, row in enumerate(ROWS):
            y = 690 - 16 * i
            page.drawString(72, y, row[0])
            for x, value in zip((300, 390, 480), row[1:], strict=True):
                page.drawRightString(x, y, value)
        page.line(72, 620, 480, 620)

    return _pdf(draw)


def test_a_table_of_figures_with_no_vertical_rules_is_a_table():
    blocks = read_pdf_range(unruled_figures_pdf()).blocks
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables) == 1
    assert tables[0].grid() == [["Item", "2023", "2024", "Change"], *map(list, ROWS)]
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert texts == ["Table 1. Spending by item (million won)"]


def open_sided_pdf() -> bytes:
    """A ruled table with no outer vertical rules, its rows ruled in dots."""

    def draw(page):  # type: ignore[no-untyped-def]
        page.setFont("Helvetica", 10)
        page.setLineWidth(0.5)
        page.line(72, 720, 470, 720)
        page.line(72, 620, 470, 620)
        for x in (170, 270, 370):
            page.line(x, 720, x, 620)
        for y in (700, 680, 660, 640):
            for x in range(72, 470, 2):  # dots 0.4 pt long, 1.6 pt apart
                page.line(x, y, x + 0.4, y)
        for i, row in enumerate([("Item", "2023", "2024", "Change"), *ROWS]):
            y = 706 - 20 * i
            page.drawString(76, y, row[0])
            for x, value in zip((266, 366, 466), row[1:], strict=True):
                page.drawRightString(x, y, value)

    return _pdf(draw)


def test_an_open_sided_table_ruled_in_dots_is_read_cell_by_cell():
    tables = [b for b in read_pdf_range(open_sided_pdf()).blocks if isinstance(b, Table)]
    assert len(tables) == 1
    assert tables[0].grid() == [["Item", "2023", "2024", "Change"], *map(list, ROWS)]


PROSE = (
    "The ministry raised its spending on training by 12 percent in 2024, to 1,350",
    "million won, and plans a further 150 million won in 2025 for the same programme.",
    "Of the 2024 total, 80 million won went to travel and 430 million won to new",
    "equipment; the rest paid 41 trainers in 17 regional centres across the country.",
    "The audit of 2023 found 3 centres short of staff and 2 that overspent their plan.",
)


def test_a_page_of_prose_is_not_a_table():
    def draw(page):  # type: ignore[no-untyped-def]
        page.setFont("Helvetica", 10)
        for i, line in enumerate(PROSE):
            page.drawString(72, 720 - 14 * i, line)

    blocks = read_pdf_range(_pdf(draw)).blocks
    assert not [b for b in blocks if isinstance(b, Table)]
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == list(PROSE)


def open_bottom_pdf() -> bytes:
    """A two-year 산출 table at the foot of a page: only the budget cells are closed at the
    bottom, the text columns beside them run on to the next page (no rule under them)."""

    def draw(page):  # type: ignore[no-untyped-def]
        page.setFont("Helvetica", 9)
        page.setLineWidth(0.5)
        columns = (72, 132, 270, 330, 470)
        for y in (720, 700):
            page.line(72, y, 470, y)
        for x in columns:
            page.line(x, 720, x, 600)  # every column rule ends at 600
        page.line(72, 600, 132, 600)  # the budget cells alone are closed there
        page.line(270, 600, 330, 600)
        for x, label in zip(columns, ("Budget", "Items", "Budget", "Items"), strict=False):
            page.drawString(x + 4, 706, label)
        page.drawString(76, 686, "300")
        page.drawString(274, 686, "250")
        for i, (left, right) in enumerate(
            [("Salaries 120", "Salaries 100"), ("Travel 80", "Travel 70")]
        ):
            page.drawString(136, 686 - 14 * i, left)
            page.drawString(334, 686 - 14 * i, right)

    return _pdf(draw)


def test_a_table_running_off_its_page_keeps_its_open_rows_in_cells():
    blocks = read_pdf_range(open_bottom_pdf()).blocks
    (table,) = [b for b in blocks if isinstance(b, Table)]
    assert table.grid() == [
        ["Budget", "Items", "Budget", "Items"],
        ["300", "Salaries 120\nTravel 80", "250", "Salaries 100\nTravel 70"],
    ]
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == []


def spanning_labels_pdf() -> bytes:
    """Figures ruled row by row beside a label column drawn as one cell (no row rules in
    it), under a header whose first cell spans its two rows."""

    def draw(page):  # type: ignore[no-untyped-def]
        page.setFont("Helvetica", 10)
        page.setLineWidth(0.5)
        page.line(72, 720, 470, 720)
        page.line(200, 700, 470, 700)
        page.line(72, 680, 470, 680)
        for y in (660, 640):
            page.line(200, y, 470, y)  # row rules beside the label column only
        page.line(72, 620, 470, 620)
        for x in (72, 200, 470):
            page.line(x, 720, x, 620)
        page.line(335, 700, 335, 620)
        page.drawString(76, 706, "Item")
        page.drawString(76, 692, "(million)")
        page.drawString(204, 706, "Budget")
        page.drawString(204, 686, "2024")
        page.drawString(339, 686, "2025")
        for i, row in enumerate(ROWS[:3]):
            y = 666 - 20 * i
            page.drawString(76, y, row[0])
            page.drawRightString(330, y, row[1])
            page.drawRightString(465, y, row[2])

    return _pdf(draw)


def test_a_label_column_without_row_rules_is_split_by_the_rows_beside_it():
    (table,) = [b for b in read_pdf_range(spanning_labels_pdf()).blocks if isinstance(b, Table)]
    rows = table.grid()
    assert rows[0][0] == "Item\n(million)"  # a header over two rows stays one cell
    assert rows[2:] == [[label, a, b] for label, a, b, _ in ROWS[:3]]


def _glyphs(text: str, x: float, top: float, size: float = 7.0) -> list[dict]:
    """One glyph dict per character of ``text``, each half an em wide, from ``x``."""
    width = size / 2
    return [
        {
            "text": ch,
            "x0": x + i * width,
            "x1": x + (i + 1) * width,
            "top": top,
            "doctop": top,
            "bottom": top + size,
            "size": size,
            "upright": True,
        }
        for i, ch in enumerate(text)
    ]


def test_a_row_beside_a_text_wrapped_tight_in_a_narrow_column_is_one_line():
    """고용노동부 p. 44: a formula wrapped over two tight lines of a narrow column, its row
    (name and amount) set at their middle, is one line; loosely set lines stay apart."""
    cell = (
        _glyphs("가. 고용24 운영", 105, 711.1)
        + _glyphs("0.105요율x12,097백만", 199, 722.4)
        + _glyphs("ㆍ 개발 SW 유지관리", 105, 725.8)
        + _glyphs("1,397,000천원", 290, 725.8)
        + _glyphs("원x1.1부가세", 199, 729.4)
    )
    assert [line.text for line in _lines(cell, cell=True)] == [
        "가. 고용24 운영",
        "ㆍ 개발 SW 유지관리 0.105요율x12,097백만원x1.1부가세 1,397,000천원",
    ]
    loose = (
        _glyphs("1. 사업 운영", 105, 700.0)
        + _glyphs("1,000천원", 290, 707.5)
        + _glyphs("및 유지관리", 105, 715.0)
    )
    assert [line.text for line in _lines(loose, cell=True)] == [
        "1. 사업 운영",
        "1,000천원",
        "및 유지관리",
    ]
