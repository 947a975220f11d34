"""Findings into the mart: ``findings``, ``finding_sources``, ``findings_history``.

Each finding is numbered from 1 (``finding_id``) and carries where its checked figure
is printed; the suites' outcomes follow as findings of their own, so SQL sees one
history.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import duckdb
import pandas as pd

from pipeline.checks.report import Finding, Source, SuiteResult
from pipeline.checks.tracking import failure_states, previous_failures
from pipeline.schema import tables
from pipeline.settings import PipelineSettings

SOURCE_COLUMNS = [f.name for f in fields(Source) if f.name != "role"]


def findings_to_frame(
    findings: list[Finding],
    accepted: dict[tuple[str, str, str], str],
    tracked: Tracked | None = None,
) -> pd.DataFrame:
    """One row per finding, numbered from 1, with where its checked figure is printed."""
    checked_at = pd.Timestamp.now()
    states, first_seen = (tracked.states, tracked.first_seen) if tracked else ({}, {})
    rows = []
    for finding_id, f in enumerate(findings, start=1):
        checked = f.checked or Source("checked")
        rows.append(
            {
                "finding_id": finding_id,
                "document_id": f.document_id,
                "rule": f.rule,
                "location": f.location,
                "expected": f.expected,
                "actual": f.actual,
                "difference": f.difference,
                "unit": f.unit,
                "printed_unit": f.printed_unit,
                "severity": f.severity,
                "status": f.status,
                "message": f.message,
                "accepted_reason": accepted.get(f.key) if f.status == "fail" else None,
                "checked_at": checked_at,
                "run_id": tracked.run_id if tracked else None,
                "state": states.get(f.key),
                "first_seen_run_id": first_seen.get(f.key),
                **{column: getattr(checked, column) for column in SOURCE_COLUMNS},
            }
        )
    return pd.DataFrame(rows, columns=tables().marts["findings"].column_names)


def sources_to_frame(findings: list[Finding]) -> pd.DataFrame:
    """``finding_sources``: every figure of every finding, numbered as ``findings_to_frame``."""
    rows = [
        {"finding_id": finding_id, "document_id": f.document_id, **vars(source)}
        for finding_id, f in enumerate(findings, start=1)
        for source in f.sources
    ]
    return pd.DataFrame(rows, columns=tables().marts["finding_sources"].column_names)


@dataclass
class Tracked:
    """This run's id, and each failing finding's state and first-seen run."""

    run_id: str | None
    states: dict[tuple[str, str, str], str]
    first_seen: dict[tuple[str, str, str], str | None]


def track(
    connection: duckdb.DuckDBPyConnection,
    settings: PipelineSettings,
    findings: list[Finding],
    accepted: dict[tuple[str, str, str], str],
) -> Tracked:
    latest = connection.execute(
        "SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1"
    ).fetchone()
    run_id = latest[0] if latest else None
    paths = dict(connection.execute("SELECT document_id, path FROM documents").fetchall())
    previous = previous_failures(settings.mart_path)
    return Tracked(run_id, *failure_states(findings, accepted, previous, paths, run_id))


def insert_suite_findings(
    connection: duckdb.DuckDBPyConnection,
    suites: list[SuiteResult],
    run_id: str | None,
    first_id: int,
) -> None:
    """Each suite's outcome as a ``data-quality-suite`` (or ``reconciliation-suite``)
    finding, naming the rows that failed: SQL sees one history."""
    rows = [
        {
            "finding_id": finding_id,
            "document_id": None,
            "rule": f"{s.kind}-suite",
            "location": f"suite {s.suite} over table {s.table}",
            "expected": float(s.evaluated),
            "actual": float(s.evaluated - len(s.failed)),
            "difference": float(-len(s.failed)),
            "unit": "expectations",
            "severity": "info" if s.success else "error",
            "status": "pass" if s.success else "fail",
            "message": _suite_message(s),
            "checked_at": pd.Timestamp.now(),
            "run_id": run_id,
        }
        for finding_id, s in enumerate(suites, start=first_id)
    ]
    if rows:
        connection.register("suite_rows", pd.DataFrame(rows))
        connection.execute("INSERT INTO findings BY NAME SELECT * FROM suite_rows")
        connection.unregister("suite_rows")


def _suite_message(suite: SuiteResult) -> str:
    if suite.success:
        return f"{suite.evaluated} expectations met"
    rows = f"; rows: {' | '.join(suite.unexpected_rows)}" if suite.unexpected_rows else ""
    return "; ".join(suite.failed) + rows


def append_history(
    connection: duckdb.DuckDBPyConnection, frame: pd.DataFrame, run_id: str | None
) -> None:
    """The failing findings of this run; a check run again for the same run replaces them."""
    connection.execute("DELETE FROM findings_history WHERE run_id IS NOT DISTINCT FROM ?", [run_id])
    failing = frame[frame["status"] == "fail"]
    if failing.empty:
        return
    connection.register("failing", failing)
    connection.execute(
        "INSERT INTO findings_history BY NAME SELECT f.run_id, d.path, f.document_id, f.rule, "
        "f.location, f.expected, f.actual, f.state, f.checked_at "
        "FROM failing f LEFT JOIN documents d USING (document_id)"
    )
    connection.unregister("failing")


def replace_table(connection: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    connection.execute(f"DELETE FROM {table}")
    if not frame.empty:
        connection.register("incoming", frame)
        connection.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
        connection.unregister("incoming")
