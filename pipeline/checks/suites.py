"""Great Expectations suites over the mart tables, stored as JSON in ``expectations/suites``.

Each suite file is GX's own form (``name``, ``expectations`` with ``type`` and
``kwargs``) plus ``meta.table``, the mart table it validates. GX's SQL data source is
broken over duckdb-engine (GX issues #10738, #11579), so each table is read from
DuckDB into a DataFrame and validated with the pandas data source. GX is imported
here only: it costs seconds and a lot of memory, and only ``check`` needs it.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pandas as pd

from pipeline.checks.report import SuiteResult


def load_suite_specs(suites_dir: Path) -> list[dict]:
    specs = []
    for path in sorted(suites_dir.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        if "table" not in spec.get("meta", {}):
            raise ValueError(f"{path}: meta.table (the mart table to validate) is missing")
        specs.append(spec)
    return specs


def _context():  # type: ignore[no-untyped-def]
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    config = DataContextConfig(
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
        store_backend_defaults=InMemoryStoreBackendDefaults(),
    )
    return gx, gx.get_context(mode="ephemeral", project_config=config)


def run_suites(specs: list[dict], tables: dict[str, pd.DataFrame]) -> list[SuiteResult]:
    """Validate each table with its suite; a suite whose table is missing fails."""
    if not specs:
        return []
    gx, context = _context()
    source = context.data_sources.add_pandas("marts")
    results = []
    for spec in specs:
        table = spec["meta"]["table"]
        if table not in tables:
            results.append(SuiteResult(spec["name"], table, False, 0, [f"no table {table}"]))
            continue
        suite = context.suites.add(
            gx.ExpectationSuite(name=spec["name"], expectations=spec["expectations"])
        )
        batch = source.add_dataframe_asset(name=table).add_batch_definition_whole_dataframe(table)
        validation = context.validation_definitions.add(
            gx.ValidationDefinition(name=spec["name"], data=batch, suite=suite)
        )
        outcome = validation.run(batch_parameters={"dataframe": tables[table]})
        failed = [
            f"{r.expectation_config.type} {r.expectation_config.kwargs.get('column', '')}".strip()
            for r in outcome.results
            if not r.success
        ]
        results.append(
            SuiteResult(spec["name"], table, outcome.success, len(outcome.results), failed)
        )
    return results
