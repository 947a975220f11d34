"""예산 총괄 cells as printed → ``budget_summary``: amounts in 원, year and phase, row kind."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.budget.totals import row_kind
from pipeline.budget.units import unit_from_note
from pipeline.staging import transform_columns
from pipeline.transform.amounts import amount, each_distinct, nullable, period


def summary_cells_to_budget_summary(cells: pd.DataFrame) -> pd.DataFrame:
    value, unit, won = each_distinct(cells[["printed", "unit_note"]], _summary_amount, 3)
    fiscal_year, phase, letter = each_distinct(cells[["column_label"]], period, 3)
    (kind,) = each_distinct(cells[["account"]], lambda label: (row_kind(label),), 1)
    is_rate = (phase == "증감률") | (unit == "%")
    frame = cells[["document_id", "project", "account", "account_path", "account_level"]].assign(
        row_kind=kind,
        column_label=cells["column_label"],
        fiscal_year=nullable(fiscal_year, "Int64", cells.index),
        phase=phase,
        column_letter=letter,
        amount_won=nullable(won, "Int64", cells.index).mask(is_rate),
        percent=nullable(value, "Float64", cells.index).where(is_rate),
        printed=cells["printed"],
        unit=np.where(is_rate, "%", unit),
    )
    provenance = cells[["page", "table_index", "row_index", "col_index", "line_no"]]
    return pd.concat([frame, provenance], axis=1)[transform_columns("budget_summary")]


def _summary_amount(printed: str | None, note: str | None) -> tuple:
    """An amount with the note's unit even when nothing is printed."""
    value, unit, won = amount(printed, note)
    return value, unit or unit_from_note(note), won
