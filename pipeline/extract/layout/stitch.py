"""Tables that continue across pages become one logical table.

A table at the top of a page continues the table just before it (nothing else in
between: the page number line is not a block), on the page after the last one that table
reached, when it has the same columns, at the same horizontal positions when boxes are
known, and either repeats its header row or starts straight with body rows. The
continuation's repeated header is dropped; every cell keeps its own page and box, so
provenance stays exact, but for what a page break cut: a number's last digits and a
label's last line (``(210-09)`` at the top of the next page) go back to their cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from pipeline.budget.markers import opens_with_marker
from pipeline.model import Block, Cell, Table

TOLERANCE = 2.0  # points


def stitch_tables(blocks: list[Block]) -> list[Block]:
    """Merge continued tables into the table they continue; renumber all tables."""
    return list(stitched(blocks))


def stitched(blocks: Iterable[Block]) -> Iterator[Block]:
    """``stitch_tables`` as a stream: a table is handed on once the block after it
    shows that it does not continue (a book's pages never need to be held at once)."""
    index = 0
    pending: Table | None = None
    for block in blocks:
        if isinstance(block, Table) and pending is not None and continues(pending, block):
            _append(pending, block)
            continue
        if pending is not None:
            pending.index = index
            index += 1
            yield pending
            pending = None
        if isinstance(block, Table):
            pending = block
        else:
            yield block
    if pending is not None:
        pending.index = index
        yield pending


def continues(first: Table, second: Table) -> bool:
    """Whether ``second`` continues ``first`` on the page after ``first``'s last page
    (a table over three pages or more is stitched on from the page it reached)."""
    last = _last_page(first)
    if last is None or second.page != last + 1 or first.n_cols != second.n_cols:
        return False
    mine, theirs = _column_edges(first), _column_edges(second)
    if not (mine and theirs):
        return True
    return len(mine) == len(theirs) and all(
        abs(a - b) <= TOLERANCE for a, b in zip(mine, theirs, strict=True)
    )


def _last_page(table: Table) -> int | None:
    pages = [c.page for c in table.cells if c.page is not None]
    return max(pages) if pages else table.page


def _column_edges(table: Table) -> list[float]:
    """Left edges of the columns (edges closer than the tolerance are one), when the
    cells have boxes; two pages' edges are the same within the tolerance (a rule at
    248.9 pt on one page may be drawn at 249.1 pt on the next)."""
    edges: list[float] = []
    for left in sorted(c.bbox[0] for c in table.cells if c.bbox):
        if not edges or left - edges[-1] > TOLERANCE:
            edges.append(left)
    return edges


def _append(first: Table, second: Table) -> None:
    """``second``'s rows after ``first``'s, its repeated header kept aside; digits a page
    break carried over (``77,55`` at the foot, ``9`` over the next row's ``776`` at the top)
    go back to the number they end. The grid is rebuilt: the cells grow in number."""
    skip = repeated_header_rows(first, second)
    first.repeated_headers += [c for c in second.cells if c.row < skip]
    carried = _carried_digits(first, second, skip)
    ended = {id(end): replace(end, text=end.text + digits) for end, digits, _, _ in carried}
    rest = {id(top): text for _, _, top, text in carried}
    label = _carried_label(first, second, skip)
    if label is not None:
        end, top = label
        ended[id(end)] = replace(end, text=f"{end.text}\n{top.text}")
        skip += 1  # the row held only the end of that label
    offset = first.n_rows - skip
    first.cells = [ended.get(id(c), c) for c in first.cells]
    first.cells += [
        replace(c, row=c.row + offset, text=rest.get(id(c), c.text))
        for c in second.cells
        if c.row >= skip
    ]


def _carried_label(first: Table, second: Table, skip: int) -> tuple[Cell, Cell] | None:
    """The last row's label cell of ``first`` and the rest of its label that a page break
    carried to the top of ``second``: a first row with text in its first column only, no
    marker opening it (``(210-09)`` under ``- 시설장비유지비`` and its figures)."""
    last_row = max((c.row for c in first.cells), default=-1)
    ends = [c for c in first.cells if c.row == last_row]
    tops = [c for c in second.cells if c.row == skip and c.text.strip()]
    end = next((c for c in ends if c.col == 0 and c.text.strip()), None)
    if end is None or len(tops) != 1 or tops[0].col != 0 or len(ends) < 2:
        return None
    if not any(DIGITS.search(c.text) for c in ends if c.col > 0):
        return None  # the row above prints no figure: a heading of its own
    top = tops[0]
    return None if opens_with_marker(top.text.strip()) else (end, top)


# A number cut short by a page break: its last group has fewer than three digits.
CUT_NUMBER = re.compile(r"[△▲-]?\d{1,3}(?:,\d{3})*,(?P<group>\d{1,2})")
DIGITS = re.compile(r"\d{1,2}")


def _carried_digits(first: Table, second: Table, skip: int) -> list[tuple[Cell, str, Cell, str]]:
    """Per column, the last row's cell of ``first`` whose number a page break cut
    (``77,55``), the digits that end it at the top of ``second``'s first row (``9``, the
    first line of ``9`` / ``776``), and that cell with the rest of its text."""
    last_row = max((c.row for c in first.cells), default=-1)
    ends = {c.col: c for c in first.cells if c.row == last_row}
    carried = []
    for cell in second.cells:
        head, newline, rest = cell.text.partition("\n")
        cut = CUT_NUMBER.fullmatch(ends[cell.col].text) if cell.col in ends else None
        if cell.row != skip or not (newline and cut and DIGITS.fullmatch(head)):
            continue
        if len(cut["group"]) + len(head) == 3:
            carried.append((ends[cell.col], head, cell, rest))
    return carried


def repeated_header_rows(first: Table, second: Table) -> int:
    """How many leading rows of ``second`` repeat the leading rows of ``first``."""
    count = 0
    for mine, theirs in zip(first.grid(), second.grid(), strict=False):
        if mine != theirs or not any(mine):
            break
        count += 1
    return count
