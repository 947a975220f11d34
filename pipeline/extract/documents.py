"""One file to the document model: its reader found by content, its blocks laid out."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.errors import DocumentError
from pipeline.extract.layout import reading_to_document
from pipeline.extract.readers import Reader, head_reader, reader_for
from pipeline.model import Document, PageRange


def read_document(path: Path, fallback: bool = False) -> Document:
    """Read one file into the document model; raises ``DocumentError`` with a reason.
    ``fallback`` reads with the reader's second engine (a PDF with pdfminer alone)."""
    return bytes_to_document(read_bytes(path), str(path), fallback)


def bytes_to_document(data: bytes, path: str, fallback: bool = False) -> Document:
    """A file's bytes read by their reader and laid out (``pipeline.extract.layout``)."""
    reader = reader_for(data, Path(path).name)
    reading = reader.read_pages(data, fallback=fallback)
    document_id = hashlib.sha256(data).hexdigest()
    return reading_to_document(reading, document_id, path, reader.format, reader.paged)


def read_range(path: Path, first: int, last: int, fallback: bool = False) -> PageRange:
    """Pages ``first`` to ``last`` of a paged file, as its reader reads them."""
    data = read_bytes(path)
    return reader_for(data, path.name).read_pages(data, first, last, fallback)


def paging(path: Path) -> tuple[str, int | None]:
    """A file's format and its pages (``None`` for a file its reader reads whole)."""
    data = read_bytes(path)
    reader = reader_for(data, path.name)
    return reader.format, reader.page_count(data)


def planned_reader(path: Path) -> Reader | None:
    """The paged reader, or the reader with a fallback, of a file, from its first
    kibibyte (in the parent process: nothing more of hostile bytes is parsed there)."""
    try:
        with path.open("rb") as file:
            head = file.read(1024)
    except OSError:
        return None  # the worker reports it
    return head_reader(head, path.name)


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DocumentError("unreadable-file", f"cannot read the file: {exc.strerror}") from exc
