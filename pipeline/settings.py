"""Settings of a pipeline run, validated on creation.

Every field has a default and a ``help`` text; the CLI builds its options from them
and a test checks that the README documents each one.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

EXECUTORS = ("local", "dask")  # where readers run: pipeline.extract.executors


@dataclass(frozen=True)
class PipelineSettings:
    """Where a run reads its documents and writes its outputs."""

    raw_dir: Path = field(
        default=Path("raw"), metadata={"help": "folder of input documents (HWP, HWPX, PDF, text)"}
    )
    staged_dir: Path = field(
        default=Path("staged"), metadata={"help": "folder of Parquet written by extract/transform"}
    )
    mart_path: Path = field(
        default=Path("marts/budget.duckdb"), metadata={"help": "the DuckDB file of the marts"}
    )
    expectations_dir: Path = field(
        default=Path("expectations"), metadata={"help": "GX suites and accepted_findings.yaml"}
    )
    memory_limit_mib: int = field(
        default=1536,
        metadata={"help": "memory a document's reader may take (MiB) before it is quarantined"},
    )
    time_limit_s: float = field(
        default=60.0,
        metadata={"help": "seconds a document's reader may take before it is quarantined"},
    )
    jobs: int = field(
        default=0,
        metadata={
            "help": "readers working at once, over documents and page ranges (0: one per core)"
        },
    )
    executor: str = field(
        default="local",
        metadata={"help": "where readers run: local (processes) or dask (pip install yesan[dask])"},
    )
    scheduler: str = field(
        default="",
        metadata={"help": "a Dask scheduler's address (empty: a local cluster of --jobs workers)"},
    )

    def __post_init__(self) -> None:
        for f in fields(self):
            kind: Callable[[Any], Any] = type(f.default)
            object.__setattr__(self, f.name, kind(getattr(self, f.name)))
        if self.mart_path.suffix != ".duckdb":
            raise ValueError(f"mart_path must end in .duckdb, got {self.mart_path}")
        if self.executor not in EXECUTORS:
            raise ValueError(
                f"executor must be one of {', '.join(EXECUTORS)}, not {self.executor!r}"
            )
        if self.jobs < 0:
            raise ValueError("jobs must be 0 (one per core) or more")
        if self.memory_limit_mib < 64 or self.time_limit_s <= 0:
            raise ValueError("memory_limit_mib must be at least 64 and time_limit_s positive")

    @property
    def workers(self) -> int:
        """``jobs``, with 0 meaning one per core."""
        return self.jobs or os.cpu_count() or 1

    @property
    def lock_path(self) -> Path:
        return self.mart_path.with_name(f".{self.mart_path.stem}.lock")

    @property
    def extract_dir(self) -> Path:
        return self.staged_dir / "extract"

    @property
    def transform_dir(self) -> Path:
        return self.staged_dir / "transform"

    @property
    def accepted_findings_path(self) -> Path:
        return self.expectations_dir / "accepted_findings.yaml"

    @property
    def suites_dir(self) -> Path:
        return self.expectations_dir / "suites"

    @property
    def report_path(self) -> Path:
        return self.mart_path.with_name("check_report.json")

    @property
    def report_html_path(self) -> Path:
        """The reconciliation report; ``report.md`` beside it is its summary."""
        return self.mart_path.with_name("report.html")

    @property
    def docs_dir(self) -> Path:
        """GX Data Docs of the latest check."""
        return self.mart_path.with_name("docs")

    @property
    def report_cache_dir(self) -> Path:
        """Cached page images of the report."""
        return self.mart_path.with_name(".report-cache")
