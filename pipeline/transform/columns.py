"""Column labels of budget tables to fiscal year and phase.

A label that names only a year (``2024``) is that year's 예산.

``2016예산액 (A)`` → (2016, 예산, A); ``증감 (B-A)`` → (None, 증감); ``(B-A)*100/A`` →
(None, 증감률); ``2024년 정부안`` → (2024, 정부안).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.transform.numbers import normalise

# Checked in this order: the longer word first (본예산 before 예산, 국회확정 before 확정).
PHASES = (
    ("증감률", re.compile(r"증감[률율]|증감비율|\([A-Z]-[A-Z]\)(\*100)?/[A-Z]")),
    ("증감", re.compile(r"증감|[A-Z]-[A-Z]")),
    ("국회확정", re.compile(r"국회확정")),
    ("정부안", re.compile(r"정부안")),
    ("본예산", re.compile(r"본예산")),
    ("추경", re.compile(r"추경|추가경정")),
    ("결산", re.compile(r"결산")),
    ("당초", re.compile(r"당초|기정")),
    ("수정", re.compile(r"수정")),
    ("확정", re.compile(r"확정")),
    ("예산", re.compile(r"예산|요구|계획")),  # 계획: a fund's plan, its budget
)
DERIVED_PHASES = ("증감", "증감률")
ROW_MARKERS = "○●◦ㆍ․·•▷□■*-"
# 계, 합계, 총계 alone, or a label that says it is the total: "○ 기능별 분류(합계)".
TOTAL = re.compile(r"^(계|합계|총계|총합계)$|\((합계|계|총계)\)$|합계$")
SUBTOTAL = re.compile(r"소계$")
EXECUTION = re.compile(r"현액|집행|이월|불용|실적")  # execution figures, not a budget phase
YEAR_ONLY = re.compile(r"^(?:(?:19|20)\d\d|'\d\d)(?:년|년도)?$")
YEAR = re.compile(r"(?<!\d)(19|20)(\d\d)(?!\d)|'(\d\d)(?!\d)")
LETTER = re.compile(r"\(([A-Z])\)")


@dataclass(frozen=True)
class ColumnPeriod:
    fiscal_year: int | None
    phase: str | None
    letter: str | None  # the (A)/(B) mark that 증감 columns refer to


def _row_label(label: object) -> str:
    return normalise(label).lstrip(ROW_MARKERS) if isinstance(label, str) else ""


def is_total_label(label: object) -> bool:
    """계, 합계, 총계, or a label marked as the total: ``○ 기능별 분류(합계)``."""
    return bool(TOTAL.search(_row_label(label)))


def is_subtotal_label(label: object) -> bool:
    return bool(SUBTOTAL.search(_row_label(label)))


@lru_cache(maxsize=4096)  # a book repeats a few column labels on every page
def label_to_period(label: str) -> ColumnPeriod:
    text = normalise(label)
    if EXECUTION.search(text):
        return ColumnPeriod(None, None, None)
    phase = next((name for name, pattern in PHASES if pattern.search(text)), None)
    if phase is None and YEAR_ONLY.match(text):
        phase = "예산"  # a column that names only its year holds that year's budget
    if phase in DERIVED_PHASES:
        return ColumnPeriod(None, phase, None)
    year = YEAR.search(text)
    fiscal_year = None
    if year:
        fiscal_year = int(year[1] + year[2]) if year[1] else 2000 + int(year[3])
    letter = LETTER.search(text)
    return ColumnPeriod(fiscal_year, phase, letter[1] if letter else None)
