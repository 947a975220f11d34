"""사업개요: 사업기간, 총사업비 and its 재원 split, 보조율, 사업형태 and the checkboxes.

Found by row labels (``사업기간``, ``총사업비``, ``사업형태``) and by a label row of 재원
(``총 (국비) (시비) (보조율) (구비)``) with the values in the row below; never by the
table's position in the file.
"""

from __future__ import annotations

from typing import Any

from pipeline.budget.labels import squash
from pipeline.extract.recognise.labels import CHECKED, checked_items
from pipeline.model import Document, Table

# 재원 labels of the 총사업비 split; ``사비`` is a known misreading of ``시비`` by converters.
SOURCE_LABELS = {
    "총": "total_cost",
    "총사업비": "total_cost",
    "국비": "national",
    "시비": "city",
    "사비": "city",
    "도비": "city",
    "시도비": "city",
    "시·도비": "city",
    "구비": "district",
    "군비": "district",
    "시군구비": "district",
    "시·군·구비": "district",
    "기타": "other",
    "보조율": "subsidy_rate",
}
ROW_FIELDS = {"사업기간": "period", "사업형태": "project_type", "사업내용": "description"}
CHOICE_FIELDS = {"신규": "continuity", "계속": "continuity", "경상": "nature", "투자": "nature"}


def _row(field: str, value: str, table: Table, row: int, col: int) -> dict[str, Any]:
    cell = table.cell_at(row, col)
    return {
        "field": field,
        "printed": value,
        "table_index": table.index,
        "row_index": row,
        "col_index": col,
        "page": cell.page if cell else table.page,
        "line_no": cell.line_no if cell else None,
    }


def find_overview(document: Document) -> list[dict[str, Any]]:
    """Key-value rows of the 사업개요, values exactly as printed."""
    rows: list[dict[str, Any]] = []
    for table in document.tables:
        rows += _row_label_fields(table)
        rows += _choice_fields(table)
    seen = {r["field"] for r in rows}
    for table in document.tables:
        found = _source_split(table)
        if found and not seen & {r["field"] for r in found}:
            rows += found
            seen |= {r["field"] for r in found}
    return rows


def _row_label_fields(table: Table) -> list[dict[str, Any]]:
    rows = []
    for r, row in enumerate(table.grid()):
        field = ROW_FIELDS.get(squash(row[0])) if row else None
        value_col = next((c for c in range(1, len(row)) if row[c]), None)
        if not field or value_col is None:
            continue
        text = row[value_col]
        items = checked_items(text)
        value = ", ".join(label for label, on in items if on) if items else " ".join(text.split())
        rows.append(_row(field, value, table, r, value_col))
    return rows


def _choice_fields(table: Table) -> list[dict[str, Any]]:
    """A label row (신규 | 계속 …) with a row of checkboxes below it."""
    rows = []
    grid = table.grid()
    for r in range(len(grid) - 1):
        for c, label in enumerate(grid[r]):
            field = CHOICE_FIELDS.get(squash(label))
            if field and grid[r + 1][c].strip() in CHECKED:
                rows.append(_row(field, label, table, r + 1, c))
    return rows


def _source_split(table: Table) -> list[dict[str, Any]]:
    """The 재원 label row (총, 국비, 시비, 보조율, 구비) and the values under it."""
    grid = table.grid()
    for r in range(len(grid) - 1):
        labels = {c: SOURCE_LABELS.get(squash(text)) for c, text in enumerate(grid[r])}
        fields = {c: f for c, f in labels.items() if f}
        below = grid[r + 1]
        if len(fields) < 3 or any(SOURCE_LABELS.get(squash(below[c])) for c in fields):
            continue
        return [_row(field, below[c], table, r + 1, c) for c, field in fields.items()]
    return []
