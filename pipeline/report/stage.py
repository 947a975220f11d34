"""The reconciliation report: ``marts/report.html`` and its Markdown summary.

Written by every check from the mart it checked, beside ``check_report.json``: one
self-contained HTML file (styles inline, images as data URIs, no script, no network)
and a short ``report.md`` for e-mail or chat. Each failing finding shows its figures
in the document's unit, where they are printed, and for a PDF a cropped image of the
page with the figures boxed (``images``); for a text conversion, its printed lines.
What is shown follows from where the figures are printed (a box on a page, a line of
a file), never from the format's name; the raw files are read through ``sources``.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import duckdb

from pipeline.report.data import (
    DocumentReport,
    Failure,
    Illustration,
    ReportData,
    read_report_data,
)
from pipeline.report.html import report_to_html
from pipeline.report.images import crop_key, crop_region, page_crop_png
from pipeline.report.markdown import report_to_markdown
from pipeline.report.sources import printed_lines

MAX_IMAGES = 200  # per report: a document with thousands of failures stays readable
MAX_PAGES_PER_FAILURE = 2

log = logging.getLogger(__name__)


def write_reports(connection: duckdb.DuckDBPyConnection, html_path: Path, cache_dir: Path) -> None:
    """Write ``html_path`` and the Markdown summary beside it from the mart on ``connection``."""
    data = read_report_data(connection)
    illustrations = illustrate(data, cache_dir)
    _write_atomically(html_path, report_to_html(data, illustrations))
    _write_atomically(html_path.with_suffix(".md"), report_to_markdown(data, html_path.name))


def prerender(connection: duckdb.DuckDBPyConnection, cache_dir: Path) -> threading.Thread:
    """Render the failures' page crops into the cache in a thread, while the suites run:
    PDFium and zlib let go of the GIL, so the crops take the otherwise idle core."""
    data = read_report_data(connection)
    thread = threading.Thread(
        target=illustrate, args=(data, cache_dir, False), name="yesan-report-images"
    )
    thread.start()
    return thread


def illustrate(data: ReportData, cache_dir: Path, prune: bool = True) -> dict[int, Illustration]:
    """Images of PDF failures (cached; with ``prune``, unused cache entries removed) and
    lines of text ones."""
    used: set[Path] = set()
    illustrations: dict[int, Illustration] = {}
    budget = MAX_IMAGES
    for document in data.documents:
        lines = _Lines(document.path)
        for failure in document.failures:
            if any(f.line_no is not None for f in failure.figures):
                illustrations[failure.finding_id] = _text_lines(document, failure, lines.get())
            elif any(f.box is not None for f in failure.figures) and budget > 0:
                illustration = _page_images(data, document, failure, cache_dir, used)
                budget -= len(illustration.images)
                illustrations[failure.finding_id] = illustration
    if prune:
        _prune(cache_dir, used)
    return illustrations


def _page_images(
    data: ReportData, document: DocumentReport, failure: Failure, cache_dir: Path, used: set[Path]
) -> Illustration:
    path = Path(document.path)
    if not path.exists():
        return Illustration([], [], f"{path} is no longer in place: no image")
    pages: dict[int, list[tuple[str, tuple[float, float, float, float]]]] = {}
    tables: dict[int, int | None] = {}
    for figure in failure.figures:
        if figure.box is not None and figure.page is not None:
            pages.setdefault(figure.page, []).append((figure.role, figure.box))
            tables.setdefault(figure.page, figure.table_index)
    images = []
    for page in sorted(pages)[:MAX_PAGES_PER_FAILURE]:
        boxes = pages[page]
        table = tables[page]
        context = (
            data.table_boxes.get((document.document_id, table, page)) if table is not None else None
        )
        region = crop_region([box for _, box in boxes], context)
        cache_path = cache_dir / f"{crop_key(document.document_id, page, region, boxes)}.png"
        try:
            images.append((page, page_crop_png(path, page, region, boxes, cache_path)))
        except Exception as error:  # a report never fails a run over one picture
            log.warning("%s page %s: no image (%s)", path, page, error)
            return Illustration(images, [], f"page {page} could not be rendered: {error}")
        used.add(cache_path)
    return Illustration(images, [], None if images else "no printed position is known")


class _Lines:
    """A document's printed lines, read once, when a failure first needs them."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._lines: list[str] | None = None
        self._read = False

    def get(self) -> list[str] | None:
        if not self._read:
            self._lines, self._read = printed_lines(Path(self.path)), True
        return self._lines


def _text_lines(
    document: DocumentReport, failure: Failure, lines: list[str] | None
) -> Illustration:
    roles = {f.line_no: f.role for f in failure.figures if f.line_no is not None}
    if not roles:
        return Illustration([], [], None)
    if lines is None:
        return Illustration([], [], f"{document.path} is no longer readable: no lines")
    return Illustration(
        [],
        [(n, roles[n], lines[n - 1]) for n in sorted(roles) if 0 < n <= len(lines)],
    )


def _prune(cache_dir: Path, used: set[Path]) -> None:
    if cache_dir.is_dir():
        for entry in cache_dir.glob("*.png"):
            if entry not in used:
                entry.unlink(missing_ok=True)


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
