from decimal import Decimal

import pandas as pd
import pytest

from pipeline.budget import Number, label_to_period, parse_number, to_won, unit_from_note


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("691,705", Number(Decimal(691705), None)),
        ("△28,240", Number(Decimal(-28240), None)),
        ("▲1,950,000", Number(Decimal(-1950000), None)),
        ("-28,240", Number(Decimal(-28240), None)),
        ("(28,240)", Number(Decimal(-28240), None)),
        ("１２３,４５６", Number(Decimal(123456), None)),
        ("1 234", Number(Decimal(1234), None)),
        ("0 %", Number(Decimal(0), "%")),
        ("663,465천원", Number(Decimal(663465), "천원")),
        ("60,950백만원", Number(Decimal(60950), "백만원")),
        ("5.3만원", Number(Decimal("5.3"), "만원")),
        ("12.5십억원", Number(Decimal("12.5"), "십억원")),
    ],
)
def test_parse_number(printed, expected):
    assert parse_number(printed) == expected


@pytest.mark.parametrize("printed", ["", None, "-", "연중", "2133-6550", "(28,240", "△△▲▲"])
def test_not_a_number(printed):
    assert parse_number(printed) is None


@pytest.mark.parametrize(
    ("value", "unit", "won"),
    [
        (Decimal(663465), "천원", 663_465_000),
        (Decimal(-28240), "천원", -28_240_000),
        (Decimal("5.3"), "만원", 53_000),
        (Decimal(60950), "백만원", 60_950_000_000),
        (Decimal("12.5"), "십억원", 12_500_000_000),
        (Decimal(279940), "원", 279_940),
        (Decimal(4), "%", None),
        (Decimal(4), None, None),
    ],
)
def test_to_won(value, unit, won):
    assert to_won(value, unit) == won


@pytest.mark.parametrize(
    ("note", "unit"),
    [
        ("(단위 : 천원)", "천원"),
        ("(단위: 백만원, %)", "백만원"),
        ("(단위 : 원)", "원"),
        ("（단위：십억원）", "십억원"),
        ("단위없음", None),
        (None, None),
    ],
)
def test_unit_from_note(note, unit):
    assert unit_from_note(note) == unit


@pytest.mark.parametrize(
    ("label", "year", "phase", "letter"),
    [
        ("2015년 예산액", 2015, "예산", None),
        ("2016예산액 (A)", 2016, "예산", "A"),
        ("2017예산(B)", 2017, "예산", "B"),
        ("증감 (B-A)", None, "증감", None),
        ("(B-A)*100/A", None, "증감률", None),
        ("증감률(%)", None, "증감률", None),
        ("2023년 예산 본예산(A)", 2023, "본예산", "A"),
        ("2024년 정부안", 2024, "정부안", None),
        ("확정(B)", None, "확정", "B"),
        ("2022 결산", 2022, "결산", None),
        ("'22 추경", 2022, "추경", None),
        ("국회확정", None, "국회확정", None),
        ("당초", None, "당초", None),
    ],
)
def test_label_to_period(label, year, phase, letter):
    period = label_to_period(label)
    assert (period.fiscal_year, period.phase, period.letter) == (year, phase, letter)


@pytest.mark.parametrize("printed", ["775,293775,293", "1,23,456", "12,3456"])
def test_glued_or_misgrouped_digits_are_not_one_number(printed):
    assert parse_number(printed) is None


def test_amount_beyond_bigint_is_not_stored():
    assert to_won(Decimal("99999999999"), "십억원") is None


def test_a_year_alone_is_that_years_budget_and_execution_rates_are_not_changes():
    assert (label_to_period("2024").fiscal_year, label_to_period("2024").phase) == (2024, "예산")
    assert label_to_period("집행률 (C/A)").phase is None
    assert label_to_period("증감 (B-A) (B-A)/A").phase == "증감률"


@pytest.mark.parametrize(
    ("label", "year", "phase"),
    [
        ("2024 계획", 2024, "예산"),
        ("2023 계획액 당초", 2023, "당초"),
        ("2022 계획 현액", None, None),
        ("2022 집행액 [실집행액]", None, None),
        ("2023 이월 예상액", None, None),
        ("2022 예산액 (추경)", 2022, "추경"),
    ],
)
def test_fund_plans_and_execution_columns(label, year, phase):
    period = label_to_period(label)
    assert (period.fiscal_year, period.phase) == (year, phase)


def test_stacked_numbers_in_one_cell_are_not_one_number():
    assert parse_number("714\n13") is None  # two rows drawn in one cell
    assert parse_number("1,234,\n567") == Number(Decimal(1234567), None)  # one wrapped number


def test_each_distinct_parses_a_repeated_figure_once_and_spreads_it_back():
    from pipeline.transform.amounts import each_distinct
    from pipeline.transform.cells import cells_to_values

    frame = pd.DataFrame(
        {
            "printed": ["1,000", "1,000", None, "△5", "1,000", None],
            "note": ["(단위: 천원)", "(단위: 천원)", "(단위: 천원)", None, "(단위: 원)", None],
        }
    )
    calls = []

    def parse(printed, note):  # type: ignore[no-untyped-def]
        calls.append((printed, note))
        return printed, note

    printed, note = each_distinct(frame, parse, 2)
    assert sorted(calls, key=str) == sorted(
        [("1,000", "(단위: 천원)"), (None, "(단위: 천원)"), ("△5", None), ("1,000", "(단위: 원)"),
         (None, None)], key=str
    )  # fmt: skip
    assert list(printed) == ["1,000", "1,000", None, "△5", "1,000", None]
    assert list(note) == ["(단위: 천원)", "(단위: 천원)", "(단위: 천원)", None, "(단위: 원)", None]
    cells = cells_to_values(
        frame.rename(columns={"printed": "text", "note": "unit_note"}).assign(
            column_header=["2024", "(B-A)/A", "2024", "2024", "2024", None],
            document_id="d",
            table_index=0,
            row_index=1,
            col_index=range(1, 7),
            col_span=1,
        )
    )
    assert values(cells["value_won"]) == [1_000_000, None, None, None, 1_000, None]
    assert values(cells["unit"]) == ["천원", "%", None, None, "원", None]
    assert values(cells["value"]) == [1000.0, 1000.0, None, -5.0, 1000.0, None]


def values(column: pd.Series) -> list:
    return [None if pd.isna(v) else v for v in column]


def test_a_unit_note_makes_money_only_of_money_columns():
    """``(단위: 백만원, %)``: rates and shares are percents, counts are counts, and a year
    printed alone in the header row or the label column is no amount."""
    from pipeline.transform.cells import cells_to_values

    note = "(단위: 백만원, %)"
    cells = cells_to_values(
        pd.DataFrame(
            {
                "text": ["2024", "2022", "1,500", "95.3", "12", "2024"],
                "unit_note": [note] * 6,
                "column_header": [None, "구분", "2024", "집행률\n(C/B)", "인원", "예산"],
                "document_id": "d",
                "table_index": 0,
                "row_index": [0, 1, 1, 1, 1, 2],
                "col_index": [1, 0, 1, 2, 3, 1],
                "col_span": 1,
            }
        )
    )
    assert values(cells["value_won"]) == [None, None, 1_500_000_000, None, None, 2_024_000_000]
    assert values(cells["unit"]) == [None, None, "백만원", "%", None, "백만원"]
    assert values(cells["value"]) == [2024.0, 2022.0, 1500.0, 95.3, 12.0, 2024.0]
