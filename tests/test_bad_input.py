"""Bad input: one clear error line per unreadable file, the rest of the batch loads."""

from __future__ import annotations

import duckdb

from tests.conftest import SAMPLE, SAMPLE_ID, make_project, run_cli

PROSE = "# 회의록\n\n회의 결과를 알립니다.\n\n| 항목 | 내용 |\n|---|---|\n| 일시 | 3월 2일 |\n"


def test_empty_and_binary_files_are_quarantined_and_the_rest_loads(tmp_path):
    project = make_project(
        tmp_path,
        {
            SAMPLE.name: SAMPLE.read_bytes(),
            "empty.txt": b"",
            "binary.txt": bytes(range(256)) * 4,
            "minutes.txt": PROSE,
        },
    )
    result = run_cli(project, "run")
    assert result.exit_code == 3, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {project / 'raw' / 'binary.txt'}: unknown-format: not a PDF, HWP, HWPX or text "
        "file: binary content (first bytes 00 01 02 03 04 05 06 07) under a 'txt' name",
        f"error: {project / 'raw' / 'empty.txt'}: empty-file: the file is empty (0 bytes)",
    ]
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: {project / 'raw' / 'minutes.txt'}: no-budget-table: no budget table "
        "recognised; 1 tables loaded as cells only"
    ]
    mart = duckdb.connect(str(project / "marts" / "budget.duckdb"), read_only=True)
    quarantined = mart.execute("SELECT path, reason FROM quarantine ORDER BY path").fetchall()
    assert [(p.rsplit("/", 1)[-1], r) for p, r in quarantined] == [
        ("binary.txt", "unknown-format"),
        ("empty.txt", "empty-file"),
    ]
    documents = mart.execute("SELECT path FROM documents ORDER BY path").fetchall()
    assert [p[0].rsplit("/", 1)[-1] for p in documents] == [SAMPLE.name, "minutes.txt"]
    prose_cells = mart.execute(
        "SELECT text FROM cells JOIN documents USING (document_id) "
        "WHERE path LIKE '%minutes.txt' ORDER BY row_index, col_index"
    ).fetchall()
    assert [c[0] for c in prose_cells] == ["항목", "내용", "일시", "3월 2일"]
    assert mart.execute(
        "SELECT count(*) FROM breakdown_lines WHERE document_id = ?", [SAMPLE_ID]
    ).fetchone() == (42,)


def test_a_directory_of_only_bad_files_still_exits_3(tmp_path):
    project = make_project(tmp_path, {"empty.txt": b""})
    result = run_cli(project, "extract")
    assert result.exit_code == 3
    assert "empty-file" in result.stderr


def test_missing_raw_folder_is_a_pipeline_failure(tmp_path):
    project = make_project(tmp_path, {})
    (project / "raw").rmdir()
    result = run_cli(project, "run")
    assert result.exit_code == 2
    assert "is not a folder" in result.stderr
