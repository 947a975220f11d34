"""A document's staged rows, 세부사업 by 세부사업.

The rows of a section (its paragraphs, its tables' cells, what the recognisers find in
it) depend only on its own blocks and the index of its first block. So a book is staged
section by section while its page ranges are joined, and is never held whole
(``pipeline.extract.parallel``); a document read in one piece is staged the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.extract.recognise.all import ROW_LISTS, section_to_recognised
from pipeline.extract.recognise.sections import Section, project_sections
from pipeline.model import Document, Paragraph, Table

Rows = dict[str, list[dict[str, Any]]]
BUDGET_TABLES = ("summary_cells", "breakdown_raw", "schedule_raw")  # a budget table was found


@dataclass
class Tally:
    """What a document's staged rows hold, counted as its sections pass."""

    tables: int = 0
    paragraphs: int = 0
    budget_rows: int = 0


def document_to_rows(document: Document) -> Rows:
    """Every staged row of a document held whole: its blocks, cells and recognised values."""
    tally = Tally()
    rows: Rows = {"pages": page_rows(document)}
    for part in sections_to_rows(document.document_id, project_sections(document), tally):
        for name, table in part.items():
            rows.setdefault(name, []).extend(table)
    return {"documents": [document_row(document, tally)], **rows}


def sections_to_rows(document_id: str, sections: Iterable[Section], tally: Tally) -> Iterator[Rows]:
    """The rows of each section in turn, counted into ``tally``."""
    first_block = 0
    for section in sections:
        rows = section_to_rows(document_id, section, first_block)
        first_block += len(section.document.blocks)
        tally.tables += len(section.document.tables)
        tally.paragraphs += len(rows["paragraphs"])
        tally.budget_rows += sum(len(rows[name]) for name in BUDGET_TABLES)
        yield rows


def section_to_rows(document_id: str, part: Section, first_block: int) -> Rows:
    """A section's rows; ``first_block``: the document-wide index of its first block."""
    tag = {"document_id": document_id}
    section = part.document
    rows: Rows = {
        "sections": [{**tag, **_section_row(part, first_block)}],
        "paragraphs": [
            {
                **tag,
                "block_index": i,
                "text": b.text,
                "bbox": list(b.bbox) if b.bbox else None,
                "page": b.page,
                "line_no": b.line_no,
            }
            for i, b in enumerate(section.blocks, first_block)
            if isinstance(b, Paragraph)
        ],
        "cells": [row for table in section.tables for row in _cell_rows(document_id, table)],
    }
    found = section_to_recognised(part.project, section)
    for name in ROW_LISTS:
        rows[name] = [{**tag, **row} for row in getattr(found, name)]
    return rows


def _section_row(part: Section, first_block: int) -> dict[str, Any]:
    """The ``sections`` row of a 세부사업: its name, and its box's number and code."""
    box = part.box
    page = next((b.page for b in part.document.blocks if b.page is not None), None)
    return {
        "project": part.project,
        "project_number": box.number if box else None,
        "project_code": box.code if box else None,
        "printed": box.printed if box else None,
        "block_index": first_block,
        "page": page,
    }


def document_row(document: Document, tally: Tally) -> dict[str, Any]:
    """The document's ``documents`` row, once all its sections have passed."""
    return {
        "document_id": document.document_id,
        "path": document.path,
        "format": document.format,
        "title": document.title,
        "pages": document.pages,
        "size_bytes": Path(document.path).stat().st_size,
        "noise_dropped": document.noise_dropped,
        "n_tables": tally.tables,
        "n_paragraphs": tally.paragraphs,
        "budget_tables_found": tally.budget_rows > 0,
    }


def page_rows(document: Document) -> list[dict[str, Any]]:
    return [
        {
            "document_id": document.document_id,
            "page": p.number,
            "printed_page": p.printed,
            "width": p.width,
            "height": p.height,
            "status": p.status,
            "message": p.message,
        }
        for p in document.page_info
    ]


def _cell_rows(document_id: str, table: Table) -> Iterator[dict[str, Any]]:
    header = table.grid()[0] if table.n_rows else []
    for cell in table.cells:
        yield {
            "document_id": document_id,
            "table_index": table.index,
            "parent_table_index": table.parent[0] if table.parent else None,
            "row_index": cell.row,
            "col_index": cell.col,
            "row_span": cell.row_span,
            "col_span": cell.col_span,
            "text": cell.text,
            "column_header": header[cell.col] if cell.row > 0 else None,
            "unit_note": table.unit,
            "bbox": list(cell.bbox) if cell.bbox else None,
            "page": cell.page if cell.page is not None else table.page,
            "line_no": cell.line_no,
        }
