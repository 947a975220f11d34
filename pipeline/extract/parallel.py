"""Reading documents in isolated workers, several at a time: documents, and page ranges.

``jobs`` workers run at once (a semaphore around every worker). Documents are read in
parallel; a PDF longer than ``RANGE_PAGES`` is read as page ranges, each in its own
worker (so its memory and time limits hold per range, and a 2,000-page book neither
meets the time limit nor grows one process), then the ranges are joined in page order
and recognised in one more worker: tables that continue across a range's end are
stitched exactly as within one range. The page count comes from pypdfium2, in a worker
too (hostile bytes never reach the parent process).
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import DocumentError
from pipeline.extract import PAGE_PROBLEMS, Problem, document_to_rows, read_document
from pipeline.extract.pdf import (
    PageRange,
    pdf_page_count,
    pdf_ranges_to_document,
    read_pdf_range,
)
from pipeline.extract.sniff import looks_like_pdf
from pipeline.model import Document
from pipeline.worker import Limits, run_isolated

RANGE_PAGES = 32  # pages per worker of a long PDF
Rows = dict[str, list[dict[str, Any]]]


@dataclass
class ParallelReader:
    """Reads documents with at most ``jobs`` workers alive at once."""

    limits: Limits
    jobs: int

    def __post_init__(self) -> None:
        self._slots = threading.BoundedSemaphore(self.jobs)
        self._ranges = ThreadPoolExecutor(self.jobs, thread_name_prefix="yesan-range")
        self._documents = ThreadPoolExecutor(self.jobs, thread_name_prefix="yesan-document")

    def __enter__(self) -> ParallelReader:
        return self

    def __exit__(self, *_: object) -> None:
        self._documents.shutdown(cancel_futures=True)
        self._ranges.shutdown(cancel_futures=True)

    def submit(self, path: Path, sha256: str | None) -> Future[tuple[Rows, list[Problem]]]:
        """Start reading ``path`` (whose bytes hash to ``sha256``); the future raises
        ``DocumentError`` with the reason."""
        return self._documents.submit(self._read, path, sha256)

    def _isolated(self, work: Any, argument: Any) -> Any:
        with self._slots:
            return run_isolated(work, argument, self.limits)

    def _read(self, path: Path, sha256: str | None) -> tuple[Rows, list[Problem]]:
        try:
            return self._read_with(path, sha256, pdfium=True)
        except DocumentError as exc:
            if exc.reason != "worker-crashed" or not _looks_like_pdf(path):
                raise
        # PDFium (C++) died on these bytes, e.g. out of memory on a Flate bomb:
        # pdfminer reads them again and names the fault.
        return self._read_with(path, sha256, pdfium=False)

    def _read_with(
        self, path: Path, sha256: str | None, pdfium: bool
    ) -> tuple[Rows, list[Problem]]:
        if sha256 is not None and _looks_like_pdf(path):
            try:
                pages = self._isolated(_page_count, path)
            except DocumentError:
                pages = 0  # the reader names what is wrong (truncated, encrypted …)
            if pages > RANGE_PAGES:
                spans = [
                    (path, first, min(first + RANGE_PAGES - 1, pages), pdfium)
                    for first in range(1, pages + 1, RANGE_PAGES)
                ]
                parts = list(
                    self._ranges.map(lambda span: self._isolated(_read_range, span), spans)
                )
                return self._isolated(_rows_from_ranges, (path, sha256, parts))
        return self._isolated(read_rows, (path, pdfium))


def _looks_like_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            head = file.read(1024)
    except OSError:
        return False  # the worker reports it
    return looks_like_pdf(head)


def _page_count(path: Path) -> int:
    return pdf_page_count(path.read_bytes())


def _read_range(span: tuple[Path, int, int, bool]) -> PageRange:
    path, first, last, pdfium = span
    return read_pdf_range(path.read_bytes(), first, last, pdfium)


def _rows_from_ranges(job: tuple[Path, str, list[PageRange]]) -> tuple[Rows, list[Problem]]:
    path, sha256, parts = job
    return document_rows(pdf_ranges_to_document(parts, sha256, str(path)), path)


def read_rows(job: tuple[Path, bool]) -> tuple[Rows, list[Problem]]:
    """In a worker: a document's staged rows and the warnings about it."""
    path, pdfium = job
    return document_rows(read_document(path, pdfium), path)


def document_rows(document: Document, path: Path) -> tuple[Rows, list[Problem]]:
    rows = document_to_rows(document)
    warnings = [
        Problem(
            str(path),
            page.status,
            f"page {page.number}: {page.message}; {PAGE_PROBLEMS[page.status]}",
            document.document_id,
        )
        for page in document.page_info
        if page.status in PAGE_PROBLEMS
    ]
    if not rows["documents"][0]["budget_tables_found"]:
        warnings.append(
            Problem(
                str(path),
                "no-budget-table",
                f"no budget table recognised; {len(document.tables)} tables loaded as cells only",
                document.document_id,
            )
        )
    return rows, warnings
