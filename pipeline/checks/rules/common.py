"""What every rule uses: the finding it yields, where a figure is printed, how it reads."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from pipeline.checks.report import Finding, Source

Row = Any  # a row of a mart table: a pandas Series, or a dict from ``records``


def finding(
    document_id: str,
    location: str,
    expected: float | None,
    actual: float | None,
    message: str,
    *,
    ok: bool,
    rule: str = "",
    unit: str = "원",
    severity: str | None = None,
    printed_unit: str | None = None,
    sources: Iterable[Source] = (),
) -> Finding:
    """A finding of the rule that yields it (``rule``: only where a function checks
    several things; the registry names the others)."""
    return Finding(
        document_id,
        rule,
        location,
        expected,
        actual,
        "pass" if ok else "fail",
        message,
        unit,
        severity or ("info" if ok else "error"),
        printed_unit,
        tuple(sources),
    )


def int_or_none(value: Any) -> int | None:
    """A figure or index as an ``int``; ``None`` for a missing one (NULL, NaN, NA)."""
    return None if value is None or pd.isna(value) else int(value)


def source(row: Row, role: str = "term") -> Source:
    """Where a row's figure is printed: a ``budget_summary``, ``schedule`` or ``cells``
    cell (its column), or a ``breakdown_lines`` line (its ``line_id``)."""
    return Source(
        role,
        page=int_or_none(row.get("page")),
        table_index=int_or_none(row.get("table_index")),
        row_index=int_or_none(row.get("row_index")),
        col_index=int_or_none(row.get("col_index")),
        line_id=int_or_none(row.get("line_id")),
        line_no=int_or_none(row.get("line_no")),
    )


def printed_unit(row: Row | None) -> str | None:
    unit = None if row is None else row.get("unit")
    return unit if isinstance(unit, str) else None


def printed_label(row: Row) -> Any:
    """A row's label as printed (``account_printed``), where a reader finds it on the
    page; ``account`` is its normalised name."""
    printed = row.get("account_printed")
    return printed if isinstance(printed, str) else row["account"]


def cell_location(row: Row) -> str:
    return (
        f"table {row['table_index']}, row {row['row_index']} ({printed_label(row)}), "
        f"column {row['col_index']} ({row['column_label']})"
    )


def fmt_won(won: float | None) -> str:
    return "empty" if won is None else f"{won:,.0f} 원"
