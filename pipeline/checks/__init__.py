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


def read_tables(settings: PipelineSettings, names: list[str]) -> dict[str, pd.DataFrame]:
    """Mart tables as DataFrames, read from the published mart."""
    with read_mart(settings.mart_path) as connection:
        return {name: connection.execute(f"SELECT * FROM {name}").df() for name in names}


class SuitesFailed(Exception):
    """The data-quality suites failed: the mart being built is not published."""

    def __init__(self, report: CheckReport) -> None:
        super().__init__("data-quality suites failed: the previous mart stays live")
        self.report = report


def check_connection(
    connection: duckdb.DuckDBPyConnection, settings: PipelineSettings, strict: bool = False
) -> CheckReport:
    """Run the rules and suites over the mart open on ``connection`` (the one being
    built), replace its ``findings`` and write the JSON report."""
    specs = load_suite_specs(settings.suites_dir)
    accepted = load_accepted(settings.accepted_findings_path)

    def table(name: str) -> pd.DataFrame:
        return connection.execute(f"SELECT * FROM {name}").df()

    rule_tables = {
        n: table(n) for n in ("budget_summary", "breakdown_lines", "schedule", "projects", "cells")
    }
    findings = [
        *run_rules(rule_tables),
        *statistics_table_rules(rule_tables["cells"], rule_tables["budget_summary"]),
    ]
    _replace_findings(connection, findings_to_frame(findings, accepted))
    suite_tables = sorted({spec["meta"]["table"] for spec in specs})
    report = CheckReport(
        findings=findings,
        suites=run_suites(specs, {name: table(name) for name in suite_tables}),
        accepted=accepted,
        strict=strict,
    )
    settings.report_path.parent.mkdir(parents=True, exist_ok=True)
    settings.report_path.write_text(
        json.dumps(report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return report


def check_marts(settings: PipelineSettings, strict: bool = False) -> CheckReport:
    """Check the published mart and publish its new findings (``yesan check``)."""
    if not settings.mart_path.exists():
        raise FileNotFoundError(f"{settings.mart_path} does not exist: run `yesan load` first")
    reports: list[CheckReport] = []
    publish(
        settings.mart_path,
        lambda connection: reports.append(check_connection(connection, settings, strict)),
    )
    return reports[0]
