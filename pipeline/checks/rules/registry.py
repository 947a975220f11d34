"""The reconciliation rules, registered: each rule function with its ids and the mart
tables it reads.

A rule is one function in the module of its family, decorated with ``@rule``: it takes
the tables it names, in that order, and yields one ``Finding`` per comparison it makes,
pass or fail. A function registered under one id need not name it (the registered
function names its findings); one that checks several things at once (증감 and 증감률
of one row) names each finding's id. The
registry runs the rules in the order they were registered, and the reconciliation
suite has one expectation per registered id (``pipeline.checks.rules.catalogue`` runs
them family by family).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

import pandas as pd

from pipeline.checks.report import Finding

RuleFunction = Callable[..., Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    ids: tuple[str, ...]
    reads: tuple[str, ...]
    function: RuleFunction

    def run(self, tables: dict[str, pd.DataFrame]) -> Iterable[Finding]:
        return self.function(*(tables[name] for name in self.reads))


REGISTERED: list[Rule] = []


def rule(*ids: str, reads: tuple[str, ...]) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under ``ids``, reading the mart tables ``reads``."""

    def register(function: RuleFunction) -> RuleFunction:
        taken = {i for r in REGISTERED for i in r.ids}
        if not ids or taken & set(ids):
            raise ValueError(f"rule ids {ids} are empty or registered twice")

        @functools.wraps(function)
        def named(*frames: pd.DataFrame) -> Iterator[Finding]:
            for found in function(*frames):
                found = found if found.rule else replace(found, rule=ids[0])
                if found.rule not in ids:
                    raise ValueError(f"{function.__name__} yields unregistered {found.rule!r}")
                yield found

        REGISTERED.append(Rule(ids, reads, named))
        return named

    return register
