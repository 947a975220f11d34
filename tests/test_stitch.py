"""Tables continued across pages, and 산출내역 lines broken at a page end."""

from pipeline.extract.layout.stitch import stitch_tables
from pipeline.model import Cell, Paragraph, Table
from pipeline.transform.breakdown import raw_lines_to_tree


def table(page: int, rows: list[list[str]], x0: float = 50.0) -> Table:
    cells = [
        Cell(
            r, c, text, page=page, bbox=(x0 + 100 * c, 10.0 * r, x0 + 100 * (c + 1), 10.0 * r + 10)
        )
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    ]
    return Table(0, cells, page=page)


HEADER = [["과목", "예산액"], ["목", "당초"]]


def test_a_continued_table_drops_every_repeated_header_row():
    first = table(1, [*HEADER, ["급여", "1,000"]])
    second = table(2, [*HEADER, ["제수당", "2,000"]])
    (stitched,) = stitch_tables([first, second])
    assert stitched.grid() == [*HEADER, ["급여", "1,000"], ["제수당", "2,000"]]
    assert [c.page for c in stitched.cells if c.text == "제수당"] == [2]
    assert [c.text for c in stitched.repeated_headers] == ["과목", "예산액", "목", "당초"]


def test_digits_a_page_break_carried_over_go_back_to_their_number():
    """국방부 (ai-budget-2026) pp. 44–45: ``77,55`` ends p. 44; its ``9`` is printed at the top
    of p. 45, read into the next row's cell over its ``776``. The number is ``77,559`` and the
    next row's ``776``; a whole number at the foot takes nothing."""
    first = table(44, [*HEADER, ["일반연구비", "77,55"]])
    second = table(45, [*HEADER, ["정책연구비", "9\n776"]])
    (stitched,) = stitch_tables([first, second])
    assert stitched.grid()[2:] == [["일반연구비", "77,559"], ["정책연구비", "776"]]
    whole = table(44, [*HEADER, ["일반연구비", "77,550"]])
    (kept,) = stitch_tables([whole, table(45, [*HEADER, ["정책연구비", "9\n776"]])])
    assert kept.grid()[2:] == [["일반연구비", "77,550"], ["정책연구비", "9\n776"]]


def test_the_end_of_a_label_a_page_break_carried_over_goes_back_to_its_row():
    """국방부 (ai-budget-2026) pp. 56–57: ``- 시설장비유지비`` and its figures end p. 56; its
    목 code ``(210-09)`` is printed alone at the top of p. 57. It is that row's label, not a
    row of its own; a marked row, or one that prints figures, at the top stays a row."""
    foot = [*HEADER, ["- 시설장비유지비", "1,545"]]
    second = table(57, [*HEADER, ["(210-09)", ""], ["- 관리용역비(210-15)", "6,728"]])
    (stitched,) = stitch_tables([table(56, foot), second])
    assert stitched.grid()[2:] == [
        ["- 시설장비유지비\n(210-09)", "1,545"],
        ["- 관리용역비(210-15)", "6,728"],
    ]
    for top in (["- 관리용역비(210-15)", ""], ["인건비", "100"]):
        (kept,) = stitch_tables([table(56, foot), table(57, [*HEADER, top])])
        assert kept.grid()[2:] == [["- 시설장비유지비", "1,545"], top]


def test_a_table_over_three_pages_is_one_table():
    """산림청 (ai-budget-2026) pp. 36–39: a 기능·비목별 table over four pages; each page's
    part continues the page before it, not only the first page's."""
    parts = [table(page, [*HEADER, [f"항목{page}", "1,000"]]) for page in (36, 37, 38, 39)]
    (stitched,) = stitch_tables(parts)
    assert [row[0] for row in stitched.grid()[2:]] == ["항목36", "항목37", "항목38", "항목39"]


def test_tables_are_not_stitched_across_other_content_or_other_columns():
    first = table(1, [*HEADER, ["급여", "1,000"]])
    assert len(stitch_tables([first, Paragraph("□ 추진일정", page=2), table(2, HEADER)])) == 3
    assert len(stitch_tables([first, table(2, HEADER, x0=80.0)])) == 2
    assert len(stitch_tables([first, table(3, HEADER)])) == 2


def test_a_formula_whose_last_factor_is_on_the_next_page():
    def row(text, table_index, page):  # type: ignore[no-untyped-def]
        return {
            "text": text,
            "account": "사무관리비",
            "fiscal_year": None,
            "amount_printed": None,
            "unit_note": None,
            "page": page,
            "line_no": None,
            "table_index": table_index,
            "row_index": 1,
        }

    lines, _ = raw_lines_to_tree(
        [row("▷ 협치자문관 운영 = 50,390천원 279,940원*15일*", 5, 1), row("12월", 6, 2)]
    )
    assert len(lines) == 1
    assert lines[0]["formula"] == "279,940원*15일* 12월"
    assert (lines[0]["formula_product_won"], lines[0]["formula_status"]) == (50_389_200, "rounded")


def test_rules_a_fraction_of_a_point_apart_are_the_same_columns():
    """From the generated 1,000-page book: a column's rule at 248.9 pt on one page and at
    249.1 pt on the next (rounding to 2-pt buckets put them in different buckets)."""
    first = table(1, [*HEADER, ["급여", "1,000"]], x0=48.9)
    assert len(stitch_tables([first, table(2, [*HEADER, ["제수당", "2,000"]], x0=49.1)])) == 1
    assert len(stitch_tables([table(1, HEADER, x0=48.9), table(2, HEADER, x0=51.5)])) == 2
