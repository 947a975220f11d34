"""Notes printed around a table: its unit (``(단위 : 천원)``) and its heading (``□ 예산 총괄``).

The extract stage annotates every reader's blocks (``pipeline.extract.layout``), so the
unit and caption of a table are found the same way in text, PDF, HWP and HWPX.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from pipeline.budget.units import is_unit_note
from pipeline.model import Block, Paragraph, Table

HEADING = re.compile(r"^(□|\d+\.\s|\d+\)\s|[가-하]\.\s|[IVX]+\.\s)")
LOOK_BACK = 3  # paragraphs between a note and its table


def annotate_tables(blocks: list[Block]) -> None:
    """Set ``unit`` and ``caption`` on each top-level table from the lines above it."""
    for _ in annotated(blocks):
        pass


def annotated(blocks: Iterable[Block]) -> Iterator[Block]:
    """``annotate_tables`` as a stream: each top-level table annotated as it passes."""
    above: list[Paragraph] = []  # since the previous top-level table, nearest last
    for block in blocks:
        if isinstance(block, Paragraph):
            above.append(block)
        elif block.parent is None:
            _annotate(block, above[::-1])
            above = []
        yield block


def _annotate(table: Table, above: list[Paragraph]) -> None:
    """``above``: the paragraphs above the table, nearest first."""
    table.unit = table.unit or next(
        (p.text for p in above[:LOOK_BACK] if is_unit_note(p.text)), None
    )
    table.caption = table.caption or next(
        (HEADING.sub("", p.text).strip() for p in above if HEADING.match(p.text)), None
    )
