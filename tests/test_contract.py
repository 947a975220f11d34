"""The README is the marts contract: it and the schema must agree, and its SQL must run."""

from __future__ import annotations

import re
from dataclasses import fields

import duckdb
import pytest

from pipeline.load.mart import apply_schema
from pipeline.settings import PipelineSettings
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
MARTS_CONTRACT = {  # ../shared/MARTS.md: names analysts and outside checks rely on
    "documents": ["document_id", "path", "format", "title", "pages"],
    "budget_summary": [
        "document_id",
        "project",
        "account",
        "fiscal_year",
        "phase",
        "column_label",
        "amount_won",
        "percent",
        "printed",
        "unit",
        "page",
        "table_index",
        "row_index",
        "col_index",
    ],
    "breakdown_lines": [
        "document_id",
        "line_id",
        "parent_line_id",
        "level",
        "marker",
        "account",
        "name",
        "amount_won",
        "formula",
        "formula_product_won",
        "formula_status",
        "page",
        "line_no",
    ],
    "cells": [
        "document_id",
        "table_index",
        "row_index",
        "col_index",
        "row_span",
        "col_span",
        "text",
        "value",
        "unit",
        "value_won",
        "page",
        "bbox",
    ],
    "findings": [
        "document_id",
        "rule",
        "location",
        "expected",
        "actual",
        "difference",
        "severity",
        "status",
    ],
    "quarantine": ["path", "sha256", "reason", "message"],
}


def schema() -> dict[str, list[tuple[str, str]]]:
    connection = duckdb.connect()
    apply_schema(connection)
    tables: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in connection.execute(
        "SELECT c.table_name, c.column_name, c.data_type FROM duckdb_columns() c "
        "JOIN duckdb_tables() t USING (table_name) ORDER BY c.table_name, c.column_index"
    ).fetchall():
        tables.setdefault(table, []).append((column, data_type))
    return tables


def readme_tables() -> dict[str, list[tuple[str, str]]]:
    tables = {}
    for match in re.finditer(r"^### `(\w+)`.*?\n\n((?:\|.*\n)+)", README, re.MULTILINE):
        rows = [line.split("|")[1:-1] for line in match.group(2).splitlines()[2:]]
        tables[match.group(1)] = [(r[0].strip(), r[2].strip()) for r in rows]
    return tables


def test_every_mart_table_is_documented_with_its_columns_and_types():
    assert readme_tables() == schema()


@pytest.mark.parametrize("table", sorted(MARTS_CONTRACT))
def test_marts_contract_names_are_present(table):
    columns = [name for name, _ in schema()[table]]
    assert set(MARTS_CONTRACT[table]) <= set(columns)


def test_every_setting_is_documented():
    for setting in fields(PipelineSettings):
        option = "--" + setting.name.replace("_", "-")
        default = f"`{setting.default}`" if setting.default != "" else "(empty)"
        row = f"| `{option}` | `{setting.name}` | {default} | {setting.metadata['help']} |"
        assert row in README


def test_every_command_and_exit_code_is_documented():
    from pipeline import exit_codes
    from pipeline.cli import cli

    for command in cli.commands:
        assert f"`yesan {command}" in README
    codes = [v for k, v in vars(exit_codes).items() if k.isupper()]
    assert codes == [0, 1, 2, 3, 4]
    for code in codes:
        assert f"\n| {code} | " in README


def test_every_rule_is_documented():
    import json

    suite = json.loads((ROOT / "expectations" / "suites" / "findings.json").read_text("utf-8"))
    (rules,) = [
        e["kwargs"]["value_set"]
        for e in suite["expectations"]
        if e["kwargs"].get("column") == "rule"
    ]
    for rule in rules:
        assert f"| `{rule}` |" in README


@pytest.mark.parametrize("query", re.findall(r"```sql\n(.*?)```", README, re.DOTALL))
def test_readme_queries_run_on_the_sample_mart(mart, query):
    assert mart.execute(query).fetchall()
