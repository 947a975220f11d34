"""Publishing the mart: failed suites keep the old mart live, a reader keeps reading
through a publish, and a run killed at any moment leaves the old mart or the new one."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from pipeline.load.mart import building_path
from tests.conftest import SAMPLE, cli_args, make_project, run_cli

CHANGED = ("150,000원*6회*18명", "150,000원*6회*19명")  # 회의참석수당: exact → mismatch


def fingerprint(mart: Path) -> tuple:
    connection = duckdb.connect(str(mart), read_only=True)
    try:
        counts = tuple(
            connection.execute(f"SELECT count(*) FROM {name}").fetchone()[0]  # type: ignore[index]
            for name in ("documents", "breakdown_lines", "cells", "findings")
        )
        statuses = connection.execute(
            "SELECT line_id, formula_status FROM breakdown_lines ORDER BY line_id"
        ).fetchall()
        failing = connection.execute(
            "SELECT count(*) FROM findings WHERE status = 'fail'"
        ).fetchone()
        return counts, tuple(statuses), failing
    finally:
        connection.close()


def change_sample(project: Path) -> None:
    path = project / "raw" / SAMPLE.name
    path.write_text(path.read_text(encoding="utf-8").replace(*CHANGED), encoding="utf-8")


def test_failed_suites_keep_the_old_mart_live(tmp_path):
    project = make_project(tmp_path)
    assert run_cli(project, "run").exit_code == 0
    mart = project / "marts" / "budget.duckdb"
    before = mart.read_bytes()
    suite = project / "expectations" / "suites" / "documents.json"
    spec = json.loads(suite.read_text(encoding="utf-8"))
    spec["expectations"].append(
        {"type": "expect_table_row_count_to_be_between", "kwargs": {"max_value": 0}}
    )
    suite.write_text(json.dumps(spec), encoding="utf-8")
    change_sample(project)
    result = run_cli(project, "run")
    assert result.exit_code == 1
    assert mart.read_bytes() == before
    assert not building_path(mart).exists()


def test_a_reader_keeps_working_through_a_publish(tmp_path):
    project = make_project(tmp_path)
    assert run_cli(project, "run").exit_code == 0
    mart = project / "marts" / "budget.duckdb"
    reader = duckdb.connect(str(mart), read_only=True)
    try:
        before = reader.execute("SELECT count(*) FROM breakdown_lines").fetchone()
        change_sample(project)
        assert run_cli(project, "run").exit_code == 0
        assert reader.execute("SELECT count(*) FROM breakdown_lines").fetchone() == before
        assert reader.execute(
            "SELECT formula_status FROM breakdown_lines WHERE name = '회의참석수당'"
        ).fetchone() == ("exact",)  # the reader still sees the mart it opened
    finally:
        reader.close()
    published = duckdb.connect(str(mart), read_only=True)
    assert published.execute(
        "SELECT formula_status FROM breakdown_lines WHERE name = '회의참석수당'"
    ).fetchone() == ("mismatch",)
    published.close()


def start_run(project: Path) -> subprocess.Popen:
    command = [sys.executable, "-c", "from pipeline.cli import main; main()"]
    return subprocess.Popen(
        [*command, *cli_args(project, "run")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        cwd=Path(__file__).resolve().parent.parent,
    )


def test_a_run_killed_at_any_moment_leaves_the_old_or_the_new_mart(tmp_path):
    project = make_project(tmp_path)
    mart = project / "marts" / "budget.duckdb"
    assert run_cli(project, "run").exit_code == 0
    old_bytes, old = mart.read_bytes(), fingerprint(mart)
    change_sample(project)
    started = time.monotonic()
    assert start_run(project).wait(timeout=300) == 0
    duration = time.monotonic() - started
    new = fingerprint(mart)
    assert new != old
    rng = random.Random(20261125)
    for _ in range(20):
        mart.write_bytes(old_bytes)
        run = start_run(project)
        time.sleep(rng.uniform(0.05, duration))
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
        assert not Path(f"{mart}.wal").exists()
        state = fingerprint(mart)
        assert state in (old, new)
    mart.write_bytes(old_bytes)
    assert start_run(project).wait(timeout=300) == 0
    assert fingerprint(mart) == new  # a clean re-run after the kills gives the new mart
    assert not building_path(mart).exists()
