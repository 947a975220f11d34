"""Rules over 추진일정 tables (``schedule``)."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from pipeline.checks.report import Finding
from pipeline.checks.rules.common import finding, fmt_won, printed_unit, source
from pipeline.checks.rules.registry import rule


@rule("schedule-total-equals-rows", reads=("schedule",))
def schedule_total_equals_rows(schedule: pd.DataFrame) -> Iterator[Finding]:
    """Rule 5b: the 추진일정 계 equals the sum of its rows."""
    for (document_key, table_index), rows in schedule.groupby(["document_id", "table_index"]):
        document_id = str(document_key)
        totals = rows["row_kind"] == "total"
        items = rows[~totals].dropna(subset=["amount_won"])
        for _, total in rows[totals].iterrows():
            if pd.isna(total.amount_won) or items.empty:
                continue
            expected, actual = int(items["amount_won"].sum()), int(total.amount_won)
            yield finding(
                document_id,
                f"table {table_index}, row {total.row_index} ({total.step})",
                expected,
                actual,
                f"추진일정 {total.step} {fmt_won(actual)}; its {len(items)} rows add up to "
                f"{fmt_won(expected)}",
                ok=expected == actual,
                printed_unit=printed_unit(total),
                sources=[
                    source(total, "checked"),
                    *(source(item) for _, item in items.iterrows()),
                ],
            )
