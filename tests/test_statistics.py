"""Statistics tables (통합재정통계, 십억원, 합계 column, group rows, (A-B) rows): loaded with
units and negatives, and every total reconciled within the rounding the source declares."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.checks.rules.statistics import statistics_table_rules
from pipeline.extract import read_document
from pipeline.extract.rows import document_to_rows
from pipeline.transform.cells import cells_to_values
from tests.conftest import make_project, run_and_open

FILES = ["2010-01-06.hwp", "통합재정통계(2010.11월).hwp", "통합재정통계(2011.10월).hwp"]
NO_SUMMARY = pd.DataFrame({"document_id": [], "table_index": []})


@pytest.fixture(scope="module")
def mart(corpus, tmp_path_factory):  # type: ignore[no-untyped-def]
    base = corpus / "hwp-hwpx-pdf"
    project = make_project(
        tmp_path_factory.mktemp("stats"), {name: (base / name).read_bytes() for name in FILES}
    )
    with run_and_open(project) as (_, connection):
        yield connection


def test_units_and_negatives(mart):
    cell = mart.execute(
        "SELECT text, value, unit, value_won FROM cells JOIN documents USING (document_id) "
        "WHERE path LIKE '%2010-01-06.hwp' AND table_index = 1 AND row_index = 8 "
        "AND col_index = 3"
    ).fetchone()
    assert cell == ("△1,802", -1802.0, "십억원", -1_802_000_000_000)


def test_every_total_reconciles_within_rounding(mart):
    counts = mart.execute(
        "SELECT rule, status, severity, count(*) FROM findings GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert counts == [
        ("data-quality-suite", "pass", "info", 15),
        ("difference-row-matches", "pass", "info", 38),
        ("difference-row-matches", "pass", "warning", 10),
        ("group-equals-parts", "pass", "info", 69),
        ("group-equals-parts", "pass", "warning", 27),
        ("reconciliation-suite", "pass", "info", 1),
        ("row-total-equals-columns", "pass", "info", 39),
        ("row-total-equals-columns", "pass", "warning", 25),
    ]
    rounded = mart.execute(
        "SELECT expected, actual FROM findings JOIN documents USING (document_id) "
        "WHERE path LIKE '%2011.10월%' AND rule = 'group-equals-parts' "
        "AND location = 'table 1, row 1 (수입(A)), column 2 (일반회계)'"
    ).fetchone()
    assert rounded == (177_420_000_000_000, 177_419_000_000_000)


def cells_of(corpus, name: str) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    rows = document_to_rows(read_document(corpus / "hwp-hwpx-pdf" / name))
    return cells_to_values(pd.DataFrame(rows["cells"]))


def fails(cells: pd.DataFrame) -> list[tuple[str, str, int | None, int | None]]:
    return sorted(
        (f.rule, f.location, f.expected, f.actual)
        for f in statistics_table_rules(cells, NO_SUMMARY)
        if f.status == "fail"
    )


def test_a_wrong_figure_is_found_by_each_rule_that_uses_it(corpus):
    cells = cells_of(corpus, "통합재정통계(2010.11월).hwp")
    assert fails(cells) == []
    at = (cells["table_index"] == 1) & (cells["row_index"] == 2) & (cells["col_index"] == 2)
    cells.loc[at, "value_won"] = 167_000_000_000_000  # 경상수입, 일반회계: 167,642 misprinted
    assert fails(cells) == [
        (
            "group-equals-parts",
            "table 1, row 1 (수입(A)), column 2 (일반회계)",
            167_909_000_000_000,
            168_550_000_000_000,
        ),
        (
            "row-total-equals-columns",
            "table 1, row 2 (경상수입), column 7 (합계)",
            249_804_000_000_000,
            250_445_000_000_000,
        ),
    ]


def test_a_table_in_won_must_be_exact(corpus):
    cells = cells_of(corpus, "통합재정통계(2010.11월).hwp")
    cells.loc[cells["unit"] == "십억원", "unit"] = "원"
    cells["value_won"] = cells["value"].astype("Int64")
    rows = {f.location for f in statistics_table_rules(cells, NO_SUMMARY) if f.status == "fail"}
    assert "table 1, row 2 (경상수입), column 7 (합계)" in rows  # off by one 원: not rounding


@pytest.mark.parametrize("name", FILES)
def test_the_pdf_gives_the_same_numbers_and_results_as_the_hwp(corpus, name):
    """Format parity: the PDF printed from each HWP stacks 경상수입/자본수입 in one ruled row;
    split, its money cells and its reconciliation results equal the HWP's."""
    hwp = cells_of(corpus, name)
    pdf = cells_of(corpus, name.replace(".hwp", "-2022.pdf"))

    def money(cells: pd.DataFrame) -> list[int]:
        return sorted(int(v) for v in cells["value_won"].dropna())

    def results(cells: pd.DataFrame) -> list[tuple]:
        return sorted(
            (f.rule, f.status, f.expected, f.actual)
            for f in statistics_table_rules(cells, NO_SUMMARY)
        )

    assert len(money(hwp)) > 40
    assert money(pdf) == money(hwp)
    assert results(pdf) == results(hwp)
