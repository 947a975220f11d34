"""세부사업 and their 사업개요 fields as printed → ``projects``: one row per 세부사업 with a
name box or a 사업개요, its number and code, period, and 총사업비 with its 재원 split in 원."""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipeline.budget.numbers import parse_number
from pipeline.staging import in_groups, records, rows_to_frame, transform_columns
from pipeline.transform.amounts import amount

SOURCES = ("total_cost", "national", "city", "district", "other")  # 총사업비 and its 재원


def overview_to_projects(
    overview: pd.DataFrame, documents: pd.DataFrame, sections: pd.DataFrame
) -> pd.DataFrame:
    """One row per 세부사업 that a name box names or a 사업개요 describes, in document order
    (a name printed twice in one document is one 세부사업)."""
    titles = dict(zip(documents["document_id"], documents["title"], strict=True))
    fields = {
        key: {row["field"]: row["printed"] for row in group}
        for key, group in in_groups(records(overview), "document_id", "project").items()
    }
    boxes = in_groups(records(sections), "document_id", "project")
    rows = []
    for key in dict.fromkeys([*boxes, *fields]):
        box = boxes.get(key, [{}])[0]
        if box.get("project_code") is None and key not in fields:
            continue
        document_id, project = key
        name = project if isinstance(project, str) else titles.get(document_id)
        rows.append(_project_row(document_id, name, box, fields.get(key, {})))
    return rows_to_frame(rows, transform_columns("projects"))


def _project_row(
    document_id: str, project: str | None, box: dict[str, Any], fields: dict[str, Any]
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "document_id": document_id,
        "project": project,
        "project_number": box.get("project_number"),
        "project_code": box.get("project_code"),
        "page": box.get("page"),
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
    return row
