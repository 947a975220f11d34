"""Every rule family, in the order their findings are numbered: 예산 총괄, 산출내역,
추진일정, 사업개요, statistics tables, and figures that were not read (unit-unknown,
unparsed-amount). A new family is one module and one entry here."""

from __future__ import annotations

import pandas as pd

from pipeline.checks.report import Finding
from pipeline.checks.rules import (
    amounts,
    breakdown,
    projects,
    registry,
    schedule,
    statistics,
    summary,
)
from pipeline.checks.rules.registry import Rule

FAMILIES = (summary, breakdown, schedule, projects, statistics, amounts)


def rules() -> list[Rule]:
    """The registered rules, family by family, each family in its own order (a rule of
    a module that is no family here runs last)."""
    order = [family.__name__ for family in FAMILIES]

    def family(rule: Rule) -> int:
        module = rule.function.__module__
        return order.index(module) if module in order else len(order)

    return sorted(registry.REGISTERED, key=family)


def rule_ids() -> list[str]:
    """Every registered rule id, in rule order."""
    return [i for r in rules() for i in r.ids]


def tables_read() -> list[str]:
    """The mart tables the rules read, each once."""
    return list(dict.fromkeys(name for r in rules() for name in r.reads))


def run_rules(tables: dict[str, pd.DataFrame]) -> list[Finding]:
    """Every registered rule over ``tables`` (mart table name → rows), in rule order."""
    return [found for r in rules() for found in r.run(tables)]
