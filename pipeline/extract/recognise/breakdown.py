"""예산 요구내역 및 산출근거 (산출내역): the lines of each 통계목, verbatim.

A table whose header names 산출 (``세부 산출내역``, ``산출근거``) holds one line per
row; a 과목구분 column, when present, names the 통계목, and a line belongs to the last
통계목 printed above it, across page breaks and repeated headers. A third column, when
present, carries the amount (``= 75,000천원``).
"""

from __future__ import annotations

from typing import Any

from pipeline.extract.recognise.labels import squash
from pipeline.model import Document, Table

ACCOUNT_HEADERS = ("과목구분", "과목", "통계목", "구분", "비목")


def _columns(table: Table) -> tuple[int | None, int, int | None] | None:
    header = [squash(text) for text in table.grid()[0]] if table.n_rows else []
    text_col = next((c for c, h in enumerate(header) if "산출" in h), None)
    if text_col is None:
        return None
    account_col = next((c for c, h in enumerate(header[:text_col]) if h in ACCOUNT_HEADERS), None)
    amount_col = text_col + 1 if text_col + 1 < len(header) else None
    return account_col, text_col, amount_col


def find_breakdown_lines(document: Document) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    account = None
    for table in document.tables:
        columns = _columns(table)
        if columns is None:
            continue
        account_col, text_col, amount_col = columns
        for r, row in enumerate(table.grid()[1:], start=1):
            if account_col is not None and row[account_col]:
                account = row[account_col]
            cell = table.cell_at(r, text_col)
            for part, text in enumerate(row[text_col].split("\n")):
                if not text.strip() and not (amount_col is not None and row[amount_col]):
                    continue
                rows.append(
                    {
                        "table_index": table.index,
                        "row_index": r,
                        "col_index": text_col,
                        "part": part,
                        "account": account,
                        "text": text,
                        "amount_printed": row[amount_col] if amount_col is not None else None,
                        "unit_note": table.unit,
                        "page": cell.page if cell else table.page,
                        "line_no": cell.line_no if cell else None,
                    }
                )
    return rows
