"""A run with nothing to read: the last check still holds, so it is carried forward.

When a run reads no document (none new, changed, removed or unreadable) and the check
fingerprint (rules code, suites, accepted findings, version) equals the last check's,
the rules and suites would give the same results: they are not run again (Great
Expectations alone takes seconds to import). The findings are carried into this run
(``run_id``; a failure seen before is ``still-open``), ``findings_history`` gets this
run's rows; the report object is rebuilt from the mart, so the exit code follows the
same rules as a full check (and the orchestrator writes the reports again).
"""

from __future__ import annotations

from typing import Any

import duckdb

from pipeline.checks.accepted import load_accepted
from pipeline.checks.findings import SOURCE_COLUMNS
from pipeline.checks.report import CheckReport, Finding, Source, SuiteResult
from pipeline.checks.stage import check_fingerprint, record_fingerprint
from pipeline.schema import SUITE_RULES
from pipeline.settings import PipelineSettings


def carry_check_forward(
    connection: duckdb.DuckDBPyConnection,
    settings: PipelineSettings,
    strict: bool = False,
    alert_new: bool = False,
) -> CheckReport | None:
    """The last check's report, carried into this run; ``None`` when it does not hold."""
    runs = connection.execute(
        "SELECT run_id, check_fingerprint FROM runs ORDER BY started_at DESC LIMIT 2"
    ).fetchall()
    if len(runs) < 2 or runs[1][1] != check_fingerprint(settings):
        return None
    run_id = runs[0][0]
    connection.execute(
        "UPDATE findings SET run_id = ?, state = CASE WHEN state = 'new' THEN 'still-open' "
        "ELSE state END",
        [run_id],
    )
    connection.execute(
        "INSERT INTO findings_history BY NAME SELECT f.run_id, d.path, f.document_id, f.rule, "
        "f.location, f.expected, f.actual, f.state, f.checked_at FROM findings f "
        "LEFT JOIN documents d USING (document_id) "
        "WHERE f.status = 'fail' AND f.rule NOT LIKE '%-suite'"
    )
    record_fingerprint(connection, settings, run_id)
    return report_from_mart(connection, settings, strict, alert_new)


def report_from_mart(
    connection: duckdb.DuckDBPyConnection,
    settings: PipelineSettings,
    strict: bool,
    alert_new: bool,
) -> CheckReport:
    cursor = connection.execute("SELECT * FROM findings ORDER BY finding_id")
    names = [column[0] for column in cursor.description or []]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    suites = [row for row in rows if row["rule"] in SUITE_RULES]
    rules = [row for row in rows if row["rule"] not in SUITE_RULES]
    findings = [_finding(row) for row in rules]
    states = {f.key: row["state"] for f, row in zip(findings, rules, strict=True) if row["state"]}
    return CheckReport(
        findings=findings,
        suites=[_suite(row) for row in suites],
        accepted=load_accepted(settings.accepted_findings_path),
        strict=strict,
        states=states,
        alert_new=alert_new,
    )


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _finding(row: dict) -> Finding:
    checked = Source(
        "checked",
        **{k: _int(row[k]) for k in SOURCE_COLUMNS},
    )
    return Finding(
        row["document_id"],
        row["rule"],
        row["location"],
        row["expected"],
        row["actual"],
        row["status"],
        row["message"],
        row["unit"],
        row["severity"],
        row["printed_unit"],
        (checked,),
    )


def _suite(row: dict) -> SuiteResult:
    name, _, table = row["location"].removeprefix("suite ").partition(" over table ")
    failed = [] if row["status"] == "pass" else row["message"].split("; rows: ")[0].split("; ")
    return SuiteResult(
        name,
        table,
        row["status"] == "pass",
        int(row["expected"] or 0),
        failed,
        kind=row["rule"].removesuffix("-suite"),
    )
