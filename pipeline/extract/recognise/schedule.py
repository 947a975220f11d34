"""추진일정: steps with their period and the amount spent, under a 계 row.

A table is a schedule only on evidence, never on two header words alone:

- its header row is of short labels naming a period column (``추진기간``, ``일정``), an
  amount column (``예산집행금액``, ``사업비``) and steps or 추진 (``사업추진절차``,
  ``단계``); a header about 결산 (``결산``, ``이월``, ``불용``, ``사유``) or 산출 is refused;
- the amount column's body cells are numbers (``653,465``; ``-`` counts as empty), at
  least one;
- most of the period column's body cells are periods (``2017.01~2017.12``,
  ``'17.1월 ~ 12월``, ``1/4분기``, ``연중``), not reasons or names.

So a 사업개요 box (``사업기간 | 2026 ~ 2030 | 총사업비``), a 국회 지적 table, a 총사업비
변경내역 or an empty 수행실적 form is not taken for a schedule.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.budget.labels import squash
from pipeline.budget.numbers import is_value
from pipeline.model import Document, Table

PERIOD_HEADERS = ("추진기간", "기간", "추진일정", "일정")
AMOUNT_HEADERS = ("금액", "예산", "사업비")
DETAIL_HEADERS = ("내용", "세부내용", "추진세부내용", "비고")
STEP_HEADERS = ("추진", "절차", "단계")
REFUSED_HEADERS = ("결산", "이월", "불용", "사유", "산출")
LABEL_LENGTH = 15  # a header label, not a sentence: ``(지적) … 사업기간 …`` is text
EMPTY = ("", "-", "–", "—")
PERIOD = re.compile(  # squashed: no spaces or brackets
    r"(?:\d+|[.'’‘~∼〜\-–/,·]|년|월|일|분기|반기|상|하|연중|상시|수시|개월|초|중|말|순|경)+"
)
# a date, a month, a quarter or all year; a bare ``3`` is a row number, not a period
PERIOD_MARK = re.compile(
    r"\d[.~∼〜\-–/]|[.'’‘~∼〜\-–/]\d|^\d{4}$|월|분기|반기|연중|상시|수시|개월|년"
)


def _find(header: list[str], words: tuple[str, ...]) -> int | None:
    return next((c for c, h in enumerate(header) if any(w in h for w in words)), None)


def _labels(header: list[str]) -> list[str]:
    """The squashed header row with each cell too long to be a label left empty."""
    return [h if len(h) <= LABEL_LENGTH else "" for h in header]


def _body(table: Table, col: int) -> list[str]:
    """The column's cells below the header, squashed, without empty or dash cells."""
    cells = (squash(row[col]) for row in table.grid()[1:])
    return [text for text in cells if text not in EMPTY]


def is_period(text: str) -> bool:
    """A squashed cell that reads as a period: ``2017.01~2017.12``, ``'17.1월~12월``,
    ``1/4분기``, ``연중``; not ``주관기관``, nor a bare row number."""
    return bool(PERIOD.fullmatch(text) and PERIOD_MARK.search(text))


def _has_schedule_body(table: Table, period: int, amount: int) -> bool:
    amounts, periods = _body(table, amount), _body(table, period)
    looks_like_periods = sum(map(is_period, periods)) * 2 > len(periods)
    return bool(amounts) and all(map(is_value, amounts)) and looks_like_periods


def _columns(table: Table) -> dict[str, int | None] | None:
    printed = [squash(text) for text in table.grid()[0]] if table.n_rows else []
    if not printed or any(w in "".join(printed) for w in REFUSED_HEADERS):
        return None
    header = _labels(printed)
    period, amount = _find(header, PERIOD_HEADERS), _find(header, AMOUNT_HEADERS)
    if period is None or amount is None or period == amount:
        return None
    if _find(header, STEP_HEADERS) is None or not _has_schedule_body(table, period, amount):
        return None
    return {"period": period, "amount": amount, "detail": _find(header, DETAIL_HEADERS)}


def find_schedule_rows(document: Document) -> list[dict[str, Any]]:
    rows = []
    for table in document.tables:
        columns = _columns(table)
        if columns is None:
            continue
        for r, row in enumerate(table.grid()[1:], start=1):
            if not any(row):
                continue
            amount_cell = table.cell_at(r, columns["amount"])  # type: ignore[arg-type]
            rows.append(
                {
                    "table_index": table.index,
                    "row_index": r,
                    "step": row[0],
                    **{k: (row[c] if c is not None else None) for k, c in columns.items()},
                    "unit_note": table.unit,
                    "page": amount_cell.page if amount_cell else table.page,
                    "line_no": amount_cell.line_no if amount_cell else None,
                }
            )
    return rows
