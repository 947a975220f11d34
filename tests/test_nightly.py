"""Nightly runs: a failure no run saw before is new (exit 1 with --alert-new), the next
night it is still open (exit 0), an accepted one never alerts; history keeps every run."""

from __future__ import annotations

import duckdb

from pipeline.lock import run_lock
from tests.conftest import SAMPLE, make_project, run_cli

CHANGED = ("150,000원*6회*18명", "150,000원*6회*19명")  # 회의참석수당: exact → mismatch


def failing(project) -> list[tuple]:  # type: ignore[no-untyped-def]
    mart = duckdb.connect(str(project / "marts" / "budget.duckdb"), read_only=True)
    try:
        return mart.execute(
            "SELECT regexp_extract(d.path, '[^/]*$'), f.rule, f.state, "
            "f.first_seen_run_id = f.run_id FROM findings f JOIN documents d USING (document_id) "
            "WHERE f.status = 'fail' ORDER BY ALL"
        ).fetchall()
    finally:
        mart.close()


def test_new_then_still_open_and_accepted_never_alerts(tmp_path):
    project = make_project(tmp_path)
    first = run_cli(project, "run", "--alert-new")
    assert first.exit_code == 0, first.output  # the 2016 계 is accepted: no alert
    assert failing(project) == [(SAMPLE.name, "total-equals-rows", "accepted", True)]
    assert run_cli(project, "run", "--alert-new").exit_code == 0  # nothing new

    copy = project / "raw" / "copy.txt"
    copy.write_text(SAMPLE.read_text(encoding="utf-8").replace(*CHANGED), encoding="utf-8")
    alert = run_cli(project, "run", "--alert-new")
    assert alert.exit_code == 1
    new = [row for row in failing(project) if row[2] == "new"]
    # the changed formula, and the copy's 2016 계: acceptances name a document's sha256
    assert new == [
        ("copy.txt", "formula-matches-amount", "new", True),
        ("copy.txt", "total-equals-rows", "new", True),
    ]

    again = run_cli(project, "run", "--alert-new")
    assert again.exit_code == 0  # still open, not new
    states = {(name, rule): state for name, rule, state, _ in failing(project)}
    assert states[("copy.txt", "formula-matches-amount")] == "still-open"
    mart = duckdb.connect(str(project / "marts" / "budget.duckdb"), read_only=True)
    history = mart.execute(
        "SELECT count(DISTINCT run_id) FROM findings_history WHERE path LIKE '%copy.txt' "
        "AND rule = 'formula-matches-amount'"
    ).fetchone()
    assert history == (2,)  # since when it has been off: the run it appeared in, then this one


def test_the_summary_says_whether_a_failure_is_new_or_still_open(tmp_path):
    project = make_project(tmp_path)
    (project / "raw" / SAMPLE.name).write_text(
        SAMPLE.read_text(encoding="utf-8").replace(*CHANGED), encoding="utf-8"
    )
    first = run_cli(project, "run")
    assert "회의참석수당" in first.output and "(difference" in first.output
    assert "not accepted, new)" in first.output
    copy = project / "raw" / SAMPLE.name
    copy.write_text(copy.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # changed bytes
    second = run_cli(project, "run")
    assert "not accepted, still-open)" in second.output
    assert "not accepted, new)" not in second.output


def test_a_file_with_the_same_bytes_is_one_document_loaded_once(tmp_path):
    project = make_project(tmp_path)
    copy = project / "raw" / "zz-copy.txt"
    copy.write_bytes(SAMPLE.read_bytes())
    first = run_cli(project, "run", "--alert-new")
    assert first.exit_code == 0, first.output
    assert f"zz-copy.txt: duplicate: the same bytes as {project / 'raw' / SAMPLE.name}" in (
        first.output
    )
    assert failing(project) == [(SAMPLE.name, "total-equals-rows", "accepted", True)]

    (project / "raw" / SAMPLE.name).unlink()  # the copy now carries the document
    moved = run_cli(project, "run", "--alert-new")
    assert moved.exit_code == 0, moved.output
    mart = duckdb.connect(str(project / "marts" / "budget.duckdb"), read_only=True)
    try:
        documents = mart.execute("SELECT path, removed_at FROM documents").fetchall()
    finally:
        mart.close()
    assert documents == [(str(copy), None)]
    assert failing(project) == [("zz-copy.txt", "total-equals-rows", "accepted", True)]


def test_every_exit_code_of_a_nightly_run(tmp_path):
    """``yesan run --alert-new`` (``make nightly``) speaks the table of every command."""
    project = make_project(tmp_path)
    assert run_cli(project, "run", "--alert-new").exit_code == 0  # nothing new failed
    copy = project / "raw" / "copy.txt"
    copy.write_text(SAMPLE.read_text(encoding="utf-8").replace(*CHANGED), encoding="utf-8")
    assert run_cli(project, "run", "--alert-new").exit_code == 1  # new failures
    assert run_cli(project, "run", "--alert-new").exit_code == 0  # now still open
    (project / "raw" / "empty.pdf").write_bytes(b"")
    assert run_cli(project, "run", "--alert-new").exit_code == 3  # a document not read
    with run_lock(project / "marts" / ".budget.lock"):
        assert run_cli(project, "run", "--alert-new").exit_code == 4  # another run
    missing = run_cli(project, "run", "--alert-new", "--raw-dir", str(tmp_path / "nowhere"))
    assert missing.exit_code == 2  # the pipeline could not run


def test_a_check_run_again_within_a_run_keeps_new_new_and_one_history(tmp_path):
    project = make_project(tmp_path)
    copy = project / "raw" / "copy.txt"
    copy.write_text(SAMPLE.read_text(encoding="utf-8").replace(*CHANGED), encoding="utf-8")
    assert run_cli(project, "run", "--alert-new").exit_code == 1
    again = run_cli(project, "check", "--alert-new")
    assert again.exit_code == 1, again.output  # the same run: its failures are still new
    assert {row[2] for row in failing(project) if row[0] == "copy.txt"} == {"new"}
    mart = duckdb.connect(str(project / "marts" / "budget.duckdb"), read_only=True)
    try:
        history = mart.execute(
            "SELECT run_id, count(*), count(DISTINCT (document_id, rule, location)) "
            "FROM findings_history GROUP BY run_id"
        ).fetchall()
    finally:
        mart.close()
    assert [(rows, distinct) for _, rows, distinct in history] == [(3, 3)]
    assert run_cli(project, "run", "--alert-new").exit_code == 0  # the next run: still open


def test_a_run_with_nothing_to_read_carries_the_last_check_forward(tmp_path):
    project = make_project(tmp_path)
    copy = project / "raw" / "copy.txt"
    copy.write_text(SAMPLE.read_text(encoding="utf-8").replace(*CHANGED), encoding="utf-8")
    assert run_cli(project, "run", "--alert-new").exit_code == 1
    docs = project / "marts" / "docs" / "index.html"
    built = docs.stat().st_mtime_ns
    quiet = run_cli(project, "run", "--alert-new")
    assert quiet.exit_code == 0, quiet.output  # the same failures, now still open
    assert "documents read: 0" in quiet.output
    assert docs.stat().st_mtime_ns == built  # no suite ran again
    mart = duckdb.connect(str(project / "marts" / "budget.duckdb"), read_only=True)
    try:
        runs = [
            r[0] for r in mart.execute("SELECT run_id FROM runs ORDER BY started_at").fetchall()
        ]
        carried = mart.execute("SELECT DISTINCT run_id FROM findings").fetchall()
        history = mart.execute(
            "SELECT run_id, state, count(*) FROM findings_history GROUP BY ALL ORDER BY ALL"
        ).fetchall()
    finally:
        mart.close()
    assert carried == [(runs[1],)]
    assert history == [
        (runs[0], "accepted", 1),
        (runs[0], "new", 2),
        (runs[1], "accepted", 1),
        (runs[1], "still-open", 2),
    ]
    assert {row[2] for row in failing(project) if row[0] == "copy.txt"} == {"still-open"}
    assert f"# yesan run {runs[1]}" in (project / "marts" / "report.md").read_text("utf-8")


def test_changed_acceptances_make_the_next_run_check_again(tmp_path):
    project = make_project(tmp_path)
    assert run_cli(project, "run").exit_code == 0
    docs = project / "marts" / "docs" / "index.html"
    built = docs.stat().st_mtime_ns
    (project / "expectations" / "accepted_findings.yaml").write_text("accepted: []\n", "utf-8")
    assert run_cli(project, "run", "--strict").exit_code == 1  # checked again: not accepted
    assert docs.stat().st_mtime_ns != built
    assert failing(project) == [(SAMPLE.name, "total-equals-rows", "still-open", False)]
