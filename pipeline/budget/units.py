"""Money units (원 … 조원): their factors, how they are written, and unit notes.

``WON_PER_UNIT`` is the one list of money units; every pattern that finds a unit in
printed text is built from it here, so a new unit is one line.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, localcontext

BIGINT_MAX = 2**63 - 1  # the marts store 원 as BIGINT
# 원 per printed unit.
WON_PER_UNIT = {
    "원": 1,
    "천원": 1_000,
    "만원": 10_000,
    "백만원": 1_000_000,
    "천만원": 10_000_000,
    "억원": 100_000_000,
    "십억원": 1_000_000_000,
    "조원": 1_000_000_000_000,
    # 백만원 shortened, in books that count in 백만원: ``(’26) 1,105백``, ``1개×500백만×9/12개월``;
    # never before a word (``5백명``, ``1.66백만 어절``).
    "백만": 1_000_000,
    "백": 1_000_000,
}
SHORTENED = ("백만", "백")


def _unit_patterns(between: str = "") -> str:
    """The units as one alternation, the longest first (천만원 before 만원, 천원 before 원),
    ``between`` their syllables; a shortened one never before a word."""
    return "|".join(
        between.join(unit) + (r"(?!\s?[가-힣])" if unit in SHORTENED else "")
        for unit in sorted(WON_PER_UNIT, key=len, reverse=True)
    )


MONEY_UNIT = _unit_patterns()
# A unit whose syllables a text layer set apart (``180천 원``); the unit is the syllables.
SPACED_MONEY_UNIT = re.compile(_unit_patterns(r"\s?"))
# A remark in brackets, brackets within it: ``(질문1회 165원 × … 사용(추정) × 2.47배)``.
BRACKETED = r"\((?:[^()]|\([^()]*\))*\)"
# An amount written with its unit in running text: ``1,500백만원``, ``△28,240천원``.
MONEY_AMOUNT = r"[△▲\-−]?\d[\d,]*(?:\.\d+)?\s*(?:" + MONEY_UNIT + ")"
# A line that ends with its amount after a formula (``1개×500백만×9/12개월=375백만원``): one
# more such line under it is an item beside it, not the rest of it.
FORMULA_THEN_AMOUNT = re.compile(r"[×xX*]\s*[^=≒]*[=≒]\s*" + MONEY_AMOUNT + r"\s*$")
# ``AP개선(92백만원) : 1식×92백만원``: a name with its amount in brackets, then the formula
# that computes it; as complete a line as one that ends with its amount.
NAMED_AMOUNT_THEN_FORMULA = re.compile(
    r"^(?P<name>.*?\S)\s*\(\s*(?P<amount>" + MONEY_AMOUNT + r")\s*\)\s*:\s*"
    r"(?P<formula>[^:=≒]*\d\s*[^\s\d,.]*\s*[×xX*✕][^:=≒]*)$"
)
# A figure followed by a money unit anywhere in a text; group 1 is the unit.
MONEY_IN_TEXT = re.compile(r"\d[\d,.]*\s*(" + MONEY_UNIT + ")")
UNIT_NOTE = re.compile(r"단\s*위\s*[:：]?\s*(?P<unit>" + MONEY_UNIT + ")")
UNIT_NOTE_START = re.compile(r"\(\s*단\s*위\s*[:：]")


def unit_from_note(note: str | None) -> str | None:
    """``(단위 : 천원)`` → ``천원``; ``(단위: 백만원, %)`` → ``백만원``."""
    if not isinstance(note, str):
        return None
    match = UNIT_NOTE.search("".join(unicodedata.normalize("NFKC", note).split()))
    return match["unit"] if match else None


POINT_NOTE = re.compile(r"%\s*p")


def names_percent_points(note: str | None) -> bool:
    """``(단위: 조원, %p)``: the table's changes are in percentage points, not money."""
    return isinstance(note, str) and bool(POINT_NOTE.search(note))


def is_unit_note(text: str) -> bool:
    """A line that opens a unit note: ``(단위 : 천원)``."""
    return bool(UNIT_NOTE_START.search(text))


def money_unit_in(text: str) -> str | None:
    """The money unit of the first figure written with one in ``text``."""
    match = MONEY_IN_TEXT.search(text)
    return match[1] if match else None


def to_won(value: Decimal, unit: str | None) -> int | None:
    """A value in a money unit to integer 원 (half-up below 1 원); ``None`` if not money."""
    if unit not in WON_PER_UNIT:
        return None
    with localcontext() as context:
        context.prec = 60
        won = int((value * WON_PER_UNIT[unit]).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return won if abs(won) <= BIGINT_MAX else None


MAX_ROUNDED_PLACES = 3  # 66,457,000천원: a 천원 figure rounded to 백만원, never coarser


def rounding_tolerance_won(printed: str | None, unit: str | None) -> int:
    """How far a printed amount may lie from the exact figure and still be that figure
    rounded: below one printed unit (50,390천원 for 50,389,200원), or half the step its
    trailing zeros show, up to three places (25,000천원 for 24,960천원)."""
    won = WON_PER_UNIT.get(unit or "원", 1)
    digits = re.sub(r"\D", "", (printed or "").split(".")[0])
    zeros = min(len(digits) - len(digits.rstrip("0")), MAX_ROUNDED_PLACES) if digits else 0
    return max(won, won * 10**zeros // 2 + 1)


COMPILED_IN = "천원"  # budgets are compiled in 천원: a coarser unit prints them rounded


def sum_rounding_tolerance_won(unit: str | None, terms: int) -> int:
    """How far ``terms`` figures printed rounded to ``unit`` may add up from their total,
    rounded the same way: (terms + 1) // 2 units for a unit coarser than the 천원 budgets are
    compiled in (백만원, 억원, …); none for 천원 and 원, whose figures are exact."""
    won = WON_PER_UNIT.get(unit or "원", 1)
    return (terms + 1) // 2 * won if won > WON_PER_UNIT[COMPILED_IN] else 0


# Column headers whose figures are never money, whatever the table's unit note says
# (``(단위: 백만원, %)``): rates and shares, and counts. A long header is a sentence, not a
# column's name.
PERCENT_HEADER = re.compile(r"률|율|%|비율|비중")
COUNT_HEADER = re.compile(r"인원|명수|건수|개수|수량|횟수")
HEADER_LENGTH = 15


def column_kind(header: str | None) -> str | None:
    """``percent`` or ``count`` for a column whose figures are not money, else ``None``."""
    text = "".join(unicodedata.normalize("NFKC", header or "").split())
    if not text or len(text) > HEADER_LENGTH:
        return None
    if PERCENT_HEADER.search(text):
        return "percent"
    return "count" if COUNT_HEADER.search(text) else None
