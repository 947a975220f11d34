"""Staged Parquet: the tables extract and transform write, with fixed columns.

Each file is written whole to a temporary name and renamed, so a reader never sees
a half-written file. Columns and types come from the table definitions
(``pipeline.schema``), so an empty batch still writes tables with the right columns and
every document's partitions share one schema.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, cast

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import TableSpec, tables

CHUNK_ROWS = 20_000  # rows of one partition file of a document's cells


def extract_columns(name: str) -> list[str]:
    """The columns of extract table ``name`` (``pipeline/schema/tables.yml``)."""
    return tables().extract[name].column_names


def transform_columns(name: str) -> list[str]:
    """The columns of transform table ``name``: its mart table's staged columns."""
    return tables().transform[name].column_names


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


def write_staged(
    folder: Path, frames: dict[str, pd.DataFrame], specs: dict[str, TableSpec]
) -> None:
    """Each frame as ``<name>.parquet`` with the schema of its definition in ``specs``
    (a partition ``<table>.<n>`` takes its table's)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        schema = specs[name.split(".")[0]].arrow_schema()
        table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
        target = folder / f"{name}.parquet"
        partial = folder / f".{name}.parquet.partial"
        pq.write_table(table.replace_schema_metadata(None), partial)
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
            frame = rows_to_frame(rows, extract_columns(name))
            write_staged(self.folder, {f"{name}.{number:05d}": frame}, tables().extract)


def combine_partitions(
    parts_dir: Path, document_ids: list[str], names: list[str], folder: Path
) -> None:
    """Write extract tables ``names`` into ``folder`` from the documents' partitions, in
    ``document_ids`` order, a partition file at a time (Arrow row groups: the parent never
    holds a whole table); every partition has its table's schema."""
    for name in names:
        files = [
            part for d in document_ids for part in sorted((parts_dir / d).glob(f"{name}.*.parquet"))
        ]
        schema = tables().extract[name].arrow_schema()
        target, partial = folder / f"{name}.parquet", folder / f".{name}.parquet.partial"
        with pq.ParquetWriter(partial, schema) as writer:
            for f in files:
                writer.write_table(pq.read_table(f))
        os.replace(partial, target)


def read_staged(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(staged_path(folder, name))


def staged_path(folder: Path, name: str) -> Path:
    """The Parquet file of staged table ``name``; it must exist."""
    path = folder / f"{name}.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run the stage that writes it first")
    return path
