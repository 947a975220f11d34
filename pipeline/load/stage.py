"""The load stage: the staged transform tables → the mart being built.

Loading a document again replaces its rows (by document id, and by path, so a file
whose bytes changed replaces its earlier version); documents not in this batch keep
their rows. The orchestrator opens the mart (``pipeline.load.mart.building_mart``),
loads, checks, and publishes it whole.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from pipeline.staging import read_staged, staged_path

# Tables whose rows belong to a document: replaced when the document is loaded again.
DOCUMENT_TABLES = (
    "pages",
    "projects",
    "contacts",
    "budget_summary",
    "breakdown_lines",
    "breakdown_formula_factors",
    "schedule",
    "cells",
    "paragraphs",
    "findings",
)
STAGED_DOCUMENT_TABLES = DOCUMENT_TABLES[:-1]  # findings come from the check
BATCH_TABLES = ("documents", "quarantine", "seen", "run")  # small: read whole


def load_staged(connection: duckdb.DuckDBPyConnection, transform_dir: Path) -> dict[str, int]:
    """Load the staged transform tables into the mart open on ``connection``; return the
    rows loaded per table."""
    batch = {name: read_staged(transform_dir, name) for name in BATCH_TABLES}
    files = {name: staged_path(transform_dir, name) for name in STAGED_DOCUMENT_TABLES}
    _replace_rows(connection, batch, files)
    counts = {name: len(frame) for name, frame in batch.items()}
    return counts | {name: pq.read_metadata(path).num_rows for name, path in files.items()}


def _replace_rows(
    connection: duckdb.DuckDBPyConnection, staged: dict[str, pd.DataFrame], files: dict[str, Path]
) -> None:
    """The batch's documents replace their earlier rows; the document tables are read
    from their Parquet files by DuckDB (no row passes through Python)."""
    documents = staged["documents"]
    quarantine = staged["quarantine"]
    paths = pd.DataFrame({"path": pd.concat([documents["path"], quarantine["path"]])})
    connection.register("batch_paths", paths)
    connection.register("batch_documents", documents[["document_id"]])
    connection.execute(
        """
        CREATE TEMP TABLE replaced AS
        SELECT document_id FROM documents WHERE path IN (SELECT path FROM batch_paths)
        UNION SELECT document_id FROM batch_documents
        """
    )
    for name in (*DOCUMENT_TABLES, "documents"):
        connection.execute(f"DELETE FROM {name} WHERE document_id IN (SELECT * FROM replaced)")
    connection.execute("DELETE FROM quarantine WHERE path IN (SELECT path FROM batch_paths)")
    _insert(connection, "documents", documents.assign(loaded_at=pd.Timestamp.now()))
    _insert(connection, "quarantine", quarantine.assign(quarantined_at=pd.Timestamp.now()))
    for name, path in files.items():
        _insert_staged(connection, name, path)
    connection.execute("DROP TABLE replaced")
    _mark_removed(connection, staged["seen"])
    run = staged["run"].assign(ended_at=pd.Timestamp.now(tz="UTC").tz_localize(None))
    for run_id in run["run_id"]:
        connection.execute("DELETE FROM runs WHERE run_id = ?", [run_id])
    _insert(connection, "runs", run)


def _mark_removed(connection: duckdb.DuckDBPyConnection, seen: pd.DataFrame) -> None:
    """Documents whose file is gone from ``raw/`` keep their rows, flagged ``removed_at``."""
    connection.register("seen_paths", seen[["path"]])
    connection.execute(
        "UPDATE documents SET removed_at = now()::TIMESTAMP "
        "WHERE removed_at IS NULL AND path NOT IN (SELECT path FROM seen_paths)"
    )
    connection.execute(
        "UPDATE documents SET removed_at = NULL WHERE path IN (SELECT path FROM seen_paths)"
    )
    connection.unregister("seen_paths")


def _insert_staged(connection: duckdb.DuckDBPyConnection, table: str, path: Path) -> None:
    connection.execute(f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet(?)", [str(path)])


def _insert(connection: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    connection.register("incoming", frame)
    connection.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
    connection.unregister("incoming")
