"""The check stage: reconciliation rules and Great Expectations suites over the mart
being built, and one ``CheckReport``.

``reconcile`` runs every registered rule and replaces the mart's findings; ``validate``
runs the suites and builds the report that the CLI prints, writes as JSON and turns into
the exit code. The orchestrator runs them between opening the mart and publishing it
(the report's images are rendered in between, while the suites run). A failing finding
is a fact about a document, not a failed run: only a failing suite, or (with
``strict``) a failing finding not accepted, makes the report invalid.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.checks.accepted import load_accepted
from pipeline.checks.findings import (
    Tracked,
    append_history,
    findings_to_frame,
    insert_suite_findings,
    replace_table,
    sources_to_frame,
    track,
)
from pipeline.checks.report import CheckReport, Finding
from pipeline.checks.rules import run_rules, tables_read
from pipeline.checks.suites import load_suite_specs, run_suites
from pipeline.settings import PipelineSettings
from pipeline.versions import pipeline_version, rules_version


class SuitesFailed(Exception):
    """The data-quality suites failed: the mart being built is not published."""


@dataclass
class Reconciled:
    """The rules' findings over a mart, as written into it, and how they are tracked."""

    findings: list[Finding]
    accepted: dict[tuple[str, str, str], str]
    tracked: Tracked


def reconcile(connection: duckdb.DuckDBPyConnection, settings: PipelineSettings) -> Reconciled:
    """Run every rule over the mart open on ``connection`` and replace its findings,
    finding sources and this run's history."""
    accepted = load_accepted(settings.accepted_findings_path)
    findings = rule_findings(connection)
    tracked = track(connection, settings, findings, accepted)
    frame = findings_to_frame(findings, accepted, tracked)
    replace_table(connection, "findings", frame)
    replace_table(connection, "finding_sources", sources_to_frame(findings))
    append_history(connection, frame, tracked.run_id)
    return Reconciled(findings, accepted, tracked)


def validate(
    connection: duckdb.DuckDBPyConnection,
    settings: PipelineSettings,
    reconciled: Reconciled,
    strict: bool = False,
    alert_new: bool = False,
) -> CheckReport:
    """Run the suites over the mart (their outcomes become findings too) and record the
    check's fingerprint; the report of the whole check."""
    suites = run_suites(load_suite_specs(settings.suites_dir), connection, settings.docs_dir)
    run_id = reconciled.tracked.run_id
    insert_suite_findings(connection, suites, run_id, len(reconciled.findings) + 1)
    record_fingerprint(connection, settings, run_id)
    return CheckReport(
        findings=reconciled.findings,
        suites=suites,
        accepted=reconciled.accepted,
        strict=strict,
        states=reconciled.tracked.states,
        alert_new=alert_new,
    )


def rule_findings(connection: duckdb.DuckDBPyConnection) -> list[Finding]:
    """Every registered rule's findings over the mart; the tables the rules read are let
    go on return, before the suites read theirs."""
    tables = {name: connection.execute(f"SELECT * FROM {name}").df() for name in tables_read()}
    return run_rules(tables)


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


def write_check_report(report: CheckReport, path: Path) -> None:
    """``check_report.json``: the report as JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
