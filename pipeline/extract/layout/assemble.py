"""A document from what its reader read: one reading, or page ranges in page order.

The same for every format: tables that continue across a page (or a range's) end are
stitched and numbered, each top-level table gets its unit and caption, and the first
line of text is the title. A document with pages none of which holds text is refused
as ``no-text-layer`` (a scanned PDF).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pipeline.errors import DocumentError
from pipeline.extract.layout.notes import annotated
from pipeline.extract.layout.stitch import stitched
from pipeline.model import Block, Document, PageRange, Paragraph


def reading_to_document(
    reading: PageRange, document_id: str, path: str, format: str, paged: bool
) -> Document:
    """The document of one reading of a whole file."""
    document = Document(document_id, path, format)
    document.blocks = list(assembled(document, [reading], paged))
    return document


def ranges_to_document(
    parts: list[PageRange], document_id: str, path: str, format: str
) -> Document:
    """Page ranges, in any order, joined in page order: table indices run on, and a
    table that continues across a range's end is stitched as within one range."""
    document = Document(document_id, path, format)
    document.blocks = list(ranges_to_blocks(document, sorted(parts, key=lambda p: p.first)))
    return document


def ranges_to_blocks(document: Document, parts: Iterable[PageRange]) -> Iterator[Block]:
    """The blocks of page ranges given in page order, joined as a stream (a book is
    never held whole)."""
    return assembled(document, parts, paged=True)


MIN_TITLE_LETTERS = 2


def _is_title(text: str) -> bool:
    """A line that can name a document: a word, not a lone glyph of cover art (``호``)."""
    return sum(char.isalpha() for char in text) >= MIN_TITLE_LETTERS


def assembled(document: Document, parts: Iterable[PageRange], paged: bool) -> Iterator[Block]:
    """The blocks of ``parts`` (in page order) stitched, numbered and annotated, as a
    stream; ``document`` gets the parts' pages, noise count and title as they pass.
    Raises ``DocumentError`` at the end when the document has pages and none has text."""
    for block in annotated(stitched(_joined(document, parts))):
        if document.title is None and isinstance(block, Paragraph) and _is_title(block.text):
            document.title = block.text
        yield block
    if paged:
        document.pages = len(document.page_info)
        if all(p.status == "empty" for p in document.page_info):
            raise DocumentError(
                "no-text-layer",
                f"no text layer on any of its {document.pages} pages (a scanned PDF? OCR it first)",
            )


def _joined(document: Document, parts: Iterable[PageRange]) -> Iterator[Block]:
    for part in parts:
        document.page_info += part.page_info
        document.noise_dropped += part.noise_dropped
        yield from part.blocks
