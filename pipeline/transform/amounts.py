"""Printed amounts and column labels, parsed once per distinct value.

A book repeats its figures, unit notes and labels on every page, so each distinct value
is parsed once (``each_distinct``) and spread back to the rows with numpy: the number
grammar stays in one place (``pipeline.budget``, exact ``Decimal`` arithmetic) without
a Python call per cell.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Literal

import numpy as np
import pandas as pd

from pipeline.budget.numbers import parse_number
from pipeline.budget.periods import label_to_period
from pipeline.budget.units import to_won, unit_from_note


@lru_cache(maxsize=65536)  # the same figure and note recur across a book
def amount(printed: str | None, note: str | None) -> tuple[float | None, str | None, int | None]:
    """(value as printed with sign, unit, value in 원) of one printed amount."""
    number = parse_number(printed)
    if number is None:
        return None, None, None
    unit = number.unit or unit_from_note(note)
    return float(number.value), unit, to_won(number.value, unit)


def period(label: str | None) -> tuple:
    """(fiscal year, phase, column letter) of a column label."""
    found = label_to_period(label) if label is not None else None
    return (found.fiscal_year, found.phase, found.letter) if found else (None, None, None)


def each_distinct(values: pd.DataFrame, parse: Callable[..., tuple], width: int) -> np.ndarray:
    """``parse`` over the columns of each row, run once per distinct row and spread back
    to every row: ``width`` object arrays, one per field of ``parse``'s result; missing
    values reach it as ``None``."""
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


def nullable(values: np.ndarray, dtype: Literal["Int64", "Float64"], index: pd.Index) -> pd.Series:
    """An object array of values and ``None`` as a nullable column."""
    return pd.Series(values, index=index, dtype=object).astype(dtype)
