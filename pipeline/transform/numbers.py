"""Printed numbers to values: units, signs, empty cells.

``△28,240`` and ``▲28,240`` are negative, as are ``-28,240`` and ``(28,240)``; an empty
cell is unknown (``None``), never 0. Amounts become integer 원 with ``Decimal``
arithmetic, so no float rounding touches a budget figure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
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
}
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"  # thousands groups of exactly three
NUMBER = re.compile(
    r"(?P<sign>[△▲\-−]?)(?P<open>\(?)(?P<digits>" + DIGITS + r")(?P<close>\)?)"
    r"(?P<unit>십억원|백만원|천만원|천원|만원|억원|조원|원|%)?"
)
UNIT_NOTE = re.compile(r"단\s*위\s*[:：]?\s*(?P<unit>십억원|백만원|천만원|천원|만원|억원|조원|원)")


@dataclass(frozen=True)
class Number:
    """A number as printed: its value with the sign applied and the unit written beside it."""

    value: Decimal
    unit: str | None  # 원, 천원, …, or % ; None when the printed text names no unit


def normalise(text: str) -> str:
    """Full-width digits to ASCII, spaces and line breaks removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def parse_number(printed: str | None) -> Number | None:
    """The number in a cell printed as exactly one number, else ``None``.

    A number may wrap (``1,234,`` over ``567``), but lines that are each a number are
    stacked values (``714`` over ``13``: two rows drawn in one cell), not one number.
    """
    if not isinstance(printed, str):
        return None
    lines = [line for line in printed.splitlines() if line.strip()]
    if len(lines) > 1 and all(NUMBER.fullmatch(normalise(line)) for line in lines):
        return None
    match = NUMBER.fullmatch(normalise(printed))
    if not match or bool(match["open"]) != bool(match["close"]):
        return None
    value = Decimal(match["digits"].replace(",", ""))
    if match["sign"] or match["open"]:
        value = -value
    return Number(value, match["unit"])


def unit_from_note(note: str | None) -> str | None:
    """``(단위 : 천원)`` → ``천원``; ``(단위: 백만원, %)`` → ``백만원``."""
    match = UNIT_NOTE.search(normalise(note)) if isinstance(note, str) else None
    return match["unit"] if match else None


def to_won(value: Decimal, unit: str | None) -> int | None:
    """A value in a money unit to integer 원 (half-up below 1 원); ``None`` if not money."""
    if unit not in WON_PER_UNIT:
        return None
    with localcontext() as context:
        context.prec = 60
        won = int((value * WON_PER_UNIT[unit]).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return won if abs(won) <= BIGINT_MAX else None


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def decimals_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
