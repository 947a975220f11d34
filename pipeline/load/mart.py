"""The DuckDB mart file: schema, and publishing a change without half-writing it.

A change is never made in the published file. ``publish`` copies the current mart to
a building file beside it, applies the change in one transaction (the checks of
``yesan run`` included: if they raise, nothing is published), checkpoints, closes,
confirms no ``.wal`` is left, fsyncs, renames the building file over the mart and
fsyncs the folder: analysts, a failed run and a run killed at any moment all leave
either the old mart or the new one, never a mix. A reader holding the old file keeps
reading it (the rename does not touch an open file).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path

import duckdb

SQL_DIR = files("pipeline.load") / "sql"
SCHEMA_FILES = ("schema.sql", "comments.sql", "summary_totals.sql")


def sql_text(name: str) -> str:
    return (SQL_DIR / name).read_text(encoding="utf-8")


def building_path(mart_path: Path) -> Path:
    # Not *.duckdb.tmp: DuckDB uses that name for its own temporary files.
    return mart_path.with_name(f".{mart_path.stem}.building.duckdb")


def apply_schema(connection: duckdb.DuckDBPyConnection) -> None:
    for name in SCHEMA_FILES:
        connection.execute(sql_text(name))


def publish(mart_path: Path, change: Callable[[duckdb.DuckDBPyConnection], None]) -> None:
    """Apply ``change`` to a copy of the mart and swap it in atomically."""
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
            change(connection)
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
