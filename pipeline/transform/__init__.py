"""Transform: printed strings in the staged extract tables → typed values.

Each ``x_to_y`` function is pure (DataFrame in, DataFrame out) so tests and debug
commands can stop at any step; ``transform_staged`` reads the extract tables and
writes the transform tables.

Printed amounts, units and column labels are parsed once per distinct value
(``each_distinct``) and spread back to the rows by pandas: the number grammar stays in
one place (``numbers.py``, exact ``Decimal`` arithmetic) without a Python call per cell.
The 산출내역 tree and its formulas are parsed line by line, in order: each line's parent
is the open line above it, and a formula is a small grammar, neither of which SQL
expresses well.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, Literal

import numpy as np
import pandas as pd

from pipeline.settings import PipelineSettings
from pipeline.staging import in_groups, read_staged, records, write_staged
from pipeline.transform.breakdown import raw_lines_to_tree
from pipeline.transform.columns import label_to_period
from pipeline.transform.numbers import parse_number, to_won, unit_from_note

COPIED = ("documents", "pages", "paragraphs", "quarantine", "seen", "run")


@lru_cache(maxsize=65536)  # the same figure and note recur across a book
def _amount(printed: str | None, note: str | None) -> tuple[float | None, str | None, int | None]:
    """(value as printed with sign, unit, value in 원) of one printed amount."""
    number = parse_number(printed)
    if number is None:
        return None, None, None
    unit = number.unit or unit_from_note(note)
    return float(number.value), unit, to_won(number.value, unit)


def summary_cells_to_budget_summary(cells: pd.DataFrame) -> pd.DataFrame:
    value, unit, won = each_distinct(cells[["printed", "unit_note"]], _summary_amount, 3)
    fiscal_year, phase, letter = each_distinct(cells[["column_label"]], _period, 3)
    is_rate = (phase == "증감률") | (unit == "%")
    frame = cells[["document_id", "project", "account", "account_path", "account_level"]].assign(
        column_label=cells["column_label"],
        fiscal_year=_column(fiscal_year, "Int64", cells.index),
        phase=phase,
        column_letter=letter,
        amount_won=_column(won, "Int64", cells.index).mask(is_rate),
        percent=_column(value, "Float64", cells.index).where(is_rate),
        printed=cells["printed"],
        unit=np.where(is_rate, "%", unit),
    )
    provenance = cells[["page", "table_index", "row_index", "col_index", "line_no"]]
    return pd.concat([frame, provenance], axis=1)[BUDGET_SUMMARY_COLUMNS]


def _summary_amount(printed: str | None, note: str | None) -> tuple:
    """An amount with the note's unit even when nothing is printed."""
    value, unit, won = _amount(printed, note)
    return value, unit or unit_from_note(note), won


def _period(label: str | None) -> tuple:
    period = label_to_period(label) if label is not None else None
    return (period.fiscal_year, period.phase, period.letter) if period else (None, None, None)


def each_distinct(values: pd.DataFrame, parse: Callable[..., tuple], width: int) -> np.ndarray:
    """``parse`` over the columns of each row, run once per distinct row (a book repeats
    its figures, notes and labels) and spread back to every row: ``width`` object
    arrays, one per field of ``parse``'s result; missing values reach it as ``None``."""
    if not len(values):
        return np.empty((width, 0), dtype=object)
    groups = values.groupby(list(values.columns), sort=False, dropna=False).ngroup().to_numpy()
    _, first = np.unique(groups, return_index=True)
    distinct = values.iloc[first]
    results = list(map(parse, *distinct.astype(object).where(distinct.notna(), None).to_numpy().T))
    return np.stack(
        [
            np.fromiter(field, dtype=object, count=len(results))[groups]
            for field in zip(*results, strict=True)
        ]
    )


BUDGET_SUMMARY_COLUMNS = [
    "document_id",
    "project",
    "account",
    "account_path",
    "account_level",
    "column_label",
    "fiscal_year",
    "phase",
    "column_letter",
    "amount_won",
    "percent",
    "printed",
    "unit",
    "page",
    "table_index",
    "row_index",
    "col_index",
    "line_no",
]


def breakdown_raw_to_lines(raw: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Staged 산출내역 lines → (breakdown_lines, breakdown_formula_factors)."""
    lines, factors = [], []
    next_ids: dict[str, int] = {}  # line ids run on through a document's 세부사업
    for (document_id, project), group in in_groups(records(raw), "document_id", "project").items():
        tag = {"document_id": document_id, "project": _text(project)}
        doc_lines, doc_factors = raw_lines_to_tree(group, next_ids.get(document_id, 1))
        lines += [{**tag, **row} for row in doc_lines]
        factors += [{"document_id": document_id, **row} for row in doc_factors]
        next_ids[document_id] = next_ids.get(document_id, 1) + len(doc_lines)
    return _frame(lines, LINE_COLUMNS), _frame(factors, FACTOR_COLUMNS)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


LINE_COLUMNS = [
    "document_id",
    "line_id",
    "parent_line_id",
    "level",
    "marker",
    "account",
    "fiscal_year",
    "name",
    "path",
    "printed",
    "amount_printed",
    "unit",
    "amount_won",
    "formula",
    "unit_price_won",
    "formula_product_won",
    "formula_status",
    "page",
    "line_no",
    "table_index",
    "row_index",
    "project",
]
FACTOR_COLUMNS = [
    "document_id",
    "line_id",
    "position",
    "operator",
    "printed",
    "value",
    "unit",
    "role",
    "note",
    "amount",
]


def schedule_raw_to_schedule(raw: pd.DataFrame) -> pd.DataFrame:
    _, unit, won = each_distinct(raw[["amount", "unit_note"]], _amount, 3)
    frame = raw.rename(columns={"amount": "amount_printed"}).assign(
        unit=unit, amount_won=_column(won, "Int64", raw.index)
    )
    return frame[SCHEDULE_COLUMNS]


SCHEDULE_COLUMNS = [
    "document_id",
    "step",
    "period",
    "amount_printed",
    "unit",
    "amount_won",
    "detail",
    "page",
    "table_index",
    "row_index",
    "line_no",
    "project",
]


def overview_to_projects(overview: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """One row per 세부사업 with a 사업개요: period, total cost and its 재원 split."""
    titles = dict(zip(documents["document_id"], documents["title"], strict=True))
    rows = []
    for (document_id, project), group in in_groups(
        records(overview), "document_id", "project"
    ).items():
        fields = {row["field"]: row["printed"] for row in group}
        row: dict[str, Any] = {
            "document_id": document_id,
            "project": _text(project) or titles.get(document_id),
            "period": fields.get("period"),
            "project_type": fields.get("project_type"),
            "continuity": fields.get("continuity"),
            "nature": fields.get("nature"),
            "description": fields.get("description"),
            "total_cost_printed": fields.get("total_cost"),
        }
        for source in ("total_cost", "national", "city", "district", "other"):
            row[f"{source}_won"] = _amount(fields.get(source), None)[2]
        rate = parse_number(fields.get("subsidy_rate"))
        row["subsidy_rate_percent"] = float(rate.value) if rate else None
        rows.append(row)
    return _frame(rows, PROJECT_COLUMNS)


PROJECT_COLUMNS = [
    "document_id",
    "project",
    "period",
    "project_type",
    "continuity",
    "nature",
    "description",
    "total_cost_printed",
    "total_cost_won",
    "national_won",
    "city_won",
    "district_won",
    "other_won",
    "subsidy_rate_percent",
]


def contacts_to_people(contacts: pd.DataFrame) -> pd.DataFrame:
    """담당자 cells → one row per person: office (실·국), department (부서), role, name, phone."""
    rows = []
    for (document_id, _, _), group in contacts.groupby(
        ["document_id", "table_index", "row_index"], sort=False
    ):
        by_header = {
            "".join(h.split()): c for h, c in zip(group["header"], records(group), strict=True)
        }
        office = next((c["printed"] for h, c in by_header.items() if "실" in h or h == "국"), None)
        department = next((c["printed"] for h, c in by_header.items() if "부서" in h), None)
        for role, cell in by_header.items():
            if "부서" in role or "실" in role or role == "국":
                continue
            name, _, phone = cell["printed"].partition(" ")
            rows.append(
                {
                    "document_id": document_id,
                    "office": office,
                    "department": department,
                    "role": role,
                    "name": name,
                    "phone": phone.strip() or None,
                    "printed": cell["printed"],
                    **{k: cell[k] for k in ("table_index", "row_index", "page", "line_no")},
                }
            )
    return _frame(rows, CONTACT_COLUMNS)


CONTACT_COLUMNS = [
    "document_id",
    "office",
    "department",
    "role",
    "name",
    "phone",
    "printed",
    "table_index",
    "row_index",
    "page",
    "line_no",
]


def cells_to_values(cells: pd.DataFrame) -> pd.DataFrame:
    """Every cell with the number it prints (sign applied), its unit and its value in 원."""
    value, unit, won = each_distinct(cells[["text", "unit_note"]], _amount, 3)
    (rate_column,) = each_distinct(cells[["column_header"]], _is_rate_column, 1)
    is_rate = rate_column.astype(bool) & (value != None)  # noqa: E711 (elementwise)
    return cells.assign(
        value=_column(value, "Float64", cells.index),
        unit=pd.Series(np.where(is_rate, "%", unit), index=cells.index, dtype=object),
        value_won=_column(won, "Int64", cells.index).mask(is_rate),
    )


def _column(values: np.ndarray, dtype: Literal["Int64", "Float64"], index: pd.Index) -> pd.Series:
    """An object array of values and ``None`` as a nullable column."""
    return pd.Series(values, index=index, dtype=object).astype(dtype)


def _is_rate_column(header: str | None) -> tuple[bool]:
    return (bool(header) and label_to_period(header).phase == "증감률",)


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


def transform_staged(settings: PipelineSettings) -> dict[str, pd.DataFrame]:
    """Read the staged extract tables, write the staged transform tables, return them."""

    def staged(name: str) -> pd.DataFrame:
        return read_staged(settings.extract_dir, name)

    lines, factors = breakdown_raw_to_lines(staged("breakdown_raw"))
    tables = {
        **{name: staged(name) for name in COPIED},
        "budget_summary": summary_cells_to_budget_summary(staged("summary_cells")),
        "breakdown_lines": lines,
        "breakdown_formula_factors": factors,
        "schedule": schedule_raw_to_schedule(staged("schedule_raw")),
        "projects": overview_to_projects(staged("overview"), staged("documents")),
        "contacts": contacts_to_people(staged("contacts")),
        "cells": cells_to_values(staged("cells")),
    }
    write_staged(settings.transform_dir, tables)
    return tables
