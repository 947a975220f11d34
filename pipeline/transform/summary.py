"""예산 총괄 cells as printed → ``budget_summary``: amounts in 원, year and phase, row kind.

A table's unit is its ``(단위 : 백만원)`` note. Two cases give a table without one its
unit, so that its printed figures are money and not silent NULLs:

- the note is drawn inside the table, in its top row (an HWP table whose first row is
  ``(단위: 백만원)``): it then reaches the column labels, and the table takes it;
- the table continues one on the page before, which the layout did not stitch (part of
  that table was read as text lines): it repeats its column labels exactly, belongs to
  the same 세부사업 and starts on the page after the other ends. It takes that table's
  note, as a continued table keeps its unit.

A figure that still has no unit is reported (``unit-unknown``), never guessed.

A row's label is normalised (``pipeline.budget.labels.normalise_label``): ``account`` is
its name, ``marker`` and ``account_code`` what opens and ends it, ``account_printed`` the
label as printed, from which ``row_kind`` is read.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.budget.labels import normalise_label
from pipeline.budget.totals import row_kind
from pipeline.budget.units import is_unit_note, unit_from_note
from pipeline.staging import transform_columns
from pipeline.transform.amounts import amount, each_distinct, nullable, period


def summary_cells_to_budget_summary(cells: pd.DataFrame) -> pd.DataFrame:
    cells = cells.assign(unit_note=table_unit_notes(cells))
    value, unit, won = each_distinct(cells[["printed", "unit_note"]], _summary_amount, 3)
    fiscal_year, phase, letter = each_distinct(cells[["column_label"]], period, 3)
    kind, account, marker, code = each_distinct(cells[["account"]], _label, 4)
    is_rate = (phase == "증감률") | (unit == "%")
    frame = cells[["document_id", "project", "account_path", "account_level"]].assign(
        account=account,
        account_printed=cells["account"],
        marker=marker,
        account_code=code,
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


def _label(printed: str | None) -> tuple[str, str | None, str | None, str | None]:
    """A row label's kind (read from the label as printed) and its normalised name,
    marker and 목 code."""
    if printed is None:
        return row_kind(printed), None, None, None
    label = normalise_label(printed)
    return row_kind(printed), label.name, label.marker, label.code


def _summary_amount(printed: str | None, note: str | None) -> tuple:
    """An amount with the note's unit even when nothing is printed."""
    value, unit, won = amount(printed, note)
    return value, unit or unit_from_note(note), won


def table_unit_notes(cells: pd.DataFrame) -> pd.Series:
    """Each cell's unit note: its table's, else one drawn in its column labels, else that
    of the table it continues (see the module's note)."""
    notes = cells["unit_note"].astype(object).where(cells["unit_note"].notna(), None)
    if cells.empty:
        return notes
    found: dict[tuple[object, object], str] = {}
    previous: dict[object, tuple[int, frozenset, object, str | None]] = {}
    keys = ["document_id", "table_index"]
    for (document, table), group in cells.assign(unit_note=notes).groupby(keys, sort=True):
        labels = frozenset(label for label in group["column_label"] if isinstance(label, str))
        pages = group["page"].dropna()
        first, last = (int(pages.min()), int(pages.max())) if len(pages) else (None, None)
        project = group["project"].iloc[0] if isinstance(group["project"].iloc[0], str) else None
        note = next((n for n in group["unit_note"] if isinstance(n, str)), None)
        if note is None:
            note = next((label for label in labels if is_unit_note(label)), None)
        before = previous.get(document)
        if note is None and before is not None and first is not None:
            last_before, labels_before, project_before, note_before = before
            if (labels, project) == (labels_before, project_before) and first == last_before + 1:
                note = note_before
        if note is not None:
            found[(document, table)] = note
        previous[document] = (last if last is not None else -1, labels, project, note)
    inherited = pd.Series(
        [found.get(key) for key in zip(cells["document_id"], cells["table_index"], strict=True)],
        index=cells.index,
        dtype=object,
    )
    return notes.where(notes.notna(), inherited)
