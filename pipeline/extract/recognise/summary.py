"""예산 총괄: rows (계, 통계목 or 사업명) with one amount column per year and phase.

Recognised by content: at least two column labels naming a budget phase
(``2016예산액 (A)``, ``결산``, ``정부안``, ``증감 (B-A)``) and a row carrying numbers.
Header rows may be several, with merged cells: ``2023년 예산`` over ``본예산(A)``.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.budget.labels import join_wrapped, squash
from pipeline.budget.numbers import is_value
from pipeline.budget.periods import PHASE_HEADER, YEAR_ROW, label_to_period
from pipeline.budget.units import names_percent_points
from pipeline.extract.recognise.labels import column_labels, header_rows
from pipeline.model import Document, Table

LEDGER_HEADER = re.compile(r"과목.*(관|항|목)")
SCHEDULE_HEADERS = ("추진기간", "추진일정", "사업추진절차")
SUBTRACTS = re.compile(r"[A-Z]\s*[-−]\s*[A-Z]")  # ``증감 (B-A)``


def is_summary_table(table: Table) -> bool:
    if table.n_rows < 2 or table.parent is not None:
        return False
    n_header = header_rows(table)
    labels = column_labels(table, n_header)
    if any(h in squash(label) for label in labels for h in SCHEDULE_HEADERS):
        return False
    if any(LEDGER_HEADER.search(squash(label)) for label in labels):
        return False  # a 예산서내역 (과목 관·항·목 columns): not a 총괄 layout
    if any("산출" in squash(label) for label in labels):
        return False  # a 산출내역 table: its lines are read by the breakdown recogniser
    periods = sum(1 for label in labels[1:] if PHASE_HEADER.search(label))
    amounts = [row for row in table.grid()[n_header:] if any(is_value(t) for t in row[1:])]
    by_year = sum(1 for row in amounts if YEAR_ROW.match(squash(row[0])))
    return periods >= 2 and bool(amounts) and by_year * 2 < len(amounts)


def _is_amount_column(label: str, unit_note: str | None) -> bool:
    """A column of a budget phase's amounts: not 비고, 집행액 or 지원비율, and not a 증감
    the unit note puts in percentage points (``(단위: 조원, %p)``) unless it names the
    columns it subtracts (``증감 (B-A)``)."""
    period = label_to_period(label)
    if period.phase is None:
        return False
    subtracts = SUBTRACTS.search(label)
    return not (period.phase == "증감" and not subtracts and names_percent_points(unit_note))


def find_summary_cells(document: Document) -> list[dict[str, Any]]:
    """One row per amount cell (empty cells included: they are unknown, not 0)."""
    rows: list[dict[str, Any]] = []
    for table in filter(is_summary_table, document.tables):
        n_header = header_rows(table)
        labels = column_labels(table, n_header)
        for r, row in enumerate(table.grid()[n_header:], start=n_header):
            if not row[0]:
                continue
            for c in range(1, len(row)):
                if not _is_amount_column(labels[c], table.unit):
                    continue
                cell = table.cell_at(r, c)
                rows.append(
                    {
                        "table_index": table.index,
                        "row_index": r,
                        "col_index": c,
                        "account": join_wrapped(row[0]),
                        "account_path": None,
                        "account_level": None,
                        "column_label": labels[c],
                        "printed": row[c],
                        "unit_note": table.unit,
                        "page": cell.page if cell else table.page,
                        "line_no": cell.line_no if cell else None,
                    }
                )
    return rows
