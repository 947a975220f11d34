"""The DuckDB mart file: its schema, what it knows, and publishing a change whole.

A change is never made in the published file. ``building_mart`` copies the current
mart to a building file beside it and hands the orchestrator a connection inside one
transaction; when the block ends without an error it commits, checkpoints, closes,
confirms no ``.wal`` is left, fsyncs, renames the building file over the mart and
fsyncs the folder (an error inside the block, a failed suite included, publishes
nothing): analysts, a failed run and a run killed at any moment all leave either the
old mart or the new one, never a mix. A reader holding the old file keeps reading it
(the rename does not touch an open file).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path

import duckdb

from pipeline.schema import tables

SQL_DIR = files("pipeline.load") / "sql"
VIEW_FILES = ("summary_totals.sql",)
Known = dict[str, tuple[str, str | None]]  # path → (sha256, extractor version)


def sql_text(name: str) -> str:
    return (SQL_DIR / name).read_text(encoding="utf-8")


def building_path(mart_path: Path) -> Path:
    # Not *.duckdb.tmp: DuckDB uses that name for its own temporary files.
    return mart_path.with_name(f".{mart_path.stem}.building.duckdb")


def apply_schema(connection: duckdb.DuckDBPyConnection) -> None:
    """The mart tables of ``pipeline.schema`` with a comment on every table and column,
    and the views."""
    for spec in tables().marts.values():
        connection.execute(spec.ddl())
        for comment in spec.comments():
            connection.execute(comment)
    for name in VIEW_FILES:
        connection.execute(sql_text(name))


@contextmanager
def building_mart(mart_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a copy of the mart, in one transaction, published atomically
    when the block ends without an error; an error publishes nothing."""
    mart_path.parent.mkdir(parents=True, exist_ok=True)
    building = building_path(mart_path)
    for leftover in (building, building.with_name(building.name + ".wal")):
        leftover.unlink(missing_ok=True)
    if mart_path.exists():
        shutil.copyfile(mart_path, building)
    try:
        connection = duckdb.connect(str(building))
        try:
            apply_schema(connection)
            connection.execute("BEGIN TRANSACTION")
            yield connection
            connection.execute("COMMIT")
            connection.execute("CHECKPOINT")
        finally:
            connection.close()
        wal = building.with_name(building.name + ".wal")
        if wal.exists():
            raise RuntimeError(f"{wal} remains after CHECKPOINT: the mart is not published")
        _fsync(building)
        os.replace(building, mart_path)
        _fsync(mart_path.parent)
    finally:
        building.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    """Flush a file's (or a folder's entries') data to disk before relying on it."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextmanager
def read_mart(mart_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the published mart."""
    if not mart_path.exists():
        raise FileNotFoundError(f"{mart_path} does not exist: run `yesan load` first")
    connection = duckdb.connect(str(mart_path), read_only=True)
    try:
        yield connection
    finally:
        connection.close()


def table_counts(mart_path: Path) -> dict[str, int]:
    with read_mart(mart_path) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM duckdb_tables() ORDER BY table_name"
            ).fetchall()
        ]
        return {
            name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]  # type: ignore[index]
            for name in names
        }


def loaded_documents(mart_path: Path) -> Known:
    """Path → (sha256, extractor version) of every document in the mart not removed."""
    if not mart_path.exists():
        return {}
    with read_mart(mart_path) as connection:
        columns = {row[0] for row in connection.execute("DESCRIBE documents").fetchall()}
        if "removed_at" not in columns:
            return {}
        rows = connection.execute(
            "SELECT path, document_id, extractor_version FROM documents WHERE removed_at IS NULL"
        ).fetchall()
    return {path: (document_id, version) for path, document_id, version in rows}
