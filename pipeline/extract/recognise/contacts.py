"""사업 담당자: 실·국, 부서명 and one person per role (과장, 팀장, 주무관) per row."""

from __future__ import annotations

from typing import Any

from pipeline.budget.labels import squash
from pipeline.model import Document, Table

ROLE_HEADERS = ("과장", "팀장", "주무관", "담당", "담당자")


def is_contacts_table(table: Table) -> bool:
    header = [squash(text) for text in table.grid()[0]] if table.n_rows else []
    return any("부서" in h for h in header) and any(h in ROLE_HEADERS for h in header)


def find_contacts(document: Document) -> list[dict[str, Any]]:
    """One row per non-empty cell under the header, with its header as printed."""
    rows = []
    for table in filter(is_contacts_table, document.tables):
        grid = table.grid()
        for cell in table.cells:
            if cell.row == 0 or not cell.text:
                continue
            rows.append(
                {
                    "table_index": table.index,
                    "row_index": cell.row,
                    "col_index": cell.col,
                    "header": grid[0][cell.col],
                    "printed": cell.text,
                    "page": cell.page,
                    "line_no": cell.line_no,
                }
            )
    return rows
