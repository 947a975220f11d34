"""The CLI: every command answers --help, and help imports no heavy library."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from tests.conftest import ROOT

COMMANDS = ["extract", "transform", "load", "check", "run"]


@pytest.mark.parametrize("command", COMMANDS)
def test_help(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    for option in ("--raw-dir", "--staged-dir", "--mart-path", "--expectations-dir"):
        assert option in result.output


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys; from pipeline.cli import cli\n"
        "try:\n    cli(['run', '--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pandas', 'duckdb', 'great_expectations', 'pyarrow', 'rich')"
        " if m in sys.modules]\nprint('HEAVY', heavy)"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
    assert "HEAVY []" in output


def test_transform_before_extract_is_a_clear_pipeline_error(tmp_path):
    result = CliRunner().invoke(cli, ["transform", "--staged-dir", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "is missing: run the stage that writes it first" in result.stderr


def test_stages_one_by_one_match_run(tmp_path):
    from tests.conftest import make_project, run_cli

    project = make_project(tmp_path)
    for command in ("extract", "transform", "load", "check"):
        result = run_cli(project, command)
        assert result.exit_code == 0, (command, result.output)
    assert "total-equals-rows" in result.output
    assert "suites: 15 of 15 passed" in result.output
