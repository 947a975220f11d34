"""Great Expectations suites over the mart tables, stored as JSON in ``expectations/suites``.

Each suite file is GX's own form (``name``, ``expectations`` with ``type`` and
``kwargs``) plus ``meta``:

- ``table``: the mart table it validates;
- ``query`` (optional): the SQL that reads it, when a suite needs a column computed
  across rows (``parent_present`` of a 산출내역 line); ``SELECT * FROM table`` otherwise;
- ``row_id`` (optional): the columns that name a row, so a failure lists the rows
  (GX's unexpected index columns);
- ``kind``: ``data-quality`` (default; a failure keeps the previous mart live) or
  ``reconciliation`` (the rules' findings as expectations: reported, never blocking);
  a reconciliation suite's expectations, one per registered rule, are made here;
- ``vocabulary`` (optional): columns whose values come from a list yesan keeps once,
  ``{"phase": "phases"}``: ``rules`` (the registered rule ids and the suites'),
  ``phases``, ``money_units`` and ``row_kinds`` (``pipeline.budget``).

GX's SQL data source is broken over duckdb-engine (GX issues #10738, #11579), so each
query's result is validated as a DataFrame with the pandas data source, one checkpoint
per suite; Data Docs are built from the results into ``docs_dir``. GX is imported here
only: it costs seconds and a lot of memory, and only ``check`` needs it.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from pipeline.budget.periods import PHASES
from pipeline.budget.totals import ROW_KINDS
from pipeline.budget.units import WON_PER_UNIT
from pipeline.checks.report import SuiteResult
from pipeline.checks.rules import rule_ids
from pipeline.schema import SUITE_RULES

UNEXPECTED_ROWS_LISTED = 20  # per failed expectation
VOCABULARY = {
    "phases": [name for name, _ in PHASES],
    "money_units": list(WON_PER_UNIT),
    "row_kinds": list(ROW_KINDS),
}


def load_suite_specs(suites_dir: Path) -> list[dict]:
    """The suites of ``suites_dir``, with the expectations that come from the registered
    rules added."""
    specs = []
    for path in sorted(suites_dir.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        if "table" not in spec.get("meta", {}):
            raise ValueError(f"{path}: meta.table (the mart table to validate) is missing")
        specs.append(with_rule_expectations(spec, rule_ids()))
    return specs


def with_rule_expectations(spec: dict, ids: list[str]) -> dict:
    """``spec`` with its expectations about the registered rules ``ids`` and the
    vocabulary its columns take their values from."""
    meta, expectations = spec["meta"], list(spec.get("expectations", []))
    if meta.get("kind") == "reconciliation":
        expectations += [_reconciles(rule) for rule in ids]
    lists = {**VOCABULARY, "rules": [*ids, *SUITE_RULES]}
    for column, name in meta.get("vocabulary", {}).items():
        kwargs = {"column": column, "value_set": lists[name]}
        expectations.append({"type": "expect_column_values_to_be_in_set", "kwargs": kwargs})
    return {**spec, "expectations": expectations}


def _reconciles(rule: str) -> dict:
    """Every finding of ``rule`` passes or is accepted."""
    condition = {
        "type": "comparison",
        "column": {"name": "rule"},
        "operator": "==",
        "parameter": rule,
    }
    return {
        "type": "expect_column_values_to_be_in_set",
        "kwargs": {"column": "reconciles", "value_set": [True], "row_condition": condition},
        "meta": {"rule": rule},
    }


def _import_gx() -> Any:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations

    return great_expectations


def warm_up() -> None:
    """Import Great Expectations (4-5 s of Python) in a thread while the readers work in
    their own processes, so the check does not wait for it."""
    threading.Thread(target=_import_gx, name="yesan-gx-import").start()


def _context(docs_dir: Path | None):  # type: ignore[no-untyped-def]
    gx = _import_gx()
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    sites = {}
    if docs_dir is not None:
        sites["marts"] = {
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(docs_dir.resolve()),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        }
    config = DataContextConfig(
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        data_docs_sites=sites,
    )
    return gx, gx.get_context(mode="ephemeral", project_config=config)


def _read(
    connection: duckdb.DuckDBPyConnection, spec: dict, tables: set[str]
) -> pd.DataFrame | None:
    meta = spec["meta"]
    if meta["table"] not in tables:
        return None
    return connection.execute(meta.get("query") or _select_all(connection, meta["table"])).df()


def _select_all(connection: duckdb.DuckDBPyConnection, table: str) -> str:
    """Every column, a list (``bbox``) as its text: GX hashes a frame of hashable values
    in C, and pickles one holding lists (a second a table on a budget book)."""
    columns = [
        f"CAST({name} AS VARCHAR) AS {name}" if kind.endswith("[]") else name
        for name, kind, *_ in connection.execute(f"DESCRIBE {table}").fetchall()
    ]
    return f"SELECT {', '.join(columns)} FROM {table}"


def run_suites(
    specs: list[dict], connection: duckdb.DuckDBPyConnection, docs_dir: Path | None = None
) -> list[SuiteResult]:
    """Validate each suite's rows through a GX checkpoint; a suite whose table is missing
    fails. With ``docs_dir``, GX Data Docs of this run replace the ones there."""
    if not specs:
        return []
    building = None
    if docs_dir is not None:  # leftovers of a killed check (the run lock makes this one alone)
        for leftover in docs_dir.parent.glob(f".{docs_dir.name}.*"):
            shutil.rmtree(leftover, ignore_errors=True)
        building = docs_dir.with_name(f".{docs_dir.name}.{os.getpid()}.partial")
    gx, context = _context(building)
    source = context.data_sources.add_pandas("marts")
    tables = {row[0] for row in connection.execute("SHOW TABLES").fetchall()}
    results = []
    for spec in specs:
        meta = spec["meta"]
        kind = meta.get("kind", "data-quality")
        frame = _read(connection, spec, tables)
        if frame is None:
            missing = [f"no table {meta['table']}"]
            results.append(SuiteResult(spec["name"], meta["table"], False, 0, missing, kind))
            continue
        suite = context.suites.add(
            gx.ExpectationSuite(name=spec["name"], expectations=spec["expectations"])
        )
        batch = source.add_dataframe_asset(name=spec["name"]).add_batch_definition_whole_dataframe(
            spec["name"]
        )
        validation = context.validation_definitions.add(
            gx.ValidationDefinition(name=spec["name"], data=batch, suite=suite)
        )
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(
                name=spec["name"],
                validation_definitions=[validation],
                result_format=_result_format(meta.get("row_id", [])),
            )
        )
        outcome = checkpoint.run(batch_parameters={"dataframe": frame})
        results.append(_suite_result(spec, kind, next(iter(outcome.run_results.values()))))
    if docs_dir is not None and building is not None:
        context.build_data_docs()
        _replace_folder(building, docs_dir)
    return results


def _result_format(row_id: list[str]) -> dict[str, Any]:
    result_format: dict[str, Any] = {
        "result_format": "SUMMARY",
        "partial_unexpected_count": UNEXPECTED_ROWS_LISTED,
    }
    if row_id:
        result_format["unexpected_index_column_names"] = row_id
    return result_format


def _suite_result(spec: dict, kind: str, validation: Any) -> SuiteResult:
    failed, rows = [], []
    for result in validation.results:
        if result.success:
            continue
        config = result.expectation_config
        rule = (config.meta or {}).get("rule")  # a reconciliation expectation's rule
        name = f"{config.type} {config.kwargs.get('column', '')}".strip()
        failed.append(f"{name} [{rule}]" if rule else name)
        indexes = result.result.get("partial_unexpected_index_list") or []
        rows += [_row_name(index, spec["meta"].get("row_id", [])) for index in indexes]
    return SuiteResult(
        spec["name"],
        spec["meta"]["table"],
        validation.success,
        len(validation.results),
        failed,
        kind=kind,
        unexpected_rows=list(dict.fromkeys(rows)),
    )


def _row_name(index: Any, row_id: list[str]) -> str:
    """``document_id=1bf39968…, line_id=2`` from a GX unexpected index entry."""
    if not isinstance(index, dict):
        return f"row {index}"
    values = {key: index.get(key) for key in row_id}
    return ", ".join(
        f"{key}={str(value)[:8] + '…' if key == 'document_id' else value}"
        for key, value in values.items()
        if value is not None and not pd.isna(value)
    )


def _replace_folder(built: Path, target: Path) -> None:
    """Put ``built`` in the place of ``target``: the old docs stay until the new are whole."""
    old = target.with_name(f".{target.name}.{os.getpid()}.old")
    if target.exists():
        target.rename(old)
    built.rename(target)
    shutil.rmtree(old, ignore_errors=True)
