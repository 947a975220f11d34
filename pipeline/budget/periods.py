"""Budget phases and fiscal years, read from column labels.

A label that names only a year (``2024``) is that year's 예산.

``2016예산액 (A)`` → (2016, 예산, A); ``증감 (B-A)`` → (None, 증감); ``(B-A)*100/A`` →
(None, 증감률); ``2024년 정부안`` → (2024, 정부안).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.budget.numbers import normalise

# Checked in this order: the longer word first (본예산 before 예산, 국회확정 before 확정).
PHASES = (
    ("증감률", re.compile(r"증감[률율]|증감비율|\([A-Z]-[A-Z]\)(\*100)?/[A-Z]")),
    ("증감", re.compile(r"증감|[A-Z]-[A-Z]")),
    ("국회확정", re.compile(r"국회확정")),
    ("정부안", re.compile(r"정부안")),
    ("본예산", re.compile(r"본예산")),
    ("요구안", re.compile(r"요구")),  # the ministry's request: 요구안, 요구, 예산요구
    ("조정", re.compile(r"조정")),  # 기획재정부's adjustment of the request
    ("추경", re.compile(r"추경|추가경정")),
    ("결산", re.compile(r"결산")),
    ("당초", re.compile(r"당초|기정")),
    ("수정", re.compile(r"수정")),
    ("확정", re.compile(r"확정|최종")),  # 최종(B): the final figure
    ("예산", re.compile(r"예산|계획")),  # 계획: a fund's plan, its budget
)
DERIVED_PHASES = ("증감", "증감률")
# A header that names a phase, as the 총괄 recogniser counts them.
PHASE_HEADER = re.compile(r"예산|결산|추경|정부안|확정|당초|수정|요구|조정|증감|\(B-A\)")
# A label that names a year or a phase, so it is no 사업명.
PERIOD_WORD = re.compile(r"(19|20)\d\d|예산|결산|추경|정부안|확정")
# A row label that names a year (a table with one row per year): ``2024``, ``'24년``.
YEAR_ROW = re.compile(r"^['’‘]?(?:(?:19|20)\d\d(?!\d)|\d\d(?:년|$))")  # not ``119빅데이터``
EXECUTION = re.compile(r"현액|집행|이월|불용|실적")  # execution figures, not a budget phase
YEAR_ONLY = re.compile(r"^(?:(?:19|20)\d\d|'\d\d)(?:년|년도)?$")
YEAR_LABEL = re.compile(r"(?:19|20)\d\d(?:년|년도)?")  # ``2024``: a year, never an amount
YEAR = re.compile(r"(?<!\d)(?:(19|20)(\d\d)|['’‘](\d\d))(?!\d)")
# ``(B)``; also ``본예산B)``, where a PDF's text layer lost the opening bracket.
LETTER = re.compile(r"(?:\(|(?<=[가-힣]))([A-Z])\)")


@dataclass(frozen=True)
class ColumnPeriod:
    fiscal_year: int | None
    phase: str | None
    letter: str | None  # the (A)/(B) mark that 증감 columns refer to


def year_in(label: str) -> int | None:
    """The fiscal year a label names: ``2024``, ``’24년``."""
    match = YEAR.search(label)
    if not match:
        return None
    return int(match[1] + match[2]) if match[1] else 2000 + int(match[3])


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
    letter = LETTER.search(text)
    return ColumnPeriod(year_in(text), phase, letter[1] if letter else None)


def is_year_label(text: str | None) -> bool:
    """A cell that prints a year alone (``2024``, ``2024년``), as headers and label
    columns do."""
    return bool(text) and bool(YEAR_LABEL.fullmatch(normalise(text or "")))
