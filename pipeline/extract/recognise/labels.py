"""Helpers to compare printed labels: spacing and brackets vary between documents."""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

from pipeline.model import Document, Table

BRACKETS = re.compile(r"[()\[\]{}<>]")
CHECKED = "☑■▣☒"  # printed documents use ■/□ where conversions have ☑/☐
CHECKBOX_ITEM = re.compile(r"([☑☐■□▣☒])\s*([^☑☐■□▣☒]*)")
GLUE_END = ("-", "(", "/", "·", "‧", "~")
GLUE_START = (")", "/", "-", "%", "~")
HANGUL_END = re.compile(r"[가-힣]$")
WORD_TAIL = re.compile(r"[가-힣]{1,2}")
PERIOD = re.compile(r"(19|20)\d\d|예산|결산|추경|정부안|확정")
VALUE = re.compile(
    r"[△▲\-−]?\(?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\)?(원|천원|만원|백만원|억원|십억원|%)?"
)


@lru_cache(maxsize=65536)  # a book prints the same labels on every page
def squash(text: str) -> str:
    """A label without spaces or brackets, NFKC-normalised, for comparison."""
    return BRACKETS.sub("", "".join(unicodedata.normalize("NFKC", text).split()))


def checked_items(text: str) -> list[tuple[str, bool]]:
    """``☐ 연례반복, ☑ 2017.01 ~ 2017.12`` → [("연례반복", False), ("2017.01 ~ 2017.12", True)]."""
    return [
        (" ".join(label.split()).strip(" ,;/"), mark in CHECKED)
        for mark, label in CHECKBOX_ITEM.findall(text)
    ]


def is_value(text: str) -> bool:
    """A cell that is one number as printed: ``691,705``, ``△28,240``, ``0 %``, ``663,465천원``."""
    return bool(VALUE.fullmatch("".join(unicodedata.normalize("NFKC", text).split())))


def header_rows(table: Table) -> int:
    """Leading rows before the first row with a label and a number beside it."""
    for row_index, row in enumerate(table.grid()):
        if row and row[0] and any(is_value(text) for text in row[1:]):
            return row_index
    return 1


@lru_cache(maxsize=65536)
def join_wrapped(text: str) -> str:
    """A label wrapped over lines, joined as printed before the wrap.

    ``증감 (B-`` + ``A)`` → ``증감 (B-A)``; ``시책추진업무추진`` + ``비`` → ``시책추진업무추진비``
    (a one- or two-syllable remainder is the end of a word); otherwise with a space.
    """
    joined = ""
    for line in (ln.strip() for ln in text.split("\n")):
        if not line:
            continue
        glued = (
            joined.endswith(GLUE_END)
            or line.startswith(GLUE_START)
            or (HANGUL_END.search(joined) and WORD_TAIL.fullmatch(line.split(" ")[0]))
        )
        joined = f"{joined}{line}" if glued or not joined else f"{joined} {line}"
    return " ".join(joined.split(" "))


def find_project_name(document: Document) -> str | None:
    """The value beside or below a ``사업명`` label, else the document's title."""
    paragraphs = document.paragraphs
    for this, following in itertools.pairwise(paragraphs):
        if squash(this.text) == "사업명":
            return following.text
    for table in document.tables:
        grid = table.grid()
        for r, row in enumerate(grid):
            for c, text in enumerate(row):
                if squash(text) != "사업명":
                    continue
                right = next((t for t in row[c + 1 :] if t), "")
                below = grid[r + 1][c] if r + 1 < len(grid) else ""
                name = next((t for t in (right, below) if t and not PERIOD.search(t)), None)
                if name:
                    return join_wrapped(name)
    return document.title


def column_labels(table: Table, n_header: int) -> list[str]:
    """One label per column: the header rows' texts joined top to bottom."""
    grid = table.filled_grid()
    labels = []
    for col in range(table.n_cols):
        parts = [join_wrapped(grid[r][col]) for r in range(n_header) if grid[r][col]]
        labels.append(" ".join(dict.fromkeys(parts)))
    return labels
