"""담당자 cells as printed → ``contacts``: one row per person."""

from __future__ import annotations

import pandas as pd

from pipeline.staging import records, rows_to_frame, transform_columns


def contacts_to_people(contacts: pd.DataFrame) -> pd.DataFrame:
    """담당자 cells → one row per person: office (실·국), department (부서), role, name, phone."""
    rows = []
    for (document_id, _, _), group in contacts.groupby(
        ["document_id", "table_index", "row_index"], sort=False
    ):
        by_header = {
            "".join(h.split()): c for h, c in zip(group["header"], records(group), strict=True)
        }
        office = next((c["printed"] for h, c in by_header.items() if "실" in h or h == "국"), None)
        department = next((c["printed"] for h, c in by_header.items() if "부서" in h), None)
        for role, cell in by_header.items():
            if "부서" in role or "실" in role or role == "국":
                continue
            name, _, phone = cell["printed"].partition(" ")
            rows.append(
                {
                    "document_id": document_id,
                    "office": office,
                    "department": department,
                    "role": role,
                    "name": name,
                    "phone": phone.strip() or None,
                    "printed": cell["printed"],
                    **{k: cell[k] for k in ("table_index", "row_index", "page", "line_no")},
                }
            )
    return rows_to_frame(rows, transform_columns("contacts"))
