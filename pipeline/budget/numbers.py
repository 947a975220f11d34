"""Printed numbers to values: signs, brackets, empty cells, and count scales.

``△28,240`` and ``▲28,240`` are negative, as are ``-28,240`` and ``(28,240)``; an empty
cell is unknown (``None``), never 0. A cell that prints only a dash (``-``, ``–``, ``―``)
prints no number: by the documents' convention it means "nothing" (zero or not
applicable), and it is stored as no amount (``None``) without a warning, since no figure
was lost. A cell that prints a digit is a number (``prints_digit``): when it cannot be
read as one, or its unit is not known, the ``unit-unknown`` and ``unparsed-amount``
rules say so. Values are ``Decimal``, so no float rounding touches a budget figure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from pipeline.budget.units import MONEY_UNIT

NEGATIVE_SIGNS = "△▲-−"
DASHES = "-‐‑‒–—―−"  # a cell of dashes alone prints no number (see the module's note)
DIGIT = re.compile(r"\d")
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"  # thousands groups of exactly three
NUMBER = re.compile(
    r"(?P<sign>[△▲\-−]?)(?P<open>\(?)(?P<digits>" + DIGITS + r")(?P<close>\)?)"
    r"(?P<unit>" + MONEY_UNIT + r"|%)?"
)
# Scale words of counts: ``115.0만 세대`` is 1,150,000 세대.
COUNT_SCALE = {  # ``115.0만 세대``, ``1.66백만어절``: a count written with its scale word
    "만": Decimal(10_000),
    "천": Decimal(1_000),
    "억": Decimal(100_000_000),
    "십만": Decimal(100_000),
    "백만": Decimal(1_000_000),
    "천만": Decimal(10_000_000),
}


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


def prints_digit(printed: str | None) -> bool:
    """A cell that prints a figure: a digit (full-width ones too), whatever surrounds it."""
    return isinstance(printed, str) and bool(DIGIT.search(normalise(printed)))


def is_dash(printed: str | None) -> bool:
    """A cell that prints only dashes (``-``, ``–``, ``―``): nothing, by convention."""
    text = normalise(printed) if isinstance(printed, str) else ""
    return bool(text) and all(ch in DASHES for ch in text)


def is_value(text: str) -> bool:
    """A cell that is one number as printed: ``691,705``, ``△28,240``, ``0 %``, ``663,465천원``."""
    return bool(NUMBER.fullmatch(normalise(text)))


def percent_value(printed: str) -> Decimal:
    """The magnitude of a printed rate: ``△3.5%`` → 3.5 (the sign is the caller's)."""
    return Decimal(normalise(printed).strip("%" + NEGATIVE_SIGNS).replace(",", ""))


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def decimals_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
