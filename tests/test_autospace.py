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
