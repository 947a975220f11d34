"""Each reconciliation rule fails when one number of the sample is changed."""

from __future__ import annotations

import pytest

from pipeline import run
from pipeline.checks import rule_findings
from pipeline.load import read_mart
from pipeline.settings import PipelineSettings
from tests.conftest import SAMPLE, make_project


def findings_for(tmp_path, text: str):
    project = make_project(tmp_path, {SAMPLE.name: text})
    settings = PipelineSettings(
        raw_dir=project / "raw",
        staged_dir=project / "staged",
        mart_path=project / "marts" / "budget.duckdb",
        expectations_dir=project / "expectations",
    )
    run.extract(settings)
    run.transform(settings)
    run.load(settings)
    with read_mart(settings.mart_path) as connection:
        return rule_findings(connection)


def failures(findings) -> set[tuple[str, str]]:
    return {(f.rule, f.location) for f in findings if f.status == "fail"}


BASELINE = {("total-equals-rows", "table 4, row 2 (계), column 2 (2016예산액 (A))")}


def test_unchanged_sample_has_only_the_known_failure(tmp_path):
    assert failures(findings_for(tmp_path, SAMPLE.read_text(encoding="utf-8"))) == BASELINE


def mutated(old: str, new: str) -> str:
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in the sample"
    return text.replace(old, new)


CASES = [
    pytest.param(
        "| 계 | (x-) | (x-) 691,705 | (x-) 663,465 |",
        "| 계 | (x-) | (x-) 691,705 | (x-) 663,466 |",
        {
            ("total-equals-rows", "table 4, row 2 (계), column 3 (2017예산(B))"),
            ("change-equals-difference", "table 4, row 2 (계), column 4 (증감 (B-A))"),
        },
        id="total-equals-rows",
    ),
    pytest.param(
        "(x-) 205,960",
        "(x-) 205,961",
        {("change-equals-difference", "table 4, row 3 (사무관리비), column 4 (증감 (B-A))")},
        id="change-equals-difference",
    ),
    pytest.param(
        "(x-) 205,960 | (x-) 46 |",
        "(x-) 205,960 | (x-) 47 |",
        {("change-rate-matches", "table 4, row 3 (사무관리비), column 5 ((B-A)*100/A)")},
        id="change-rate-matches",
    ),
    pytest.param(
        "- 협치자문운영 = 77,265천원",
        "- 협치자문운영 = 77,266천원",
        {
            ("parent-equals-children", "산출내역 line 1 (협치체계구축), source line 53"),
            ("parent-equals-children", "산출내역 line 2 (협치자문운영), source line 54"),
        },
        id="parent-equals-children",
    ),
    pytest.param(
        "150,000원*6회*18명",
        "150,000원*6회*19명",
        {("formula-matches-amount", "산출내역 line 7 (회의참석수당), source line 59")},
        id="formula-matches-amount",
    ),
    pytest.param(
        "○ 협치체계구축 = 433,665천원",
        "○ 협치체계구축 = 433,675천원",
        {
            ("summary-matches-breakdown", "table 4, row 3 (사무관리비), column 3 (2017예산(B))"),
            ("parent-equals-children", "산출내역 line 1 (협치체계구축), source line 53"),
        },
        id="summary-matches-breakdown",
    ),
    pytest.param(
        "| 계 | | 653,465 | |",
        "| 계 | | 653,466 | |",
        {("schedule-total-equals-rows", "table 8, row 1 (계)")},
        id="schedule-total-equals-rows",
    ),
    pytest.param(
        "| 663,465천원 | | 663,465천원 | 0 % | | | | | | | | |",
        "| 663,465천원 | | 600,000천원 | 0 % | | | | | | | | |",
        {("total-cost-equals-sources", "사업개요 총사업비")},
        id="total-cost-equals-sources",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), CASES)
def test_rule_fails_when_a_number_changes(tmp_path, old, new, expected):
    assert failures(findings_for(tmp_path, mutated(old, new))) - BASELINE == expected


def test_formula_mismatch_reports_both_figures(tmp_path):
    findings = findings_for(tmp_path, mutated("150,000원*6회*18명", "150,000원*6회*19명"))
    (finding,) = [f for f in findings if f.status == "fail" and f.rule == "formula-matches-amount"]
    assert (finding.expected, finding.actual, finding.difference) == (
        17_100_000,
        16_200_000,
        -900_000,
    )


def test_a_first_level_row_printing_no_amount_counts_with_its_own_rows():
    """고용노동부 p. 22: ``․K-하이테크 플러스사업`` prints ``-`` for 2024 while its
    ``-첨단산업…`` row prints 473,188; the (합계) 584,906 is that and the other rows."""
    import pandas as pd

    from pipeline.checks.rules.summary import total_equals_rows

    labels = [
        "○ 기능별 분류(합계)",
        "․K-하이테크",
        "-첨단산업 훈련",
        "-기초역량훈련",
        "․돌봄서비스",
    ]
    amounts = [584_906, None, 473_188, None, 111_718]
    summary = pd.DataFrame(
        {
            "document_id": "d",
            "table_index": 45,
            "col_index": 1,
            "row_index": range(2, 7),
            "column_label": "2024 예산액 (추경)",
            "phase": "추경",
            "row_kind": ["total", "item", "item", "item", "item"],
            "account": labels,
            "account_printed": labels,
            "amount_won": pd.array([a and a * 1_000_000 for a in amounts], dtype="Int64"),
            "unit": "백만원",
            "page": 22,
        }
    )
    (found,) = total_equals_rows(summary)
    assert (found.status, found.expected, found.actual) == (
        "pass",
        584_906_000_000,
        584_906_000_000,
    )
