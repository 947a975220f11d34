"""Loading is idempotent, replaces a document's rows, and never half-writes the mart."""

from __future__ import annotations

import duckdb
import pytest

import pipeline.load.stage as load_module
from pipeline import run
from pipeline.load.mart import building_path, table_counts
from pipeline.settings import PipelineSettings
from tests.conftest import SAMPLE, make_project, run_cli


def settings_for(project) -> PipelineSettings:
    return PipelineSettings(
        raw_dir=project / "raw",
        staged_dir=project / "staged",
        mart_path=project / "marts" / "budget.duckdb",
        expectations_dir=project / "expectations",
    )


def test_loading_twice_gives_the_same_rows(tmp_path):
    project = make_project(tmp_path)
    assert run_cli(project, "run").exit_code == 0
    first = table_counts(settings_for(project).mart_path)
    assert run_cli(project, "load").exit_code == 0  # the same staged run, loaded again
    assert run_cli(project, "check").exit_code == 0
    again = table_counts(settings_for(project).mart_path)
    assert again == first  # findings_history too: a check of the same run replaces its rows
    assert first["breakdown_lines"] == 42 and first["runs"] == 1


def test_a_changed_file_replaces_its_earlier_version(tmp_path):
    project = make_project(tmp_path)
    assert run_cli(project, "run").exit_code == 0
    changed = SAMPLE.read_text(encoding="utf-8").replace("150,000원*6회*18명", "150,000원*6회*19명")
    (project / "raw" / SAMPLE.name).write_text(changed, encoding="utf-8")
    assert run_cli(project, "run").exit_code == 0
    mart = duckdb.connect(str(settings_for(project).mart_path), read_only=True)
    assert mart.execute("SELECT count(*) FROM documents").fetchone() == (1,)
    assert mart.execute("SELECT count(*) FROM breakdown_lines").fetchone() == (42,)
    assert mart.execute(
        "SELECT formula_status FROM breakdown_lines WHERE name = '회의참석수당'"
    ).fetchone() == ("mismatch",)


def test_a_failed_load_leaves_the_previous_mart_intact(tmp_path, monkeypatch):
    project = make_project(tmp_path)
    assert run_cli(project, "run").exit_code == 0
    settings = settings_for(project)
    before = table_counts(settings.mart_path)
    original = settings.mart_path.read_bytes()

    def broken_insert(connection, table, path):
        if table == "cells":
            raise RuntimeError("disk full")
        original_insert(connection, table, path)

    original_insert = load_module._insert_staged
    monkeypatch.setattr(load_module, "_insert_staged", broken_insert)
    with pytest.raises(RuntimeError, match="disk full"):
        run.load(settings)
    assert settings.mart_path.read_bytes() == original
    assert table_counts(settings.mart_path) == before
    assert not building_path(settings.mart_path).exists()


def test_documents_not_in_the_batch_keep_their_rows(tmp_path):
    project = make_project(tmp_path)
    assert run_cli(project, "run").exit_code == 0
    (project / "raw" / SAMPLE.name).unlink()
    (project / "raw" / "other.txt").write_text("| 구분 | 내용 |\n|---|---|\n| 가 | 나 |\n", "utf-8")
    assert run_cli(project, "run").exit_code == 0
    counts = table_counts(settings_for(project).mart_path)
    assert counts["documents"] == 2
    assert counts["breakdown_lines"] == 42


def test_a_second_run_reads_nothing_and_records_both_runs(tmp_path):
    project = make_project(tmp_path)
    assert run_cli(project, "run").exit_code == 0
    first = table_counts(settings_for(project).mart_path)
    second = run_cli(project, "run")
    assert second.exit_code == 0
    assert "documents read: 0, quarantined: 0, warnings: 0, unchanged (not read again): 1" in (
        second.output
    )
    counts = table_counts(settings_for(project).mart_path)
    histories = ("runs", "findings_history")
    assert {k: v for k, v in counts.items() if k not in histories} == {
        k: v for k, v in first.items() if k not in histories
    }
    mart = duckdb.connect(str(settings_for(project).mart_path), read_only=True)
    runs = mart.execute(
        "SELECT documents_seen, documents_new, documents_changed, documents_unchanged, "
        "documents_removed FROM runs ORDER BY started_at"
    ).fetchall()
    assert runs == [(1, 1, 0, 0, 0), (1, 0, 0, 1, 0)]


def test_a_removed_file_keeps_its_rows_flagged(tmp_path):
    project = make_project(tmp_path)
    assert run_cli(project, "run").exit_code == 0
    moved = tmp_path / "aside.txt"
    (project / "raw" / SAMPLE.name).rename(moved)
    assert run_cli(project, "run").exit_code == 0
    mart = duckdb.connect(str(settings_for(project).mart_path), read_only=True)
    assert mart.execute("SELECT removed_at IS NOT NULL FROM documents").fetchall() == [(True,)]
    assert mart.execute("SELECT count(*) FROM breakdown_lines").fetchone() == (42,)
    assert mart.execute("SELECT documents_removed FROM runs ORDER BY started_at").fetchall() == [
        (0,),
        (1,),
    ]
    mart.close()
    moved.rename(project / "raw" / SAMPLE.name)
    assert run_cli(project, "run").exit_code == 0
    mart = duckdb.connect(str(settings_for(project).mart_path), read_only=True)
    assert mart.execute("SELECT removed_at FROM documents").fetchall() == [(None,)]


def test_new_extraction_code_reads_unchanged_files_again(tmp_path, monkeypatch):
    import pipeline.extract.stage as extract_module

    project = make_project(tmp_path)
    assert run_cli(project, "run").exit_code == 0
    monkeypatch.setattr(extract_module, "extractor_version", lambda: "other-code")
    result = run_cli(project, "run")
    assert "documents read: 1," in result.output
    mart = duckdb.connect(str(settings_for(project).mart_path), read_only=True)
    assert mart.execute("SELECT extractor_version FROM documents").fetchall() == [("other-code",)]
