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
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pipeline.budget.labels import join_wrapped, squash
from pipeline.budget.periods import label_to_period
from pipeline.budget.totals import is_subtotal_label
from pipeline.budget.units import money_unit_in
from pipeline.extract.recognise.labels import column_labels
from pipeline.model import Document, Table

CONTINUES = "*×/)=+."  # a 산출내역 line starting with one of these continues the line above
WORD_END = re.compile(r"[가-힣]{1,2}(?:\s*=.*)?$")  # ``개월= 1,242,000원``, ``세``: a word's end
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


@dataclass
class _LedgerRow:
    table: Table
    columns: _Columns
    row: int
    cells: list[str]
    account: str
    level: int
    path: str
    unit: str | None


def _ledger_rows(document: Document) -> Iterator[_LedgerRow]:
    """Every 목 and 소계 row of every ledger table, its path carried across tables."""
    path = _Path()
    for table in document.tables:
        columns = _columns(table)
        if columns is None:
            continue
        unit = table.unit or _formula_unit(table, columns)
        grid = table.grid()
        for r in range(columns.n_header, table.n_rows):
            account, level, names = _row(grid[r], columns, path)
            if account:
                path_text = " > ".join(n for n in names if n)
                yield _LedgerRow(table, columns, r, grid[r], account, level, path_text, unit)


def find_ledger_cells(document: Document) -> list[dict[str, Any]]:
    """One row per amount cell of every ledger row, with its path and level."""
    return [
        {
            "table_index": row.table.index,
            "row_index": row.row,
            "col_index": c,
            "account": row.account,
            "account_path": row.path,
            "account_level": row.level,
            "column_label": column_labels(row.table, 2)[c],
            "printed": row.cells[c],
            "unit_note": row.unit,
            "page": row.table.page,
            "line_no": None,
        }
        for row in _ledger_rows(document)
        for c in row.columns.amounts
    ]


def find_ledger_breakdown(document: Document) -> list[dict[str, Any]]:
    """The 산출내역 column of each 목 row: one item per printed line (no markers), a
    formula wrapped over lines joined back; ``account`` is the 목's full path."""
    return [
        {
            "table_index": row.table.index,
            "row_index": row.row,
            "col_index": row.columns.breakdown,
            "part": part,
            "account": row.path,
            "fiscal_year": None,
            "text": item,
            "amount_printed": None,
            "unit_note": row.unit,
            "page": row.table.page,
            "line_no": None,
            "standalone": True,
        }
        for row in _ledger_rows(document)
        if row.level == len(LEVELS) + 1 and row.columns.breakdown is not None
        for part, item in enumerate(breakdown_items(row.cells[row.columns.breakdown]))
    ]


def breakdown_items(text: str) -> list[str]:
    """Lines of a 산출내역 cell as items; a line that continues the one above (it starts
    with an operator, ends a word cut at the wrap, or closes a bracket left open) is
    joined to it."""
    items: list[str] = []
    for line in (ln.strip() for ln in text.split("\n")):
        if not line:
            continue
        if items and (
            line[0] in CONTINUES
            or WORD_END.match(line)
            or items[-1].count("(") > items[-1].count(")")
        ):
            items[-1] += line
        else:
            items.append(" ".join(line.split()))
    return items


def _row(row: list[str], columns: _Columns, path: _Path) -> tuple[str | None, int, list[str]]:
    """(account label, level, path names) of one ledger row; updates the carried path."""
    section = join_wrapped(row[columns.section]) if columns.section is not None else ""
    if is_subtotal_label(section):
        return section, 1, path.upto(None)
    if section:
        path.section = section
    for level in LEVELS[:-1]:
        text = join_wrapped(row[columns.levels[level]])
        if is_subtotal_label(text):
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
        unit = money_unit_in(row[columns.breakdown])
        if unit:
            return f"(단위: {unit})"
    return None
