"""Column labels of budget tables to fiscal year and phase.

A label that names only a year (``2024``) is that year's 예산.

``2016예산액 (A)`` → (2016, 예산, A); ``증감 (B-A)`` → (None, 증감); ``(B-A)*100/A`` →
(None, 증감률); ``2024년 정부안`` → (2024, 정부안).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.transform.numbers import normalise

# Checked in this order: the longer word first (본예산 before 예산, 국회확정 before 확정).
PHASES = (
    ("증감률", re.compile(r"증감[률율]|\([A-Z]-[A-Z]\)(\*100)?/[A-Z]")),
    ("증감", re.compile(r"증감|[A-Z]-[A-Z]")),
    ("국회확정", re.compile(r"국회확정")),
    ("정부안", re.compile(r"정부안")),
    ("본예산", re.compile(r"본예산")),
    ("추경", re.compile(r"추경|추가경정")),
    ("결산", re.compile(r"결산")),
    ("당초", re.compile(r"당초|기정")),
    ("수정", re.compile(r"수정")),
    ("확정", re.compile(r"확정")),
    ("예산", re.compile(r"예산|요구")),
)
DERIVED_PHASES = ("증감", "증감률")
YEAR = re.compile(r"(?<!\d)(19|20)(\d\d)(?!\d)|'(\d\d)(?!\d)")
LETTER = re.compile(r"\(([A-Z])\)")


@dataclass(frozen=True)
class ColumnPeriod:
    fiscal_year: int | None
    phase: str | None
    letter: str | None  # the (A)/(B) mark that 증감 columns refer to


def label_to_period(label: str) -> ColumnPeriod:
    text = normalise(label)
    phase = next((name for name, pattern in PHASES if pattern.search(text)), None)
    if phase is None and YEAR.search(text):
        phase = "예산"  # a column that names only its year holds that year's budget
    if phase in DERIVED_PHASES:
        return ColumnPeriod(None, phase, None)
    year = YEAR.search(text)
    fiscal_year = None
    if year:
        fiscal_year = int(year[1] + year[2]) if year[1] else 2000 + int(year[3])
    letter = LETTER.search(text)
    return ColumnPeriod(fiscal_year, phase, letter[1] if letter else None)
