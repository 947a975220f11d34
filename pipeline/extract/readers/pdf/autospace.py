"""Autospace: the gap a word processor sets between Asian and Western text, not a space.

LibreOffice (and Word, with "adjust space between Asian and Latin text") sets a digit or
a Latin letter a fifth of an em apart from the Hangul beside it: ``279,940원*15일`` is
drawn ``279,940 원*15 일`` with no space glyph in the gaps. Words are joined by gap
(``TEXT_SETTINGS``), so the gaps read as spaces. HWP sets no such gap, but draws some of
its spaces as gaps of a quarter em, with no glyph, so a gap alone cannot tell the two
apart: the page must show how it was made.

A page autospaces when all of these hold:

- it writes its spaces as glyphs (``MIN_SPACE_GLYPHS`` between the glyphs of a line);
- every Asian–Western neighbour pair on a line is set apart: none closer than
  ``MIN_GAP`` em, and ``MIN_AUTOSPACES`` of them between ``MIN_GAP`` and ``MAX_GAP``;
- no other pair of neighbours of one script (two Hangul, two digits) is that far apart
  without a space glyph.

On such a page the gap belongs to the glyph before it: its box is widened to the next
glyph, as the producer widened its advance, and the two read as one word. On every page
of the corpus drawn by HWP at least one Asian–Western pair touches, so none is changed.
No PDF library knows this (it is a convention of the producer, not of the file format).
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from pipeline.extract.readers.pdf.tables import group_by_line

MIN_SPACE_GLYPHS = 5
MIN_AUTOSPACES = 3
MIN_GAP = 0.12  # em: Asian–Western neighbours closer than this touch
MAX_GAP = 0.3  # em: a gap this wide or wider is a space, or a column's edge


def absorb_autospace(page: Any) -> bool:
    """Give each autospace gap of ``page`` to the glyph before it (in place); whether the
    page autospaces (such a page draws every space as a glyph: see ``pdf_table``)."""
    gaps = autospace_gaps(page.chars)
    for before, after in gaps:
        before["x1"] = after["x0"]
        before["width"] = before["x1"] - before["x0"]
    return bool(gaps)


def autospace_gaps(chars: list[dict]) -> list[tuple[dict, dict]]:
    """The neighbour glyphs set apart by autospace, where the page autospaces (see the
    module's docstring); none elsewhere."""
    pairs = _neighbours(chars)
    gaps = [(a, b) for a, b, gap in pairs if _mixed(a, b) and MIN_GAP <= gap < MAX_GAP]
    if len(gaps) < MIN_AUTOSPACES or sum(c["text"] == " " for c in chars) < MIN_SPACE_GLYPHS:
        return []
    for a, b, gap in pairs:
        if (gap < MIN_GAP) if _mixed(a, b) else (_same(a, b) and MIN_GAP <= gap < MAX_GAP):
            return []
    return gaps


def _neighbours(chars: list[dict]) -> list[tuple[dict, dict, float]]:
    """Each pair of glyphs next to each other on a line, neither a space, and the gap
    between them in em of the first."""
    pairs = []
    for line in group_by_line([c for c in chars if c.get("upright", True)]):
        line.sort(key=lambda c: c["x0"])
        for a, b in pairwise(line):
            if a["text"].isspace() or b["text"].isspace():
                continue
            pairs.append((a, b, (b["x0"] - a["x1"]) / max(float(a["size"]), 1.0)))
    return pairs


def _mixed(a: dict, b: dict) -> bool:
    """One glyph Asian (Hangul, CJK), the other Western (a Latin letter or a digit)."""
    return {_script(a["text"]), _script(b["text"])} == {"asian", "western"}


def _same(a: dict, b: dict) -> bool:
    """Both glyphs Asian, or both Western (a gap beside a sign such as ``=`` may be a
    space the text page does not keep as a glyph: no evidence either way)."""
    script = _script(a["text"])
    return script != "other" and script == _script(b["text"])


def _script(text: str) -> str:
    code = ord(text[0]) if text else 0
    if 0xAC00 <= code <= 0xD7A3 or 0x3130 <= code <= 0x318F or 0x4E00 <= code <= 0x9FFF:
        return "asian"
    if text.isascii() and text.isalnum():
        return "western"
    return "other"
