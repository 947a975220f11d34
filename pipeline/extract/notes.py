"""Notes printed around a table: its unit (``(단위 : 천원)``) and its heading (``□ 예산 총괄``).

Every reader calls ``annotate_tables`` once its blocks are in reading order, so the
unit and caption of a table are found the same way in text, PDF, HWP and HWPX.
"""

from __future__ import annotations

import re

from pipeline.model import Block, Paragraph, Table

UNIT_NOTE = re.compile(r"\(\s*단\s*위\s*[:：]")
HEADING = re.compile(r"^(□|\d+\.\s|\d+\)\s|[가-하]\.\s|[IVX]+\.\s)")
LOOK_BACK = 3  # paragraphs between a note and its table


def annotate_tables(blocks: list[Block]) -> None:
    """Set ``unit`` and ``caption`` on each top-level table from the lines above it."""
    for index, block in enumerate(blocks):
        if not isinstance(block, Table) or block.parent is not None:
            continue
        above = _paragraphs_above(blocks, index)
        block.unit = block.unit or next(
            (p.text for p in above[:LOOK_BACK] if UNIT_NOTE.search(p.text)), None
        )
        block.caption = block.caption or next(
            (HEADING.sub("", p.text).strip() for p in above if HEADING.match(p.text)), None
        )


def _paragraphs_above(blocks: list[Block], index: int) -> list[Paragraph]:
    """Paragraphs above the table, nearest first, up to the previous top-level table."""
    above = []
    for block in reversed(blocks[:index]):
        if isinstance(block, Table):
            if block.parent is None:
                break
            continue
        above.append(block)
    return above
