"""What every reader does: recognise its bytes, and read them into the document model.

A reader is one folder under ``pipeline/extract/readers/`` and one line of the registry
(``pipeline.extract.readers``). It returns blocks in reading order; the extract stage
stitches tables that continue across pages, finds their unit and caption notes and
names the document's title, the same way for every format (``pipeline.extract.layout``).
A reader may refuse what it recognises (an Office file, HTML, HWP 3.x) by raising
``DocumentError`` with the reason and what the user can do.
"""

from __future__ import annotations

from typing import Protocol

from pipeline.errors import DocumentError
from pipeline.model import PageRange


class Reader(Protocol):
    format: str  # ``documents.format``: pdf, hwp, hwpx, text; or what is refused
    paged: bool  # reads page ranges, each in its own worker (``page_count``)
    has_fallback: bool  # a second, slower engine to retry with when a worker crashes

    def recognises(self, data: bytes, name: str) -> bool:
        """Whether the bytes are this reader's (by content; ``name`` only for messages).
        A paged reader, and one with a fallback, recognises its bytes from their first
        kibibyte: the parent process plans ranges and retries from there alone."""
        ...

    def page_count(self, data: bytes) -> int | None:
        """The number of pages of a paged reader's file; ``None`` for other readers."""
        ...

    def read_pages(
        self, data: bytes, first: int = 1, last: int | None = None, fallback: bool = False
    ) -> PageRange:
        """Pages ``first`` to ``last`` (1-based, inclusive; ``None``: to the end; the whole
        file for a reader without pages). Raises ``DocumentError`` with the reason."""
        ...


class WholeFileReader:
    """The contract's answers for a reader of files without pages and no fallback."""

    format = ""
    paged = False
    has_fallback = False

    def page_count(self, data: bytes) -> int | None:
        return None


class RefusingReader(WholeFileReader):
    """A reader that recognises a kind of file only to refuse it, saying what to do."""

    reason = "unsupported-format"

    def refusal(self, data: bytes) -> str:
        """The message: what the file is, and what the user can do with it."""
        raise NotImplementedError

    def read_pages(
        self, data: bytes, first: int = 1, last: int | None = None, fallback: bool = False
    ) -> PageRange:
        raise DocumentError(self.reason, self.refusal(data))
