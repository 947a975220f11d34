"""Autospace (``pipeline.extract.readers.pdf.autospace``): the gap LibreOffice sets between
a digit and the Hangul beside it is no space; HWP's pages, which draw some spaces as bare
gaps, are never taken for autospaced pages."""

from __future__ import annotations

import pytest
from pdfplumber.utils import extract_text

from pipeline.extract.readers.pdf.autospace import autospace_gaps
from tests.conftest import ROOT
from tests.test_no_digit_lost import reader_pages

SIZE = 7.5
EM = SIZE  # a glyph's advance in these lines (Hangul is one em wide)


def line(text: str, gaps: dict[int, float], top: float = 100.0) -> list[dict]:
    """Glyph dicts for ``text`` on one line: a space glyph is a quarter em wide; before
    glyph ``i`` stands an extra gap of ``gaps[i]`` em."""
    chars, x = [], 50.0
    for i, ch in enumerate(text):
        x += gaps.get(i, 0.0) * SIZE
        width = SIZE * (0.25 if ch == " " else 0.55 if ch.isascii() else 1.0)
        chars.append(
            {
                "text": ch,
                "x0": x,
                "x1": x + width,
                "width": width,
                "top": top,
                "doctop": top,
                "bottom": top + SIZE,
                "size": SIZE,
                "upright": True,
            }
        )
        x += width
    return chars


def page(*lines: list[dict]) -> list[dict]:
    return [char for chars in lines for char in chars]


def spaced_words(top: float) -> list[dict]:
    return line("가 나 다 라 마 바 사 아 자 차 카 타", {}, top)


def autospaced(text: str, top: float) -> list[dict]:
    """``text`` laid out as LibreOffice does: a fifth of an em between scripts."""
    scripts = ["asian" if "가" <= ch <= "힣" else "western" if ch.isalnum() else "" for ch in text]
    gaps = {
        i: 0.21 for i in range(1, len(text)) if {scripts[i - 1], scripts[i]} == {"asian", "western"}
    }
    return line(text, gaps, top)


def test_an_autospaced_page_reads_digits_and_units_as_one_word():
    chars = page(autospaced("279,940원*15일", 100), autospaced("2025년 예산 190,000천원", 120))
    chars += spaced_words(140) + spaced_words(160)
    assert extract_text(
        chars, x_tolerance=1.5
    ) == "279,940 원*15 일\n2025 년 예산 190,000 천원\n" + (
        "가 나 다 라 마 바 사 아 자 차 카 타\n" * 2
    ).rstrip("\n")
    gaps = autospace_gaps(chars)
    assert [a["text"] + b["text"] for a, b in gaps] == ["0원", "5일", "5년", "0천"]
    for before, after in gaps:
        before["x1"] = after["x0"]
    assert extract_text(chars, x_tolerance=1.5).split("\n")[:2] == [
        "279,940원*15일",
        "2025년 예산 190,000천원",
    ]


@pytest.mark.parametrize(
    ("name", "chars"),
    [
        (  # one digit touches its Hangul: the producer sets no autospace
            "a touching pair",
            page(autospaced("279,940원*15일", 100), line("2025년", {}, 120))
            + spaced_words(140)
            + spaced_words(160),
        ),
        (  # a space drawn as a bare gap (HWP): gaps are spaces on this page
            "a bare space",
            page(autospaced("279,940원*15일", 100), line("예산안편성", {2: 0.25}, 120))
            + spaced_words(140)
            + spaced_words(160),
        ),
        (  # too few space glyphs to say that the page writes its spaces
            "no space glyphs",
            page(autospaced("279,940원*15일 2025년", 100)),
        ),
    ],
)
def test_a_page_without_the_evidence_keeps_its_gaps(name, chars):
    assert autospace_gaps(chars) == []


def test_no_page_of_the_corpus_is_taken_for_an_autospaced_one(corpus):
    paths = [*sorted(corpus.rglob("*.pdf")), ROOT / "raw" / "000_2427d1ecc5489c44.pdf"]
    assert len(paths) > 40
    pages = [
        (path.name, number, page.chars)
        for path in paths
        for number, page in reader_pages(path, absorbed=False)
    ]
    assert len(pages) > 1_500
    assert [(name, number) for name, number, chars in pages if autospace_gaps(chars)] == []


def test_a_line_broken_inside_a_word_joins_the_next_where_the_page_draws_its_spaces():
    """LibreOffice breaks ``추진(기획,회의운영비,아카이빙단 운영 등)`` after the comma, where
    the text has no space: no space glyph ends the line, though one would fit, and the
    next word would not. A break at a space keeps its space glyph; a line ending flush
    at the cell's edge keeps its break (its space may have been dropped)."""
    from pipeline.extract.readers.pdf.tables import _lines

    cell = (40.0, 90.0, 160.0, 200.0)  # text starts 10 pt in: its right edge is at 150
    rows = [
        line("추진(기획,운영비,", {}, 100),  # ends at 50 + 7.5 × 12.3: room for a space
        line("아카이빙단 운영 등)", {}, 112),
        line("▷ 협의회(수당) ", {}, 124),  # broken at a space
        line("1,000,000원*25회", {}, 136),
        line("- 가나다라마바사아자차카타파", {}, 148),  # reaches the edge: no room
        line("하거너", {}, 160),
    ]
    texts = [ln.text for ln in _lines([c for row in rows for c in row], cell)]
    assert texts == [
        "추진(기획,운영비,아카이빙단 운영 등)",
        "▷ 협의회(수당)",
        "1,000,000원*25회",
        "- 가나다라마바사아자차카타파",
        "하거너",
    ]
    assert len(_lines([c for row in rows for c in row])) == 6  # elsewhere: as printed
