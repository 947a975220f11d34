"""`yesan check`: findings are facts; suites and --strict decide the exit code."""

from __future__ import annotations

import json

import duckdb
import pandas as pd

from pipeline.checks.report import CheckReport
from pipeline.checks.suites import load_suite_specs, run_suites
from tests.conftest import EXPECTATIONS, SAMPLE_ID, run_cli


def test_check_writes_a_json_report(sample_run):
    project, _ = sample_run
    report = json.loads((project / "marts" / "check_report.json").read_text(encoding="utf-8"))
    assert report["valid"] is True
    assert report["counts_by_rule"]["total-equals-rows"] == {"pass": 1, "fail": 1}
    (failure,) = report["failures"]
    assert failure["document_id"] == SAMPLE_ID
    assert (failure["expected"], failure["actual"]) == (457_505_000, 691_705_000)
    assert failure["accepted"].startswith("The reference 사업설명서")


def test_strict_passes_when_every_failure_is_accepted(sample_run):
    project, _ = sample_run
    result = run_cli(project, "check", "--strict")
    assert result.exit_code == 0, result.output
    assert "accepted)" in result.output


def test_strict_fails_on_a_failure_not_accepted(sample_run, tmp_path):
    project, _ = sample_run
    expectations = tmp_path / "expectations"
    expectations.mkdir()
    (expectations / "suites").symlink_to(EXPECTATIONS / "suites")
    (expectations / "accepted_findings.yaml").write_text("accepted: []\n", encoding="utf-8")
    args = ["check", "--expectations-dir", str(expectations)]
    assert run_cli(project, *args).exit_code == 0  # a finding alone is not a failed run
    strict = run_cli(project, *args, "--strict")
    assert strict.exit_code == 1
    assert "1 failing findings are not in accepted_findings.yaml" in strict.stderr


def test_a_malformed_accepted_entry_is_a_pipeline_error(sample_run, tmp_path):
    project, _ = sample_run
    expectations = tmp_path / "expectations"
    expectations.mkdir()
    (expectations / "accepted_findings.yaml").write_text(
        "accepted:\n  - rule: total-equals-rows\n", encoding="utf-8"
    )
    result = run_cli(project, "check", "--expectations-dir", str(expectations))
    assert result.exit_code == 2
    assert "an entry lacks document_id, location, reason" in result.stderr


def suite_for(table: str) -> list[dict]:
    return [
        s
        for s in load_suite_specs(EXPECTATIONS / "suites")
        if s["meta"]["table"] == table and s["meta"].get("kind") != "reconciliation"
    ]


def mart_with(table: str, frame: pd.DataFrame) -> duckdb.DuckDBPyConnection:
    """An in-memory mart holding ``frame`` as ``table``, for a suite's query to read."""
    connection = duckdb.connect()
    connection.register("frame", frame)
    connection.execute(f"CREATE TABLE {table} AS SELECT * FROM frame")
    return connection


def test_budget_summary_suite_fails_on_an_amount_in_a_rate_column(mart):
    frame = mart.execute("SELECT * FROM budget_summary").df()
    suite = suite_for("budget_summary")
    assert run_suites(suite, mart_with("budget_summary", frame))[0].success
    rate = frame["phase"] == "증감률"
    frame.loc[rate, "amount_won"] = 4
    (result,) = run_suites(suite, mart_with("budget_summary", frame))
    assert not result.success
    assert result.failed == ["expect_column_values_to_be_null amount_won"]
    first = frame[rate].sort_values(["table_index", "row_index"]).iloc[0]
    assert result.unexpected_rows[0] == (
        f"document_id={SAMPLE_ID[:8]}…, table_index={first.table_index}, "
        f"row_index={first.row_index}, col_index={first.col_index}"
    )


def test_breakdown_suite_fails_on_an_unknown_status_and_duplicate_ids(mart):
    frame = mart.execute("SELECT * FROM breakdown_lines").df()
    frame.loc[0, "formula_status"] = "close enough"
    frame = pd.concat([frame, frame.iloc[[1]]])
    (result,) = run_suites(suite_for("breakdown_lines"), mart_with("breakdown_lines", frame))
    assert sorted(result.failed) == [
        "expect_column_values_to_be_in_set formula_status",
        "expect_compound_columns_to_be_unique",
    ]


def test_breakdown_suite_names_a_line_whose_parent_is_missing(mart):
    frame = mart.execute("SELECT * FROM breakdown_lines").df()
    orphan = frame[frame["parent_line_id"].notna()].iloc[3]
    frame = frame[frame["line_id"] != orphan.parent_line_id]
    orphans = frame[frame["parent_line_id"] == orphan.parent_line_id]
    (result,) = run_suites(suite_for("breakdown_lines"), mart_with("breakdown_lines", frame))
    assert result.failed == ["expect_column_values_to_be_in_set parent_present"]
    assert result.unexpected_rows == [
        f"document_id={SAMPLE_ID[:8]}…, line_id={line_id}" for line_id in orphans["line_id"]
    ]
    assert len(orphans) >= 1


def test_reconciliation_suite_names_the_failing_rows_and_never_blocks(mart):
    (spec,) = [s for s in load_suite_specs(EXPECTATIONS / "suites") if s["meta"].get("kind")]
    findings = mart.execute("SELECT * FROM findings").df()
    failing = findings["status"] == "fail"
    findings.loc[failing, "accepted_reason"] = "wrong in the source"
    (result,) = run_suites([spec], mart_with("findings", findings))
    assert result.success  # the one failing finding, the 2016 계, is accepted
    findings.loc[failing, "accepted_reason"] = None
    (result,) = run_suites([spec], mart_with("findings", findings))
    assert not result.success and result.kind == "reconciliation"
    assert result.failed == ["expect_column_values_to_be_in_set reconciles [total-equals-rows]"]
    finding_id = int(findings.loc[findings["status"] == "fail", "finding_id"].iloc[0])
    assert result.unexpected_rows == [
        f"finding_id={finding_id}, document_id={SAMPLE_ID[:8]}…, table_index=4, row_index=2, "
        "col_index=2, line_no=45"
    ]
    assert CheckReport([], [result]).suites_passed  # reported, not blocking


def test_a_failing_suite_makes_check_exit_1(sample_run, tmp_path):
    project, _ = sample_run
    expectations = tmp_path / "expectations"
    (expectations / "suites").mkdir(parents=True)
    (expectations / "suites" / "documents.json").write_text(
        json.dumps(
            {
                "name": "documents",
                "meta": {"table": "documents"},
                "expectations": [
                    {"type": "expect_table_row_count_to_equal", "kwargs": {"value": 2}}
                ],
            }
        ),
        encoding="utf-8",
    )
    result = run_cli(project, "check", "--expectations-dir", str(expectations))
    assert result.exit_code == 1
    assert "error: suite documents failed: expect_table_row_count_to_equal" in result.stderr


def test_every_mart_table_has_a_data_quality_suite(mart):
    tables = {row[0] for row in mart.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    suites = {
        spec["meta"]["table"]
        for spec in load_suite_specs(EXPECTATIONS / "suites")
        if spec["meta"].get("kind", "data-quality") == "data-quality"
    }
    assert suites == tables
