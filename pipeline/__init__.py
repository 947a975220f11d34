"""yesan: Korean public budget documents (예산서, 사업설명서) to reconciled DuckDB marts.

The package is a library first; ``pipeline.cli`` is a thin click layer over the
orchestrator, ``pipeline.run``. Stages: ``extract`` (file → document model → recognised
values), ``transform`` (printed strings → integer 원, trees, formulas), ``load`` (staged
Parquet → DuckDB marts), ``checks`` (reconciliation rules and Great Expectations suites)
and ``report``; all read budget text through ``pipeline.budget``. docs/ARCHITECTURE.md
draws them.
"""

__version__ = "0.1.0"
