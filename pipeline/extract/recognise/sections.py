"""Budget books: one document, many 세부사업, each recognised on its own.

A book (세출예산사업명세서, a bound set of 사업설명서) repeats one layout per 세부사업:
its name, then ``1 기본 현황`` with the 사업개요, then 예산 총괄, 산출내역 and
추진일정. Each section runs from the name before one ``1 기본 현황`` to the name
before the next, so a 계 of one 사업 is never compared with the 산출내역 of another.
A document with fewer than two such headings is one section, as before.

Sections are found in a stream of blocks: each is handed on as soon as the next one
starts, so a book joined page range by page range is recognised without holding it all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from pipeline.extract.recognise.labels import find_project_name
from pipeline.model import Block, Document, Paragraph

SECTION_HEADING = re.compile(r"^1\s*\.?\s*기본\s*현황$")
Section = tuple[str | None, Document]  # (사업명, the part of the document about it)


def project_sections(
    document: Document, blocks: Iterable[Block] | None = None
) -> Iterator[Section]:
    """(사업명, the part of the document about it) for each 세부사업, in order, from
    ``blocks`` (default: the document's own)."""
    for title, section_blocks in _split(document.blocks if blocks is None else blocks):
        if title is None:  # one section: the whole document
            whole = replace(document, blocks=section_blocks)
            yield find_project_name(whole), whole
            continue
        section = replace(document, blocks=section_blocks, title=title or document.title)
        yield find_project_name(section), section


def _split(blocks: Iterable[Block]) -> Iterator[tuple[str | None, list[Block]]]:
    """(title line, blocks) of each section; a single ``(None, every block)`` when
    fewer than two headings start sections."""
    current: list[Block] = []  # the section being read
    title: str | None = None  # its title line; None until the first heading
    headings = 0
    for block in blocks:
        if isinstance(block, Paragraph) and SECTION_HEADING.match(block.text.strip()):
            previous = current[-1] if current else None
            named = isinstance(previous, Paragraph)
            line = previous if isinstance(previous, Paragraph) else block
            headings += 1
            if headings > 1:  # the section before ends where this one's name starts
                cut = len(current) - named
                yield title, current[:cut]
                current = current[cut:]
            title = line.text.strip()
        current.append(block)
    yield (title if headings > 1 else None), current
