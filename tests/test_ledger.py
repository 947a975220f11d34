"""예산서내역 (관·항·목 ledger): table-complex.hwp, its paths and its 소계 reconciled."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.checks.rules.summary import change_rules, subtotal_equals_rows
from pipeline.extract import read_document
from pipeline.extract.rows import document_to_rows
from pipeline.staging import extract_columns
from pipeline.transform.summary import summary_cells_to_budget_summary


@pytest.fixture(scope="module")
def ledger(corpus) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    rows = document_to_rows(read_document(corpus / "hwp-hwpx-pdf" / "table-complex.hwp"))
    cells = pd.DataFrame(rows["summary_cells"], columns=extract_columns("summary_cells"))
    return summary_cells_to_budget_summary(cells)


def amounts(ledger: pd.DataFrame, phase: str) -> dict[str, int]:
    rows = ledger[ledger["phase"] == phase]
    return dict(zip(rows["account_path"], rows["amount_won"], strict=True))


def test_every_row_has_its_path_and_amounts_in_won(ledger):
    추경 = amounts(ledger, "추경")
    assert 추경["세입 > 보조금수입 > 보조금수입 > 국고보조금"] == 69_960_000
    assert 추경["세입 > 잡수입 > 잡수입 > 기타예금이자수입"] == 5_100
    assert 추경["세출 > 사무비 > 인건비 > 급여"] == 65_136_000
    assert 추경["세출 > 사업비 > 프로그램 사업비 > 정서지원프로그램 사업비"] == 2_561_600
    assert 추경["세입"] == 147_975_100  # 세입소계
    assert 추경["세출"] == 147_975_100  # 세출소계
    levels = ledger[ledger["phase"] == "당초"]["account_level"].value_counts().to_dict()
    assert levels == {4: 24, 3: 8, 2: 7, 1: 2}


def test_changes_are_read_with_their_signs(ledger):
    from pipeline.staging import records

    path = "세출 > 사무비 > 운영비 > 수용비 및 수수료"
    rows = records(ledger[ledger["account_path"] == path])
    assert {r["phase"]: (r["amount_won"], r["percent"]) for r in rows} == {
        "당초": (2_344_290, None),
        "추경": (2_104_290, None),
        "증감": (-240_000, None),
        "증감률": (None, -10.24),
    }


def test_subtotals_and_changes_reconcile(ledger):
    subtotals = list(subtotal_equals_rows(ledger))
    assert len(subtotals) == 34 and all(f.status == "pass" for f in subtotals)
    revenue = [
        f for f in subtotals if f.location.endswith("(예산액 추경)") and "세입소계" in f.message
    ]
    assert [(f.expected, f.actual) for f in revenue] == [
        (140_070_000 + 7_400_000 + 505_100, 147_975_100)
    ]
    changes = list(change_rules(ledger))
    assert len(changes) == 41 + 24 and all(f.status == "pass" for f in changes)


def test_a_changed_item_breaks_every_subtotal_above_it(ledger):
    changed = ledger.copy()
    path = "세입 > 후원금수입 > 후원금수입 > 지정후원금"
    changed.loc[(changed["account_path"] == path) & (changed["phase"] == "추경"), "amount_won"] = (
        7_000_001
    )
    failed = sorted(
        f.message.split(" ")[0] for f in subtotal_equals_rows(changed) if f.status == "fail"
    )
    assert failed == ["세입소계", "후원금수입", "후원금수입"]  # 항 소계, 관 소계, 세입소계


def ledger_of(path) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    rows = document_to_rows(read_document(path))
    cells = pd.DataFrame(rows["summary_cells"], columns=extract_columns("summary_cells"))
    return summary_cells_to_budget_summary(cells)


def test_the_pdf_gives_the_same_rows_and_results_as_the_hwp(corpus, ledger):
    """The PDF draws no rule under its header nor around the 관/항 groups: its rows are
    rebuilt from text positions, and must equal the HWP's, value for value."""
    from_pdf = ledger_of(corpus / "hwp-hwpx-pdf" / "table-complex-2022.pdf")
    columns = ["account_path", "account_level", "account", "phase", "amount_won", "percent"]

    def values(frame: pd.DataFrame) -> list[tuple]:
        return sorted(
            tuple(None if pd.isna(v) else v for v in row)
            for row in frame[columns].itertuples(index=False)
        )

    assert len(from_pdf) == len(ledger) == 164
    assert values(from_pdf) == values(ledger)

    def results(frame: pd.DataFrame) -> list[tuple]:
        findings = [*subtotal_equals_rows(frame), *change_rules(frame)]
        return sorted((f.rule, f.status, f.expected, f.actual) for f in findings)

    assert results(from_pdf) == results(ledger)
    assert {r[1] for r in results(from_pdf)} == {"pass"}


def breakdown_of(path):  # type: ignore[no-untyped-def]
    from pipeline.transform.breakdown import raw_lines_to_tree

    lines, _ = raw_lines_to_tree(document_to_rows(read_document(path))["breakdown_raw"])
    return pd.DataFrame(lines)


@pytest.fixture(scope="module")
def items(corpus) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    return breakdown_of(corpus / "hwp-hwpx-pdf" / "table-complex.hwp")


def test_breakdown_items_are_read_per_item_with_their_formulas(items):
    assert len(items) == 70 and items["parent_line_id"].isna().all()
    salary = items[items["account"] == "세출 > 사무비 > 인건비 > 급여"]
    assert list(salary["formula"]) == [
        "1인*1,950,000원*12개월",
        "1인*1,920,000원*12개월",
        "(센터장 350,000원+생활복지사 250,000원)*12개월",
        "958,000원*1인*12개월",
    ]
    assert salary["formula_product_won"].sum() == 65_136_000  # its 추경
    wrapped = items[items["name"] == "국민연금 <시설장>"].iloc[0]  # `…*12` / `개월= 1,242,000원`
    assert (wrapped["formula"], wrapped["amount_won"]) == (
        "103,500원(급여*0.045)*12개월",
        1_242_000,
    )
    assert items["formula"].notna().sum() == 48
    assert list(items["formula_status"].value_counts().sort_index().items()) == [
        ("exact", 25),
        ("mismatch", 1),
    ]


def test_each_item_total_is_checked_against_its_mok(corpus, ledger, items):
    from pipeline.checks.rules.breakdown import summary_matches_breakdown

    summary = ledger.assign(document_id="d")
    lines = items.assign(document_id="d", project=None)  # one 세부사업, as in the mart
    findings = list(summary_matches_breakdown(summary, lines))
    passed = sorted(f.location.split(" (")[1].split(")")[0] for f in findings if f.status == "pass")
    assert passed == [
        "공공요금",
        "국고보조금",
        "급여",
        "시군구보조금",
        "시도보조금",
        "제수당",
        "퇴직금 및 퇴직 적립금",
    ]
    failed = {
        f.location.split(" (")[1].split(")")[0]: (f.expected, f.actual)
        for f in findings
        if f.status == "fail"
    }
    assert failed == {
        "기타예금이자수입": (5_000, 5_100),  # `연말 예금이자 5,000원`
        "지정후원금": (6_999_960, 7_000_000),  # 583,330원 x 12개월
        "비지정후원금": (400_440, 400_000),
        "사회보험부담금": (6_150_240, 6_330_120),  # its 18 items as printed
        "교육프로그램 사업비": (2_735_080, 2_734_960),
        "문화프로그램 사업비": (1_856_040, 1_855_050),
        "정서지원프로그램 사업비": (2_562_480, 2_561_600),
        "급식프로그램 사업비": (30_240_000, 45_360_000),  # x 8개월 printed, 12 months budgeted
        "잡지출": (5_000, 5_100),
    }


def test_the_pdf_gives_the_same_breakdown_items(corpus, items):
    from_pdf = breakdown_of(corpus / "hwp-hwpx-pdf" / "table-complex-2022.pdf")
    columns = ["account", "name", "amount_won", "formula", "formula_product_won", "formula_status"]
    assert from_pdf[columns].equals(items[columns])
