"""Glyphs drawn over another glyph, read as the one sign the page shows.

HWP's 글자 겹치기 prints ``①`` as a large circle (``◯``) with a small ``1`` set inside it.
The text layer keeps two glyphs, ``◯1``, where the reader of the page sees one circled
number, a list marker. A run of digits whose glyphs lie inside a circle glyph's box, each
smaller than the circle, is that circle's number: the circle becomes the circled number
(``①`` … ``㊿``, Unicode's enclosed numerics) and the digits are dropped. Unicode has no
composition for this (it is drawing, not text), so no library does it.
"""

from __future__ import annotations

from typing import Any

CIRCLES = frozenset("◯○")
INSIDE = 0.5  # points a digit's box may stand out of the circle's, on any side


def circled_number(number: int) -> str | None:
    """``①`` for 1 … ``㊿`` for 50; ``None`` outside Unicode's circled numbers."""
    if 1 <= number <= 20:
        return chr(0x2460 + number - 1)
    if 21 <= number <= 35:
        return chr(0x3251 + number - 21)
    if 36 <= number <= 50:
        return chr(0x32B1 + number - 36)
    return None


def compose_circled_numbers(page: Any) -> Any:
    """The page with each circle-and-digits drawing read as its circled number (the
    circle's character is changed where the page keeps it; its digits are filtered out)."""
    chars = page.chars
    inner: set[int] = set()
    for index, char in enumerate(chars):
        if char["text"] not in CIRCLES:
            continue
        digits = _digits_inside(chars, index)
        sign = circled_number(int("".join(d["text"] for d in digits))) if digits else None
        if sign is None:
            continue
        char["text"] = sign
        inner.update(id(digit) for digit in digits)
    if not inner:
        return page
    return page.filter(lambda obj: id(obj) not in inner)


def _digits_inside(chars: list[dict], index: int) -> list[dict]:
    """The digits drawn inside the circle at ``index``: they follow it in the text
    layer (a glyph or two around it may precede them), smaller than the circle."""
    circle = chars[index]
    near = chars[max(0, index - 2) : index] + chars[index + 1 : index + 4]
    return sorted(
        (c for c in near if c["text"].isdigit() and _within(c, circle)),
        key=lambda c: c["x0"],
    )


def _within(char: dict, circle: dict) -> bool:
    return (
        char["size"] < circle["size"]
        and char["x0"] >= circle["x0"] - INSIDE
        and char["x1"] <= circle["x1"] + INSIDE
        and char["top"] >= circle["top"] - INSIDE
        and char["bottom"] <= circle["bottom"] + INSIDE
    )
