"""Rules over statistics tables: the tables of ``cells`` that no budget recogniser took.

Fiscal statistics (통합재정통계: 구분 | 일반회계 | 특별회계 | … | 합계, in 십억원) print
three kinds of totals, each checked per row or per column:

- ``row-total-equals-columns``: the 합계 (계, 총계) column equals the sum of the other
  amount columns of its row;
- ``group-equals-parts``: a row whose label spans the label columns (``수 입 (A)``) equals
  the sum of the indented rows under it (``경상수입``, ``자본수입``), in every column;
- ``difference-row-matches``: a row labelled ``(A-B)`` or ``(E= D - A)`` equals row (A)
  minus row (B) (row (D) minus row (A)).

Printed values are rounded to the table's unit (the source says so: 「단수조정으로 상이할
수 있음」), so n rounded terms may miss their rounded total by up to (n + 1) // 2 units:
such a difference passes as ``rounded`` with a warning; a table in 원 must be exact.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from pipeline.budget.labels import without_spaces
from pipeline.budget.totals import is_total_label
from pipeline.budget.units import WON_PER_UNIT
from pipeline.checks.report import Finding, Source
from pipeline.checks.rules.common import finding, fmt_won, source
from pipeline.checks.rules.registry import rule

ROW_TOTAL = "row-total-equals-columns"
GROUP_TOTAL = "group-equals-parts"
DIFFERENCE_ROW = "difference-row-matches"
NOT_ADDENDS = re.compile(r"증감|[률율%]|비중|비율|단가|수량|인원|대비")
# ``(A-B)``, ``(E= D - A)`` (labels are squashed: no spaces); a letter may define itself.
DIFFERENCE = re.compile(r"\((?:[A-Z]=)?([A-Z])[-−]([A-Z])\)")
LETTER = re.compile(r"\(([A-Z])(?:=[^)]*)?\)")


@dataclass
class _Grid:
    """One table: cell rows by (row, col), its header row, label columns and unit."""

    document_id: str
    table_index: int
    cells: dict[tuple[int, int], pd.Series]
    n_rows: int
    label_cols: int
    unit: str | None

    def text(self, row: int, col: int) -> str:
        cell = self.cells.get((row, col))
        return without_spaces(cell.text) if cell is not None and pd.notna(cell.text) else ""

    def won(self, row: int, col: int) -> int | None:
        cell = self.cells.get((row, col))
        if cell is None or pd.isna(cell.value_won):
            return None
        return int(cell.value_won)

    def label(self, row: int) -> str:
        return (
            " ".join(t for t in (self.text(row, c) for c in range(self.label_cols)) if t)
            or f"row {row}"
        )

    def where(self, row: int, col: int) -> str:
        return (
            f"table {self.table_index}, row {row} ({self.label(row)}), "
            f"column {col} ({self.text(0, col)})"
        )

    def sources(self, row: int, col: int, terms: list[tuple[int, int]]) -> list[Source]:
        """The checked cell, then the cells of its terms."""
        checked = [source(self.cells[(row, col)], "checked")]
        return checked + [source(self.cells[term]) for term in terms]

    def tolerance(self, terms: int) -> int:
        """The largest difference that rounding ``terms`` values and their total explains."""
        if self.unit in (None, "원"):
            return 0
        return (terms + 1) // 2 * WON_PER_UNIT[self.unit]


def _grids(cells: pd.DataFrame, taken: pd.DataFrame) -> Iterator[_Grid]:
    taken_keys = set(zip(taken["document_id"], taken["table_index"], strict=True))
    money = cells[cells["unit"].isin(list(WON_PER_UNIT))]
    keys = set(zip(money["document_id"], money["table_index"], strict=True)) - taken_keys
    for (document_id, table_index), table in cells.groupby(["document_id", "table_index"]):
        if (document_id, table_index) not in keys:
            continue
        header = table[table["row_index"] == 0]
        first = header[header["col_index"] == 0]
        if first.empty:
            continue
        units = table["unit"].dropna()
        units = units[units.isin(list(WON_PER_UNIT))]
        yield _Grid(
            str(document_id),
            int(str(table_index)),
            {(int(r.row_index), int(r.col_index)): r for _, r in table.iterrows()},
            int(table["row_index"].max()) + 1,
            int(first.iloc[0]["col_span"]),
            str(units.mode().iloc[0]) if not units.empty else None,
        )


def _compare(
    grid: _Grid,
    rule: str,
    at: tuple[int, int],
    terms: list[int],
    term_cells: list[tuple[int, int]],
    message: str,
) -> Finding | None:
    """The cell at ``at`` against the sum of ``terms``, printed in ``term_cells``."""
    row, col = at
    actual = grid.won(row, col)
    if actual is None or not terms:
        return None
    expected = sum(terms)
    difference = abs(actual - expected)
    rounded = 0 < difference <= grid.tolerance(len(terms))
    return finding(
        grid.document_id,
        grid.where(row, col),
        expected,
        actual,
        f"{grid.label(row)} {fmt_won(actual)}; {message} {fmt_won(expected)}"
        + (" (rounded)" if rounded else ""),
        ok=difference == 0 or rounded,
        rule=rule,
        severity="warning" if rounded else None,
        printed_unit=grid.unit,
        sources=grid.sources(row, col, term_cells),
    )


def _row_totals(grid: _Grid) -> Iterator[Finding]:
    headers = {c: grid.text(0, c) for (r, c) in grid.cells if r == 0 and c >= grid.label_cols}
    totals = [c for c, h in headers.items() if is_total_label(h)]
    addends = [c for c, h in headers.items() if not is_total_label(h) and not NOT_ADDENDS.search(h)]
    if len(totals) != 1 or len(addends) < 2:
        return
    for row in range(1, grid.n_rows):
        terms = [w for c in addends if (w := grid.won(row, c)) is not None]
        if len(terms) != len(addends):
            continue
        result = _compare(
            grid,
            ROW_TOTAL,
            (row, totals[0]),
            terms,
            [(row, c) for c in addends],
            f"its {len(terms)} columns add up to",
        )
        if result:
            yield result


def _groups(grid: _Grid) -> Iterator[tuple[int, list[int]]]:
    """Rows whose label spans the label columns, with the indented rows under them."""
    if grid.label_cols < 2:
        return
    row = 1
    while row < grid.n_rows:
        parts = []
        below = row + 1
        while below < grid.n_rows and not grid.text(below, 0) and grid.text(below, 1):
            parts.append(below)
            below += 1
        label = grid.cells.get((row, 0))
        if parts and label is not None and int(label.col_span) >= grid.label_cols:
            yield row, parts
        row = below


def _group_totals(grid: _Grid) -> Iterator[Finding]:
    columns = sorted({c for (_, c) in grid.cells if c >= grid.label_cols})
    for row, parts in _groups(grid):
        for col in columns:
            terms = [w for r in parts if (w := grid.won(r, col)) is not None]
            if len(terms) != len(parts):
                continue
            result = _compare(
                grid,
                GROUP_TOTAL,
                (row, col),
                terms,
                [(r, col) for r in parts],
                f"its {len(parts)} rows add up to",
            )
            if result:
                yield result


def _differences(grid: _Grid) -> Iterator[Finding]:
    letters = {m[1]: r for r in range(1, grid.n_rows) if (m := LETTER.search(grid.label(r)))}
    columns = sorted({c for (_, c) in grid.cells if c >= grid.label_cols})
    for row in range(1, grid.n_rows):
        match = DIFFERENCE.search(grid.label(row))
        if not match or match[1] not in letters or match[2] not in letters:
            continue
        first, second = letters[match[1]], letters[match[2]]
        for col in columns:
            a, b = grid.won(first, col), grid.won(second, col)
            if a is None or b is None:
                continue
            result = _compare(
                grid,
                DIFFERENCE_ROW,
                (row, col),
                [a, -b],
                [(first, col), (second, col)],
                f"({match[1]}) {fmt_won(a)} − ({match[2]}) {fmt_won(b)} =",
            )
            if result:
                yield result


@rule(ROW_TOTAL, GROUP_TOTAL, DIFFERENCE_ROW, reads=("cells", "budget_summary"))
def statistics_table_rules(cells: pd.DataFrame, summary: pd.DataFrame) -> Iterator[Finding]:
    """The three rules over every money table of ``cells`` not in ``budget_summary``."""
    for grid in _grids(cells, summary):
        yield from _row_totals(grid)
        yield from _group_totals(grid)
        yield from _differences(grid)
