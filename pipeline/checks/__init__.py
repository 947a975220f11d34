"""Check: reconciliation rules and Great Expectations suites over a mart.

``check_connection`` runs every rule over the mart being built, replaces its
``findings`` table, runs the GX suites over the mart tables, and returns one
``CheckReport`` that the CLI prints, writes as JSON and turns into the exit code.
``yesan run`` checks the mart it builds before publishing it: failed suites keep the
previous mart live (``SuitesFailed``). ``check_marts`` re-checks the published mart.
A failing finding is a fact about a document, not a failed run: only a failing
suite, or (with ``strict``) a failing finding not accepted, makes the report invalid.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields

import duckdb
import pandas as pd

from pipeline.checks.accepted import load_accepted
from pipeline.checks.report import CheckReport, Finding, Source, SuiteResult
from pipeline.checks.rules import run_rules
from pipeline.checks.suites import load_suite_specs, run_suites
from pipeline.checks.table_rules import statistics_table_rules
from pipeline.checks.tracking import failure_states, previous_failures
from pipeline.load.mart import publish, read_mart
from pipeline.report import prerender, write_reports
from pipeline.settings import PipelineSettings
from pipeline.versions import pipeline_version, rules_version

SOURCE_COLUMNS = [f.name for f in fields(Source) if f.name != "role"]


FINDING_COLUMNS = [
    "finding_id",
    "document_id",
    "rule",
    "location",
    "expected",
    "actual",
    "difference",
    "unit",
    "printed_unit",
    "severity",
    "status",
    "message",
    "accepted_reason",
    "checked_at",
    "run_id",
    "state",
    "first_seen_run_id",
    *SOURCE_COLUMNS,
]


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
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def sources_to_frame(findings: list[Finding]) -> pd.DataFrame:
    """``finding_sources``: every figure of every finding, numbered as ``findings_to_frame``."""
    rows = [
        {"finding_id": finding_id, "document_id": f.document_id, **vars(source)}
        for finding_id, f in enumerate(findings, start=1)
        for source in f.sources
    ]
    return pd.DataFrame(rows, columns=["finding_id", "document_id", "role", *SOURCE_COLUMNS])


@dataclass
class Tracked:
    """This run's id, and each failing finding's state and first-seen run."""

    run_id: str | None
    states: dict[tuple[str, str, str], str]
    first_seen: dict[tuple[str, str, str], str | None]


def _track(
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


def _insert_suite_findings(
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


def _append_history(
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


def _replace_table(connection: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    connection.execute(f"DELETE FROM {table}")
    if not frame.empty:
        connection.register("incoming", frame)
        connection.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
        connection.unregister("incoming")


def read_tables(settings: PipelineSettings, names: list[str]) -> dict[str, pd.DataFrame]:
    """Mart tables as DataFrames, read from the published mart."""
    with read_mart(settings.mart_path) as connection:
        return {name: connection.execute(f"SELECT * FROM {name}").df() for name in names}


class SuitesFailed(Exception):
    """The data-quality suites failed: the mart being built is not published."""


def check_connection(
    connection: duckdb.DuckDBPyConnection,
    settings: PipelineSettings,
    strict: bool = False,
    alert_new: bool = False,
) -> CheckReport:
    """Run the rules and suites over the mart open on ``connection`` (the one being
    built), replace its ``findings`` and write the JSON report."""
    specs = load_suite_specs(settings.suites_dir)
    accepted = load_accepted(settings.accepted_findings_path)

    findings = rule_findings(connection)
    tracked = _track(connection, settings, findings, accepted)
    frame = findings_to_frame(findings, accepted, tracked)
    _replace_table(connection, "findings", frame)
    _replace_table(connection, "finding_sources", sources_to_frame(findings))
    _append_history(connection, frame, tracked.run_id)
    images = prerender(connection, settings.report_cache_dir)
    suites = run_suites(specs, connection, settings.docs_dir)
    images.join()
    _insert_suite_findings(connection, suites, tracked.run_id, len(findings) + 1)
    report = CheckReport(
        findings=findings,
        suites=suites,
        accepted=accepted,
        strict=strict,
        states=tracked.states,
        alert_new=alert_new,
    )
    record_fingerprint(connection, settings, tracked.run_id)
    write_outputs(connection, settings, report)
    return report


def rule_findings(connection: duckdb.DuckDBPyConnection) -> list[Finding]:
    """Every reconciliation rule's findings over the mart; the tables the rules read are
    let go on return, before the suites read theirs."""
    tables = {
        name: connection.execute(f"SELECT * FROM {name}").df()
        for name in ("budget_summary", "breakdown_lines", "schedule", "projects", "cells")
    }
    return [
        *run_rules(tables),
        *statistics_table_rules(tables["cells"], tables["budget_summary"]),
    ]


def check_fingerprint(settings: PipelineSettings) -> str:
    """What a check's results depend on besides the data: the rule code, the suites, the
    accepted findings and the package version."""
    digest = hashlib.sha256(f"{rules_version()} {pipeline_version()}".encode())
    for path in sorted(settings.suites_dir.glob("*.json")):
        digest.update(path.name.encode() + path.read_bytes())
    if settings.accepted_findings_path.exists():
        digest.update(settings.accepted_findings_path.read_bytes())
    return digest.hexdigest()[:16]


def record_fingerprint(
    connection: duckdb.DuckDBPyConnection, settings: PipelineSettings, run_id: str | None
) -> None:
    connection.execute(
        "UPDATE runs SET check_fingerprint = ? WHERE run_id = ?",
        [check_fingerprint(settings), run_id],
    )


def write_outputs(
    connection: duckdb.DuckDBPyConnection, settings: PipelineSettings, report: CheckReport
) -> None:
    """``check_report.json``, ``report.html`` and ``report.md`` beside the mart."""
    settings.report_path.parent.mkdir(parents=True, exist_ok=True)
    settings.report_path.write_text(
        json.dumps(report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    write_reports(connection, settings.report_html_path, settings.report_cache_dir)


def check_marts(
    settings: PipelineSettings, strict: bool = False, alert_new: bool = False
) -> CheckReport:
    """Check the published mart and publish its new findings (``yesan check``)."""
    if not settings.mart_path.exists():
        raise FileNotFoundError(f"{settings.mart_path} does not exist: run `yesan load` first")
    reports: list[CheckReport] = []
    publish(
        settings.mart_path,
        lambda connection: reports.append(
            check_connection(connection, settings, strict, alert_new)
        ),
    )
    return reports[0]
