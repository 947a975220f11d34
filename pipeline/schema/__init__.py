"""The one definition of every staged and mart table (``tables.yml``)."""

from pipeline.schema.definition import Column, Tables, TableSpec, tables
from pipeline.schema.values import SUITE_RULES

__all__ = ["SUITE_RULES", "Column", "TableSpec", "Tables", "tables"]
