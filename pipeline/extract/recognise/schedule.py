"""추진일정: steps with their period and the amount spent, under a 계 row."""

from __future__ import annotations

from typing import Any

from pipeline.budget.labels import squash
from pipeline.model import Document, Table

PERIOD_HEADERS = ("추진기간", "기간", "추진일정", "일정")
AMOUNT_HEADERS = ("금액", "예산", "사업비")
DETAIL_HEADERS = ("내용", "세부내용", "추진세부내용", "비고")


def _find(header: list[str], words: tuple[str, ...]) -> int | None:
    return next((c for c, h in enumerate(header) if any(w in h for w in words)), None)


def _columns(table: Table) -> dict[str, int | None] | None:
    header = [squash(text) for text in table.grid()[0]] if table.n_rows else []
    period, amount = _find(header, PERIOD_HEADERS), _find(header, AMOUNT_HEADERS)
    if period is None or amount is None or "산출" in "".join(header):
        return None
    return {"period": period, "amount": amount, "detail": _find(header, DETAIL_HEADERS)}


def find_schedule_rows(document: Document) -> list[dict[str, Any]]:
    rows = []
    for table in document.tables:
        columns = _columns(table)
        if columns is None:
            continue
        for r, row in enumerate(table.grid()[1:], start=1):
            if not any(row):
                continue
            amount_cell = table.cell_at(r, columns["amount"])  # type: ignore[arg-type]
            rows.append(
                {
                    "table_index": table.index,
                    "row_index": r,
                    "step": row[0],
                    **{k: (row[c] if c is not None else None) for k, c in columns.items()},
                    "unit_note": table.unit,
                    "page": amount_cell.page if amount_cell else table.page,
                    "line_no": amount_cell.line_no if amount_cell else None,
                }
            )
    return rows
