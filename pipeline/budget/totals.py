"""Which rows are totals: 계, 합계, 총계, and 소계 (a subtotal).

Transform decides a row's kind once, with ``row_kind``, and stores it on the row
(``budget_summary.row_kind``, ``schedule.row_kind``); the rules and the views read it.
"""

from __future__ import annotations

import re

from pipeline.budget.markers import strip_markers
from pipeline.budget.numbers import normalise

# 계, 합계, 총계 alone, or a label that says it is the total: "○ 기능별 분류(합계)".
TOTAL = re.compile(r"^(계|합계|총계|총합계)$|\((합계|계|총계)\)$|합계$")
SUBTOTAL = re.compile(r"소계$")
ROW_KINDS = ("total", "subtotal", "item")
# ``○ 기능·비목별 분류(합계)``: a total over 기능 rows (내역사업, no 목 code), each over the 비목
# rows of its own (``․일반수용비(210-01)``), often printed with the same marker.
FUNCTION_BY_OBJECT = re.compile(r"기능\s*[^\w\s]?\s*비목")


def is_function_by_object(label: object) -> bool:
    """Whether a total's label says its rows are 기능 rows over 비목 rows."""
    return bool(FUNCTION_BY_OBJECT.search(_row_label(label)))


def _row_label(label: object) -> str:
    return strip_markers(normalise(label)) if isinstance(label, str) else ""


def is_total_label(label: object) -> bool:
    """계, 합계, 총계, or a label marked as the total: ``○ 기능별 분류(합계)``."""
    return bool(TOTAL.search(_row_label(label)))


def is_subtotal_label(label: object) -> bool:
    return bool(SUBTOTAL.search(_row_label(label)))


def row_kind(label: object) -> str:
    """``total``, ``subtotal`` or ``item``: what a row's label says the row is."""
    if is_total_label(label):
        return "total"
    return "subtotal" if is_subtotal_label(label) else "item"


# A grant printed net of its recipient's own revenue: ``○ 민간경상보조(320-01) 63,888`` over
# items that add up to ``○ 총지출 107,906``, less ``○ 자체수입 44,018``.
GROSS_SPENDING = re.compile(r"^총지출$")
OWN_REVENUE = re.compile(r"^자체수입$")


def net_term(label: object) -> str | None:
    """``gross`` for 총지출, ``revenue`` for 자체수입 (a line's name, any spacing), else None."""
    name = "".join(_row_label(label).split())
    if GROSS_SPENDING.match(name):
        return "gross"
    return "revenue" if OWN_REVENUE.match(name) else None
