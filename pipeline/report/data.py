"""What the reconciliation report shows, read from a mart in one pass.

The report is a view of the mart: its latest run, each document with the rules run
over it and what failed, the figures of each failure in the document's own unit, where
they are printed (page, table, row, column, 산출내역 line, or line of a text
conversion) and, for PDF sources, the boxes of those figures on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

import duckdb
import pandas as pd

from pipeline.budget.units import WON_PER_UNIT
from pipeline.schema import SUITE_RULES
from pipeline.staging import records

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points (pdfplumber)


@dataclass(frozen=True)
class Figure:
    """One figure a failure compares, and where it is printed."""

    role: str  # checked, term
    table_index: int | None
    page: int | None
    line_no: int | None
    box: Box | None
    text: str | None  # the printed cell or 산출내역 line


@dataclass
class Failure:
    finding_id: int
    rule: str
    location: str
    expected_won: float | None
    actual_won: float | None
    unit: str  # 원, % (of expected and actual)
    printed_unit: str | None
    message: str
    state: str | None  # new, still-open, accepted
    accepted_reason: str | None
    first_seen_run_id: str | None
    page: int | None
    figures: list[Figure] = field(default_factory=list)

    @property
    def difference_won(self) -> float | None:
        if self.expected_won is None or self.actual_won is None:
            return None
        return self.actual_won - self.expected_won

    def in_printed_unit(self, value: float | None) -> str:
        """``value`` as the document prints it: 691,705 천원 for 691,705,000 원."""
        if value is None:
            return "—"
        if self.unit == "%":
            return f"{value:g} %"
        unit = self.printed_unit if self.printed_unit in WON_PER_UNIT else "원"
        scaled = value / WON_PER_UNIT[unit or "원"]
        text = f"{scaled:,.0f}" if scaled == int(scaled) else f"{scaled:,.3f}".rstrip("0")
        return f"{text} {unit}"


@dataclass(frozen=True)
class Illustration:
    """What the report shows beside one failure: page images, or printed lines."""

    images: list[tuple[int, bytes]]  # (page, PNG)
    lines: list[tuple[int, str, str]]  # (line_no, role, text)
    note: str | None = None


@dataclass
class DocumentReport:
    document_id: str
    path: str
    format: str
    title: str | None
    pages: int | None
    removed: bool
    rule_counts: list[tuple[str, int, int, int]]  # rule, pass, rounded (warning), fail
    failures: list[Failure]


@dataclass
class ReportData:
    run: dict[str, Any] | None
    documents: list[DocumentReport]
    suites: list[dict[str, Any]]  # the data-quality-suite and reconciliation-suite findings
    quarantine: list[dict[str, Any]]
    table_boxes: dict[tuple[str, int, int], Box]  # (document, table, page) → its extent

    def suites_of(self, rule: str) -> tuple[int, int]:
        """(passed, all) suites of ``rule``: data-quality-suite or reconciliation-suite."""
        suites = [s for s in self.suites if s["rule"] == rule]
        return sum(s["status"] == "pass" for s in suites), len(suites)

    def count_state(self, state: str) -> int:
        return sum(f.state == state for d in self.documents for f in d.failures)


def _frame(connection: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    return connection.execute(sql).df()


def read_report_data(connection: duckdb.DuckDBPyConnection) -> ReportData:
    runs = _frame(connection, "SELECT * FROM runs ORDER BY started_at DESC LIMIT 1")
    findings = _frame(connection, "SELECT * FROM findings ORDER BY finding_id")
    is_suite = findings["rule"].isin(SUITE_RULES)
    rules = findings[~is_suite]
    figures = _failure_figures(connection)
    documents = [
        _document_report(document, rules[rules["document_id"] == document["document_id"]], figures)
        for document in records(
            _frame(
                connection,
                "SELECT document_id, path, format, title, pages, removed_at FROM documents "
                "ORDER BY path",
            )
        )
    ]
    suites = findings[is_suite]
    quarantine = _frame(connection, "SELECT path, reason, message FROM quarantine ORDER BY path")
    return ReportData(
        run=records(runs)[0] if not runs.empty else None,
        documents=documents,
        suites=records(suites),
        quarantine=records(quarantine),
        table_boxes=_table_boxes(connection),
    )


def _table_boxes(connection: duckdb.DuckDBPyConnection) -> dict[tuple[str, int, int], Box]:
    """The extent of each PDF table on each page, for failing findings' tables only."""
    rows = connection.execute(
        "SELECT c.document_id, c.table_index, c.page, min(c.bbox[1]), min(c.bbox[2]), "
        "max(c.bbox[3]), max(c.bbox[4]) FROM cells c "
        "SEMI JOIN (SELECT DISTINCT s.document_id, s.table_index FROM finding_sources s "
        "  JOIN findings f USING (finding_id) WHERE f.status = 'fail') f "
        "  USING (document_id, table_index) "
        "WHERE c.bbox IS NOT NULL GROUP BY ALL"
    ).fetchall()
    return {(d, t, p): (x0, top, x1, bottom) for d, t, p, x0, top, x1, bottom in rows}


def _document_report(
    document: dict[str, Any], findings: pd.DataFrame, figures: dict[int, list[Figure]]
) -> DocumentReport:
    counts = [
        (
            str(rule),
            int(((group["status"] == "pass") & (group["severity"] != "warning")).sum()),
            int(((group["status"] == "pass") & (group["severity"] == "warning")).sum()),
            int((group["status"] == "fail").sum()),
        )
        for rule, group in findings.groupby("rule", sort=True)
    ]
    failures = [
        _failure(row, figures.get(int(row["finding_id"]), []))
        for row in records(findings[findings["status"] == "fail"])
    ]
    return DocumentReport(
        document_id=document["document_id"],
        path=document["path"],
        format=document["format"],
        title=document["title"],
        pages=document["pages"],
        removed=document["removed_at"] is not None,
        rule_counts=counts,
        failures=failures,
    )


def _failure(row: dict[str, Any], figures: list[Figure]) -> Failure:
    return Failure(
        finding_id=int(row["finding_id"]),
        rule=row["rule"],
        location=row["location"],
        expected_won=row["expected"],
        actual_won=row["actual"],
        unit=row["unit"] or "원",
        printed_unit=row["printed_unit"],
        message=row["message"],
        state=row["state"],
        accepted_reason=row["accepted_reason"],
        first_seen_run_id=row["first_seen_run_id"],
        page=int(row["page"]) if row["page"] is not None else None,
        figures=figures,
    )


# A source with a column is one cell. A 산출내역 line printed in a table row (no column)
# is the cell that holds its printed text (a 예산서's 산출내역 column), else the row's
# number cells. A line of a text conversion has no cell.
FIGURES_SQL = """
SELECT s.finding_id, s.source_no, s.role, s.table_index, s.line_no, s.col_index,
       coalesce(c.page, s.page) AS page, c.bbox, c.col_index AS cell_col, c.text, c.value,
       b.printed
FROM (
  SELECT *, row_number() OVER () AS source_no FROM finding_sources
  WHERE finding_id IN (SELECT finding_id FROM findings WHERE status = 'fail')
) s
LEFT JOIN breakdown_lines b
  ON b.document_id = s.document_id AND b.line_id = s.line_id
LEFT JOIN cells c
  ON c.document_id = s.document_id AND c.table_index = s.table_index
 AND c.row_index = s.row_index AND (s.col_index IS NULL OR c.col_index = s.col_index)
ORDER BY s.finding_id, s.role, s.source_no, c.col_index
"""


def _failure_figures(connection: duckdb.DuckDBPyConnection) -> dict[int, list[Figure]]:
    figures: dict[int, list[Figure]] = {}
    cursor = connection.execute(FIGURES_SQL)
    names = [column[0] for column in cursor.description or []]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for (finding_id, _), cells in groupby(rows, key=lambda r: (r["finding_id"], r["source_no"])):
        figures.setdefault(finding_id, []).extend(_source_figures(list(cells)))
    return figures


def _source_figures(cells: list[dict[str, Any]]) -> list[Figure]:
    """The figures of one source: its cell, its line's cell, or its row's numbers."""
    first = cells[0]
    if first["col_index"] is None and first["cell_col"] is not None:
        printed = first["printed"] or ""
        holding = [c for c in cells if printed and printed in (c["text"] or "")]
        cells = holding or [c for c in cells if c["value"] is not None]
    if not cells:
        return [_figure(first, None)]
    return [_figure(c, c["bbox"]) for c in cells]


def _figure(cell: dict[str, Any], bbox: list[float] | None) -> Figure:
    return Figure(
        role=cell["role"],
        table_index=cell["table_index"],
        page=cell["page"],
        line_no=cell["line_no"],
        box=(bbox[0], bbox[1], bbox[2], bbox[3]) if bbox is not None and len(bbox) == 4 else None,
        text=cell["printed"] or cell["text"],
    )
