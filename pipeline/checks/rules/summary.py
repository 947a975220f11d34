"""Rules over 예산 총괄 and 예산서내역 tables (``budget_summary``).

An empty cell is unknown: a comparison that needs it is skipped, never made with 0.
Derived columns (증감, 증감률) are checked by the change rules only, so a row missing
from the source is reported once, by ``total-equals-rows``. What a total or subtotal
row is was decided by transform (``row_kind``).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pandas as pd

from pipeline.budget.markers import leading_marker
from pipeline.budget.numbers import decimals_of, percent_value, round_half_up
from pipeline.budget.periods import DERIVED_PHASES
from pipeline.budget.totals import is_function_by_object
from pipeline.budget.units import sum_rounding_tolerance_won
from pipeline.checks.report import Finding
from pipeline.checks.rules.common import (
    Row,
    cell_location,
    finding,
    fmt_won,
    printed_label,
    printed_unit,
    source,
)
from pipeline.checks.rules.registry import rule
from pipeline.staging import in_groups, records

CHANGE_EQUALS_DIFFERENCE = "change-equals-difference"
CHANGE_RATE_MATCHES = "change-rate-matches"


@rule("total-equals-rows", reads=("budget_summary",))
def total_equals_rows(summary: pd.DataFrame) -> Iterator[Finding]:
    """Rule 1: a 계 row equals the sum of the rows below it, up to the next 계, per column;
    in a table of 백만원 or a coarser unit, within what rounding each row explains."""
    amounts = summary[~summary["phase"].isin(DERIVED_PHASES)].sort_values("row_index")
    for (document_key, _, _), column in _grouped(
        records(amounts), "document_id", "table_index", "col_index"
    ):
        document_id = str(document_key)
        for total, items in _sections(column):
            if total["amount_won"] is None or not items:
                continue
            expected = sum(int(item["amount_won"]) for item in items)
            actual = int(total["amount_won"])
            difference = abs(actual - expected)
            rounded = 0 < difference <= sum_rounding_tolerance_won(total["unit"], len(items))
            yield finding(
                document_id,
                cell_location(total),
                expected,
                actual,
                f"{total['account']} {fmt_won(actual)}; "
                f"its {len(items)} rows add up to {fmt_won(expected)}"
                + (" (rounded)" if rounded else ""),
                ok=difference == 0 or rounded,
                severity="warning" if rounded else None,
                printed_unit=printed_unit(total),
                sources=[source(total, "checked"), *map(source, items)],
            )


def _sections(rows: list[Row]) -> Iterator[tuple[Row, list[Row]]]:
    """Each total row with the amounts of the rows under it, up to the next total.

    Only the first level under the total counts: when its rows carry a marker
    (``․가로주택정비사업``), deeper rows (``-기타민간융자금``) are their breakdown. A first-level
    row that prints no amount (``-``) counts with its own first level below it, where those
    print one (a 내역사업 new this year over a sub-item that is not). Under a 기능·비목별
    total, the 기능 rows count, and each is a total of the 비목 rows (with 목 codes) after
    it, whatever their marker.
    """
    totals = [row["row_kind"] == "total" for row in rows]
    subtotals = [row["row_kind"] == "subtotal" for row in rows]
    markers = [leading_marker(printed_label(row)) for row in rows]
    for i, row in enumerate(rows):
        if not totals[i]:
            continue
        end = next((j for j in range(i + 1, len(rows)) if totals[j]), len(rows))
        below = [j for j in range(i + 1, end) if not subtotals[j]]
        level = markers[below[0]] if below else None
        first = [j for j in below if markers[j] == level]
        functions = _functions(rows, below) if is_function_by_object(row["account"]) else []
        for function, objects in functions:
            yield rows[function], [rows[m] for m in objects if rows[m]["amount_won"] is not None]
        first = [function for function, _ in functions] or first
        items: list[Row] = []
        for k, j in enumerate(first):
            if rows[j]["amount_won"] is not None:
                items.append(rows[j])
                continue
            under = [m for m in below if j < m < (first[k + 1] if k + 1 < len(first) else end)]
            deeper = markers[under[0]] if under else None
            items += [
                rows[m] for m in under if markers[m] == deeper and rows[m]["amount_won"] is not None
            ]
        yield row, items


def _functions(rows: list[Row], below: list[int]) -> list[tuple[int, list[int]]]:
    """Under a 기능·비목별 total: each 기능 row (no 목 code) with the coded 비목 rows after it,
    where the first row is a 기능 row and every 기능 row has 비목 rows; else none."""
    coded = [rows[j]["account_code"] is not None for j in below]
    if not below or coded[0] or not any(coded):
        return []
    functions: list[tuple[int, list[int]]] = []
    for j, is_object in zip(below, coded, strict=True):
        if is_object:
            functions[-1][1].append(j)
        else:
            functions.append((j, []))
    return functions if all(objects for _, objects in functions) else []


@rule("subtotal-equals-rows", reads=("budget_summary",))
def subtotal_equals_rows(summary: pd.DataFrame) -> Iterator[Finding]:
    """Rule 1b: in a 예산서, each 소계 equals the sum of the 목 rows under its path."""
    ledger = summary[summary["account_level"].notna() & ~summary["phase"].isin(DERIVED_PHASES)]
    for (document_key, _), column in ledger.groupby(["document_id", "column_label"]):
        items = column[column["account_level"] == 4]
        for _, total in column[column["account_level"] < 4].iterrows():
            if pd.isna(total.amount_won):
                continue
            prefix = f"{total.account_path} > "
            under = items[items["account_path"].str.startswith(prefix)].dropna(
                subset=["amount_won"]
            )
            if under.empty:
                continue
            expected, actual = int(under["amount_won"].sum()), int(total.amount_won)
            yield finding(
                str(document_key),
                cell_location(total),
                expected,
                actual,
                f"{total.account} {fmt_won(actual)}; its {len(under)} 목 rows under "
                f"{total.account_path} add up to {fmt_won(expected)}",
                ok=expected == actual,
                printed_unit=printed_unit(total),
                sources=[
                    source(total, "checked"),
                    *(source(item) for _, item in under.iterrows()),
                ],
            )


@rule(CHANGE_EQUALS_DIFFERENCE, CHANGE_RATE_MATCHES, reads=("budget_summary",))
def change_rules(summary: pd.DataFrame) -> Iterator[Finding]:
    """Rule 2: 증감 = B − A, and the printed 증감률 is (B − A)·100/A after its rounding."""
    for (document_id, _, _), rows in _grouped(
        records(summary), "document_id", "table_index", "row_index"
    ):
        a, b = _letter_columns(rows)
        if a is None or b is None or a["amount_won"] is None or b["amount_won"] is None:
            continue
        before = int(a["amount_won"])
        change = int(b["amount_won"]) - before
        for cell in rows:
            if cell["phase"] == "증감" and cell["amount_won"] is not None:
                yield _change_finding(str(document_id), cell, change, (a, b))
            elif cell["phase"] == "증감률" and cell["percent"] is not None and before != 0:
                yield _rate_finding(str(document_id), cell, change, before, (a, b))


def _change_finding(document_id: str, cell: Row, change: int, ab: tuple[Row, Row]) -> Finding:
    printed = int(cell["amount_won"])
    return finding(
        document_id,
        cell_location(cell),
        change,
        printed,
        f"증감 printed {fmt_won(printed)}; B − A = {fmt_won(change)}",
        ok=change == printed,
        rule=CHANGE_EQUALS_DIFFERENCE,
        printed_unit=printed_unit(cell),
        sources=[source(cell, "checked"), *map(source, ab)],
    )


def _rate_finding(
    document_id: str, cell: Row, change: int, before: int, ab: tuple[Row, Row]
) -> Finding:
    printed = percent_value(cell["printed"])
    computed = Decimal(change) * 100 / Decimal(before)
    expected = round_half_up(computed, decimals_of(printed))
    return finding(
        document_id,
        cell_location(cell),
        float(expected),
        cell["percent"],
        f"증감률 printed {cell['percent']:g} %; (B − A)·100/A = {computed:.4f} %",
        ok=float(expected) == cell["percent"],
        rule=CHANGE_RATE_MATCHES,
        unit="%",
        printed_unit="%",
        sources=[source(cell, "checked"), *map(source, ab)],
    )


def _letter_columns(rows: list[Row]) -> tuple[Row | None, Row | None]:
    """The (A) and (B) cells of one table row; unmarked, the two latest years, else the
    last two amount columns (당초 → 추경 in a 예산서)."""
    amounts = [r for r in rows if r["phase"] not in DERIVED_PHASES]
    marked = {r["column_letter"]: r for r in amounts if isinstance(r["column_letter"], str)}
    if "A" in marked and "B" in marked:
        return marked["A"], marked["B"]
    dated = sorted((r for r in amounts if r["fiscal_year"] is not None), key=_year)
    if len(dated) >= 2:
        return dated[-2], dated[-1]
    if not dated and len(amounts) >= 2:
        ordered = sorted(amounts, key=lambda r: r["col_index"])
        return ordered[-2], ordered[-1]
    return None, None


def _year(row: Row) -> int:
    return int(row["fiscal_year"])


def _grouped(rows: list[Row], *keys: str) -> list[tuple[tuple, list[Row]]]:
    """``rows`` grouped by ``keys``, in key order, each group in row order."""
    return sorted(in_groups(rows, *keys).items(), key=lambda item: item[0])
