"""예산 총괄: a table of 통계목 rows under a 계 row, one column per year and phase.

Recognised by content: at least two column labels naming a budget phase or year
(``2016예산액 (A)``, ``결산``, ``증감 (B-A)``) and a 계/합계 row carrying numbers.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.extract.recognise.labels import (
    column_labels,
    header_rows,
    is_total_label,
    is_value,
    squash,
)
from pipeline.model import Document, Table

PERIOD_LABEL = re.compile(r"((19|20)\d\d|예산|결산|추경|정부안|확정|당초|증감|\(B-A\))")
SCHEDULE_HEADERS = ("추진기간", "추진일정", "사업추진절차")


def is_summary_table(table: Table) -> bool:
    if table.n_rows < 2 or table.parent is not None:
        return False
    n_header = header_rows(table)
    labels = column_labels(table, n_header)
    if any(h in squash(label) for label in labels for h in SCHEDULE_HEADERS):
        return False
    periods = sum(1 for label in labels[1:] if PERIOD_LABEL.search(label))
    totals = [
        row
        for row in table.grid()[n_header:]
        if is_total_label(row[0]) and any(is_value(text) for text in row[1:])
    ]
    return periods >= 2 and bool(totals)


def find_summary_cells(document: Document) -> list[dict[str, Any]]:
    """One row per amount cell (empty cells included: they are unknown, not 0)."""
    rows = []
    for table in filter(is_summary_table, document.tables):
        n_header = header_rows(table)
        labels = column_labels(table, n_header)
        for r, row in enumerate(table.grid()[n_header:], start=n_header):
            if not row[0]:
                continue
            for c in range(1, len(row)):
                cell = table.cell_at(r, c)
                rows.append(
                    {
                        "project": document.title,
                        "table_index": table.index,
                        "row_index": r,
                        "col_index": c,
                        "account": row[0],
                        "column_label": labels[c],
                        "printed": row[c],
                        "unit_note": table.unit,
                        "page": cell.page if cell else table.page,
                        "line_no": cell.line_no if cell else None,
                    }
                )
    return rows
