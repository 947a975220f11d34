"""Rules over 사업개요 (``projects``)."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from pipeline.checks.report import Finding
from pipeline.checks.rules.common import finding, fmt_won, int_or_none
from pipeline.checks.rules.registry import rule


@rule("total-cost-equals-sources", reads=("projects",))
def total_cost_equals_sources(projects: pd.DataFrame) -> Iterator[Finding]:
    """Rule 5c: 총사업비 equals the sum of its 재원 split (국비, 시비, 구비, 기타)."""
    sources = ["national_won", "city_won", "district_won", "other_won"]
    per_document = projects["document_id"].value_counts()
    for _, project in projects.iterrows():
        book = per_document[project.document_id] > 1  # name the 세부사업 in a book
        where = f"사업개요 총사업비 ({project.project})" if book else "사업개요 총사업비"
        split = [int_or_none(project[s]) for s in sources]
        known = [won for won in split if won is not None]
        total = int_or_none(project.total_cost_won)
        if total is None or not known:
            continue
        yield finding(
            str(project.document_id),
            where,
            sum(known),
            total,
            f"총사업비 {fmt_won(total)}; 국비+시비+구비+기타 = {fmt_won(sum(known))}",
            ok=total == sum(known),
        )
