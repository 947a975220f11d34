"""Tables that continue across pages become one logical table.

A table at the top of a page continues the table just before it (nothing else in
between: the page number line is not a block) when it has the same columns, at the
same horizontal positions when boxes are known, and either repeats its header row or
starts straight with body rows. The continuation's repeated header is dropped; every
cell keeps its own page and box, so provenance stays exact.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.model import Block, Table

TOLERANCE = 2.0  # points


def stitch_tables(blocks: list[Block]) -> list[Block]:
    """Merge continued tables into the table they continue; renumber all tables."""
    stitched: list[Block] = []
    for block in blocks:
        previous = stitched[-1] if stitched else None
        if isinstance(block, Table) and isinstance(previous, Table) and continues(previous, block):
            _append(previous, block)
        else:
            stitched.append(block)
    index = 0
    for block in stitched:
        if isinstance(block, Table):
            block.index = index
            index += 1
    return stitched


def continues(first: Table, second: Table) -> bool:
    if first.page is None or second.page != first.page + 1 or first.n_cols != second.n_cols:
        return False
    return _column_edges(first) == _column_edges(second) or not (
        _column_edges(first) and _column_edges(second)
    )


def _column_edges(table: Table) -> list[int]:
    """Left edges of the columns, rounded to the tolerance, when the cells have boxes."""
    edges = sorted({round(c.bbox[0] / TOLERANCE) for c in table.cells if c.bbox})
    return edges


def _append(first: Table, second: Table) -> None:
    skip = repeated_header_rows(first, second)
    first.repeated_headers += [c for c in second.cells if c.row < skip]
    offset = first.n_rows - skip
    first.cells += [replace(c, row=c.row + offset) for c in second.cells if c.row >= skip]


def repeated_header_rows(first: Table, second: Table) -> int:
    """How many leading rows of ``second`` repeat the leading rows of ``first``."""
    count = 0
    for mine, theirs in zip(first.grid(), second.grid(), strict=False):
        if mine != theirs or not any(mine):
            break
        count += 1
    return count
