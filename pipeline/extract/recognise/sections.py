"""Budget books: one document, many 세부사업, each recognised on its own.

A book (세출예산사업명세서, a bound set of 사업설명서) repeats one layout per 세부사업:
its name, then ``1 기본 현황`` with the 사업개요, then 예산 총괄, 산출내역 and
추진일정. Each section runs from the name before one ``1 기본 현황`` to the name
before the next, so a 계 of one 사업 is never compared with the 산출내역 of another.
A document with fewer than two such headings is one section, as before.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from pipeline.extract.recognise.labels import find_project_name
from pipeline.model import Document, Paragraph

SECTION_HEADING = re.compile(r"^1\s*\.?\s*기본\s*현황$")


def project_sections(document: Document) -> list[tuple[str | None, Document]]:
    """(사업명, the part of the document about it) for each 세부사업, in order."""
    blocks = document.blocks
    headings = [
        i
        for i, block in enumerate(blocks)
        if isinstance(block, Paragraph) and SECTION_HEADING.match(block.text.strip())
    ]
    if len(headings) < 2:
        return [(find_project_name(document), document)]
    starts = [i - 1 if i > 0 and isinstance(blocks[i - 1], Paragraph) else i for i in headings]
    sections = []
    for first, (start, end) in enumerate(pairwise([0, *starts[1:], len(blocks)])):
        title_block = blocks[starts[first]]
        title = title_block.text.strip() if isinstance(title_block, Paragraph) else None
        section = replace(document, blocks=blocks[start:end], title=title or document.title)
        sections.append((find_project_name(section), section))
    return sections
