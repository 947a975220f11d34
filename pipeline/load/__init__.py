"""Load: staged transform tables → the DuckDB marts, published whole."""

from pipeline.load.mart import building_mart, loaded_documents, read_mart, table_counts
from pipeline.load.stage import load_staged

__all__ = ["building_mart", "load_staged", "loaded_documents", "read_mart", "table_counts"]
