"""Findings across runs: which failures are new, which are still open, which accepted.

A failing finding is known by its document's path, rule and location (a changed file
gets a new sha256, but the 계 it gets wrong is the same one). Before a mart is replaced,
the published mart says which of these failed before and since which run; a failure
no earlier run saw, and not accepted, is ``new`` — what a nightly run alerts on; it stays
new when ``yesan check`` runs again within the same run.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.checks.report import Finding

Key = tuple[str, str, str]  # path, rule, location


def previous_failures(mart_path: Path) -> dict[Key, str]:
    """Failing findings of the published mart → the run in which each first failed."""
    if not mart_path.exists():
        return {}
    connection = duckdb.connect(str(mart_path), read_only=True)
    try:
        columns = {row[0] for row in connection.execute("DESCRIBE findings").fetchall()}
        if "first_seen_run_id" not in columns:
            return {}
        rows = connection.execute(
            "SELECT d.path, f.rule, f.location, coalesce(f.first_seen_run_id, f.run_id) "
            "FROM findings f JOIN documents d USING (document_id) WHERE f.status = 'fail'"
        ).fetchall()
    finally:
        connection.close()
    return {(path, rule, location): run for path, rule, location, run in rows}


def failure_states(
    findings: list[Finding],
    accepted: dict[tuple[str, str, str], str],
    previous: dict[Key, str],
    paths: dict[str, str],
    run_id: str | None,
) -> tuple[dict[tuple[str, str, str], str], dict[tuple[str, str, str], str | None]]:
    """(state, first-seen run) of each failing finding, by the finding's own key."""
    states, first_seen = {}, {}
    for finding in (f for f in findings if f.status == "fail"):
        key = (paths.get(finding.document_id, finding.document_id), finding.rule, finding.location)
        if finding.key in accepted:
            states[finding.key] = "accepted"
        else:
            earlier = key in previous and previous[key] != run_id  # not this run's own check
            states[finding.key] = "still-open" if earlier else "new"
        first_seen[finding.key] = previous.get(key, run_id)
    return states, first_seen
