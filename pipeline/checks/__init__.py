"""Check: reconciliation rules and Great Expectations suites over the published mart.

``check_marts`` reads the mart, runs every rule, replaces the ``findings`` table
(published atomically), runs the GX suites over the mart tables, and returns one
``CheckReport`` that the CLI prints, writes as JSON and turns into the exit code.
A failing finding is a fact about a document, not a failed run: only a failing
suite, or (with ``strict``) a failing finding not accepted, makes the report invalid.
"""

from __future__ import annotations

import json

import duckdb
import pandas as pd

from pipeline.checks.accepted import load_accepted
from pipeline.checks.report import CheckReport, Finding
from pipeline.checks.rules import run_rules
from pipeline.checks.suites import load_suite_specs, run_suites
from pipeline.checks.table_rules import statistics_table_rules
from pipeline.load.mart import publish, read_mart
from pipeline.settings import PipelineSettings


def read_tables(settings: PipelineSettings, names: list[str]) -> dict[str, pd.DataFrame]:
    with read_mart(settings.mart_path) as connection:
        return {name: connection.execute(f"SELECT * FROM {name}").df() for name in names}


def findings_to_frame(
    findings: list[Finding], accepted: dict[tuple[str, str, str], str]
) -> pd.DataFrame:
    checked_at = pd.Timestamp.now()
    return pd.DataFrame(
        [
            {
                "document_id": f.document_id,
                "rule": f.rule,
                "location": f.location,
                "expected": f.expected,
                "actual": f.actual,
                "difference": f.difference,
                "unit": f.unit,
                "severity": f.severity,
                "status": f.status,
                "message": f.message,
                "accepted_reason": accepted.get(f.key) if f.status == "fail" else None,
                "checked_at": checked_at,
            }
            for f in findings
        ],
        columns=[
            "document_id",
            "rule",
            "location",
            "expected",
            "actual",
            "difference",
            "unit",
            "severity",
            "status",
            "message",
            "accepted_reason",
            "checked_at",
        ],
    )


def _replace_findings(connection: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> None:
    connection.execute("DELETE FROM findings")
    if not frame.empty:
        connection.register("incoming", frame)
        connection.execute("INSERT INTO findings BY NAME SELECT * FROM incoming")
        connection.unregister("incoming")


def check_marts(settings: PipelineSettings, strict: bool = False) -> CheckReport:
    specs = load_suite_specs(settings.suites_dir)
    accepted = load_accepted(settings.accepted_findings_path)
    rule_tables = ["budget_summary", "breakdown_lines", "schedule", "projects", "cells"]
    tables = read_tables(settings, rule_tables)
    findings = [
        *run_rules(tables),
        *statistics_table_rules(tables["cells"], tables["budget_summary"]),
    ]
    frame = findings_to_frame(findings, accepted)
    publish(settings.mart_path, lambda connection: _replace_findings(connection, frame))
    suite_tables = sorted({spec["meta"]["table"] for spec in specs})
    report = CheckReport(
        findings=findings,
        suites=run_suites(specs, read_tables(settings, suite_tables)),
        accepted=accepted,
        strict=strict,
    )
    settings.report_path.write_text(
        json.dumps(report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return report
