"""예산 세부 내역 boxes: a boxed note whose first line announces a budget breakdown.

Work plans (업무계획) explain a project's money in a one-cell box rather than a 산출근거
table: ``※ 2023년 예산 세부 내역`` then ``□``/``ㅇ``/``-`` lines with amounts
(``: 20.7억원``, ``총 1,500백만원``) and formulas (``2명*3.5백만원 = 70백만원``). Each
line of such a cell becomes a 산출내역 line of the year its heading names.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.budget.periods import year_in
from pipeline.budget.units import MONEY_IN_TEXT
from pipeline.model import Cell, Document, Table

HEADING = re.compile(r"예산\s*(?:세부\s*)?(?:내역|산출\s*(?:내역|근거))|산출\s*(?:내역|근거)")
MIN_MONEY_LINES = 2


def _is_detail_box(lines: list[str]) -> bool:
    if not lines or not HEADING.search(lines[0]) or MONEY_IN_TEXT.search(lines[0]):
        return False
    return sum(1 for line in lines[1:] if MONEY_IN_TEXT.search(line)) >= MIN_MONEY_LINES


def _box_rows(table: Table, cell: Cell, lines: list[str]) -> list[dict[str, Any]]:
    year = year_in(lines[0])
    return [
        {
            "table_index": table.index,
            "row_index": cell.row,
            "col_index": cell.col,
            "part": part,
            "account": None,
            "fiscal_year": year,
            "text": text,
            "amount_printed": None,
            "unit_note": table.unit,
            "page": cell.page if cell.page is not None else table.page,
            "line_no": cell.line_no,
            "standalone": False,
        }
        for part, text in enumerate(lines[1:], start=1)
    ]


def find_detail_box_lines(document: Document) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for table in document.tables:
        for cell in table.cells:
            lines = [line.strip() for line in cell.text.split("\n") if line.strip()]
            if _is_detail_box(lines):
                rows += _box_rows(table, cell, lines)
    return rows
