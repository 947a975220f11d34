"""One small report of a check run: findings, suite results, and the exit code."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from pipeline import exit_codes


@dataclass(frozen=True)
class Source:
    """Where one figure of a finding is printed: a table cell, or a 산출내역 line."""

    role: str  # checked: the figure under test; term: a figure it is compared with
    page: int | None = None
    table_index: int | None = None
    row_index: int | None = None
    col_index: int | None = None
    line_id: int | None = None  # breakdown_lines.line_id
    line_no: int | None = None  # line of a text conversion


@dataclass(frozen=True)
class Finding:
    """One reconciliation result: a fact about the document, pass or fail."""

    document_id: str
    rule: str  # kebab-case rule id
    location: str
    expected: float | None
    actual: float | None
    status: str  # pass, fail
    message: str
    unit: str = "원"
    severity: str = "info"  # info for a pass, error for a fail, warning for a rounded pass
    printed_unit: str | None = None  # the unit the document prints the figure in (천원 …)
    sources: tuple[Source, ...] = ()

    @property
    def checked(self) -> Source | None:
        """The source of the figure under test, if the rule knows it."""
        return next((s for s in self.sources if s.role == "checked"), None)

    @property
    def difference(self) -> float | None:
        if self.expected is None or self.actual is None:
            return None
        return self.actual - self.expected

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.document_id, self.rule, self.location)


@dataclass(frozen=True)
class SuiteResult:
    """The outcome of one Great Expectations suite over one mart table."""

    suite: str
    table: str
    success: bool
    evaluated: int
    failed: list[str] = field(default_factory=list)
    kind: str = "data-quality"  # or reconciliation: reported, never blocking
    unexpected_rows: list[str] = field(default_factory=list)  # the rows that failed, named


@dataclass
class CheckReport:
    findings: list[Finding]
    suites: list[SuiteResult]
    accepted: dict[tuple[str, str, str], str] = field(default_factory=dict)
    strict: bool = False
    states: dict[tuple[str, str, str], str] = field(default_factory=dict)  # new, still-open …
    alert_new: bool = False

    @property
    def failures(self) -> list[Finding]:
        return [f for f in self.findings if f.status == "fail"]

    @property
    def unaccepted_failures(self) -> list[Finding]:
        return [f for f in self.failures if f.key not in self.accepted]

    @property
    def new_failures(self) -> list[Finding]:
        """Failures no earlier run saw, not accepted: what a nightly run alerts on."""
        return [f for f in self.failures if self.states.get(f.key) == "new"]

    @property
    def suites_passed(self) -> bool:
        """Every data-quality suite passed (reconciliation suites report the findings)."""
        return all(s.success for s in self.suites if s.kind == "data-quality")

    @property
    def valid(self) -> bool:
        return (
            self.suites_passed
            and not (self.strict and self.unaccepted_failures)
            and not (self.alert_new and self.new_failures)
        )

    @property
    def exit_code(self) -> int:
        return exit_codes.DONE if self.valid else exit_codes.CHECK_FAILED

    def counts_by_rule(self) -> dict[str, dict[str, int]]:
        counts: dict[str, Counter[str]] = {}
        for finding in self.findings:
            counts.setdefault(finding.rule, Counter())[finding.status] += 1
        return {rule: {"pass": c["pass"], "fail": c["fail"]} for rule, c in sorted(counts.items())}

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "strict": self.strict,
            "counts_by_rule": self.counts_by_rule(),
            "failures": [
                {
                    **asdict(f),
                    "difference": f.difference,
                    "accepted": self.accepted.get(f.key),
                    "state": self.states.get(f.key),
                }
                for f in self.failures
            ],
            "suites": [asdict(s) for s in self.suites],
        }
