"""예산 요구내역 및 산출근거 (산출내역): the lines of each 통계목, verbatim.

A table whose header names 산출 (``세부 산출내역``, ``산출근거``, ``’24년 예산 산출내역``)
holds the lines, one per row or several per cell. A 과목구분 column, when present,
names the 통계목, and a line belongs to the last 통계목 printed above it, across page
breaks and repeated headers. A blank-headed column right after the lines carries
their amounts (``= 75,000천원``). A table may hold several 산출 columns, one per year:
each is its own tree, with the year its header names. A header printed over the lines
column and the next one (``세부 산출내역`` merged over two columns) names one 산출 column
whose amounts are in the second. A line that is nothing but named amounts (``· 개발용역비
950백만원, 감리비 50백만원``) gives one line per item, as in a 산출 근거 box.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.budget.labels import squash
from pipeline.budget.periods import year_in
from pipeline.budget.units import MONEY_IN_TEXT
from pipeline.extract.recognise.basis_box import listed_items
from pipeline.extract.recognise.labels import column_labels, header_rows
from pipeline.extract.recognise.ledger import is_ledger_table
from pipeline.model import Document, Table

ACCOUNT_HEADERS = ("과목구분", "과목", "통계목", "구분", "비목")


@dataclass(frozen=True)
class _Columns:
    text: int
    label: str
    account: int | None
    amount: int | None

    @property
    def fiscal_year(self) -> int | None:
        return year_in(self.label)


def _columns(table: Table, n_header: int) -> list[_Columns]:
    labels = column_labels(table, n_header)
    squashed = [squash(label) for label in labels]
    covered = _covered_columns(table, n_header)
    found = []
    for text_col, label in enumerate(squashed):
        if "산출" not in label or text_col in covered:
            continue
        account = next((c for c, h in enumerate(squashed[:text_col]) if h in ACCOUNT_HEADERS), None)
        after = text_col + 1
        blank = after < len(squashed) and (not squashed[after] or after in covered)
        found.append(_Columns(text_col, labels[text_col], account, after if blank else None))
    return found


def _covered_columns(table: Table, n_header: int) -> set[int]:
    """Columns whose header, in every header row, is a cell merged in from the left."""
    starts = {c.col for c in table.cells if c.row < n_header}
    spanned = {
        col
        for c in table.cells
        if c.row < n_header and c.col_span > 1
        for col in range(c.col + 1, c.col + c.col_span)
    }
    return spanned - starts


MAX_HEADER_ROWS = 3


def _breakdown_header_rows(table: Table) -> int:
    """The header rows, down to the one naming 산출: a first body row that prints nothing
    in its first column (``’25년 예산`` empty) is no header row either."""
    n_header = header_rows(table) if table.n_rows else 1
    for rows in range(n_header, min(MAX_HEADER_ROWS, table.n_rows - 1) + 1):
        if _columns(table, rows):
            return rows
    return n_header


def find_breakdown_lines(document: Document) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    account = None
    for table in document.tables:
        if is_ledger_table(table):
            continue  # a 예산서내역's 산출내역: items per 목, read by the ledger recogniser
        n_header = _breakdown_header_rows(table)
        for columns in _columns(table, n_header):
            body = table.grid()[n_header:]
            if not any(
                MONEY_IN_TEXT.search(row[columns.text]) or _has_amount(row, columns) for row in body
            ):
                continue  # a 산출근거 of targets or counts, not of money
            for r, row in enumerate(body, start=n_header):
                if columns.account is not None and row[columns.account]:
                    account = " ".join(row[columns.account].split())
                rows += _line_rows(table, r, row, columns, account)
    return rows


def _has_amount(row: list[str], columns: _Columns) -> bool:
    return columns.amount is not None and bool(MONEY_IN_TEXT.search(row[columns.amount]))


def _line_rows(
    table: Table, r: int, row: list[str], columns: _Columns, account: str | None
) -> list[dict[str, Any]]:
    cell = table.cell_at(r, columns.text)
    amount = row[columns.amount] if columns.amount is not None else None
    return [
        {
            "table_index": table.index,
            "row_index": r,
            "col_index": columns.text,
            "part": part,
            "account": account if columns.account is not None else None,
            "fiscal_year": columns.fiscal_year,
            "text": text,
            "amount_printed": amount,
            "unit_note": table.unit,
            "page": cell.page if cell else table.page,
            "line_no": cell.line_no if cell else None,
            "standalone": False,
        }
        for part, text in enumerate(
            item for line in row[columns.text].split("\n") for item in listed_items(line)
        )
        if text.strip() or amount
    ]
