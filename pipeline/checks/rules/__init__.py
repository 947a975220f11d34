"""The reconciliation rules: one module per family, each rule registered with its ids
and the tables it reads (``registry.rule``); ``catalogue`` runs them in order."""

from pipeline.checks.rules.catalogue import FAMILIES, rule_ids, rules, run_rules, tables_read
from pipeline.checks.rules.registry import Rule, rule

__all__ = ["FAMILIES", "Rule", "rule", "rule_ids", "rules", "run_rules", "tables_read"]
