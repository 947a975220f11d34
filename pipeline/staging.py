"""Staged Parquet: the tables extract and transform write, with fixed columns.

Each file is written whole to a temporary name and renamed, so a reader never sees
a half-written file. Column lists are fixed here so an empty batch still writes
tables with the right columns.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, cast

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

PROVENANCE = ["page", "line_no"]
CHUNK_ROWS = 20_000  # rows of one partition file of a document's cells

EXTRACT_COLUMNS: dict[str, list[str]] = {
    "documents": [
        "document_id",
        "path",
        "format",
        "title",
        "pages",
        "size_bytes",
        "noise_dropped",
        "n_tables",
        "n_paragraphs",
        "budget_tables_found",
        "extractor_version",
    ],
    "pages": ["document_id", "page", "printed_page", "width", "height", "status", "message"],
    "paragraphs": ["document_id", "block_index", "text", "bbox", *PROVENANCE],
    "cells": [
        "document_id",
        "table_index",
        "parent_table_index",
        "row_index",
        "col_index",
        "row_span",
        "col_span",
        "text",
        "column_header",
        "unit_note",
        "bbox",
        *PROVENANCE,
    ],
    "overview": [
        "document_id",
        "project",
        "field",
        "printed",
        "table_index",
        "row_index",
        "col_index",
        *PROVENANCE,
    ],
    "contacts": [
        "document_id",
        "table_index",
        "row_index",
        "col_index",
        "header",
        "printed",
        *PROVENANCE,
    ],
    "summary_cells": [
        "document_id",
        "project",
        "table_index",
        "row_index",
        "col_index",
        "account",
        "account_path",
        "account_level",
        "column_label",
        "printed",
        "unit_note",
        *PROVENANCE,
    ],
    "breakdown_raw": [
        "document_id",
        "project",
        "table_index",
        "row_index",
        "col_index",
        "part",
        "account",
        "fiscal_year",
        "text",
        "amount_printed",
        "unit_note",
        "standalone",
        *PROVENANCE,
    ],
    "schedule_raw": [
        "document_id",
        "project",
        "table_index",
        "row_index",
        "step",
        "period",
        "amount",
        "detail",
        "unit_note",
        *PROVENANCE,
    ],
    "quarantine": ["path", "sha256", "reason", "message", "run_id"],
    "seen": ["path"],
    "run": [
        "run_id",
        "started_at",
        "documents_seen",
        "documents_new",
        "documents_changed",
        "documents_unchanged",
        "documents_failed",
        "documents_removed",
        "pipeline_version",
        "extractor_version",
        "rules_version",
    ],
}


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with every missing value as ``None`` (pandas reads NaN or NA).

    Through Arrow (in C++, 3× pandas' ``to_dict``); a frame Arrow cannot type (a column
    mixing numbers and text) goes through pandas."""
    try:
        return pa.Table.from_pandas(frame, preserve_index=False).to_pylist()
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return cast(
            list[dict[str, Any]],
            frame.astype(object).where(frame.notna(), None).to_dict("records"),
        )


def in_groups(rows: list[dict[str, Any]], *keys: str) -> dict[tuple, list[dict[str, Any]]]:
    """``rows`` grouped by the values of ``keys``, groups in order of first appearance
    (``groupby(sort=False, dropna=False)`` without a frame per group)."""
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(row[k] for k in keys), []).append(row)
    return groups


def rows_to_frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


def write_staged(folder: Path, tables: dict[str, pd.DataFrame]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        target = folder / f"{name}.parquet"
        partial = folder / f".{name}.parquet.partial"
        frame.to_parquet(partial, index=False)
        os.replace(partial, target)


class PartitionWriter:
    """One document's extract rows as partition files ``<table>.<n>.parquet`` of about
    ``size`` rows each, written by the worker that reads the document as its sections
    pass: neither that worker nor the parent ever holds a whole book's rows. A folder
    left by an earlier attempt at the document is cleared first."""

    def __init__(self, folder: Path, size: int = CHUNK_ROWS) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        self.folder, self.size = folder, size
        self._buffers: dict[str, list[dict[str, Any]]] = {}
        self._files: dict[str, int] = {}

    def __enter__(self) -> PartitionWriter:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            for name in list(self._buffers):
                self._flush(name)

    def add(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        for name, table in rows.items():
            buffer = self._buffers.setdefault(name, [])
            buffer += table
            if len(buffer) >= self.size:
                self._flush(name)

    def _flush(self, name: str) -> None:
        rows = self._buffers.pop(name)
        if rows:
            number = self._files.get(name, 0)
            self._files[name] = number + 1
            frame = rows_to_frame(rows, EXTRACT_COLUMNS[name])
            write_staged(self.folder, {f"{name}.{number:05d}": frame})


def combine_partitions(
    parts_dir: Path, document_ids: list[str], names: list[str], folder: Path
) -> None:
    """Write extract tables ``names`` into ``folder`` from the documents' partitions, in
    ``document_ids`` order, a partition file at a time (Arrow row groups: the parent never
    holds a whole table); their types are the partitions' types, widened where they differ
    (a column empty in one document and numbers in another)."""
    for name in names:
        files = [
            part for d in document_ids for part in sorted((parts_dir / d).glob(f"{name}.*.parquet"))
        ]
        if not files:
            write_staged(folder, {name: rows_to_frame([], EXTRACT_COLUMNS[name])})
            continue
        schema = pa.unify_schemas(
            [pq.read_schema(f).remove_metadata() for f in files], promote_options="permissive"
        )
        target, partial = folder / f"{name}.parquet", folder / f".{name}.parquet.partial"
        with pq.ParquetWriter(partial, schema) as writer:
            for f in files:
                writer.write_table(pq.read_table(f).replace_schema_metadata(None).cast(schema))
        os.replace(partial, target)


def read_staged(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(staged_path(folder, name))


def staged_path(folder: Path, name: str) -> Path:
    """The Parquet file of staged table ``name``; it must exist."""
    path = folder / f"{name}.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run the stage that writes it first")
    return path
