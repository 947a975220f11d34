"""Reading documents in isolated workers, several at a time: documents, and page ranges.

``jobs`` workers run at once (``pipeline.extract.executors``: processes of this
machine, or Dask tasks). Each worker writes its document's staged tables as Parquet
partitions (``staged/extract/parts/<document_id>/``, cells in chunks) and hands back
only the document's row and warnings; ``combine_partitions`` joins them into the staged
tables. Documents are read in parallel; a PDF longer than ``RANGE_PAGES`` is read as
page ranges, each in its own worker (so its memory and time limits hold per range, and
a 2,000-page book neither meets the time limit nor grows one process) that leaves its
range on disk (``parts/ranges/<sha256>/``); then one more worker joins the ranges in page
order, a range at a time, stitching tables that continue across a range's end exactly
as within one range, and recognises and writes each 세부사업 as soon as the next one
starts (its memory does not grow with the book). The page count comes from the reader,
in a worker too (hostile bytes never reach the parent process).
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import DocumentError
from pipeline.extract.documents import paging, planned_reader, read_document, read_range
from pipeline.extract.executors import Executor
from pipeline.extract.layout import ranges_to_blocks
from pipeline.extract.recognise.sections import Section, project_sections
from pipeline.extract.result import PAGE_PROBLEMS, Problem
from pipeline.extract.rows import Tally, document_row, page_rows, sections_to_rows
from pipeline.model import Document
from pipeline.staging import PartitionWriter

RANGE_PAGES = 32  # pages per worker of a long PDF
Staged = tuple[dict[str, Any], list[Problem]]  # the document's row, its warnings


@dataclass
class ParallelReader:
    """Reads documents on ``executor``, writing their partitions under ``parts_dir``."""

    executor: Executor
    parts_dir: Path

    def __post_init__(self) -> None:
        slots = self.executor.slots
        self._ranges = ThreadPoolExecutor(slots, thread_name_prefix="yesan-range")
        self._documents = ThreadPoolExecutor(slots, thread_name_prefix="yesan-document")

    def __enter__(self) -> ParallelReader:
        return self

    def __exit__(self, *_: object) -> None:
        self._documents.shutdown(cancel_futures=True)
        self._ranges.shutdown(cancel_futures=True)
        self.executor.close()

    def submit(self, path: Path, sha256: str | None) -> Future[Staged]:
        """Start reading ``path`` (whose bytes hash to ``sha256``); the future raises
        ``DocumentError`` with the reason."""
        return self._documents.submit(self._read, path, sha256)

    def _isolated(self, work: Any, argument: Any) -> Any:
        return self.executor.run(work, argument)

    def _read(self, path: Path, sha256: str | None) -> Staged:
        reader = planned_reader(path)
        paged = reader is not None and reader.paged
        try:
            return self._read_with(path, sha256, paged)
        except DocumentError as exc:
            if exc.reason != "worker-crashed" or reader is None or not reader.has_fallback:
                raise
        # The reader's engine died on these bytes (PDFium, C++, out of memory on a
        # Flate bomb): its fallback reads them again and names the fault.
        return self._read_with(path, sha256, paged, fallback=True)

    def _read_with(
        self, path: Path, sha256: str | None, paged: bool, fallback: bool = False
    ) -> Staged:
        if sha256 is not None and paged:
            try:
                file_format, pages = self._isolated(paging, path)
            except DocumentError:
                file_format, pages = None, 0  # the reader names what is wrong (truncated …)
            if file_format is not None and pages is not None and pages > RANGE_PAGES:
                ranges_dir = self.parts_dir / "ranges" / sha256
                spans = [
                    (path, first, min(first + RANGE_PAGES - 1, pages), fallback, ranges_dir)
                    for first in range(1, pages + 1, RANGE_PAGES)
                ]
                parts = list(
                    self._ranges.map(lambda span: self._isolated(_read_range, span), spans)
                )
                job = (path, sha256, file_format, parts, self.parts_dir)
                return self._isolated(_stage_ranges, job)
        return self._isolated(stage_document, (path, fallback, self.parts_dir))


def _read_range(span: tuple[Path, int, int, bool, Path]) -> Path:
    """In a worker: read a page range and leave it on disk for the join (the parent
    holds only its path, however long the book)."""
    path, first, last, fallback, ranges_dir = span
    part = read_range(path, first, last, fallback)
    ranges_dir.mkdir(parents=True, exist_ok=True)
    target = ranges_dir / f"{first:06d}.pickle"
    partial = target.with_suffix(".partial")
    partial.write_bytes(pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(partial, target)
    return target


def _stage_ranges(job: tuple[Path, str, str, list[Path], Path]) -> Staged:
    """In a worker: join a book's ranges (given in page order) one at a time, staging
    each 세부사업 as soon as the next starts, so the worker holds one range and one
    section, however long the book."""
    path, sha256, file_format, ranges, parts_dir = job
    document = Document(sha256, str(path), file_format)
    parts = (pickle.loads(part.read_bytes()) for part in ranges)
    sections = project_sections(document, ranges_to_blocks(document, parts))
    return _staged(document, sections, path, parts_dir)


def stage_document(job: tuple[Path, bool, Path]) -> Staged:
    """In a worker: read a document, write its staged rows as partitions under the
    parts folder; its ``documents`` row and the warnings about it."""
    path, fallback, parts_dir = job
    document = read_document(path, fallback)
    return _staged(document, project_sections(document), path, parts_dir)


def _staged(document: Document, sections: Iterable[Section], path: Path, parts_dir: Path) -> Staged:
    """Write the document's partitions section by section; its row and warnings."""
    tally = Tally()
    with PartitionWriter(parts_dir / document.document_id) as writer:
        for rows in sections_to_rows(document.document_id, sections, tally):
            writer.add(rows)
        writer.add({"pages": page_rows(document)})
    return document_row(document, tally), document_warnings(document, tally, path)


def document_warnings(document: Document, tally: Tally, path: Path) -> list[Problem]:
    """A warning for each page whose content is not all loaded, and for a document
    without a budget table."""
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
    if not tally.budget_rows:
        warnings.append(
            Problem(
                str(path),
                "no-budget-table",
                f"no budget table recognised; {tally.tables} tables loaded as cells only",
                document.document_id,
            )
        )
    return warnings
