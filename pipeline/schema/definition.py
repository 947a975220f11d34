"""The table definitions of ``tables.yml``, and what is derived from them.

One definition per table (name, columns, types, Korean terms, units, meanings); from it
come the DuckDB DDL and its ``COMMENT ON`` statements, the Arrow schemas of the staged
Parquet files, the column lists of each stage, and the README's mart tables.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from typing import Any

import pyarrow as pa
import yaml

ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "TIMESTAMP": pa.timestamp("us"),
    "DOUBLE[]": pa.list_(pa.float64()),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a DuckDB type: VARCHAR, INTEGER, BIGINT, DOUBLE, BOOLEAN, TIMESTAMP, DOUBLE[]
    korean: str
    unit: str
    meaning: str
    key: bool = False  # the table's primary key
    late: bool = False  # filled when the row is loaded or checked, not staged

    def describe(self) -> str:
        """The column's comment: its Korean term, its meaning and its unit."""
        unit = f" [{self.unit}]" if self.unit else ""
        meaning = f": {self.meaning}" if self.meaning else ""
        return f"{self.korean}{meaning}{unit}"


@dataclass(frozen=True)
class TableSpec:
    name: str
    korean: str
    about: str
    columns: tuple[Column, ...]
    heading: str = ""  # the README heading's note, in brackets after the name
    staged: bool = True  # transform writes it (a mart table) as ``staged_as``
    staged_as: str = ""

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def without_late(self) -> TableSpec:
        """The table as staged: its late columns left to the load or the check."""
        return replace(self, columns=tuple(c for c in self.columns if not c.late))

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, ARROW_TYPES[c.type]) for c in self.columns])

    def ddl(self) -> str:
        """``CREATE TABLE IF NOT EXISTS``, then ``ADD COLUMN IF NOT EXISTS`` for every
        column, so a mart written by an earlier version gains the columns added since."""
        columns = ",\n".join(
            f"    {c.name} {c.type}{' PRIMARY KEY' if c.key else ''}" for c in self.columns
        )
        added = "".join(
            f"ALTER TABLE {self.name} ADD COLUMN IF NOT EXISTS {c.name} {c.type};\n"
            for c in self.columns
            if not c.key
        )
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n{columns}\n);\n{added}"

    def comments(self) -> list[str]:
        """``COMMENT ON`` the table and each of its columns."""
        return [
            f"COMMENT ON TABLE {self.name} IS {_quoted(f'{self.korean}: {self.about}')}",
            *(
                f"COMMENT ON COLUMN {self.name}.{c.name} IS {_quoted(c.describe())}"
                for c in self.columns
            ),
        ]

    def readme_table(self) -> str:
        """The table as the README documents it."""
        heading = f"### `{self.name}`" + (f" ({self.heading})" if self.heading else "")
        rows = [
            f"| {c.name} | {c.korean} | {c.type} | {c.unit} | {c.meaning} |".replace("  ", " ")
            for c in self.columns
        ]
        head = "| column | 한국어 | type | unit | meaning |\n|---|---|---|---|---|"
        return "\n".join([heading, "", head, *rows]) + "\n"


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _column(name: str, spec: list[str]) -> Column:
    kind, korean, unit, meaning, *flags = spec
    return Column(name, kind, korean, unit, meaning, key="key" in flags, late="late" in flags)


def _table(name: str, spec: dict[str, Any]) -> TableSpec:
    return TableSpec(
        name,
        spec["korean"],
        spec["about"],
        tuple(_column(column, values) for column, values in spec["columns"].items()),
        heading=spec.get("heading", ""),
        staged=spec.get("staged", True),
        staged_as=spec.get("staged_as", name),
    )


@dataclass(frozen=True)
class Tables:
    """The mart tables, and the tables extract and transform stage."""

    marts: dict[str, TableSpec]
    extract: dict[str, TableSpec]
    transform: dict[str, TableSpec]


@cache
def tables() -> Tables:
    """Every table of ``tables.yml``: the marts, and what extract and transform write."""
    data = yaml.safe_load((files("pipeline.schema") / "tables.yml").read_text(encoding="utf-8"))
    marts = {name: _table(name, spec) for name, spec in data["marts"].items()}
    extract = {}
    for name, spec in data["extract"].items():
        if "like" in spec:
            like = marts[spec["like"]].without_late()
            dropped = set(spec.get("without", ()))
            columns = tuple(c for c in like.columns if c.name not in dropped)
            extract[name] = replace(like, name=name, columns=columns)
        else:
            extract[name] = _table(name, spec)
    transform = {
        spec.staged_as: replace(spec.without_late(), name=spec.staged_as)
        for spec in marts.values()
        if spec.staged
    }
    transform["seen"] = extract["seen"]  # passed through to the load
    return Tables(marts, extract, transform)
