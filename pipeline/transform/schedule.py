"""추진일정 rows as printed → ``schedule``: amounts in 원 and the row's kind (계 or a step)."""

from __future__ import annotations

import pandas as pd

from pipeline.budget.totals import row_kind
from pipeline.staging import transform_columns
from pipeline.transform.amounts import amount, each_distinct, nullable


def schedule_raw_to_schedule(raw: pd.DataFrame) -> pd.DataFrame:
    _, unit, won = each_distinct(raw[["amount", "unit_note"]], amount, 3)
    (kind,) = each_distinct(raw[["step"]], lambda step: (row_kind(step),), 1)
    frame = raw.rename(columns={"amount": "amount_printed"}).assign(
        unit=unit, amount_won=nullable(won, "Int64", raw.index), row_kind=kind
    )
    return frame[transform_columns("schedule")]
