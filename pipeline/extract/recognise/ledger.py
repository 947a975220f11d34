"""예산서내역 (the ledger): 과목 columns 관 · 항 · 목 beside 당초 / 추경 / 증감액 columns.

Recognised by its header: 과목 over 관, 항, 목. Each 목 row is an item whose path is its
구분 (세입/세출), 관 and 항, carried down from the rows above and across the tables the
document splits it into. 소계 rows close a group: ``보조금수입 소계`` in the 항 column
closes that 항, in the 관 column that 관, and ``세입소계`` in the 구분 column the whole
세입. Amounts are staged as printed, with the path and level, for the summary transform.
When the table prints no ``(단위 …)`` note, the unit is the money unit its 산출내역
formulas print (``5,830,000원*12개월``): the document says it, not a default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.extract.recognise.labels import column_labels, join_wrapped, squash
from pipeline.model import Document, Table
from pipeline.transform.columns import label_to_period

MONEY_UNIT = re.compile(r"\d\s*(십억원|백만원|천만원|천원|만원|억원|원)")
LEVELS = ("관", "항", "목")


@dataclass
class _Columns:
    section: int | None
    levels: dict[str, int]  # 관/항/목 → column
    amounts: list[int]
    breakdown: int | None
    n_header: int


@dataclass
class _Path:
    section: str | None = None
    parts: dict[str, str] = field(default_factory=dict)

    def set(self, level: str, name: str) -> None:
        self.parts[level] = name
        for deeper in LEVELS[LEVELS.index(level) + 1 :]:
            self.parts.pop(deeper, None)

    def upto(self, level: str | None) -> list[str]:
        names = [self.section or ""]
        for name in LEVELS:
            if level is None:
                break
            names.append(self.parts.get(name, ""))
            if name == level:
                break
        return names


def _columns(table: Table) -> _Columns | None:
    if table.n_rows < 3:
        return None
    labels = [squash(label) for label in column_labels(table, 2)]
    levels = {lv: c for lv in LEVELS for c, label in enumerate(labels) if label.endswith(lv)}
    if set(levels) != set(LEVELS) or not any("과목" in label for label in labels):
        return None
    amounts = [
        c
        for c, label in enumerate(column_labels(table, 2))
        if c not in levels.values() and label_to_period(label).phase
    ]
    grid = table.grid()
    n_header = next((r for r in range(2, table.n_rows) if any(grid[r][c] for c in amounts)), 2)
    section = next((c for c, label in enumerate(labels) if label == "구분"), None)
    breakdown = next((c for c, label in enumerate(labels) if "산출" in label), None)
    return _Columns(section, levels, amounts, breakdown, n_header)


def is_ledger_table(table: Table) -> bool:
    return _columns(table) is not None


def find_ledger_cells(document: Document) -> list[dict[str, Any]]:
    """One row per amount cell of every ledger row, with its path and level."""
    rows: list[dict[str, Any]] = []
    path = _Path()
    for table in document.tables:
        columns = _columns(table)
        if columns is None:
            continue
        unit = table.unit or _formula_unit(table, columns)
        labels = column_labels(table, 2)
        grid = table.grid()
        for r in range(columns.n_header, table.n_rows):
            account, level, names = _row(grid[r], columns, path)
            if not account:
                continue
            for c in columns.amounts:
                rows.append(
                    {
                        "project": document.title,
                        "table_index": table.index,
                        "row_index": r,
                        "col_index": c,
                        "account": account,
                        "account_path": " > ".join(n for n in names if n),
                        "account_level": level,
                        "column_label": labels[c],
                        "printed": grid[r][c],
                        "unit_note": unit,
                        "page": table.page,
                        "line_no": None,
                    }
                )
    return rows


def _row(row: list[str], columns: _Columns, path: _Path) -> tuple[str | None, int, list[str]]:
    """(account label, level, path names) of one ledger row; updates the carried path."""
    section = join_wrapped(row[columns.section]) if columns.section is not None else ""
    if "소계" in section:
        return section, 1, path.upto(None)
    if section:
        path.section = section
    for level in LEVELS[:-1]:
        text = join_wrapped(row[columns.levels[level]])
        if "소계" in text:
            return text, LEVELS.index(level) + 2, path.upto(level)
    for level in LEVELS:
        text = join_wrapped(row[columns.levels[level]])
        if text:
            path.set(level, text)
    item = join_wrapped(row[columns.levels["목"]])
    return (item, 4, path.upto("목")) if item else (None, 0, [])


def _formula_unit(table: Table, columns: _Columns) -> str | None:
    if columns.breakdown is None:
        return None
    for row in table.grid():
        match = MONEY_UNIT.search(row[columns.breakdown])
        if match:
            return f"(단위: {match[1]})"
    return None
