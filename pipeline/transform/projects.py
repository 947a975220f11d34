"""사업개요 fields as printed → ``projects``: one row per 세부사업 with its 재원 split in 원."""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipeline.budget.numbers import parse_number
from pipeline.staging import in_groups, records, rows_to_frame, transform_columns
from pipeline.transform.amounts import amount

SOURCES = ("total_cost", "national", "city", "district", "other")  # 총사업비 and its 재원


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
            "project": project if isinstance(project, str) else titles.get(document_id),
            "period": fields.get("period"),
            "project_type": fields.get("project_type"),
            "continuity": fields.get("continuity"),
            "nature": fields.get("nature"),
            "description": fields.get("description"),
            "total_cost_printed": fields.get("total_cost"),
        }
        for source in SOURCES:
            row[f"{source}_won"] = amount(fields.get(source), None)[2]
        rate = parse_number(fields.get("subsidy_rate"))
        row["subsidy_rate_percent"] = float(rate.value) if rate else None
        rows.append(row)
    return rows_to_frame(rows, transform_columns("projects"))
