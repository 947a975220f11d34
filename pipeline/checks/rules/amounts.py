"""Rules over how printed figures were read: no silent NULL, no false money.

A cell or 산출내역 amount that prints a digit is a figure. When the pipeline stores no
amount for it (``amount_won`` NULL, and no ``percent`` for a rate), the figure was lost,
and these rules say so, naming the page, table, row and cell (or 산출내역 line):

- ``unit-unknown``: the text is one number, but no unit reached it (no ``(단위 : …)``
  note above its table, none written beside it), so it has no value in 원;
- ``unparsed-amount``: the text is not one number (two stacked values ``522,478`` over
  ``(523,764)``, a typo ``230,,000천원``, a value too large for 원 as BIGINT).

Both are failing findings with severity ``warning``: nothing was compared, but a figure
of the document is missing from the marts. A cell that prints only a dash (``-``, ``–``,
``―``) or nothing prints no figure: it stays NULL without a finding
(``pipeline.budget.numbers``).
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from pipeline.budget.numbers import parse_number, prints_digit
from pipeline.budget.units import WON_PER_UNIT
from pipeline.checks.report import Finding
from pipeline.checks.rules.common import Row, finding, int_or_none, printed_label, source
from pipeline.checks.rules.registry import rule
from pipeline.staging import records

UNIT_UNKNOWN = "unit-unknown"
UNPARSED = "unparsed-amount"


@rule(UNIT_UNKNOWN, UNPARSED, reads=("budget_summary", "breakdown_lines", "schedule"))
def figures_are_read(
    summary: pd.DataFrame, lines: pd.DataFrame, schedule: pd.DataFrame
) -> Iterator[Finding]:
    """Every printed figure of a 예산 총괄 cell, a 산출내역 amount and a 추진일정 amount
    without its value: one warning each, naming where it is printed."""
    for cell in records(_unread(summary, "printed", rates=True)):
        is_rate = cell["phase"] == "증감률" or cell["unit"] == "%"
        yield _warning(cell, cell["printed"], _cell(cell), "rate" if is_rate else "amount")
    for line in records(_unread(lines, "amount_printed")):
        yield _warning(line, line["amount_printed"], _line(line), "amount")
    for step in records(_unread(schedule, "amount_printed")):
        yield _warning(step, step["amount_printed"], _step(step), "amount")


def _unread(frame: pd.DataFrame, printed: str, rates: bool = False) -> pd.DataFrame:
    """The rows whose ``printed`` column prints a digit and that hold no value."""
    if frame.empty:
        return frame
    missing = frame["amount_won"].isna()
    if rates:
        missing &= frame["percent"].isna()
    candidates = frame[missing]
    return candidates[candidates[printed].map(prints_digit).astype(bool)]


def _warning(row: Row, printed: str, where: str, what: str) -> Finding:
    number = parse_number(printed)
    unit = row.get("unit")
    unit = unit if isinstance(unit, str) else None
    shown = printed.replace("\n", "⏎")
    if number is not None and what == "amount" and unit is None and number.unit is None:
        rule_id = UNIT_UNKNOWN
        message = (
            f"{shown!r} is a number, but no unit reached it (no unit note above its table, "
            "none beside it): it has no value in 원"
        )
    else:
        rule_id = UNPARSED
        unit = (number.unit if number else None) or unit
        if number is None or what == "rate":
            why = "not one number as printed"
        elif unit not in WON_PER_UNIT:
            why = f"in {unit}, not a money unit"
        else:
            why = f"too large for 원 ({number.value} {unit})"
        message = f"{shown!r} prints a digit but is {why}: the {what} is not stored"
    return finding(
        str(row["document_id"]),
        where,
        None,
        None,
        message,
        ok=False,
        rule=rule_id,
        unit="%" if what == "rate" else "원",
        severity="warning",
        printed_unit=unit,
        sources=[source(row, "checked")],
    )


def _page(row: Row) -> str:
    page = int_or_none(row.get("page"))
    line_no = int_or_none(row.get("line_no"))
    if page is not None:
        return f"page {page}"
    return f"source line {line_no}" if line_no is not None else "no page"


def _cell(cell: Row) -> str:
    return (
        f"{_page(cell)}, table {int_or_none(cell['table_index'])}, "
        f"row {int_or_none(cell['row_index'])} ({printed_label(cell)}), "
        f"column {int_or_none(cell['col_index'])} ({cell['column_label']})"
    )


def _line(line: Row) -> str:
    return (
        f"{_page(line)}, table {int_or_none(line['table_index'])}, "
        f"row {int_or_none(line['row_index'])}, "
        f"산출내역 line {int_or_none(line['line_id'])} ({line['name']})"
    )


def _step(step: Row) -> str:
    return (
        f"{_page(step)}, table {int_or_none(step['table_index'])}, "
        f"row {int_or_none(step['row_index'])}, 추진일정 {step['step']}"
    )
