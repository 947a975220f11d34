"""Every table cell → ``cells``: the number it prints (sign applied), its unit, its 원."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.budget.periods import label_to_period
from pipeline.transform.amounts import amount, each_distinct, nullable


def cells_to_values(cells: pd.DataFrame) -> pd.DataFrame:
    """Every cell with the number it prints (sign applied), its unit and its value in 원."""
    value, unit, won = each_distinct(cells[["text", "unit_note"]], amount, 3)
    (rate_column,) = each_distinct(cells[["column_header"]], _is_rate_column, 1)
    is_rate = rate_column.astype(bool) & (value != None)  # noqa: E711 (elementwise)
    return cells.assign(
        value=nullable(value, "Float64", cells.index),
        unit=pd.Series(np.where(is_rate, "%", unit), index=cells.index, dtype=object),
        value_won=nullable(won, "Int64", cells.index).mask(is_rate),
    )


def _is_rate_column(header: str | None) -> tuple[bool]:
    return (bool(header) and label_to_period(header).phase == "증감률",)
