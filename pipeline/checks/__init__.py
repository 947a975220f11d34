"""Check: reconciliation rules and Great Expectations suites over a mart."""

from pipeline.checks.carried import carry_check_forward
from pipeline.checks.report import CheckReport, Finding, Source, SuiteResult
from pipeline.checks.stage import (
    Reconciled,
    SuitesFailed,
    reconcile,
    rule_findings,
    validate,
    write_check_report,
)
from pipeline.checks.suites import warm_up

__all__ = [
    "CheckReport",
    "Finding",
    "Reconciled",
    "Source",
    "SuiteResult",
    "SuitesFailed",
    "carry_check_forward",
    "reconcile",
    "rule_findings",
    "validate",
    "warm_up",
    "write_check_report",
]
