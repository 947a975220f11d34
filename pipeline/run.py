"""The whole pipeline, extract → transform → load → check, and its exit code."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline import exit_codes
from pipeline.checks import SuitesFailed, check_connection
from pipeline.checks.report import CheckReport
from pipeline.checks.suites import warm_up
from pipeline.checks.unchanged import carry_check_forward
from pipeline.extract import ExtractResult, extract_documents
from pipeline.load import load_marts
from pipeline.load.mart import table_counts
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


def run_pipeline(
    settings: PipelineSettings,
    strict: bool = False,
    alert_new: bool = False,
    on_document: Callable[[Path], None] | None = None,
) -> RunResult:
    extracted = extract_documents(settings, on_document, before_reading=warm_up)
    transform_staged(settings)
    reports: list[CheckReport] = []

    unchanged = not (extracted.documents_read or extracted.quarantined or extracted.removed)

    def check(connection: duckdb.DuckDBPyConnection) -> None:
        carried = (
            carry_check_forward(connection, settings, strict, alert_new) if unchanged else None
        )
        report = carried or check_connection(
            connection, settings, strict=strict, alert_new=alert_new
        )
        reports.append(report)
        if not report.suites_passed:
            raise SuitesFailed("data-quality suites failed: the previous mart stays live")

    with contextlib.suppress(SuitesFailed):  # the previous mart stays live; exit code 1
        load_marts(settings, then=check)
    counts = table_counts(settings.mart_path) if settings.mart_path.exists() else {}
    return RunResult(extracted, reports[0], counts)
