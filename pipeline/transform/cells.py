"""Every table cell → ``cells``: the number it prints (sign applied), its unit, its 원.

A unit note makes money only of the money columns: a rate column (증감률, 집행률, %, 비율)
holds percents, a count column (인원, 수량) counts, and a year printed alone in the header
row or the label column (``2024``) is a year, never 원.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.budget.periods import is_year_label, label_to_period
from pipeline.budget.units import column_kind
from pipeline.transform.amounts import amount, each_distinct, nullable


def cells_to_values(cells: pd.DataFrame) -> pd.DataFrame:
    """Every cell with the number it prints (sign applied), its unit and its value in 원."""
    value, unit, won = each_distinct(cells[["text", "unit_note"]], amount, 3)
    (kind,) = each_distinct(cells[["column_header"]], _column_kind, 1)
    printed = value != None  # noqa: E711 (elementwise)
    is_rate = (kind == "percent") & printed
    is_count = (kind == "count") & printed
    (year,) = each_distinct(cells[["text"]], lambda text: (is_year_label(text),), 1)
    in_labels = ((cells["row_index"] == 0) | (cells["col_index"] == 0)).to_numpy()
    not_money = is_rate | is_count | (year.astype(bool) & in_labels)
    units = np.where(is_rate, "%", np.where(is_count | (year.astype(bool) & in_labels), None, unit))
    return cells.assign(
        value=nullable(value, "Float64", cells.index),
        unit=pd.Series(units, index=cells.index, dtype=object),
        value_won=nullable(won, "Int64", cells.index).mask(not_money),
    )


def _column_kind(header: str | None) -> tuple[str | None]:
    """``percent`` for a 증감률 column or a rate or share column, ``count`` for counts."""
    if header and label_to_period(header).phase == "증감률":
        return ("percent",)
    return (column_kind(header),)
