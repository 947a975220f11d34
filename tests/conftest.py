"""Shared fixtures: the sample in raw/, the corpus in ../shared, pipeline runs in tmp dirs."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "raw" / "000_2427d1ecc5489c44.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
EXPECTATIONS = ROOT / "expectations"
SAMPLE_ID = "25eb30283e6ef978c9f134a899df2f127eef9bb1438abb89ac641af81f232e9b"


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus; missing is a failure in CI and a skip elsewhere."""
    if not CORPUS.is_dir():
        message = f"the shared corpus is missing: {CORPUS} (tests read real documents there)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return CORPUS


def make_project(base: Path, documents: dict[str, bytes | str] | None = None) -> Path:
    """A project folder with raw/ (the sample unless ``documents`` is given) and expectations/."""
    (base / "raw").mkdir(parents=True)
    shutil.copytree(EXPECTATIONS, base / "expectations")
    for name, content in (
        {SAMPLE.name: SAMPLE.read_bytes()} if documents is None else documents
    ).items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (base / "raw" / name).write_bytes(data)
    return base


def cli_args(project: Path, *args: str) -> list[str]:
    """``args`` plus the project's folders, for each folder option ``args`` does not set."""
    folders = {
        "--raw-dir": project / "raw",
        "--staged-dir": project / "staged",
        "--mart-path": project / "marts" / "budget.duckdb",
        "--expectations-dir": project / "expectations",
    }
    defaults = [
        item
        for option, path in folders.items()
        if option not in args
        for item in (option, str(path))
    ]
    return [*args, *defaults]


def run_cli(project: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, cli_args(project, *args))


@contextmanager
def run_and_open(project: Path, *args: str, exit_code: int = 0):  # type: ignore[no-untyped-def]
    """``yesan run`` over ``project`` (expecting ``exit_code``), then its mart, read-only;
    yields (click result, connection)."""
    import duckdb

    result = run_cli(project, "run", *args)
    assert result.exit_code == exit_code, result.output
    connection = duckdb.connect(str(project / "marts" / "budget.duckdb"), read_only=True)
    try:
        yield result, connection
    finally:
        connection.close()


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """``yesan run`` once over the sample; returns (project folder, click result)."""
    project = make_project(tmp_path_factory.mktemp("sample"))
    result = run_cli(project, "run")
    return project, result


@pytest.fixture(scope="session")
def mart(sample_run):  # type: ignore[no-untyped-def]
    import duckdb

    project, _ = sample_run
    connection = duckdb.connect(str(project / "marts" / "budget.duckdb"), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def ai_mart(corpus, tmp_path_factory):  # type: ignore[no-untyped-def]
    """``yesan run`` once over the 24 books of ``ai-budget-2026``; its mart, read-only."""
    import duckdb

    project = tmp_path_factory.mktemp("ai-budget")
    (project / "raw").mkdir()
    for pdf in sorted((corpus / "ai-budget-2026").glob("*.pdf")):
        (project / "raw" / pdf.name).symlink_to(pdf)
    (project / "expectations").symlink_to(EXPECTATIONS)
    result = run_cli(project, "run")
    assert result.exit_code == 0, result.output
    connection = duckdb.connect(str(project / "marts" / "budget.duckdb"), read_only=True)
    yield connection
    connection.close()
