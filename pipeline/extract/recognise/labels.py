"""Table helpers of the recognisers: header rows, column labels, checkboxes, 사업명."""

from __future__ import annotations

import itertools
import re

from pipeline.budget.labels import join_wrapped, squash
from pipeline.budget.numbers import is_value
from pipeline.budget.periods import PERIOD_WORD
from pipeline.model import Document, Table

CHECKED = "☑■▣☒"  # printed documents use ■/□ where conversions have ☑/☐
CHECKBOX_ITEM = re.compile(r"([☑☐■□▣☒])\s*([^☑☐■□▣☒]*)")


def checked_items(text: str) -> list[tuple[str, bool]]:
    """``☐ 연례반복, ☑ 2017.01 ~ 2017.12`` → [("연례반복", False), ("2017.01 ~ 2017.12", True)]."""
    return [
        (" ".join(label.split()).strip(" ,;/"), mark in CHECKED)
        for mark, label in CHECKBOX_ITEM.findall(text)
    ]


def header_rows(table: Table) -> int:
    """Leading rows before the first row with a label and a number beside it."""
    for row_index, row in enumerate(table.grid()):
        if row and row[0] and any(is_value(text) for text in row[1:]):
            return row_index
    return 1


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
                name = next((t for t in (right, below) if t and not PERIOD_WORD.search(t)), None)
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
