"""The ``yesan`` command: a thin click layer over the library.

Each command parses options, calls one library function and prints. Heavy libraries
(pandas, duckdb, Great Expectations) are imported inside the commands, so ``--help``
answers at once.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import fields
from pathlib import PurePath
from typing import Any

import click

from pipeline import exit_codes
from pipeline.lock import LockedError, run_lock
from pipeline.settings import PipelineSettings


def settings_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add one option per ``PipelineSettings`` field and pass the settings object on."""

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> Any:
        names = {f.name for f in fields(PipelineSettings)}
        try:
            settings = PipelineSettings(**{n: kwargs.pop(n) for n in names})
            with run_lock(settings.lock_path):
                code = command(settings, **kwargs)
        except LockedError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exit_codes.LOCKED)
        except (FileNotFoundError, ValueError) as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exit_codes.PIPELINE_FAILED)
        except Exception as exc:  # a bug: one line, exit 2; YESAN_DEBUG=1 shows the traceback
            if os.environ.get("YESAN_DEBUG"):
                raise
            click.echo(f"error: the pipeline failed: {type(exc).__name__}: {exc}", err=True)
            sys.exit(exit_codes.PIPELINE_FAILED)
        sys.exit(code or 0)

    for f in reversed(fields(PipelineSettings)):
        option = "--" + f.name.replace("_", "-")
        is_path = isinstance(f.default, PurePath)
        wrapper = click.option(
            option,
            type=click.Path() if is_path else type(f.default),
            default=str(f.default) if is_path else f.default,
            show_default=True,
            help=f.metadata["help"],
        )(wrapper)
    return wrapper


@click.group()
@click.version_option(package_name="yesan")
def cli() -> None:
    """yesan: Korean budget documents (예산서, 사업설명서) to reconciled DuckDB marts."""


@cli.command()
@settings_options
def extract(settings: PipelineSettings) -> int:
    """Read every document in raw/ and stage what was recognised (Parquet)."""
    from pipeline import run
    from pipeline.console import print_extract, progress
    from pipeline.extract import raw_files

    with progress(raw_files(settings.raw_dir)) as on_document:
        result = run.extract(settings, on_document)
    print_extract(result)
    return run.exit_code(result, None)


@cli.command()
@settings_options
def transform(settings: PipelineSettings) -> int:
    """Turn staged strings into integer 원, the 산출내역 tree and parsed formulas."""
    from pipeline import run
    from pipeline.console import print_counts

    print_counts(run.transform(settings), "staged rows")
    return 0


@cli.command()
@settings_options
def load(settings: PipelineSettings) -> int:
    """Load the staged tables into the DuckDB marts (atomically)."""
    from pipeline import run
    from pipeline.console import print_counts

    print_counts(run.load(settings), f"rows in {settings.mart_path}")
    return 0


@cli.command()
@settings_options
@click.option("--strict", is_flag=True, help="Exit 1 on a failing finding not accepted.")
@click.option("--alert-new", is_flag=True, help="Exit 1 on a failing finding no run saw before.")
def check(settings: PipelineSettings, strict: bool, alert_new: bool) -> int:
    """Reconcile the marts (findings) and run the Great Expectations suites."""
    from pipeline import run
    from pipeline.console import print_report, print_report_paths

    report = run.check(settings, strict=strict, alert_new=alert_new)
    print_report(report)
    print_report_paths(settings)
    return report.exit_code


@cli.command("run")
@settings_options
@click.option("--strict", is_flag=True, help="Exit 1 on a failing finding not accepted.")
@click.option("--alert-new", is_flag=True, help="Exit 1 on a failing finding no run saw before.")
def run_command(settings: PipelineSettings, strict: bool, alert_new: bool) -> int:
    """Extract, transform, load and check, then print a summary."""
    from pipeline import run
    from pipeline.console import (
        print_counts,
        print_extract,
        print_report,
        print_report_paths,
        progress,
    )
    from pipeline.extract import raw_files

    with progress(raw_files(settings.raw_dir)) as on_document:
        result = run.run_pipeline(
            settings, strict=strict, alert_new=alert_new, on_document=on_document
        )
    print_extract(result.extract)
    print_counts(result.mart_counts, f"rows in {settings.mart_path}")
    print_report(result.report)
    print_report_paths(settings)
    return result.exit_code


def main() -> None:
    cli()
