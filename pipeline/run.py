"""The orchestrator: one function per command, each driving the stages in order.

raw → extract → staged → transform → staged → load → mart → checks → findings →
report. The stages meet only in staged files and the mart: the orchestrator reads what
the mart already knows and hands it to extract, opens the mart being built
(``building_mart``), loads and checks inside it, writes the reports, and publishes it
whole when nothing failed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline import exit_codes
from pipeline.checks import (
    CheckReport,
    SuitesFailed,
    carry_check_forward,
    reconcile,
    validate,
    warm_up,
    write_check_report,
)
from pipeline.extract import ExtractResult, extract_documents
from pipeline.load import building_mart, load_staged, loaded_documents, table_counts
from pipeline.report import prerender, write_reports
from pipeline.settings import PipelineSettings
from pipeline.transform import transform_staged


@dataclass
class RunResult:
    extract: ExtractResult
    report: CheckReport
    mart_counts: dict[str, int]

    @property
    def exit_code(self) -> int:
        return exit_code(self.extract, self.report)


def exit_code(extract: ExtractResult | None, report: CheckReport | None) -> int:
    """3 when a document could not be read, else 1 when a check failed, else 0."""
    if extract is not None and extract.quarantined:
        return exit_codes.UNREADABLE_DOCUMENTS
    if report is not None and not report.valid:
        return exit_codes.CHECK_FAILED
    return exit_codes.DONE


def extract(
    settings: PipelineSettings,
    on_document: Callable[[Path], None] | None = None,
    before_reading: Callable[[], None] | None = None,
) -> ExtractResult:
    """``yesan extract``: the new and changed files of ``raw/`` to staged Parquet."""
    known = loaded_documents(settings.mart_path)
    return extract_documents(settings, known, on_document, before_reading)


def transform(settings: PipelineSettings) -> dict[str, int]:
    """``yesan transform``: rows per staged transform table."""
    frames = transform_staged(settings.extract_dir, settings.transform_dir)
    return {name: len(frame) for name, frame in frames.items()}


def load(settings: PipelineSettings) -> dict[str, int]:
    """``yesan load``: the staged tables into the mart, published; rows per mart table."""
    with building_mart(settings.mart_path) as connection:
        load_staged(connection, settings.transform_dir)
    return table_counts(settings.mart_path)


def check(settings: PipelineSettings, strict: bool = False, alert_new: bool = False) -> CheckReport:
    """``yesan check``: check the published mart and publish its new findings."""
    if not settings.mart_path.exists():
        raise FileNotFoundError(f"{settings.mart_path} does not exist: run `yesan load` first")
    with building_mart(settings.mart_path) as connection:
        return checked(connection, settings, strict, alert_new)


def run_pipeline(
    settings: PipelineSettings,
    strict: bool = False,
    alert_new: bool = False,
    on_document: Callable[[Path], None] | None = None,
) -> RunResult:
    """``yesan run``: every stage; the mart is published only when its suites pass."""
    extracted = extract(settings, on_document, before_reading=warm_up)
    transform(settings)
    reports: list[CheckReport] = []
    with contextlib.suppress(SuitesFailed), building_mart(settings.mart_path) as connection:
        load_staged(connection, settings.transform_dir)
        reports.append(checked(connection, settings, strict, alert_new, extracted.read_nothing))
        if not reports[0].suites_passed:
            raise SuitesFailed("data-quality suites failed: the previous mart stays live")
    counts = table_counts(settings.mart_path) if settings.mart_path.exists() else {}
    return RunResult(extracted, reports[0], counts)


def checked(
    connection: duckdb.DuckDBPyConnection,
    settings: PipelineSettings,
    strict: bool,
    alert_new: bool,
    read_nothing: bool = False,
) -> CheckReport:
    """The check of the mart being built, its reports written beside the mart. A run
    that read nothing carries the last check forward when that check still holds; the
    report's page images are rendered while the suites run."""
    report = carry_check_forward(connection, settings, strict, alert_new) if read_nothing else None
    if report is None:
        reconciled = reconcile(connection, settings)
        images = prerender(connection, settings.report_cache_dir)
        report = validate(connection, settings, reconciled, strict, alert_new)
        images.join()
    write_check_report(report, settings.report_path)
    write_reports(connection, settings.report_html_path, settings.report_cache_dir)
    return report
