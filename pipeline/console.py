"""What the CLI prints: error and warning lines, progress, and run summaries (rich)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from pipeline.checks.report import CheckReport, Finding
from pipeline.extract import ExtractResult
from pipeline.settings import PipelineSettings

PRINTED_FAILURES = 50  # a budget book can fail thousands of comparisons
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def print_problems(result: ExtractResult) -> None:
    """One line per unreadable file (error) and per file without a budget table (warning)."""
    for problem in result.quarantined:
        err.print(f"error: {problem.path}: {problem.reason}: {problem.message}", markup=False)
    for problem in result.warnings:
        err.print(f"warning: {problem.path}: {problem.reason}: {problem.message}", markup=False)


def print_extract(result: ExtractResult) -> None:
    print_problems(result)
    out.print(
        f"documents read: {result.documents_read}, quarantined: {len(result.quarantined)}, "
        f"warnings: {len(result.warnings)}, unchanged (not read again): {result.unchanged}, "
        f"removed: {result.removed}"
    )


def print_counts(counts: dict[str, int], title: str) -> None:
    table = Table(title=title, title_justify="left")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, rows in counts.items():
        table.add_row(name, f"{rows:,}")
    out.print(table)


def print_report(report: CheckReport) -> None:
    table = Table(title="findings by rule", title_justify="left")
    for column in ("rule", "pass", "fail"):
        table.add_column(column, justify="left" if column == "rule" else "right")
    for rule, counts in report.counts_by_rule().items():
        table.add_row(rule, str(counts["pass"]), str(counts["fail"]))
    out.print(table)
    for finding in _worth_printing(report)[:PRINTED_FAILURES]:
        reason = report.accepted.get(finding.key)
        status = "accepted" if reason else f"not accepted, {report.states.get(finding.key, 'new')}"
        difference = (
            ""
            if finding.difference is None
            else f"difference {finding.difference:,.0f} {finding.unit}; "
        )
        out.print(
            f"fail {finding.rule}: {finding.location}: {finding.message} ({difference}{status})",
            markup=False,
        )
    if len(report.failures) > PRINTED_FAILURES:
        out.print(
            f"… {len(report.failures) - PRINTED_FAILURES:,} more failures: "
            "see report.md or the findings table"
        )
    quality = [s for s in report.suites if s.kind == "data-quality"]
    out.print(f"suites: {sum(s.success for s in quality)} of {len(quality)} passed")
    for suite in quality:
        if not suite.success:
            err.print(f"error: suite {suite.suite} failed: {', '.join(suite.failed)}", markup=False)
    for suite in report.suites:
        if suite.kind == "reconciliation" and not suite.success:
            out.print(
                f"reconciliation suite {suite.suite}: {len(suite.failed)} of {suite.evaluated} "
                f"rules have failing findings not accepted",
                markup=False,
            )
    if report.strict and report.unaccepted_failures:
        err.print(
            f"error: --strict: {len(report.unaccepted_failures)} failing findings are not in "
            "accepted_findings.yaml",
            markup=False,
        )


def _worth_printing(report: CheckReport) -> list[Finding]:
    """Failures new in this run first, then still-open ones, then accepted ones."""

    def rank(finding: Finding) -> int:
        key = finding.key
        if key in report.accepted:
            return 2
        return 1 if report.states.get(key) == "still-open" else 0

    return sorted(report.failures, key=rank)


def print_report_paths(settings: PipelineSettings) -> None:
    html = settings.report_html_path
    if html.exists():
        out.print(
            f"report: {html} (summary {html.with_suffix('.md')}, JSON {settings.report_path})",
            markup=False,
        )


@contextmanager
def progress(paths: list[Path]) -> Iterator[Callable[[Path], None] | None]:
    """A progress bar when more than one document is processed."""
    if len(paths) <= 1:
        yield None
        return
    with Progress(console=err, transient=True) as bar:
        task = bar.add_task("extract", total=len(paths))
        yield lambda path: bar.update(task, advance=1, description=path.name[:40])
