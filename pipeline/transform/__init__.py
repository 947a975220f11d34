"""Transform: printed strings in the staged extract tables → typed values.

Each ``x_to_y`` function is pure (DataFrame in, DataFrame out) so tests and debug
commands can stop at any step; ``transform_staged`` reads the extract tables and
writes the transform tables.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

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
    rows = []
    for cell in records(cells):
        period = label_to_period(cell["column_label"])
        value, unit, won = _amount(cell["printed"], cell["unit_note"])
        is_rate = period.phase == "증감률" or unit == "%"
        rows.append(
            {
                **{
                    k: cell[k]
                    for k in ("document_id", "project", "account", "account_path", "account_level")
                },
                "column_label": cell["column_label"],
                "fiscal_year": period.fiscal_year,
                "phase": period.phase,
                "column_letter": period.letter,
                "amount_won": None if is_rate else won,
                "percent": value if is_rate else None,
                "printed": cell["printed"],
                "unit": "%" if is_rate else (unit or unit_from_note(cell["unit_note"])),
                **{
                    k: cell[k] for k in ("page", "table_index", "row_index", "col_index", "line_no")
                },
            }
        )
    return _frame(rows, BUDGET_SUMMARY_COLUMNS)


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
    rows = []
    for row in records(raw):
        _, unit, won = _amount(row["amount"], row["unit_note"])
        rows.append(
            {
                "document_id": row["document_id"],
                "step": row["step"],
                "period": row["period"],
                "amount_printed": row["amount"],
                "unit": unit,
                "amount_won": won,
                "detail": row["detail"],
                **{k: row[k] for k in ("page", "table_index", "row_index", "line_no")},
                "project": row["project"],
            }
        )
    return _frame(rows, SCHEDULE_COLUMNS)


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
    rows = []
    for (document_id, project), group in overview.groupby(
        ["document_id", "project"], sort=False, dropna=False
    ):
        fields = dict(zip(group["field"], group["printed"], strict=True))
        title = documents.loc[documents["document_id"] == document_id, "title"]
        row: dict[str, Any] = {
            "document_id": document_id,
            "project": _text(project) or (title.iloc[0] if len(title) else None),
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
    values, units, wons = [], [], []
    for cell in records(cells[["text", "column_header", "unit_note"]]):
        value, unit, won = _amount(cell["text"], cell["unit_note"])
        header = cell["column_header"]
        if value is not None and header and label_to_period(header).phase == "증감률":
            unit, won = "%", None
        values.append(value)
        units.append(unit)
        wons.append(won)
    return cells.assign(
        value=pd.Series(values, index=cells.index, dtype="Float64"),
        unit=pd.Series(units, index=cells.index, dtype=object),
        value_won=pd.Series(wons, index=cells.index, dtype="Int64"),
    )


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
