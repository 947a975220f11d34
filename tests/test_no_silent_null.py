"""No silent NULL, no false money (issue 14, point 6).

A printed figure in a money column gets ``amount_won``, or a warning that names its page
and cell (``unit-unknown``, ``unparsed-amount``); a cell printing only a dash is "nothing"
(NULL, no warning). In ``cells``, ``(단위: 백만원, %)`` makes money only of money columns:
rate columns (집행률, 증감률, %, 비율, 비중, ``(B-A)/A`` under a spanned 증감) hold
percents, and years (``2024`` in a header row, the label column or a 연도/사업기간
column) are never 원.

Before the fix the corpus (ai-budget-2026, moef-program-pdf, hwp-hwpx-pdf, converted and
raw/) had 1,051 silent NULLs: 975 예산 총괄 cells (951 without a unit: tables continued on
the next page that the layout did not stitch, e.g. 국가데이터처.pdf p.3 table 8 ``549`` under
``2026 예산``; an HWP table with ``(단위: 백만원)`` in its top row; 24 stacked values such as
``522,478`` over ``(523,764)``) and 76 산출내역 amounts (``38,300`` with no unit,
``230,,000천원``); and 315 cells stored rates or years as 원 (the FIS brief's 비중 column,
``(B-A)/A`` under ``증감 (B-A)``, 질병관리청.pdf p.27 ``2024`` under 변경연도 as 2,024억원).
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from pipeline.budget.numbers import is_dash, parse_number, prints_digit
from pipeline.checks.rules import amounts, rule_ids, rules
from pipeline.checks.rules.amounts import figures_are_read
from pipeline.transform.cells import cells_to_values
from pipeline.transform.summary import summary_cells_to_budget_summary, table_unit_notes
from tests.conftest import ROOT, run_cli

FOLDERS = ("ai-budget-2026", "moef-program-pdf", "hwp-hwpx-pdf", "converted")
WARNINGS = ("unit-unknown", "unparsed-amount")
DIGIT = "'[0-9０-９]'"


@pytest.fixture(scope="module")
def corpus_mart(corpus, tmp_path_factory):  # type: ignore[no-untyped-def]
    """``yesan run`` once over the corpus folders and raw/."""
    project = tmp_path_factory.mktemp("no-silent-null")
    raw = project / "raw"
    for folder in FOLDERS:
        (raw / folder).mkdir(parents=True)
        for path in sorted((corpus / folder).iterdir()):
            if path.is_file() and path.suffix not in (".tsv", ".md"):
                (raw / folder / path.name).symlink_to(path)
    for path in sorted((ROOT / "raw").iterdir()):
        (raw / path.name).symlink_to(path)
    (project / "expectations").symlink_to(ROOT / "expectations")
    result = run_cli(project, "run")
    assert result.exit_code == 0, result.output
    connection = duckdb.connect(str(project / "marts" / "budget.duckdb"), read_only=True)
    yield connection
    connection.close()


def silent(mart: duckdb.DuckDBPyConnection, table: str, printed: str, unread: str, on: str):
    """Rows of ``table`` that print a digit, hold no value and have no warning."""
    return mart.execute(
        f"""
        SELECT t.document_id, t.page, t.table_index, t.row_index, t.{printed}
        FROM {table} t
        WHERE regexp_matches(t.{printed}, {DIGIT}) AND {unread}
          AND NOT EXISTS (
            SELECT 1 FROM findings f
            WHERE f.rule IN {WARNINGS} AND f.document_id = t.document_id
              AND f.page IS NOT DISTINCT FROM t.page AND {on})
        """
    ).fetchall()


def test_every_printed_summary_figure_has_its_value_or_a_warning(corpus_mart):
    on = "f.table_index = t.table_index AND f.row_index = t.row_index AND f.col_index = t.col_index"
    unread = "t.amount_won IS NULL AND t.percent IS NULL"
    assert silent(corpus_mart, "budget_summary", "printed", unread, on) == []


def test_every_printed_breakdown_amount_has_its_value_or_a_warning(corpus_mart):
    on = "f.line_id = t.line_id"
    assert silent(corpus_mart, "breakdown_lines", "amount_printed", "amount_won IS NULL", on) == []


def test_every_printed_schedule_amount_has_its_value_or_a_warning(corpus_mart):
    on = "f.table_index = t.table_index AND f.row_index = t.row_index"
    assert silent(corpus_mart, "schedule", "amount_printed", "amount_won IS NULL", on) == []


def test_the_warnings_name_page_table_row_and_cell(corpus_mart):
    rows = corpus_mart.execute(
        f"SELECT rule, severity, status, location, table_index, row_index, col_index, line_id "
        f"FROM findings WHERE rule IN {WARNINGS}"
    ).fetchall()
    assert rows, "the corpus has figures without a unit (tables the layout did not stitch)"
    for _rule, severity, status, location, _table, row, col, line in rows:
        assert (severity, status) == ("warning", "fail")
        assert location.startswith(("page ", "source line ")) and "table" in location
        assert col is not None or line is not None or row is not None, location
    # a continued table takes the unit of the table it continues: 국가데이터처.pdf p.3
    won = corpus_mart.execute(
        "SELECT amount_won FROM budget_summary s JOIN documents d USING (document_id) "
        "WHERE d.path LIKE '%국가데이터처.pdf' AND s.page = 3 AND s.printed = '549' "
        "AND s.column_label = '2026 예산'"
    ).fetchall()
    assert won and {w for (w,) in won} == {549_000_000}


def test_a_dash_is_nothing_and_is_not_warned(corpus_mart):
    dashes = corpus_mart.execute(
        "SELECT count(*), count(amount_won) FROM budget_summary "
        "WHERE trim(printed) IN ('-', '–', '―')"
    ).fetchone()
    assert dashes[0] > 0 and dashes[1] == 0
    warned = corpus_mart.execute(
        f"SELECT count(*) FROM findings f JOIN budget_summary s ON f.document_id = s.document_id "
        f"AND f.table_index = s.table_index AND f.row_index = s.row_index "
        f"AND f.col_index = s.col_index WHERE f.rule IN {WARNINGS} "
        f"AND trim(s.printed) IN ('-', '–', '―')"
    ).fetchone()[0]
    assert warned == 0


def test_no_cell_of_a_rate_column_is_money(corpus_mart):
    """By row 0's header, and by a header cell above the cell in its column."""
    by_row0 = corpus_mart.execute(
        "SELECT page, table_index, text, column_header FROM cells WHERE value_won IS NOT NULL "
        "AND length(regexp_replace(column_header, '\\s', '', 'g')) <= 15 "
        "AND regexp_matches(regexp_replace(column_header, '\\s', '', 'g'), "
        "'집행률|증감률|%|비율|비중')"
    ).fetchall()
    assert by_row0 == []
    by_header = corpus_mart.execute(
        """
        SELECT c.page, c.table_index, c.row_index, c.col_index, c.text, h.text
        FROM cells c JOIN cells h ON h.document_id = c.document_id
          AND h.table_index = c.table_index AND h.row_index < c.row_index
          AND c.col_index BETWEEN h.col_index AND h.col_index + coalesce(h.col_span, 1) - 1
        WHERE c.value_won IS NOT NULL AND coalesce(h.col_span, 1) = 1
          AND regexp_matches(regexp_replace(h.text, '\\s', '', 'g'),
                             '^(\\(B-A\\)/A|비중|비율|집행률(\\(.*\\))?|증감률|%)$')
        """
    ).fetchall()
    assert by_header == []


def test_no_year_is_money(corpus_mart):
    years = corpus_mart.execute(
        """
        SELECT c.page, c.table_index, c.row_index, c.col_index, c.text, c.column_header
        FROM cells c
        WHERE c.value_won IS NOT NULL
          AND regexp_matches(regexp_replace(c.text, '\\s', '', 'g'), '^(19|20)\\d\\d(년|년도)?$')
          AND (c.row_index = 0 OR c.col_index = 0
               OR regexp_matches(coalesce(c.column_header, ''), '연도|년도|기간'))
        """
    ).fetchall()
    assert years == []
    # 질병관리청.pdf p.27: 변경연도 and 사업기간 (착수연도, 완료연도 under a spanned header)
    rows = corpus_mart.execute(
        "SELECT count(*), count(c.value_won) FROM cells c JOIN documents d USING (document_id) "
        "WHERE d.path LIKE '%질병관리청.pdf' AND c.page = 27 AND c.text IN ('2024', '2025', '2028')"
    ).fetchone()
    assert rows[0] > 0 and rows[1] == 0


# ---- generated inputs: the warnings are emitted, a dash is not warned ----


def summary_row(printed: str, **values) -> dict:  # type: ignore[no-untyped-def]
    row = {
        "document_id": "doc",
        "account": "계",
        "column_label": "2026 예산",
        "phase": "예산",
        "printed": printed,
        "unit": None,
        "amount_won": None,
        "percent": None,
        "page": 3,
        "table_index": 8,
        "row_index": 4,
        "col_index": 13,
        "line_no": None,
    }
    return {**row, **values}


def line_row(amount_printed: str, **values) -> dict:  # type: ignore[no-untyped-def]
    row = {
        "document_id": "doc",
        "line_id": 7,
        "name": "유지보수",
        "amount_printed": amount_printed,
        "unit": None,
        "amount_won": None,
        "page": 25,
        "table_index": 42,
        "row_index": 2,
        "line_no": None,
    }
    return {**row, **values}


def warnings(summary: list[dict], lines: list[dict] = ()) -> list[tuple[str, str]]:  # type: ignore[assignment]
    schedule = pd.DataFrame(columns=["amount_printed", "amount_won"])
    found = figures_are_read(pd.DataFrame(summary), pd.DataFrame(list(lines)), schedule)
    return [(f.rule, f.location) for f in found]


def test_a_number_without_a_unit_is_warned_unit_unknown():
    found = warnings([summary_row("549")])
    assert found == [("unit-unknown", "page 3, table 8, row 4 (계), column 13 (2026 예산)")]


def test_stacked_values_and_typos_are_warned_unparsed_amount():
    found = warnings(
        [summary_row("522,478\n(523,764)", unit="백만원")],
        [line_row("230,,000천원")],
    )
    assert [rule for rule, _ in found] == ["unparsed-amount", "unparsed-amount"]
    assert found[1][1] == "page 25, table 42, row 2, 산출내역 line 7 (유지보수)"


def test_a_rate_that_is_not_read_is_warned_and_a_read_one_is_not():
    found = warnings(
        [
            summary_row("△4.9\n(3)", phase="증감률", unit="%"),
            summary_row("△4", phase="증감률", unit="%", percent=-4.0),
        ]
    )
    assert [rule for rule, _ in found] == ["unparsed-amount"]


def test_read_amounts_dashes_and_empty_cells_are_not_warned():
    rows = [
        summary_row("1,000", unit="천원", amount_won=1_000_000),
        summary_row("-"),
        summary_row("–"),
        summary_row("―"),
        summary_row(""),
        summary_row(None),  # type: ignore[arg-type]
    ]
    assert warnings(rows, [line_row("50,390천원", unit="천원", amount_won=50_390_000)]) == []


def test_the_warning_rules_are_registered_and_run_with_the_others():
    assert {"unit-unknown", "unparsed-amount"} <= set(rule_ids())
    tables = {
        "budget_summary": pd.DataFrame([summary_row("549")]),
        "breakdown_lines": pd.DataFrame([line_row("38,300")]),
        "schedule": pd.DataFrame(columns=["amount_printed", "amount_won"]),
    }
    [rule] = [r for r in rules() if r.function.__module__ == amounts.__name__]
    assert rule.reads == ("budget_summary", "breakdown_lines", "schedule")
    assert [f.rule for f in rule.run(tables)] == ["unit-unknown", "unit-unknown"]


def test_dash_and_digit_vocabulary():
    assert all(is_dash(d) for d in ["-", "–", "―", " - ", "--"])
    assert not any(is_dash(t) for t in ["", "-1", "△", "0"])
    assert prints_digit("１２") and prints_digit("(단위) 3") and not prints_digit("-")
    assert parse_number("-") is None  # nothing printed: NULL, not 0


def summary_cells(table: int, page: int, labels: list[str], note: str | None) -> list[dict]:
    return [
        {
            "document_id": "doc",
            "project": "사업",
            "table_index": table,
            "row_index": 3,
            "col_index": i + 1,
            "account": "계",
            "account_path": None,
            "account_level": None,
            "column_label": label,
            "printed": "549",
            "unit_note": note,
            "page": page,
            "line_no": None,
        }
        for i, label in enumerate(labels)
    ]


def test_a_continued_table_takes_the_unit_of_the_table_it_continues():
    labels = ["2024 예산액 (추경)", "2026 예산"]
    cells = pd.DataFrame(
        summary_cells(7, 2, labels, "(단위: 백만원)")
        + summary_cells(8, 3, labels, None)  # continues table 7
        + summary_cells(9, 4, labels, None)  # continues table 8
        + summary_cells(10, 6, labels, None)  # a page between: not a continuation
        + summary_cells(11, 7, ["2025 본예산"], None)  # other columns
    )
    notes = table_unit_notes(cells).groupby(cells["table_index"]).first()
    assert notes.to_dict() == {
        7: "(단위: 백만원)",
        8: "(단위: 백만원)",
        9: "(단위: 백만원)",
        10: None,
        11: None,
    }
    won = summary_cells_to_budget_summary(cells).groupby("table_index")["amount_won"].first()
    assert won[8] == 549_000_000 and pd.isna(won[10])


def test_a_unit_note_drawn_in_the_top_row_reaches_the_table():
    cells = pd.DataFrame(
        summary_cells(54, 1, ["증  감 (B-A)", "(단위: 백만원) 증  감 (B-A)"], None)
    )
    assert set(summary_cells_to_budget_summary(cells)["amount_won"]) == {549_000_000}


def table_cells(grid: list[list[str]], note: str, spans: dict | None = None) -> pd.DataFrame:
    rows = []
    for r, line in enumerate(grid):
        for c, text in enumerate(line):
            if text is None:
                continue
            rows.append(
                {
                    "document_id": "doc",
                    "table_index": 0,
                    "row_index": r,
                    "col_index": c,
                    "col_span": (spans or {}).get((r, c), 1),
                    "text": text,
                    "column_header": grid[0][c] if grid[0][c] is not None else "",
                    "unit_note": note,
                }
            )
    return pd.DataFrame(rows)


def test_a_rate_under_a_spanned_header_and_a_year_column_are_not_money():
    grid = [
        ["구분", "2025", "증감 (B-A)", None, "변경연도"],
        ["", "본예산", "금액", "(B-A)/A", ""],
        ["-", "-", "-", "-", "-"],
        ["계", "1,000", "100", "10.0", "2024"],
    ]
    cells = cells_to_values(table_cells(grid, "(단위: 백만원, %)", {(0, 2): 2}))
    body = cells[cells["row_index"] == 3].set_index("col_index")
    assert body.loc[1, "value_won"] == 1_000_000_000
    assert body.loc[2, "value_won"] == 100_000_000
    assert pd.isna(body.loc[3, "value_won"]) and body.loc[3, "unit"] == "%"
    assert pd.isna(body.loc[4, "value_won"]) and body.loc[4, "unit"] is None
    header = cells[cells["row_index"] == 0].set_index("col_index")
    assert pd.isna(header.loc[1, "value_won"])  # the year 2025 in the header row


def test_a_table_without_header_rows_keeps_its_row_0_header():
    grid = [["1,000", "10.0"], ["2,000", "20.0"]]
    frame = table_cells(grid, "(단위: 천원)").assign(column_header=["금액", "비율"] * 2)
    cells = cells_to_values(frame)
    assert cells["value_won"].isna().tolist() == [False, True, False, True]
    assert cells["unit"].tolist() == ["천원", "%", "천원", "%"]
