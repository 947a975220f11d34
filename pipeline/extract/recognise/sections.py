"""Budget books: one document, many 세부사업, each recognised on its own.

A book repeats one layout per 세부사업. Two forms open a 세부사업:

- a name box: a table whose header is ``사업명`` and whose one cell below names the
  project with its number and code, ``(12) 내일배움카드(고보)(1151-352)`` (the
  기획재정부 사업설명자료 form); the section runs from that box to the next, its name,
  number and code are the box's;
- ``1 기본 현황`` (a bound set of Seoul 사업설명서): the section runs from the name before
  one ``1 기본 현황`` to the name before the next; a document with fewer than two such
  headings is one section, as before.

So a 계 of one 사업 is never compared with the 산출내역 of another. Blocks before the first
section belong to it. Sections are found in a stream of blocks: each is handed on as soon
as the next one starts, so a book joined page range by page range is recognised without
holding it all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from pipeline.budget.labels import squash
from pipeline.extract.recognise.labels import find_project_name
from pipeline.model import Block, Document, Paragraph, Table

SECTION_HEADING = re.compile(r"^1\s*\.?\s*기본\s*현황$")
# ``(12) 내일배움카드(고보)(1151-352)``, ``(1) 조달정보화(정보화) (1131 – 501)``,
# ``가. (23) 내일배움카드(일반)(1131-300)``, ``법률구조 (1131-300)``: the code ends the box.
NAME_BOX = re.compile(
    r"^(?:[가-하]\.\s*)?(?:\((?P<number>\d{1,4})\)\s*)?(?P<name>.+?)\s*"
    r"\(\s*(?P<code>\d{4}\s*[-–]\s*\d{3})\s*\)$"
)


@dataclass(frozen=True)
class NameBox:
    """A 세부사업's name box: its name, number and code as printed."""

    name: str
    number: int | None  # printed before the name, when it is
    code: str  # ``1151-352``
    printed: str


@dataclass(frozen=True)
class Section:
    """One 세부사업's part of a document, and what names it."""

    project: str | None  # 사업명
    document: Document
    box: NameBox | None = None


def name_box(block: Block) -> NameBox | None:
    """The name box a table is, or ``None``: a ``사업명`` header over one named cell."""
    if not isinstance(block, Table) or block.parent is not None or block.n_rows != 2:
        return None
    header, body = block.grid()
    if [squash(text) for text in header if text] != ["사업명"]:
        return None
    printed = " ".join(" ".join(text for text in body if text).split())
    match = NAME_BOX.match(printed)
    if not match:
        return None
    code = re.sub(r"\s*[-–]\s*", "-", match["code"])
    number = int(match["number"]) if match["number"] else None
    return NameBox(match["name"], number, code, printed)


def project_sections(
    document: Document, blocks: Iterable[Block] | None = None
) -> Iterator[Section]:
    """Each 세부사업 of the document in order, from ``blocks`` (default: its own)."""
    for title, box, section_blocks in _split(document.blocks if blocks is None else blocks):
        if box is not None:
            section = replace(document, blocks=section_blocks, title=box.printed)
            yield Section(box.name, section, box)
        elif title is None:  # one section: the whole document
            whole = replace(document, blocks=section_blocks)
            yield Section(find_project_name(whole), whole)
        else:
            section = replace(document, blocks=section_blocks, title=title or document.title)
            yield Section(find_project_name(section), section)


def _split(
    blocks: Iterable[Block],
) -> Iterator[tuple[str | None, NameBox | None, list[Block]]]:
    """(title line, name box, blocks) of each section; a single ``(None, None, every
    block)`` when no name box and fewer than two headings start sections. Once a name box
    is seen, boxes alone start sections."""
    current: list[Block] = []  # the section being read
    title: str | None = None  # its title line; None until the first heading
    box: NameBox | None = None  # its name box
    headings = boxes = 0
    for block in blocks:
        found = name_box(block)
        if found is not None:
            boxes += 1
            if boxes > 1 or headings > 1:
                yield title, box, current
                current = []
            box, title = found, found.printed
        elif (
            not boxes and isinstance(block, Paragraph) and SECTION_HEADING.match(block.text.strip())
        ):
            previous = current[-1] if current else None
            named = isinstance(previous, Paragraph)
            line = previous if isinstance(previous, Paragraph) else block
            headings += 1
            if headings > 1:  # the section before ends where this one's name starts
                cut = len(current) - named
                yield title, None, current[:cut]
                current = current[cut:]
            title = line.text.strip()
        current.append(block)
    yield (title if headings > 1 or boxes else None), box, current


def _is_heading(block: Block) -> bool:
    return isinstance(block, Paragraph) and bool(SECTION_HEADING.match(block.text.strip()))
