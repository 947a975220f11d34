"""The marts contract: each table defined once (``pipeline/schema/tables.yml``); the DDL,
its comments, the README and the suites agree with it, and the README's SQL runs."""

from __future__ import annotations

import re
from dataclasses import fields

import duckdb
import pytest

from pipeline.checks.rules import rule_ids
from pipeline.load.mart import apply_schema
from pipeline.schema import tables
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
    found = {}
    for match in re.finditer(r"^### `(\w+)`.*?\n\n((?:\|.*\n)+)", README, re.MULTILINE):
        rows = [line.split("|")[1:-1] for line in match.group(2).splitlines()[2:]]
        found[match.group(1)] = [(r[0].strip(), r[2].strip()) for r in rows]
    return found


def test_every_mart_table_is_documented_with_its_columns_and_types():
    assert readme_tables() == schema()


@pytest.mark.parametrize("table", sorted(tables().marts))
def test_the_readme_documents_each_table_as_defined(table):
    """Term, type, unit and meaning of every column, as ``tables.yml`` defines them."""
    expected = tables().marts[table].readme_table()
    assert expected in README, f"the README's table of {table} should read:\n{expected}"


def test_every_mart_table_and_column_carries_its_comment():
    connection = duckdb.connect()
    apply_schema(connection)
    comments = dict(
        connection.execute(
            "SELECT table_name || '.' || column_name, comment FROM duckdb_columns() "
            "WHERE NOT internal AND table_name NOT LIKE 'fct_%'"
        ).fetchall()
    )
    assert len(comments) == sum(len(t.columns) for t in tables().marts.values())
    assert all(comments.values())
    assert (
        comments["budget_summary.amount_won"]
        == "금액: NULL when the cell is empty and for 증감률 [원]"
    )
    assert comments["budget_summary.row_kind"].startswith("행 구분: total (계, 합계")
    table_comments = dict(
        connection.execute(
            "SELECT table_name, comment FROM duckdb_tables() WHERE NOT internal"
        ).fetchall()
    )
    assert (
        table_comments["breakdown_lines"]
        == "산출내역: the tree of 산출근거 lines, one row per line"
    )
    assert all(table_comments.values())


def test_a_mart_of_an_earlier_version_gains_the_columns_added_since(tmp_path):
    """``ADD COLUMN IF NOT EXISTS``: a mart without ``row_kind`` gets it on the next load."""
    path = str(tmp_path / "old.duckdb")
    old = duckdb.connect(path)
    old.execute("CREATE TABLE budget_summary (document_id VARCHAR, account VARCHAR)")
    old.execute("INSERT INTO budget_summary VALUES ('d', '계')")
    apply_schema(old)
    columns = [row[0] for row in old.execute("DESCRIBE budget_summary").fetchall()]
    assert {"row_kind", "amount_won", "line_no"} <= set(columns)
    assert old.execute("SELECT account, row_kind FROM budget_summary").fetchall() == [("계", None)]


def test_each_stage_writes_the_columns_of_its_definition():
    """Transform writes each staged mart table without the columns filled on loading;
    extract's cells lack only what transform adds."""
    defined = tables()
    assert defined.transform["documents"].column_names == [
        c for c in defined.marts["documents"].column_names if c not in ("loaded_at", "removed_at")
    ]
    assert "run" in defined.transform and "findings" not in defined.transform
    assert set(defined.transform["cells"].column_names) - set(
        defined.extract["cells"].column_names
    ) == {"value", "unit", "value_won"}


def suite_columns(spec: dict) -> set[str]:
    meta, named = spec["meta"], set(spec["meta"].get("row_id", []))
    named |= set(meta.get("vocabulary", {}))
    for expectation in spec["expectations"]:
        kwargs = expectation["kwargs"]
        named |= {kwargs["column"]} if "column" in kwargs else set()
        named |= set(kwargs.get("column_list", []))
    return named


@pytest.mark.parametrize(
    "path", sorted((ROOT / "expectations" / "suites").glob("*.json")), ids=lambda p: p.stem
)
def test_every_column_a_suite_names_is_a_column_of_its_table(path):
    import json

    spec = json.loads(path.read_text(encoding="utf-8"))
    if "query" in spec["meta"]:
        return  # computed columns: the suite's own query defines them (run in test_check)
    columns = set(tables().marts[spec["meta"]["table"]].column_names)
    assert suite_columns(spec) <= columns, path.name


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
    assert len(rule_ids()) == 14
    for rule in [*rule_ids(), "data-quality-suite", "reconciliation-suite"]:
        assert f"| `{rule}` |" in README


@pytest.mark.parametrize("query", re.findall(r"```sql\n(.*?)```", README, re.DOTALL))
def test_readme_queries_run_on_the_sample_mart(mart, query):
    assert mart.execute(query).fetchall()
